"""The entry grid in a real browser: type, move with the arrow keys, paste a block from Excel, save, submit, "
"approve."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Page

from nqtrack.observations.models import Observation, Origin
from nqtrack.programmes.models import Indicator, Programme
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What Excel puts on the clipboard for a block of 5 rows × 2 columns (tab between cells, CRLF between rows),
# copied from a sheet in a Vietnamese locale: the structure shares of 2023 and 2024.
BLOCK = "62,8\t63,5\r\n57\t58\r\n14\t13,2\r\n21\t21\r\n2,2\t2,3\r\n"
PASTE = """(args) => {
  const [selector, text] = args;
  const target = document.querySelector(selector);
  target.focus();
  const data = new DataTransfer();
  data.setData("text/plain", text);
  target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def sign_in(page: Page, live_server: object, user: User) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": str(live_server)}]
    )


def value_input(code: str, year: int) -> str:
    return f'td[data-key="{Indicator.objects.get(code=code).pk}-{year}"] input.v'


def test_type_paste_save_submit_and_approve(
    page: Page, live_server: object, figures: Programme, alice: User, bob: User
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, alice)
    page.goto(f"{live_server}/so-lieu/?nhom=1&tu=2022&den=2024")
    assert page.locator("table.entry-grid tbody tr[data-indicator]").count() == 6

    growth = page.locator(value_input("grdp_growth", 2024))
    growth.click()
    growth.fill("13,9")
    growth.press("ArrowDown")  # the arrow keys move between cells, as in Excel
    assert (
        page.evaluate("document.activeElement.closest('tr').dataset.indicator")
        == "share_industry_construction"
    )
    page.keyboard.press("ArrowLeft")  # the whole value is selected: straight to the cell on the left
    assert page.evaluate("document.activeElement.closest('td').dataset.key") == (
        f"{Indicator.objects.get(code='share_industry_construction').pk}-2023"
    )
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.closest('td').dataset.key") == (
        f"{Indicator.objects.get(code='grdp_growth').pk}-2023"
    )
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # visible focus
    growth.click()
    growth.press("F2")  # the panel edits the focused cell's status, source and comment
    page.select_option("#panel-status", "estimate")
    page.fill("#panel-comment", "Ước tính của Cục Thống kê")
    page.press("#panel-comment", "Escape")

    page.evaluate(PASTE, [value_input("share_industry_construction", 2023), BLOCK])
    assert page.locator(value_input("share_agriculture", 2024)).input_value() == "13,2"
    assert page.locator("td.cell-edited").count() == 11
    page.keyboard.press("Enter")  # Enter in a cell saves, as the button does

    page.wait_for_selector("#save-result")
    assert page.locator("#save-result").inner_text().startswith("✓ Đã lưu.")
    assert page.locator("td.cell-changed").count() == 11
    assert page.locator("td.cell-failed").count() == 0
    growth_cell = page.locator(f'td[data-key="{Indicator.objects.get(code="grdp_growth").pk}-2024"]')
    assert "Ước" in growth_cell.inner_text()
    stored = Observation.objects.get(origin=Origin.REPORTED, indicator__code="grdp_growth")
    assert (stored.value_text, stored.status, stored.comment) == (
        "13.9",
        "estimate",
        "Ước tính của Cục Thống kê",
    )
    assert Observation.objects.filter(origin=Origin.REPORTED, review_state="draft").count() == 11
    save_screenshot(page, "grid-saved")

    page.click('tr[data-batch="(1)-2024"] form.step-submit button')
    assert "Đã gửi duyệt 6 số liệu" in page.locator(".obs-messages").inner_text()
    assert page.locator('tr[data-batch="(1)-2024"] td.state').inner_text() == "Chờ duyệt"

    sign_in(page, live_server, bob)
    page.goto(f"{live_server}/so-lieu/?nhom=1&tu=2022&den=2024")
    page.click('tr[data-batch="(1)-2024"] form.step-approve button')
    assert "Đã duyệt 6 số liệu" in page.locator(".obs-messages").inner_text()
    assert page.locator('tr[data-batch="(1)-2024"] td.state').inner_text() == "Đã duyệt (đã khoá)"
    assert page.locator(value_input("grdp_growth", 2024)).get_attribute("readonly") == ""
    assert Observation.objects.filter(origin=Origin.REPORTED, year=2024, review_state="approved").count() == 6
    assert page.console_errors == []  # type: ignore[attr-defined]
    save_screenshot(page, "grid-approved")


def test_the_grid_reads_on_a_phone(page: Page, live_server: object, figures: Programme, alice: User) -> None:
    sign_in(page, live_server, alice)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/so-lieu/?nhom=12")
    # the table scrolls inside its box; the page itself never scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []  # type: ignore[attr-defined]
    save_screenshot(page, "grid-phone")

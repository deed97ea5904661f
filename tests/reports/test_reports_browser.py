"""The report pages in a real browser: ask for a report on a phone, watch a slow one finish."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import Page, expect

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.programmes.models import Programme
from nqtrack.reports.models import Report, ReportState
from tests.conftest import save_screenshot
from tests.grants import grant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, live_server: Any) -> None:
    user = grant(
        get_user_model().objects.create_user(username="alice"), Role.PROGRAMME_MANAGER, ScopeSelection()
    )
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_report_is_asked_for_on_a_phone(page: Page, live_server: Any, loaded: Programme) -> None:
    _sign_in(page, live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/bao-cao/")
    page.get_by_label("Loại báo cáo").select_option("so-ket")
    page.get_by_label("Số liệu đến ngày").fill("2025-12-31")
    page.get_by_label("Word (DOCX)").check()
    save_screenshot(page, "reports-form-phone")
    page.get_by_role("button", name="Tạo báo cáo").click()
    expect(page.locator("#tien-do .state")).to_have_text("✔ Hoàn thành")
    link = page.get_by_role("link", name="Tải về bao-cao-so-ket-2022-2025-bac-giang-11-nqtw.docx")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "bao-cao-so-ket-2022-2025-bac-giang-11-nqtw.docx"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []  # type: ignore[attr-defined]
    save_screenshot(page, "reports-done-phone")


def test_the_progress_of_a_slow_report_updates_by_itself(
    page: Page, live_server: Any, programme: Programme
) -> None:
    _sign_in(page, live_server)
    report = Report.objects.create(
        programme=programme, kind="so-ket", first_year=2022, last_year=2025, as_of="2025-12-31", format="pdf",
        state=ReportState.RUNNING, progress=70, step="Đang chuyển sang PDF (LibreOffice)",
    )  # fmt: skip
    page.goto(f"{live_server.url}/bao-cao/{report.pk}/")
    expect(page.locator("#tien-do progress")).to_have_attribute("value", "70")
    save_screenshot(page, "reports-progress")
    # A worker finishes the report: the page shows it without being reloaded.
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.DONE, progress=100, step="", filename="bao-cao.pdf", content=b"%PDF-1.7", size=8
    )
    expect(page.get_by_role("link", name="Tải về bao-cao.pdf")).to_be_visible(timeout=10_000)
    assert page.console_errors == []  # type: ignore[attr-defined]

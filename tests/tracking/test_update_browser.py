"""A district officer posts the plan with its evidence file, in a real browser on a phone-sized screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Page
from pytest_django.fixtures import Settings

from nqtrack.tracking.models import ProgressUpdate
from tests.conftest import save_screenshot
from tests.tracking.conftest import item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def sign_in(page: Page, user: User, base_url: str) -> None:
    """Open a session for ``user`` and hand its cookie to the browser."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])


def test_a_district_posts_its_plan_with_evidence(
    page: Page, live_server: object, alice: User, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    scan = tmp_path / "ke-hoach-45-KH-HU.pdf"
    scan.write_bytes(PDF)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, alice, str(live_server))
    page.goto(f"{live_server}/nhiem-vu/IV.2-215/")
    assert page.locator("h1 .tstatus").inner_text() == "○ Chưa báo cáo"  # past its due, nothing reported

    page.get_by_label("Nội dung đã thực hiện").fill("Ban Thường vụ Huyện ủy đã ban hành Kế hoạch triển khai.")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("100")
    page.get_by_label("Đã hoàn thành nhiệm vụ").check()
    page.get_by_label("Văn bản ghi nhận").fill("Kế hoạch số 45-KH/HU ngày 20/9/2022")
    page.get_by_label("Cơ quan ban hành").fill("Huyện ủy Yên Thế")
    page.get_by_label("Tệp minh chứng").set_input_files(str(scan))
    page.get_by_label("Đường dẫn minh chứng (mỗi dòng một đường dẫn)").fill("https://bacgiang.dcs.vn/kh-45")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url(f"{live_server}/nhiem-vu/IV.2-215/")

    assert page.get_by_role("status").inner_text() == "Đã gửi báo cáo tiến độ."
    assert page.locator("h1 .tstatus").inner_text() == "✔ Hoàn thành"
    evidence = page.locator("article.update ul.evidence a")
    assert evidence.all_inner_texts() == ["ke-hoach-45-KH-HU.pdf", "https://bacgiang.dcs.vn/kh-45"]
    with page.expect_download() as download:
        evidence.first.click()
    assert Path(download.value.path()).read_bytes() == PDF

    update = ProgressUpdate.objects.get()
    assert (update.item.code, update.organisation.code, update.percent, update.completes) == (
        "IV.2-215",
        "yen_the_district_party_committee",
        100,
        True,
    )
    assert update.document is not None
    assert update.document.citation == "Kế hoạch số 45-KH/HU ngày 20/9/2022"
    assert item("IV.2-215").status == "done"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []  # type: ignore[attr-defined]
    save_screenshot(page, "tracking-update-phone")

"""The tracking pages: task list with filters (refreshing statuses on every load), board, task page,
posting through the form, "my organisation", the register and key projects."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from nqtrack.programmes.models import Programme
from nqtrack.tracking.models import (
    DocumentLink,
    Evidence,
    ProgressUpdate,
    ProjectTracking,
    RegisteredDocument,
)
from tests.tracking.conftest import item

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def rows(html: str) -> list[str]:
    return re.findall(r'<tr data-item="([^"]+)"', html)


def status_of(html: str, code: str) -> str:
    match = re.search(rf'<tr data-item="{re.escape(code)}".*?data-status="([a-z_]+)"', html, re.S)
    assert match is not None, code
    return match.group(1)


def on(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(day).replace(hour=9, tzinfo=HANOI), tick=False)


def page_on(client: Client, user: User, day: str, url: str) -> str:
    """The page as ``user`` saw it on ``day`` (signed in that day: sessions expire after an hour)."""
    with on(day):
        client.force_login(user)
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_page_needs_a_signed_in_user(client: Client, tracked: Programme) -> None:
    for url in (
        "/nhiem-vu/",
        "/nhiem-vu/bang/",
        "/nhiem-vu/IV.2/",
        "/nhiem-vu/don-vi-cua-toi/",
        "/nhiem-vu/van-ban/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/tai-khoan/" in response["Location"]


def test_the_task_list_never_calls_a_plan_late_for_want_of_a_report(client: Client, alice: User) -> None:
    html = page_on(client, alice, "2022-09-30", "/nhiem-vu/")
    assert status_of(html, "IV.2-215") == "not_reported"
    assert status_of(html, "III.1.1") == "not_reported"  # no report yet, none due either
    html = page_on(client, alice, "2022-10-01", "/nhiem-vu/")
    assert status_of(html, "IV.2-215") == "not_reported"  # past its due, but nothing says it is not done
    assert status_of(html, "IV.2") == "not_reported"
    assert "○ Chưa báo cáo" in html  # an icon and words, never colour alone
    assert "Quá hạn" not in html
    html = page_on(client, alice, "2023-01-01", "/nhiem-vu/")
    assert status_of(html, "III.1.1") == "not_reported"
    assert str(item("III.1.1").status_on) == "2023-01-01"


def test_the_task_list_shows_everything_in_order_with_the_tiles(client: Client, alice: User) -> None:
    html = page_on(client, alice, "2022-09-10", "/nhiem-vu/")
    codes = rows(html)
    assert len(codes) == 33 + 6 + 10
    assert codes[33:36] == ["IV.1", "IV.2", "IV.2-213"]  # sub-tasks right after their parent
    tiles = dict(re.findall(r'data-tile="(\w+)"><span class="n">(\d+)</span>', html))
    # 48 units of work: 33 tasks, IV.1, IV.3-IV.6 and the ten district plans; all ten plans due in 9/2022
    assert tiles == {"done": "0", "late": "0", "not_reported": "48", "due_this_month": "10", "total": "48"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nhom=2", ["III.2.1", "III.2.2", "III.2.3", "III.2.4", "III.2.5"]),
        ("nhom=IV&trang_thai=late", []),  # nothing reported: nothing is known to be late
        ("don_vi=provincial_propaganda_department", ["IV.4"]),
        ("don_vi=yen_the_district_party_committee", ["IV.2-215"]),
        ("han=2022-09", ["IV.2"] + [f"IV.2-{c}" for c in ["213", *map(str, range(215, 224))]]),
        ("han=2022-10", []),
        ("trang_thai=done", []),
    ],
)
def test_the_task_list_filters(client: Client, alice: User, query: str, expected: list[str]) -> None:
    html = page_on(client, alice, "2022-10-05", f"/nhiem-vu/?{query}")
    assert rows(html) == expected


def test_a_bad_due_filter_says_how_to_write_it(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.get("/nhiem-vu/?han=9/2022")
    assert response.status_code == 400
    assert "Hạn “9/2022” không đúng dạng: ghi năm (2025), tháng (2022-09) hoặc ngày (2022-09-30)." in (
        response.content.decode()
    )
    assert rows(response.content.decode()) == []


def test_the_board_has_a_column_per_status(client: Client, alice: User) -> None:
    html = page_on(client, alice, "2022-10-05", "/nhiem-vu/bang/")
    columns = re.findall(r'<section data-column="(\w+)"', html)
    assert columns == ["not_reported", "on_schedule", "late", "done", "done_late"]
    unreported = re.search(r'<section data-column="not_reported".*?</section>', html, re.S)
    assert unreported is not None
    assert unreported.group(0).count("<li>") == 49  # nothing reported (parents and sub-tasks): none late
    late = re.search(r'<section data-column="late".*?</section>', html, re.S)
    assert late is not None
    assert late.group(0).count("<li>") == 0


def test_the_task_page_shows_organisations_sub_tasks_documents_and_projects(
    client: Client, alice: User
) -> None:
    client.force_login(alice)
    html = client.get("/nhiem-vu/IV.2/").content.decode()
    assert '<dd data-role="lead">Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy</dd>' in html
    assert len(rows(html)) == 10
    assert "Gửi báo cáo tiến độ" not in html  # Alice works for Yên Thế, not for the collective
    html = client.get("/nhiem-vu/III.2.4/").content.decode()
    assert '<dd data-role="cooperating">UBND tỉnh</dd>' in html
    assert "Kế hoạch số 51-KH/TU ngày 05/4/2022 — Ban Thường vụ Tỉnh ủy" in html
    html = client.get("/nhiem-vu/III.2.5/").content.decode()
    assert html.count("/nhiem-vu/cong-trinh/") >= 16
    assert client.get("/nhiem-vu/IV.9/").status_code == 404


def test_posting_through_the_form_with_a_file(client: Client, alice: User, media: Path) -> None:
    with on("2022-09-25"):
        client.force_login(alice)
        response = client.post(
            "/nhiem-vu/IV.2-215/bao-cao/",
            {
                "narrative": "Đã ban hành kế hoạch.",
                "percent": "100",
                "completes": "on",
                "document": "Kế hoạch số 45-KH/HU ngày 20/9/2022",
                "issuer": "Huyện ủy Yên Thế",
                "links": "https://bacgiang.dcs.vn/a\nhttps://bacgiang.dcs.vn/b",
                "evidence": [SimpleUploadedFile("kh45.pdf", PDF, "application/pdf")],
            },
        )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert sorted(update.evidence.values_list("name", "url")) == [
        ("", "https://bacgiang.dcs.vn/a"),
        ("", "https://bacgiang.dcs.vn/b"),
        ("kh45.pdf", ""),
    ]
    client.force_login(alice)
    html = client.get("/nhiem-vu/IV.2-215/").content.decode()
    assert "Kế hoạch số 45-KH/HU ngày 20/9/2022 — Huyện ủy Yên Thế" in html
    evidence = Evidence.objects.exclude(file="").get()
    download = client.get(f"/nhiem-vu/minh-chung/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]


def test_a_forbidden_file_through_the_form_shows_the_message_and_saves_nothing(
    client: Client, alice: User, media: Path
) -> None:
    client.force_login(alice)
    response = client.post(
        "/nhiem-vu/IV.2-215/bao-cao/",
        {"narrative": "x", "evidence": [SimpleUploadedFile("kh45.exe", b"MZ", "application/octet-stream")]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tệp “kh45.exe”: loại tệp không được nhận" in html
    assert (ProgressUpdate.objects.count(), Evidence.objects.count(), RegisteredDocument.objects.count()) == (
        0,
        0,
        10,
    )
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_posting_for_another_organisation_through_the_form_is_forbidden(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.post("/nhiem-vu/IV.2-216/bao-cao/", {"narrative": "Đã ban hành kế hoạch."})
    assert response.status_code == 403
    assert ProgressUpdate.objects.count() == 0
    assert DocumentLink.objects.count() == 10


def test_my_organisation_lists_what_is_due_late_and_waiting(client: Client, alice: User) -> None:
    html = page_on(client, alice, "2022-09-10", "/nhiem-vu/don-vi-cua-toi/")
    due = re.search(r'<ul data-list="due">(.*?)</ul>', html, re.S)
    assert due is not None
    assert re.findall(r"/nhiem-vu/([^/]+)/", due.group(1)) == ["IV.2-215"]
    with on("2022-10-02"):
        client.force_login(alice)
        client.post(
            "/nhiem-vu/IV.2-215/bao-cao/", {"narrative": "Đang xin ý kiến dự thảo kế hoạch.", "percent": "60"}
        )
        html = client.get("/nhiem-vu/don-vi-cua-toi/").content.decode()
    late = re.search(r'<ul data-list="late">(.*?)</ul>', html, re.S)
    waiting = re.search(r'<ul data-list="waiting">(.*?)</ul>', html, re.S)
    assert late is not None
    assert re.findall(r"/nhiem-vu/([^/]+)/", late.group(1)) == ["IV.2-215"]
    assert waiting is not None
    assert re.findall(r"/nhiem-vu/([^/]+)/", waiting.group(1)) == ["IV.2-215"]


def test_the_register_lists_documents_with_the_tasks_they_link_to(client: Client, alice: User) -> None:
    client.force_login(alice)
    html = client.get("/nhiem-vu/van-ban/?q=51-KH").content.decode()
    assert re.findall(r'<tr data-document="([^"]+)"', html) == ["51-KH/TU"]
    assert '<a href="/nhiem-vu/III.2.4/">III.2.4</a> <span class="meta">(Được dẫn chiếu)</span>' in html
    assert (
        client.post("/nhiem-vu/van-ban/", {"document": "x", "issuer": "y", "relation": "assigns"}).status_code
        == 403
    )


def test_key_projects_page_and_a_project_update(client: Client, alice: User, charlie: User) -> None:
    client.force_login(alice)
    html = client.get("/nhiem-vu/cong-trinh/").content.decode()
    assert html.count("<tr data-project=") == 26
    project = ProjectTracking.objects.get(key_project__code="tho_ha_relic_dossier")
    assert "Huyện Việt Yên" in client.get(f"/nhiem-vu/cong-trinh/{project.pk}/").content.decode()
    client.force_login(charlie)
    response = client.post(f"/nhiem-vu/cong-trinh/{project.pk}/", {"form": "project", "status": "completed"})
    assert response.status_code == 403
    assert ProjectTracking.objects.get(pk=project.pk).status == "unknown"  # nobody said anything yet

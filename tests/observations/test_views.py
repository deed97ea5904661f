"""The figures pages: sign-in required, the grid saves cell by cell, review, upload with a check, export,
audit."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from nqtrack.observations.models import AuditEntry, Observation, Origin
from nqtrack.programmes.models import Indicator, Programme
from tests.observations.conftest import state

pytestmark = pytest.mark.django_db
HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"


@pytest.fixture(autouse=True)
def imports_dir(tmp_path: Path) -> Iterator[None]:
    with override_settings(NQTRACK_IMPORT_DIR=tmp_path / "imports"):
        yield


def cell(html: str, key: str) -> str:
    match = re.search(rf'<td class="([^"]*)" data-key="{key}".*?</td>', html, re.S)
    assert match is not None
    return match.group(0)


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize(
    "path", ["/so-lieu/", "/so-lieu/nhap-tep/", "/so-lieu/xuat/", "/so-lieu/lich-su/", "/so-lieu/mau.xlsx"]
)
def test_every_page_needs_a_signed_in_user(figures: Programme, client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_the_grid_saves_edited_cells_and_marks_each_one(
    figures: Programme, alice: User, client: Client
) -> None:
    client.force_login(alice)
    forest = Indicator.objects.get(code="forest_cover")
    urban = Indicator.objects.get(code="urbanisation_rate")
    data = {
        f"v-{forest.pk}-2024": "38,1",
        f"s-{forest.pk}-2024": "preliminary",
        f"src-{forest.pk}-2024": "Cục Thống kê",
        f"n-{forest.pk}-2024": "",
        f"ver-{forest.pk}-2024": "0",
        f"v-{urban.pk}-2024": "1.234,5",
        f"s-{urban.pk}-2024": "official",
        f"src-{urban.pk}-2024": "",
        f"n-{urban.pk}-2024": "",
        f"ver-{urban.pk}-2024": "0",
    }
    response = client.post("/so-lieu/?tu=2023&den=2025", data)
    page = response.content.decode()
    assert response.status_code == 200
    saved = cell(page, f"{forest.pk}-2024")
    assert "cell-changed" in saved
    assert text(saved).endswith("Sơ bộ ✓ Đã lưu: Thêm")
    failed = cell(page, f"{urban.pk}-2024")
    assert "cell-failed" in failed
    assert 'value="1.234,5"' in failed
    assert "✗ Không lưu: Giá trị 1.234,5 lớn hơn mức cao nhất cho phép (100) của “Tỷ lệ đô thị hóa”." in text(
        failed
    )
    assert "1 ô không lưu được" in text(page)
    obs = Observation.objects.get(origin=Origin.REPORTED)
    assert (obs.indicator, obs.value_text, obs.status, obs.source_document, obs.created_by) == (
        forest,
        "38.1",
        "preliminary",
        "Cục Thống kê",
        alice,
    )
    assert AuditEntry.objects.get(observation_id=obs.pk).channel == "web"


def test_a_cell_changed_under_the_user_is_not_overwritten(
    figures: Programme, alice: User, carol: User
) -> None:
    forest = Indicator.objects.get(code="forest_cover")
    key = f"{forest.pk}-2024"
    first, second = Client(), Client()
    first.force_login(carol)
    second.force_login(alice)
    base = {f"s-{key}": "official", f"src-{key}": "", f"n-{key}": "", f"ver-{key}": "0"}
    first.post("/so-lieu/", {**base, f"v-{key}": "38,2"})
    before = state()
    page = second.post("/so-lieu/", {**base, f"v-{key}": "38,3"}).content.decode()
    assert "Ô này vừa được carol sửa lúc" in text(cell(page, key))
    assert 'value="38,3"' in cell(page, key)
    assert state() == before


def test_review_from_the_page(figures: Programme, alice: User, bob: User, client: Client) -> None:
    forest = Indicator.objects.get(code="forest_cover")
    client.force_login(alice)
    key = f"{forest.pk}-2024"
    client.post(
        "/so-lieu/",
        {f"v-{key}": "38,1", f"s-{key}": "official", f"src-{key}": "", f"n-{key}": "", f"ver-{key}": "0"},
    )
    step = {
        "programme": figures.code,
        "don_vi": "24",
        "nam": "2024",
        "nhom": "12",
        "next": "/so-lieu/?nhom=12",
    }
    response = client.post("/so-lieu/duyet/", {**step, "buoc": "submit"})
    assert (response.status_code, response["Location"]) == (302, "/so-lieu/?nhom=12")
    denied = client.post("/so-lieu/duyet/", {**step, "buoc": "approve"}, follow=True)
    assert "✗ Bạn không có quyền duyệt số liệu." in text(denied.content.decode())
    assert Observation.objects.get(origin=Origin.REPORTED).review_state == "submitted"
    client.force_login(bob)
    page = client.get("/so-lieu/?nhom=12").content.decode()
    assert 'name="buoc" value="approve"' in page
    client.post("/so-lieu/duyet/", {**step, "buoc": "approve"})
    assert Observation.objects.get(origin=Origin.REPORTED).review_state == "approved"
    locked = cell(client.get("/so-lieu/?nhom=12").content.decode(), key)
    assert "readonly" in locked
    assert "Đã duyệt, đang khoá" in text(locked)


def test_upload_shows_every_row_then_writes_on_confirmation(
    figures: Programme, alice: User, client: Client
) -> None:
    client.force_login(alice)
    data = (
        HEADER
        + 'forest_cover,,24,,2024,"38,1",%,Chính thức,,\r\nforest_cover,,24,,2023,37.8,%,Chính thức,,\r\n'
    ).encode()
    checked = client.post("/so-lieu/nhap-tep/", {"tep": SimpleUploadedFile("so-lieu.csv", data)})
    page = checked.content.decode()
    assert checked.status_code == 200
    assert (
        "so-lieu.csv (CSV theo mẫu nqtrack): kiểm tra xong, chưa ghi gì. Sẽ thêm 1, sửa 0, xoá 0; "
        "giữ nguyên 1" in text(page)
    )
    assert Observation.objects.filter(origin=Origin.REPORTED).count() == 0
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page)
    assert token is not None
    done = client.post("/so-lieu/nhap-tep/", {"token": token.group(1), "xac_nhan": "1"})
    assert "so-lieu.csv (CSV theo mẫu nqtrack): đã thêm 1" in text(done.content.decode())
    assert Observation.objects.filter(origin=Origin.REPORTED).count() == 1
    gone = client.post("/so-lieu/nhap-tep/", {"token": token.group(1), "xac_nhan": "1"})
    assert gone.status_code == 400
    assert Observation.objects.filter(origin=Origin.REPORTED).count() == 1


def test_a_bad_upload_lists_rows_and_offers_no_confirmation(
    figures: Programme, alice: User, client: Client
) -> None:
    client.force_login(alice)
    before = state()
    response = client.post(
        "/so-lieu/nhap-tep/",
        {"tep": SimpleUploadedFile("x.csv", (HEADER + "forest_cover,,24,,2024,x,,,,\r\n").encode())},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "dòng 2, cột 'Giá trị': 'x' không phải là số" in text(page)
    assert 'name="xac_nhan"' not in page
    wrong = client.post("/so-lieu/nhap-tep/", {"tep": SimpleUploadedFile("x.xlsx", b"%PDF-1.4")})
    assert "✗ Tệp 'x.xlsx' là tệp PDF, không phải tệp số liệu." in text(wrong.content.decode())
    assert state() == before


def test_export_and_audit_pages(figures: Programme, alice: User, client: Client) -> None:
    client.force_login(alice)
    response = client.get("/so-lieu/xuat/?dinh_dang=csv&tu=2023&den=2023&nhom=12")
    assert response["Content-Disposition"] == f'attachment; filename="so-lieu-{figures.code}.csv"'
    assert (
        response.content.decode()
        .splitlines()[1]
        .startswith("forest_cover,Tỷ lệ che phủ rừng,24,Tỉnh Bắc Giang,2023,37.8")
    )
    page = client.get("/so-lieu/lich-su/?don_vi=24&chi_tieu=forest_cover&ky=2023").content.decode()
    assert "cli:" in page
    assert "Thêm" in text(page)

"""The free texts of figures are bounded: a comment, a source, a review reason; whatever the channel (the
grid, a file, DHIS2) a longer text refuses its row with a message naming the limit, never a 500, and
nothing is written (issue "No leaks, no crashes")."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import translation

from nqtrack.observations.entries import observations_save_cells
from nqtrack.observations.models import Channel, Observation, Origin, YearClosure
from nqtrack.observations.review import Batch, ReviewRefused, review_return, review_submit, year_close
from nqtrack.observations.rows import EntryRow
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme
from tests.observations.conftest import state
from tests.observations.dhis2_payloads import send

pytestmark = pytest.mark.django_db

HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"
COMMENT_120_KB = "g" * 120 * 1024  # 122 880 characters


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    """The messages of these tests are the Vietnamese ones, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def imports_dir(tmp_path: Path) -> Iterator[None]:
    with override_settings(NQTRACK_IMPORT_DIR=tmp_path / "imports"):
        yield


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def cell(page: str, key: str) -> str:
    match = re.search(rf'<td class="([^"]*)" data-key="{key}".*?</td>', page, re.S)
    assert match is not None
    return match.group(0)


def grid_post(client: Client, key: str, *, value: str, source: str = "", comment: str = "") -> str:
    data = {
        f"v-{key}": value,
        f"s-{key}": "official",
        f"src-{key}": source,
        f"n-{key}": comment,
        f"ver-{key}": "0",
    }
    response = client.post("/so-lieu/?tu=2023&den=2025", data)
    assert response.status_code == 200
    return response.content.decode()


def test_a_120_kb_comment_in_the_grid_fails_its_cell_and_saves_nothing(
    figures: Programme, alice: User, client: Client
) -> None:
    client.force_login(alice)
    key = f"{Indicator.objects.get(code='forest_cover').pk}-2024"
    before = state()
    page = grid_post(client, key, value="38,1", comment=COMMENT_120_KB)
    failed = cell(page, key)
    assert "cell-failed" in failed
    assert "✗ Không lưu: ghi chú dài 122.880 ký tự, vượt giới hạn 2.000 ký tự" in text(failed)
    assert state() == before


def test_a_comment_of_exactly_the_limit_is_saved(figures: Programme, alice: User, client: Client) -> None:
    client.force_login(alice)
    forest = Indicator.objects.get(code="forest_cover")
    page = grid_post(client, f"{forest.pk}-2024", value="38,1", comment="c" * 2_000)
    assert "✓ Đã lưu: Thêm" in text(cell(page, f"{forest.pk}-2024"))
    assert len(Observation.objects.get(origin=Origin.REPORTED, indicator=forest).comment) == 2_000


def test_a_long_source_in_the_grid_fails_its_cell(figures: Programme, alice: User, client: Client) -> None:
    client.force_login(alice)
    key = f"{Indicator.objects.get(code='forest_cover').pk}-2024"
    before = state()
    page = grid_post(client, key, value="38,1", source="Cục Thống kê " * 30)
    assert "✗ Không lưu: nguồn dài 389 ký tự, vượt giới hạn 300 ký tự" in text(cell(page, key))
    assert state() == before


def test_a_file_with_a_long_comment_or_source_is_refused_with_the_row_and_column(
    figures: Programme, alice: User, client: Client
) -> None:
    client.force_login(alice)
    before = state()
    address = "https://thongke.bacgiang.gov.vn/" + "a" * 970  # 1 002 characters
    rows = (
        f'forest_cover,,24,,2024,"38,1",%,Chính thức,,{"g" * 3_000}\r\n'
        f'forest_cover,,24,,2023,"37,9",%,Chính thức,{address},\r\n'
        f'urbanisation_rate,,24,,2024,"33,5",%,Chính thức,{address[:632]},\r\n'
    )
    response = client.post(
        "/so-lieu/nhap-tep/", {"tep": SimpleUploadedFile("so-lieu.csv", (HEADER + rows).encode())}
    )
    page = text(response.content.decode())
    assert response.status_code == 400
    assert "dòng 2, cột 'Ghi chú': ghi chú dài 3.000 ký tự, vượt giới hạn 2.000 ký tự" in page
    assert "dòng 3, cột 'Nguồn': nguồn dài 1.002 ký tự, vượt giới hạn 1.000 ký tự" in page
    assert "dòng 4, cột" not in page  # a 632-character address fits
    assert 'name="xac_nhan"' not in response.content.decode()
    assert state() == before


def test_a_dhis2_value_with_a_long_comment_is_a_conflict(coded: Programme, alice: User) -> None:
    document = {
        "dataValues": [
            {
                "dataElement": "f7n9E0hX8qk",
                "period": "2024",
                "orgUnit": "DiszpKrYNg8",
                "value": "38",
                "comment": "k" * 2_001,
            },
        ]
    }
    before = state()
    result = send(coded, alice, document)
    assert [
        (c["errorCode"], c["property"], c["value"], c["indexes"]) for c in result.summary["conflicts"]
    ] == [("E7620", "comment", "ghi chú dài 2.001 ký tự, vượt giới hạn 2.000 ký tự", [0])]
    assert state() == before


def _draft_batch(programme: Programme, user: User) -> Batch:
    forest = Indicator.objects.select_related("group").get(code="forest_cover")
    row = EntryRow(
        row=1, indicator="forest_cover", unit="24", period="2024", value=Decimal("38.1"), value_text="38.1"
    )
    observations_save_cells(user=user, programme=programme, rows=[row], channel=Channel.WEB)
    unit = unit_for_period(code="24", year=2024)
    assert unit is not None
    return Batch(programme=programme, unit=unit, year=2024, group=forest.group)


def test_a_review_reason_is_bounded(figures: Programme, alice: User, bob: User) -> None:
    batch = _draft_batch(figures, alice)
    review_submit(user=alice, batch=batch, channel=Channel.WEB)
    before = state()
    with pytest.raises(ReviewRefused) as caught:
        review_return(user=bob, batch=batch, reason="Thiếu nguồn. " * 200, channel=Channel.WEB)
    assert str(caught.value) == "Lý do dài 2.599 ký tự, vượt giới hạn 2.000 ký tự."
    assert state() == before
    with pytest.raises(ReviewRefused) as caught:
        year_close(user=bob, programme=figures, year=2024, channel=Channel.WEB, reason="r" * 2_001)
    assert str(caught.value) == "Lý do dài 2.001 ký tự, vượt giới hạn 2.000 ký tự."
    assert (state(), YearClosure.objects.count()) == (before, 0)

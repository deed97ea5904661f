"""The programme overview at `/`: the 12 groups, each target, its latest value or 'chưa có số liệu'."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


def target_cell(html: str, code: str) -> str:
    match = re.search(rf'<tr data-target="{re.escape(code)}">(.*?)</tr>', html, re.S)
    assert match is not None, code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def test_it_shows_every_group_and_target_with_its_latest_value(client: Client, programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert [int(n) for n in re.findall(r'<section class="group" id="nhom-(\d+)">', html)] == list(
        range(1, 13)
    )
    assert html.count("<tr data-target=") == 29
    forest = Target.objects.get(source_text="Tỷ lệ che phủ rừng đạt 37%")
    assert target_cell(html, forest.code) == (
        "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 37,8 năm 2023 · chính thức · nguồn"
    )
    gdp = Target.objects.get(indicator__code="grdp_current_prices")
    # 2024: 207.000 (01/2025, unstated status) replaces the 209.150 estimate; thousands dot
    assert "207.000 năm 2024 · không rõ" in target_cell(html, gdp.code)
    beds = Target.objects.get(source_text__startswith="Đạt 40 giường bệnh")
    assert target_cell(html, beds.code).endswith("chưa có số liệu")


def test_without_a_programme_it_says_how_to_load_one(client: Client, db: None) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "nqtrack bootstrap" in response.content.decode()


def test_the_target_page_lists_every_value_with_status_and_source(
    client: Client, programme: Programme
) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    growth = Target.objects.get(indicator__code="grdp_growth")
    html = client.get(f"/chi-tieu/{growth.code}/").content.decode()
    assert html.count("<tr>") == 1 + 14  # header + every grdp_growth row, plans and partial periods included
    for shown in ("2025Q1", "13,87", "13,85"):
        assert shown in html
    assert client.get("/chi-tieu/khong-co/").status_code == 404

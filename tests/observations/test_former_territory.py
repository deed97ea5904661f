"""The programme's territory after the merger: its own series, never the new province's figures."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from nqtrack.assessments.selectors import programme_overview
from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.observations.services import observations_import_file
from nqtrack.observations.territory import (
    former_territory_value,
    other_bearers_q,
    territory_name,
    territory_note,
)
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import former_territory_units
from nqtrack.programmes.models import Indicator, Programme
from nqtrack.programmes.selectors import programme_territory
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS, SEED_STATISTICS_2

pytestmark = pytest.mark.django_db


def _approved(indicator: Indicator, unit: AdminUnit, year: int, value: int) -> Observation:
    return Observation.objects.create(
        indicator=indicator,
        unit=unit,
        period=str(year),
        year=year,
        value=Decimal(value),
        value_text=str(value),
        measure_unit=indicator.unit,
        status="official",
        origin=Origin.REPORTED,
        review_state=ReviewState.APPROVED,
    )


def test_the_seed_programme_covers_bac_giang_in_its_2022_frame(programme: Programme) -> None:
    assert programme.territory_as_of == "2022-10-01"
    territory = programme_territory(programme=programme)
    assert territory is not None
    assert (territory.code, territory.name, territory.valid_to) == ("24", "Tỉnh Bắc Giang", date(2025, 7, 1))
    assert territory_name(programme=programme) == "Bắc Giang (địa bàn cũ)"


def test_the_grdp_growth_is_still_judged_on_bac_giangs_own_years(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    observations_import_file(path=SEED_STATISTICS_2, programme=programme)
    overview = programme_overview(programme=programme)
    rows = {row.target.code: row.assessment for group in overview.groups for row in group.targets}
    grdp = rows["grdp_growth_2021_2030"]
    # (1.0782 × 1.193 × 1.1345 × 1.1385)^(1/4) − 1: the new Bắc Ninh's 10,27 % of 2025 is not Bắc Giang's.
    assert round(grdp.achieved_average or 0, 2) == 13.53
    new_province = AdminUnit.objects.get(code="24", valid_from=date(2025, 7, 1))
    its_figures = Observation.objects.filter(unit=new_province)
    assert its_figures.filter(statistics_key="grdp_growth", period="2025").exists()
    assert set(its_figures.values_list("pk", flat=True)) == set(
        Observation.objects.filter(other_bearers_q(programme=programme)).values_list("pk", flat=True)
    )


def test_the_target_page_and_the_public_page_show_none_of_the_new_provinces_figures(
    client: Client, programme: Programme
) -> None:
    """The values listed on the GRDP growth page are Bắc Giang's (2025: its first half, 14,01 %), never the
    new Bắc Ninh's 2025 growth (10,27 % and 11,5 %), as on the dashboard."""
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    observations_import_file(path=SEED_STATISTICS_2, programme=programme)
    new_province = AdminUnit.objects.get(code="24", valid_from=date(2025, 7, 1))
    theirs = set(
        Observation.objects.filter(unit=new_province, indicator__code="grdp_growth").values_list(
            "pk", flat=True
        )
    )
    assert len(theirs) == 7  # 2025: 10,27 (twice), 11,5, 10,47, plan 11,29; 2026: plans 12,5 and 13
    html = client.get(seed_url("/chi-tieu/grdp_growth_2021_2030/")).content.decode()
    listed = {int(pk) for pk in re.findall(r'<tr data-value="(\d+)">', html)}
    assert listed
    assert not listed & theirs
    assert "10,27" not in html
    assert "11,5" not in html
    public = client.get("/cong-khai/").content.decode()
    assert "10,27" not in public


def test_an_additive_indicator_is_the_sum_of_the_communes_of_the_former_territory(
    programme: Programme,
) -> None:
    households = Indicator.objects.get(programme=programme, code="near_poor_households")
    communes = list(former_territory_units(code="24", on=date(2026, 12, 31), level=UnitLevel.COMMUNE))
    assert len(communes) > 50
    for number, commune in enumerate(communes[:-1], start=1):
        _approved(households, commune, 2026, number)
    incomplete = former_territory_value(programme=programme, indicator=households, year=2026)
    assert (incomplete.value, incomplete.how) == (
        None,
        f"chưa đủ số liệu: thiếu 1 trên {len(communes)} xã, phường thuộc địa bàn cũ",
    )
    _approved(households, communes[-1], 2026, len(communes))
    whole = former_territory_value(programme=programme, indicator=households, year=2026)
    expected = len(communes) * (len(communes) + 1) // 2
    assert (whole.value, whole.how) == (
        Decimal(expected),
        f"tổng của {len(communes)} xã, phường thuộc địa bàn cũ",
    )


def test_a_rate_is_never_an_average_of_the_communes(programme: Programme) -> None:
    rate = Indicator.objects.get(programme=programme, code="near_poor_rate")
    for commune in former_territory_units(code="24", on=date(2026, 12, 31), level=UnitLevel.COMMUNE):
        _approved(rate, commune, 2026, 3)
    value = former_territory_value(programme=programme, indicator=rate, year=2026)
    assert value.value is None
    assert value.how == (
        "tỷ lệ hoặc chỉ số không cộng được: chỉ lấy từ số liệu của cả địa bàn, không lấy trung bình các xã"
    )


def test_the_dashboard_and_the_units_page_say_what_happened_to_the_territory(
    programme: Programme, client: Client
) -> None:
    communes = former_territory_units(code="24", on=date(2025, 7, 1), level=UnitLevel.COMMUNE).count()
    note = (
        "Từ 1/7/2025, Tỉnh Bắc Giang nhập vào Tỉnh Bắc Ninh (từ 1/7/2025) và cấp huyện không còn; "
        f"địa bàn cũ nay gồm {communes} xã, phường. Chương trình theo dõi Bắc Giang (địa bàn cũ): "
        "số liệu đến 30/6/2025 là của Tỉnh Bắc Giang, sau đó là của địa bàn cũ; "
        "số liệu của Tỉnh Bắc Ninh (từ 1/7/2025) không tính vào các chỉ tiêu."
    )
    assert territory_note(programme=programme) == note
    for path in (seed_url("/"), seed_url("/so-sanh-don-vi/")):
        page = client.get(path).content.decode()
        assert f'<p class="territory-note" role="note">{note}</p>' in page, path


def test_a_district_level_target_says_the_level_is_gone(programme: Programme, client: Client) -> None:
    page = client.get(seed_url("/chi-tieu/nrd_districts_2030/")).content.decode()
    assert (
        '<p class="territory-note" role="note">cấp huyện không còn từ 1/7/2025: chỉ tiêu được đánh giá theo '
        "số liệu cuối cùng của cấp huyện</p>"
    ) in page
    other = client.get(seed_url("/chi-tieu/forest_cover_2030/")).content.decode()
    assert "cấp huyện không còn" not in other

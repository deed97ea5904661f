"""The units page lists the territory's units before the merger (Tỉnh Bắc Giang's district-level units in
the programme's 2022 frame, with their communes) and after it (the communes and wards of the new Bắc Ninh
that hold the former territory), in a section computed once and cached like the page's other parts."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import partial

import pytest
from django.test import Client

from nqtrack.assessments.units import unit_comparison
from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.observations.territory import area_units
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import (
    TerritoryUnits,
    former_territory_units,
    territory_units,
    unit_for_period,
    units_valid_on,
)
from nqtrack.programmes.models import Indicator, Programme
from nqtrack.web import views
from nqtrack.web.charts import unit_map_data
from tests.pages import seed_url

pytestmark = pytest.mark.django_db


def _section(html: str) -> str:
    return html.split('<details class="territory-units">', 1)[1].split("</details>", 1)[0]


def _items(section: str, css: str) -> list[str]:
    listing = section.split(f'<ul class="{css}">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", listing)


def test_the_selector_gives_the_2022_districts_and_the_58_communes(programme: Programme) -> None:
    bac_giang = AdminUnit.objects.get(code="24", valid_to=date(2025, 7, 1))
    units = territory_units(territory=bac_giang, frame_day=date(2022, 10, 1))
    assert units is not None
    assert (len(units.districts), units.commune_count_before, len(units.communes)) == (10, 209, 58)


def test_the_units_page_lists_the_units_before_and_after_the_merger(
    client: Client, programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[date] = []
    real = territory_units

    def counted(*, territory: AdminUnit, frame_day: date) -> TerritoryUnits | None:
        calls.append(frame_day)
        return real(territory=territory, frame_day=frame_day)

    monkeypatch.setattr(views, "territory_units", counted)
    html = client.get(seed_url("/so-sanh-don-vi/")).content.decode()
    section = _section(html)
    assert "<summary>Đơn vị hành chính của địa bàn</summary>" in section
    assert (
        "<h2>Đến 30/6/2025: Tỉnh Bắc Giang (danh mục ngày 1/10/2022), 10 đơn vị cấp huyện, 209 xã, phường, "
        "thị trấn</h2>"
    ) in section
    assert "<h2>Từ 1/7/2025: 58 xã, phường của Tỉnh Bắc Ninh thuộc địa bàn cũ</h2>" in section
    before, after = _items(section, "territory-before"), _items(section, "territory-after")
    assert (len(before), len(after)) == (10, 58)
    assert before[:2] == [
        "Thành phố Bắc Giang: 16 xã, phường, thị trấn",
        "Huyện Yên Thế: 19 xã, phường, thị trấn",
    ]
    assert before[-1] == "Huyện Hiệp Hòa: 25 xã, phường, thị trấn"
    assert after[:3] == ["Phường Bắc Giang", "Phường Đa Mai", "Xã Xuân Lương"]
    assert after[-1] == "Xã Xuân Cẩm"
    # The section is a cached part of the page: the next request does not compute it again.
    again = client.get(seed_url("/so-sanh-don-vi/")).content.decode()
    assert _section(again) == section
    assert calls == [date(2022, 10, 1)]


def test_after_the_merger_the_comparison_and_the_map_keep_to_the_former_territory(
    programme: Programme,
) -> None:
    """In 2026 a commune of the old Bắc Ninh and the new province itself have figures too; the comparison
    ranks only the former territory's commune, and the map's other places are the former territory's."""
    households = Indicator.objects.get(programme=programme, code="near_poor_households")
    on = date(2026, 1, 1)
    new_province = AdminUnit.objects.get(code="24", valid_from=date(2025, 7, 1))
    inside = list(former_territory_units(code="24", on=on, level=UnitLevel.COMMUNE).order_by("code"))
    outside = (
        units_valid_on(on=on, under=new_province, level=UnitLevel.COMMUNE)
        .exclude(pk__in=[u.pk for u in inside])
        .order_by("code")
        .first()
    )
    assert outside is not None
    for number, unit in enumerate((inside[0], outside, new_province), start=1):
        Observation.objects.create(
            indicator=households,
            unit=unit,
            period="2026",
            year=2026,
            value=Decimal(100 * number),
            value_text=str(100 * number),
            measure_unit="households",
            status="official",
            origin=Origin.REPORTED,
            review_state=ReviewState.APPROVED,
        )
    comparison = unit_comparison(indicator=households, year=2026)
    assert [(f.unit.code, f.rank) for f in comparison.figures] == [(inside[0].code, 1)]
    area = partial(area_units, programme=programme, year=2026)
    data = unit_map_data(comparison, province=unit_for_period(code="24", year=2026), area=area)
    mapped = {u.code for u in inside[1:] if u.latitude is not None and u.longitude is not None}
    assert len(mapped) == len(inside) - 1  # every commune of the former territory has its centroid
    assert {place.code for place in data.places} == mapped
    assert outside.code not in {place.code for place in data.places}

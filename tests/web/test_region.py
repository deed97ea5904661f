"""The region view: the programme's targets beside the regional targets, and where the province aims lower."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from nqtrack.assessments.region import (
    Comparison,
    RegionFileError,
    compare_ambition,
    region_comparison,
    region_load,
)
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind
from nqtrack.programmes.models import Programme
from tests.pages import seed_url

pytestmark = pytest.mark.django_db


def level(
    comparator: Comparator,
    low: float | None,
    high: float | None = None,
    direction: Direction = Direction.HIGHER,
) -> Target:
    return Target(
        kind=TargetKind.LEVEL,
        comparator=comparator,
        low=low,
        high=high,
        direction=direction,
        year=2030,
        unit="percent",
    )


def test_the_weakest_bounds_decide_who_aims_higher() -> None:
    assert compare_ambition(
        province=level(Comparator.AT_LEAST, 37), region=level(Comparator.AT_LEAST, 55)
    ) == (Comparison.BELOW)
    assert (
        compare_ambition(province=level(Comparator.ABOUT, 55, 60), region=level(Comparator.ABOUT, 40))
        == Comparison.ABOVE
    )
    # 90–95 against 93–95: the weakest bound (90 < 93) decides
    assert (
        compare_ambition(province=level(Comparator.AT_LEAST, 90), region=level(Comparator.RANGE, 93, 95))
        == Comparison.BELOW
    )
    assert compare_ambition(province=level(Comparator.EQUAL, 100), region=level(Comparator.EQUAL, 100)) == (
        Comparison.SAME
    )
    lower = Direction.LOWER
    assert (
        compare_ambition(
            province=level(Comparator.AT_MOST, None, 2, lower),
            region=level(Comparator.AT_MOST, None, 3, lower),
        )
        == Comparison.ABOVE
    )
    change = Target(
        kind=TargetKind.ANNUAL_CHANGE, comparator=Comparator.RANGE, low=1, high=1.5, period=(2021, 2030)
    )
    regional = Target(
        kind=TargetKind.ANNUAL_CHANGE, comparator=Comparator.RANGE, low=2, high=3, period=(2021, 2030)
    )
    assert compare_ambition(province=change, region=regional) == Comparison.BELOW
    assert (
        compare_ambition(province=change, region=level(Comparator.AT_LEAST, 2)) == Comparison.NOT_COMPARABLE
    )


def test_the_shipped_region_file_is_compared_with_the_seed_programme(programme: Programme) -> None:
    rows = region_comparison(programme=programme, region=region_load())
    assert len(rows) == 16
    below = {r.region.indicator_code for r in rows if r.comparison == Comparison.BELOW}
    # forest cover 37 % against 55 %, poverty falling 1–1,5 against 2–3 points a year,
    # rural clean water 90 % against 93–95 %
    assert below == {"forest_cover", "poverty_rate", "clean_water_rural"}
    assert all(r.province is not None for r in rows)
    growth = next(r for r in rows if r.region.indicator_code == "grdp_growth")
    assert (growth.region.target.low, growth.region.target.high, growth.comparison) == (
        8,
        9,
        Comparison.ABOVE,
    )
    assert growth.region.quote == "Trong giai đoạn 2021 - 2030, tăng trưởng GRDP vùng đạt 8,0 - 9,0%/năm"


def test_the_page_notes_where_the_province_aims_lower(client: Client, programme: Programme) -> None:
    html = client.get(seed_url("/vung/")).content.decode()
    rows = dict(re.findall(r'<tr data-indicator="([^"]+)" class="cmp-([a-z_]+)">', html))
    assert len(rows) == 16
    assert sorted(code for code, c in rows.items() if c == "below") == [
        "clean_water_rural",
        "forest_cover",
        "poverty_rate",
    ]
    assert "3 chỉ tiêu của tỉnh thấp hơn mục tiêu của vùng." in html
    forest = re.search(r'<tr data-indicator="forest_cover"[^>]*>(.*?)</tr>', html, re.S)
    assert forest is not None
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", forest.group(1))).strip()
    assert cells.startswith("Tỷ lệ che phủ rừng ≥ 55%")
    assert "≥ 37% Tỷ lệ che phủ rừng đạt 37% ▼ Tỉnh đặt thấp hơn vùng" in cells


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: nqtrack-region/1\nregion: x\nimplements: y\ndocuments: []\ntargets: [1]\n", "targets.0"),
        ("format: other\n", "format"),
        ("a: [", "không phải YAML hợp lệ"),
        (
            "format: nqtrack-region/1\nregion: x\nimplements: y\ndocuments: []\ntargets:\n"
            "  - {indicator: a, document: nope, kind: level, comparator: at_least, low: 1, unit: percent,"
            " year: 2030, quote: q}\n",
            "targets.0.document: không có văn bản 'nope' trong documents",
        ),
    ],
)
def test_a_bad_region_file_is_refused_with_the_place_of_the_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "region.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegionFileError) as caught:
        region_load(path=path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"Tệp chỉ tiêu vùng {path}")


def test_a_missing_region_file_is_shown_on_the_page(
    client: Client, programme: Programme, settings: object, tmp_path: Path
) -> None:
    settings.NQTRACK_REGION_TARGETS = tmp_path / "none.yaml"  # type: ignore[attr-defined]
    html = client.get(seed_url("/vung/")).content.decode()
    assert f"Không đọc được tệp chỉ tiêu vùng {tmp_path / 'none.yaml'}" in html

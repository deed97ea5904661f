"""Units side by side: one indicator and year, ranked within each level, mapped at unit centroids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from nqtrack.assessments.units import unit_comparison
from nqtrack.observations.models import Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Programme
from tests.charts.helpers import PNG_SIGNATURE, layer_rows, layers_by_mark
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS
from tests.web.district_figures import DISTRICT_ROWS, HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def districts(programme: Programme, tmp_path: Path) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    path = tmp_path / "districts.csv"
    path.write_text(HEADER + "\n".join(DISTRICT_ROWS) + "\n", encoding="utf-8")
    observations_import_file(path=path, programme=programme)
    return programme


def test_units_are_ranked_within_their_level_best_first(districts: Programme) -> None:
    poverty = Indicator.objects.get(code="poverty_rate")
    comparison = unit_comparison(indicator=poverty, year=2022)
    assert comparison.higher_is_better is False  # a poverty rate: lower is better
    assert [(f.unit.name, f.observation.value_text, f.rank) for f in comparison.figures] == [
        ("Tỉnh Bắc Giang", "3.86", 1),  # preliminary 3.86 is preferred to the unstated 3.81
        ("Thành phố Bắc Giang", "1.50", 1),
        ("Huyện Yên Dũng", "3.00", 2),
        ("Huyện Lục Ngạn", "4.20", 3),
        ("Huyện Việt Yên", "4.20", 3),  # a tie shares the rank
        ("Huyện Sơn Động", "12.40", 5),
    ]
    # Yên Dũng has no centroid: it is listed but not mapped
    assert [f.unit.code for f in comparison.mapped] == ["213", "219", "222", "220"]


def test_a_figure_sits_on_the_unit_of_its_year(districts: Programme) -> None:
    poverty = Indicator.objects.get(code="poverty_rate")
    (town,) = [f for f in unit_comparison(indicator=poverty, year=2024).figures if f.unit.code == "222"]
    (district,) = [f for f in unit_comparison(indicator=poverty, year=2022).figures if f.unit.code == "222"]
    assert (district.unit.name, town.unit.name) == ("Huyện Việt Yên", "Thị Xã Việt Yên")
    assert district.unit.pk != town.unit.pk


def test_the_page_shows_the_ranking_and_the_map_at_centroids(client: Client, districts: Programme) -> None:
    html = client.get(seed_url("/so-sanh-don-vi/?chi-tieu=poverty_rate&nam=2022")).content.decode()
    rows = re.findall(r'<tr data-unit="([^"]+)">\s*<td>([^<]*)</td>\s*<th scope="row">([^<]*)</th>', html)
    assert [(code, rank, name) for code, rank, name in rows] == [
        ("24", "—", "Tỉnh Bắc Giang"),
        ("213", "1", "Thành phố Bắc Giang"),
        ("221", "2", "Huyện Yên Dũng"),
        ("219", "3", "Huyện Lục Ngạn"),
        ("222", "3", "Huyện Việt Yên"),
        ("220", "5", "Huyện Sơn Động"),
    ]
    assert "3,86" in html
    assert "12,40" in html
    block = re.search(r'<script id="units-map-spec" type="application/json">(.*?)</script>', html, re.S)
    assert block is not None
    spec = json.loads(block.group(1))
    circles = [layer for layer in layers_by_mark(spec)["circle"] if "size" in layer.get("encoding", {})]
    assert len(circles) == 1
    points = {r["code"]: r for r in layer_rows(spec, circles[0])}
    assert sorted(points) == ["213", "219", "220", "222"]
    for code, point in points.items():
        unit = AdminUnit.objects.get(code=code, valid_from__isnull=True)
        assert (point["latitude"], point["longitude"]) == (unit.latitude, unit.longitude)
    assert points["220"]["value"] == 12.4
    assert circles[0]["encoding"]["size"]["scale"]["zero"] is True  # area proportional to the figure
    assert spec["projection"]["type"] == "mercator"


def test_the_map_downloads_as_png(client: Client, districts: Programme) -> None:
    response = client.get(seed_url("/so-sanh-don-vi/ban-do.png?chi-tieu=poverty_rate&nam=2022"))
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert response.content[:8] == PNG_SIGNATURE


def test_an_unknown_indicator_is_reported(client: Client, districts: Programme) -> None:
    before = Observation.objects.count()
    html = client.get(seed_url("/so-sanh-don-vi/?chi-tieu=khong-co&nam=20x")).content.decode()
    problems = re.search(r'<div class="problems" role="alert">(.*?)</div>', html, re.S)
    assert problems is not None
    assert (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", problems.group(1)))
        .strip()
        .startswith("Không có số liệu theo đơn vị cho chỉ tiêu “khong-co”.")
    )
    assert Observation.objects.count() == before

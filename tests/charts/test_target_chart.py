"""The target chart's specification (data and encodings) on the real figures, and its PNG/SVG rendering."""

from __future__ import annotations

import pytest
from django.utils import translation

from nqtrack.assessments.charts import target_chart_data
from nqtrack.assessments.selectors import programme_overview
from nqtrack.charts import TargetBand, TargetChartData, chart_spec, render_png, render_svg, target_chart
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.charts.helpers import PNG_SIGNATURE, layer_rows, layers_by_mark, png_size, svg_size
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(programme: Programme) -> dict[str, object]:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    overview = programme_overview(programme=programme)
    return {row.target.code: row for group in overview.groups for row in group.targets}


def forest_data(rows: dict[str, object]) -> TargetChartData:
    row = rows["forest_cover_2030"]
    return target_chart_data(target=row.target, series=row.series, assessment=row.assessment)  # type: ignore[attr-defined]


def test_the_forest_chart_data_holds_the_database_figures_and_the_assessment(rows: dict[str, object]) -> None:
    row = rows["forest_cover_2030"]
    data = forest_data(rows)
    assert data.indicator == "Tỷ lệ che phủ rừng"
    assert data.unit == "%"
    assert data.band == TargetBand(37.0, None, 2030)
    # Missing years between the figures: each figure is its own segment (never joined across a gap).
    assert [(p.year, p.value, p.status, p.mark, p.segment) for p in data.points] == [
        (2018, 36.44, "unknown", "unknown", 0),
        (2020, 38.0, "unknown", "unknown", 1),
        (2023, 37.8, "official", "official", 2),
    ]
    assessment = row.assessment  # type: ignore[attr-defined]
    assert (data.base_year, data.base_value) == (2020, 38.0)
    assert (assessment.latest_year, assessment.latest_value) == (2023, 37.8)
    # Achieved (37,8 ≥ 37): the projection shows where the trend leads; no path or "needed" line falls
    # back to the bound.
    assert assessment.margin == pytest.approx(0.8)
    assert (data.path, data.needed) == ((), ())
    assert data.projection[0].value == 37.8
    assert data.projection[-1].value == pytest.approx(assessment.projected_value)


def test_the_forest_chart_specification_draws_band_lines_and_marked_points(rows: dict[str, object]) -> None:
    data = forest_data(rows)
    spec = chart_spec(target_chart(data))
    marks = layers_by_mark(spec)
    assert sorted(marks) == ["line", "point", "rule"]  # one-sided target: a rule, no shaded strip
    # the target: one rule at 37 from the first year shown to 2030
    (rule,) = marks["rule"]
    assert layer_rows(spec, rule) == [{"year": 2018, "year2": 2030, "value": 37.0, "line": "Mục tiêu"}]
    # the series: every figure used, with its status words and how it is marked
    point = marks["point"][0]
    assert layer_rows(spec, point) == [
        {"year": 2018, "value": 36.44, "status": "Không rõ", "mark": "Số chưa rõ trạng thái", "segment": 0},
        {"year": 2020, "value": 38.0, "status": "Không rõ", "mark": "Số chưa rõ trạng thái", "segment": 1},
        {"year": 2023, "value": 37.8, "status": "Chính thức", "mark": "Số chính thức", "segment": 2},
    ]
    assert point["encoding"]["shape"]["field"] == "mark"
    assert point["encoding"]["shape"]["scale"] == {
        "domain": ["Số chính thức", "Số chưa rõ trạng thái"],
        "range": ["circle", "square"],
    }
    # path, projection and needed: one line layer, told apart by colour AND dash
    lines = [layer for layer in marks["line"] if "color" in layer.get("encoding", {})]
    assert len(lines) == 1
    drawn = layer_rows(spec, lines[0])
    by_line: dict[str, list[int]] = {}
    for r in drawn:
        by_line.setdefault(r["line"], []).append(r["year"])
    assert by_line == {"Dự báo theo tốc độ hiện nay": list(range(2023, 2031))}
    encoding = lines[0]["encoding"]
    assert (
        encoding["color"]["scale"]["domain"]
        == encoding["strokeDash"]["scale"]["domain"]
        == ["Mục tiêu", "Dự báo theo tốc độ hiện nay"]
    )
    assert len({tuple(d) for d in encoding["strokeDash"]["scale"]["range"]}) == 2
    # the series line is drawn per segment
    (series_line,) = [layer for layer in marks["line"] if "color" not in layer.get("encoding", {})]
    assert series_line["encoding"]["detail"]["field"] == "segment"
    # shared axes: years on x (2018 to 2030), the value in its unit on y; Vietnamese numbers
    assert spec["encoding"]["x"]["scale"]["domain"] == [2018, 2030]
    assert spec["encoding"]["y"]["title"] == "Tỷ lệ che phủ rừng (%)"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["number"]["thousands"] == "."


def test_a_range_target_gets_a_shaded_strip_between_its_bounds(rows: dict[str, object]) -> None:
    row = rows["grdp_growth_2021_2030"]
    data = target_chart_data(target=row.target, series=row.series, assessment=row.assessment)  # type: ignore[attr-defined]
    assert data.growth_rates is True
    assert data.unit == "%/năm"
    spec = chart_spec(target_chart(data))
    (strip,) = layers_by_mark(spec)["rect"]
    first = min(p.year for p in data.points)
    assert layer_rows(spec, strip) == [{"year": first, "year2": 2030, "value": 15.0, "high": 16.0}]
    assert [r["value"] for r in layer_rows(spec, layers_by_mark(spec)["rule"][0])] == [15.0, 16.0]


def test_the_same_chart_renders_to_png_and_svg(rows: dict[str, object]) -> None:
    chart = target_chart(forest_data(rows))
    png = render_png(chart)
    svg = render_svg(chart)
    assert png[:8] == PNG_SIGNATURE
    assert svg.lstrip().startswith("<svg")
    assert "Tỷ lệ che phủ rừng" in svg
    width, height = svg_size(svg)
    assert png_size(png) == (round(width * 2), round(height * 2))  # scale 2 by default
    assert png_size(render_png(chart, scale=1.0)) == (round(width), round(height))


def test_the_chart_speaks_the_active_language(rows: dict[str, object]) -> None:
    with translation.override("en"):
        spec = chart_spec(target_chart(forest_data(rows)))
    assert spec["encoding"]["x"]["title"] == "Year"
    assert spec["config"]["locale"]["number"]["decimal"] == "."
    point = layers_by_mark(spec)["point"][0]
    assert [r["mark"] for r in layer_rows(spec, point)] == [
        "Status not known",
        "Status not known",
        "Official figure",
    ]

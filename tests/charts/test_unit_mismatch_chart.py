"""A target the engine cannot judge because the figures count something else (district-level units against
"8/9 huyện"): the chart shows the figures on their own unit, with no target band and no path beside them."""

from __future__ import annotations

import pytest

from nqtrack.assessments.charts import target_chart_data
from nqtrack.assessments.selectors import programme_overview
from nqtrack.charts import TargetBand, chart_spec, target_chart
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.charts.helpers import layers_by_mark
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


def test_the_districts_chart_draws_the_counted_units_alone_on_their_own_unit(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    overview = programme_overview(programme=programme)
    [row] = [r for g in overview.groups for r in g.targets if r.target.code == "nrd_districts_2030"]
    assert row.assessment.reason_code == "unit_mismatch"
    data = target_chart_data(target=row.target, series=row.series, assessment=row.assessment)
    # the figures' own unit in words, never "huyện" (what the target counts)
    assert data.unit == "đơn vị hành chính cấp huyện"
    assert data.band == TargetBand(None, None, 2030)
    assert (data.path, data.projection, data.needed) == ((), (), ())
    assert (data.base_year, data.base_value, data.final_status) == (None, None, None)
    assert [(p.year, p.value, p.segment) for p in data.points] == [(2019, 2.0, 0), (2023, 7.0, 1)]

    spec = chart_spec(target_chart(data))
    marks = layers_by_mark(spec)
    # the series only: its line and its points; no band (rect), no target rule, no path, projection or need
    assert sorted(marks) == ["line", "point"]
    # one layer each, sharing the figures' rows (no "line" field: no target, path or need is encoded)
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point"]
    assert all("color" not in layer.get("encoding", {}) for layer in spec["layer"])
    assert spec["datasets"][spec["data"]["name"]] == [
        {"year": 2019, "value": 2.0, "status": "Không rõ", "mark": "Số chưa rõ trạng thái", "segment": 0},
        {"year": 2023, "value": 7.0, "status": "Chính thức", "mark": "Số chính thức", "segment": 1},
    ]
    assert spec["encoding"]["y"]["title"] == (
        "Số huyện đạt chuẩn huyện nông thôn mới (đơn vị hành chính cấp huyện)"
    )
    # the frame ends with the figures, not at the target year: nothing is drawn in 2030
    assert spec["encoding"]["x"]["scale"]["domain"] == [2019, 2023]
    assert spec["title"] == "Số huyện đạt chuẩn huyện nông thôn mới"


def test_a_judged_target_still_reaches_its_target_year(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    overview = programme_overview(programme=programme)
    [row] = [r for g in overview.groups for r in g.targets if r.target.code == "forest_cover_2030"]
    spec = chart_spec(
        target_chart(target_chart_data(target=row.target, series=row.series, assessment=row.assessment))
    )
    assert spec["encoding"]["x"]["scale"]["domain"] == [2018, 2030]
    assert spec["encoding"]["y"]["title"] == "Tỷ lệ che phủ rừng (%)"

"""The report's charts after a deadline: a target judged for good and missed ("Không đạt") is drawn as on
its page, the verdict under the title in its colour, and nothing "needed from now" or projected."""

from __future__ import annotations

from typing import Any

import pytest

from nqtrack.assessments.selectors import TargetRow, target_assessment
from nqtrack.charts import chart_spec
from nqtrack.domain.progress import Status
from nqtrack.observations.models import Observation
from nqtrack.programmes.models import Programme, Target
from nqtrack.reports.charts import chart_png, report_chart
from tests.charts.helpers import PNG_SIGNATURE, layer_rows, layers_by_mark

pytestmark = pytest.mark.django_db

NOT_ACHIEVED_COLOUR = "#58151c"  # that of the "Không đạt" badge (web/site.css .status-not-achieved)


def _row(programme: Programme, code: str, figures: dict[int, float], *, as_of: int) -> TargetRow:
    target = Target.objects.select_related("indicator").get(indicator__programme=programme, code=code)
    unit = target.indicator.unit
    series = {
        year: Observation(
            year=year,
            period=str(year),
            value=value,
            value_text=str(value),
            status="official",
            measure_unit=unit,
        )
        for year, value in figures.items()
    }
    assessment = target_assessment(target=target, series=series, as_of=as_of)
    return TargetRow(target=target, series=series, assessment=assessment)


def _lines(spec: dict[str, Any]) -> set[str]:
    """The names of the drawn lines (target rule, path, projection, needed), from their rows."""
    layers = layers_by_mark(spec)
    return {row["line"] for mark in ("line", "rule") for layer in layers.get(mark, []) for row in
            layer_rows(spec, layer) if "line" in row}  # fmt: skip


def test_a_level_target_missed_at_its_deadline_shows_its_verdict_and_no_line_from_now(
    programme: Programme,
) -> None:
    # "khoảng 640.000 tỷ đồng" in 2030: 600.000 in 2030 misses it for good.
    figures = {2021: 129_800.0, 2022: 155_876.0, 2024: 207_000.0, 2030: 600_000.0}
    row = _row(programme, "grdp_current_prices_2030", figures, as_of=2030)
    assert (row.assessment.status, row.assessment.final) == (Status.NOT_ACHIEVED, True)
    chart = report_chart(row)
    assert chart is not None
    spec = chart_spec(chart)
    assert spec["title"] == {
        "text": "Quy mô GRDP (giá hiện hành)",
        "subtitle": "Kết quả cuối cùng (năm 2030): Không đạt",
        "subtitleColor": NOT_ACHIEVED_COLOUR,
    }
    assert _lines(spec) == {"Mục tiêu"}  # neither "Mức cần đạt từ nay" nor a projection nor a path
    png = chart_png(row)
    assert png is not None
    assert png.startswith(PNG_SIGNATURE)


def test_a_growth_target_whose_period_ended_without_its_last_figure_draws_nothing_from_now(
    programme: Programme,
) -> None:
    # "tăng bình quân trên 18%/năm" over 2021–2030, revenue levels to 2028 only, judged in 2031: the
    # verdict is final on the figures there are, and no line runs from 2028 to 2030.
    levels = {2020 + k: 10_000.0 * 1.10**k for k in range(9)}
    row = _row(programme, "budget_revenue_growth_2021_2030", levels, as_of=2031)
    assert (row.assessment.status, row.assessment.final) == (Status.NOT_ACHIEVED, True)
    chart = report_chart(row)
    assert chart is not None
    spec = chart_spec(chart)
    assert spec["title"]["subtitle"] == "Kết quả cuối cùng (năm 2030): Không đạt"
    assert _lines(spec) == {"Mục tiêu", "Lộ trình đạt mục tiêu từ năm gốc"}
    assert spec["encoding"]["x"]["scale"]["domain"] == [2020, 2030]


def test_a_figure_after_the_target_year_stays_inside_the_chart(programme: Programme) -> None:
    figures = {2021: 129_800.0, 2024: 207_000.0, 2030: 600_000.0, 2031: 700_000.0}
    row = _row(programme, "grdp_current_prices_2030", figures, as_of=2031)
    assert row.assessment.status == Status.NOT_ACHIEVED
    chart = report_chart(row)
    assert chart is not None
    assert chart_spec(chart)["encoding"]["x"]["scale"]["domain"] == [2021, 2031]


def test_a_target_still_open_has_no_verdict_under_its_title(programme: Programme) -> None:
    row = _row(programme, "grdp_current_prices_2030", {2021: 129_800.0, 2024: 207_000.0}, as_of=2025)
    assert row.assessment.status == Status.NEEDS_ACCELERATION
    chart = report_chart(row)
    assert chart is not None
    spec = chart_spec(chart)
    assert spec["title"] == "Quy mô GRDP (giá hiện hành)"
    assert "Mức cần đạt từ nay" in _lines(spec)

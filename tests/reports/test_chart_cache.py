"""Each chart is drawn once per specification: a second report from the same figures, or the target page's
image asked again, takes the picture kept under the specification's hash; a changed figure is a new
specification, so its chart is drawn anew (nqtrack.charts.render)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from nqtrack.assessments.selectors import TargetRow, target_assessment
from nqtrack.charts import render, target_chart
from nqtrack.domain.report_content import ReportKind
from nqtrack.observations.models import Observation
from nqtrack.programmes.models import Programme, Target
from nqtrack.reports import charts as report_charts
from nqtrack.reports.charts import chart_png, report_chart
from nqtrack.reports.content import report_content_build
from tests.charts.helpers import PNG_SIGNATURE
from tests.pages import seed_url

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 12, 31)
GRDP = "grdp_current_prices_2030"


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch, settings: Settings, tmp_path: Path) -> list[str]:
    """The charts vl-convert draws (their format), with the default store: a file cache in an empty var
    dir of this test."""
    settings.VAR_DIR = tmp_path
    assert render.CHART_CACHE not in settings.CACHES
    calls: list[str] = []

    def counted(draw: Callable[..., Any], fmt: str) -> Callable[..., Any]:
        def draw_counted(*args: Any, **kwargs: Any) -> Any:
            calls.append(fmt)
            return draw(*args, **kwargs)

        return draw_counted

    monkeypatch.setattr(render, "draw_png", counted(render.draw_png, "png"))
    monkeypatch.setattr(render, "draw_svg", counted(render.draw_svg, "svg"))
    monkeypatch.setattr(report_charts, "_KEYS", {})  # this process has built no chart yet
    return calls


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The indicators whose report chart is built (Altair)."""
    names: list[str] = []
    build = target_chart

    def build_counted(data: Any) -> Any:
        names.append(data.indicator)
        return build(data)

    monkeypatch.setattr(report_charts, "target_chart", build_counted)
    return names


def _kept_files(var_dir: Path) -> list[Path]:
    return sorted((var_dir / render.FILE_CACHE_DIR).glob("*.djcache"))


def _row(programme: Programme, figures: dict[int, float]) -> TargetRow:
    target = Target.objects.select_related("indicator").get(indicator__programme=programme, code=GRDP)
    series = {
        year: Observation(
            year=year,
            period=str(year),
            value=value,
            value_text=str(value),
            status="official",
            measure_unit=target.indicator.unit,
        )
        for year, value in figures.items()
    }
    assessment = target_assessment(target=target, series=series, as_of=AS_OF.year)
    return TargetRow(target=target, series=series, assessment=assessment)


def _report_charts(programme: Programme) -> dict[str, bytes | None]:
    content = report_content_build(
        user=None, programme=programme, as_of=AS_OF, kind=ReportKind.SO_KET, chart=chart_png
    )
    return {t.code: t.chart_png for t in content.targets}


def test_a_second_report_from_the_same_figures_draws_no_chart_again(
    loaded: Programme, drawn: list[str], built: list[str], tmp_path: Path
) -> None:
    first = _report_charts(loaded)
    charted = sorted(code for code, png in first.items() if png is not None)
    assert len(charted) > 1
    assert drawn == ["png"] * len(charted)  # one drawing per chart of the report
    assert len(built) == len(charted)  # and one specification
    assert len(_kept_files(tmp_path)) == len(charted)

    assert _report_charts(loaded) == first  # the same pictures, byte for byte …
    assert drawn == ["png"] * len(charted)  # … not one drawn again …
    assert len(built) == len(charted)  # … nor even built: this process knows their keys

    # Another process (a task worker, the command line) builds the specifications again, finds their
    # pictures in the same files and draws nothing.
    render._file_cache.cache_clear()
    report_charts._KEYS.clear()
    assert _report_charts(loaded) == first
    assert drawn == ["png"] * len(charted)
    assert len(built) == 2 * len(charted)
    assert len(_kept_files(tmp_path)) == len(charted)


def test_a_changed_figure_draws_a_new_chart_and_the_unchanged_one_is_not_drawn_again(
    programme: Programme, drawn: list[str], built: list[str]
) -> None:
    figures = {2021: 129_800.0, 2022: 155_876.0, 2024: 207_000.0}
    before = chart_png(_row(programme, figures))
    assert before is not None
    assert before.startswith(PNG_SIGNATURE)
    assert chart_png(_row(programme, figures)) == before
    assert (drawn, len(built)) == (["png"], 1)

    changed = chart_png(_row(programme, {**figures, 2024: 215_000.0}))  # one figure differs
    assert changed is not None
    assert changed.startswith(PNG_SIGNATURE)
    assert changed != before
    assert (drawn, len(built)) == (["png", "png"], 2)

    assert chart_png(_row(programme, figures)) == before  # the first chart is still kept
    assert (drawn, len(built)) == (["png", "png"], 2)


def test_a_chart_known_in_this_process_but_gone_from_the_store_is_drawn_again(
    programme: Programme, drawn: list[str], built: list[str]
) -> None:
    row = _row(programme, {2021: 129_800.0, 2022: 155_876.0, 2024: 207_000.0})
    first = chart_png(row)
    render.chart_cache().clear()  # culled, or cleared by an administrator
    assert chart_png(row) == first
    assert (drawn, len(built)) == (["png", "png"], 2)


def test_the_key_holds_the_data_the_format_and_the_scale(programme: Programme) -> None:
    figures = {2021: 129_800.0, 2022: 155_876.0, 2024: 207_000.0}
    chart = report_chart(_row(programme, figures))
    same = report_chart(_row(programme, figures))
    other = report_chart(_row(programme, {**figures, 2022: 155_877.0}))
    assert chart is not None
    assert same is not None
    assert other is not None
    key = render.chart_key(chart, fmt="png", scale=2.0)
    assert key.startswith("chart:png:")
    assert render.chart_key(same, fmt="png", scale=2.0) == key
    assert render.chart_key(other, fmt="png", scale=2.0) != key
    assert render.chart_key(chart, fmt="png", scale=1.0) != key
    assert render.chart_key(chart, fmt="svg") != key


def test_the_target_pages_image_is_drawn_once_per_format(loaded: Programme, drawn: list[str]) -> None:
    client = Client()
    pictures = [
        client.get(seed_url(f"/chi-tieu/{GRDP}/bieu-do.{fmt}")) for fmt in ("png", "png", "svg", "svg")
    ]
    assert [r.status_code for r in pictures] == [200] * 4
    assert pictures[0].content == pictures[1].content
    assert pictures[0].content.startswith(PNG_SIGNATURE)
    assert pictures[2].content == pictures[3].content
    assert drawn == ["png", "svg"]


class _BrokenCache:
    def get(self, key: str) -> None:
        raise OSError("disk gone")

    def set(self, key: str, value: object) -> None:
        raise OSError("disk gone")


def test_a_failing_store_only_costs_a_new_drawing(
    programme: Programme, drawn: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "chart_cache", _BrokenCache)
    row = _row(programme, {2021: 129_800.0, 2022: 155_876.0, 2024: 207_000.0})
    first, second = chart_png(row), chart_png(row)
    assert first is not None
    assert first.startswith(PNG_SIGNATURE)
    assert second == first
    assert drawn == ["png", "png"]

"""The overview and the target page read the stored assessments: the same answers as assessing live."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from nqtrack.assessments.dashboard import dashboard_units
from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import (
    Overview,
    assessed_unit_codes,
    measured_years,
    programme_overview,
    programme_warnings,
    target_row,
)
from nqtrack.assessments.services import assessments_refresh
from nqtrack.observations.models import Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from tests.assessments.engine_spy import spy_on_engine
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

# The units with a figure in the seed data: the province and four districts.
UNITS_WITH_FIGURES = {"24", "215", "219", "220", "223"}


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def test_the_stored_overview_equals_the_live_one_for_every_year_and_unit(
    loaded: Programme, monkeypatch: pytest.MonkeyPatch, live_overview: Callable[..., Overview]
) -> None:
    years = measured_years(programme=loaded)
    assessments_refresh(programme=loaded, as_of_years=years)
    engine = spy_on_engine(monkeypatch)
    from_store: set[str] = set()
    compared = 0
    for as_of in (None, *years):
        for unit in dashboard_units(programme=loaded, year=as_of or years[0]):
            engine.clear()
            stored = programme_overview(programme=loaded, as_of=as_of, unit_code=unit.code)
            if not engine:
                from_store.add(unit.code)
            live = live_overview(programme=loaded, as_of=as_of, unit_code=unit.code)
            # Statuses, numbers, notes and explanation texts, the series used and the warnings: all equal.
            assert stored == live, (as_of, unit.code)
            compared += 1
    # 12 years with a measured figure (2015–2025 and 2010) and "every figure"; each time the province and
    # the 10 districts of the year's frame (from 2025 Yên Dũng merged away, Chũ new), and in 2025 and for
    # "every figure" (read on 2025's list) Bắc Giang (địa bàn cũ), the statistical territory from 1/7/2025.
    assert years == [*range(2025, 2014, -1), 2010]
    assert compared == 13 * 11 + 2
    # Every unit with figures was read from the store, without running the engine; the districts without
    # a figure have nothing stored and are assessed live (every target insufficient or a province total).
    assert from_store == UNITS_WITH_FIGURES


def test_the_overview_assesses_live_what_is_not_stored(
    loaded: Programme, monkeypatch: pytest.MonkeyPatch, live_overview: Callable[..., Overview]
) -> None:
    assessments_refresh(programme=loaded, as_of_years=(2024, 2025))
    engine = spy_on_engine(monkeypatch)

    stored = programme_overview(programme=loaded, as_of=2025)
    assert engine == []
    older = programme_overview(programme=loaded, as_of=2019)  # a year the refresh did not keep

    assert len(engine) == 29
    assert older == live_overview(programme=loaded, as_of=2019)
    assert stored == live_overview(programme=loaded, as_of=2025)


def test_the_unit_filter_offers_the_same_units_from_the_store_as_from_the_figures(
    loaded: Programme, tmp_path: Path
) -> None:
    csv = tmp_path / "communes.csv"
    csv.write_text(
        "indicator,year,period,value,unit,status,source_url,published,quote,note,unit_code\n"
        "poverty_rate,2023,,0.40,percent,official,https://example.test/x,2024-01-05,,,07210\n"
        # A quarter judges no year: a commune with a quarterly figure only is not offered.
        "grdp_growth,2023,2023Q1,5.1,percent,official,https://example.test/y,2023-04-05,,,07201\n",
        encoding="utf-8",
    )
    observations_import_file(path=csv, programme=loaded)
    assert Observation.objects.filter(unit__code="07201", period="2023Q1").count() == 1
    live = dashboard_units(programme=loaded, year=2023)
    assert not StoredAssessment.objects.exists()

    assessments_refresh(programme=loaded, as_of_years=())

    assert assessed_unit_codes(programme=loaded) == {*UNITS_WITH_FIGURES, "07210"}
    from_store = dashboard_units(programme=loaded, year=2023)
    assert from_store == live
    assert [u.code for u in from_store if u.level == "commune"] == ["07210"]


def test_a_store_without_the_province_does_not_decide_the_unit_filter(
    loaded: Programme, tmp_path: Path
) -> None:
    csv = tmp_path / "commune.csv"
    csv.write_text(
        "indicator,year,value,unit,status,source_url,published,quote,note,unit_code\n"
        "poverty_rate,2023,0.40,percent,official,https://example.test/x,2024-01-05,,,07210\n",
        encoding="utf-8",
    )
    observations_import_file(path=csv, programme=loaded)
    # A refresh of one district only (an import that touched it, on a programme never refreshed as a
    # whole): the store does not know every unit with figures yet, so the filter reads the figures.
    assessments_refresh(programme=loaded, as_of_years=(), unit_codes={"215"})
    assert assessed_unit_codes(programme=loaded) == {"215"}

    communes = [u.code for u in dashboard_units(programme=loaded, year=2023) if u.level == "commune"]

    assert communes == ["07210"]


def test_the_target_page_warnings_are_the_overviews(loaded: Programme, programme: Programme) -> None:
    warnings = programme_warnings(programme=loaded)

    assert [w.code for w in warnings] == ["grdp_per_head_mismatch"]
    assert warnings == programme_overview(programme=loaded).warnings


def test_without_a_population_figure_the_warnings_are_still_the_overviews(programme: Programme) -> None:
    # No figure at all: the GRDP per head check needs the population and is left out, in both.
    assert programme_warnings(programme=programme) == programme_overview(programme=programme).warnings
    assert "grdp_per_head_mismatch" not in {w.code for w in programme_warnings(programme=programme)}


def test_the_target_row_reads_the_stored_assessment(
    loaded: Programme, monkeypatch: pytest.MonkeyPatch, live_overview: Callable[..., Overview]
) -> None:
    forest = Target.objects.select_related("indicator__programme").get(code="forest_cover_2030")
    live_row, live_values = target_row(target=forest)
    assessments_refresh(programme=loaded, as_of_years=())
    engine = spy_on_engine(monkeypatch)

    row, values = target_row(target=forest)

    assert engine == []
    assert (row, values) == (live_row, live_values)
    overview_row = next(
        r for g in live_overview(programme=loaded).groups for r in g.targets if r.target.pk == forest.pk
    )
    assert (row.series, row.assessment) == (overview_row.series, overview_row.assessment)

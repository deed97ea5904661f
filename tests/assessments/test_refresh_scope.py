"""A refresh scoped to the units a write touched, and what happens when the dashboard's years move."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import measured_years
from nqtrack.assessments.services import assessments_refresh, dashboard_years
from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.observations.services import observations_import_file
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

UNITS = ["215", "219", "220", "223", "24"]
TARGETS = 29
# The seed's measured figures run to 2025; the dashboard's years depend on the day (no future year).
TODAY = datetime(2026, 11, 27, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
@time_machine.travel(TODAY, tick=False)
def refreshed(programme: Programme) -> Programme:
    """The seed figures with every assessment stored for the dashboard's years (2024 and 2025)."""
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    assessments_refresh(programme=programme)
    return programme


def kept_years() -> dict[str, set[int | None]]:
    """unit code → the as-of years stored for it."""
    kept: dict[str, set[int | None]] = {}
    for code, as_of in StoredAssessment.objects.values_list("unit_code", "as_of").distinct():
        kept.setdefault(code, set()).add(as_of)
    return kept


def approved_forest_cover(
    unit_code: str, year: int, value: str, review_state: str = ReviewState.APPROVED
) -> None:
    """An approved reported figure of the district forest cover (a target-less indicator: it moves the
    dashboard's years without changing any target's inputs), on the unit version of the seed's figures
    (districts were abolished in mid-2025; the store keys units by code)."""
    unit = unit_for_period(code=unit_code, year=2024)
    assert unit is not None
    Observation.objects.create(
        indicator=Indicator.objects.get(code="forest_cover_district"),
        unit=unit,
        period=str(year),
        year=year,
        value=Decimal(value),
        value_text=value,
        measure_unit="percent",
        status="official",
        origin=Origin.REPORTED,
        review_state=review_state,
    )


@time_machine.travel(TODAY, tick=False)
def test_a_scoped_refresh_leaves_the_other_units_alone(refreshed: Programme) -> None:
    before = list(StoredAssessment.objects.exclude(unit_code="220").order_by("pk").values_list())
    approved_forest_cover("220", 2024, "72.4")

    summary = assessments_refresh(programme=refreshed, unit_codes=["220"])

    assert (summary.units, summary.created, summary.updated, summary.unchanged) == (1, 0, 0, TARGETS * 3)
    assert list(StoredAssessment.objects.exclude(unit_code="220").order_by("pk").values_list()) == before


@time_machine.travel(TODAY, tick=False)
def test_when_a_write_moves_the_dashboards_years_every_unit_is_refreshed(refreshed: Programme) -> None:
    assert dashboard_years(programme=refreshed) == (2024, 2025)
    assert kept_years() == dict.fromkeys(UNITS, {None, 2024, 2025})
    approved_forest_cover("220", 2026, "72.4")
    assert dashboard_years(programme=refreshed) == (2025, 2026)

    summary = assessments_refresh(programme=refreshed, unit_codes=["220"])

    # Every unit now has its rows for the new years and none for the year that left the dashboard; the
    # rest is unchanged (the new figure is no target's input).
    assert kept_years() == dict.fromkeys(UNITS, {None, 2025, 2026})
    assert (summary.units, summary.created, summary.updated, summary.unchanged, summary.deleted) == (
        len(UNITS),
        len(UNITS) * TARGETS,
        0,
        len(UNITS) * TARGETS * 2,
        len(UNITS) * TARGETS,
    )


@time_machine.travel(TODAY, tick=False)
def test_a_draft_of_a_new_year_moves_neither_the_dashboard_nor_the_store(refreshed: Programme) -> None:
    before = list(StoredAssessment.objects.order_by("pk").values_list())
    approved_forest_cover("220", 2026, "72.4", review_state=ReviewState.DRAFT)

    assert dashboard_years(programme=refreshed) == (2024, 2025)
    assert measured_years(programme=refreshed, today=TODAY.date())[:2] == [2025, 2024]
    summary = assessments_refresh(programme=refreshed, unit_codes=["220"])

    assert (summary.units, summary.created, summary.updated, summary.deleted) == (1, 0, 0, 0)
    assert list(StoredAssessment.objects.order_by("pk").values_list()) == before

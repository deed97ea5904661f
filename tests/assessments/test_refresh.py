"""Stored assessments on the real seed data: equal to the live ones, recomputed only when inputs change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import override_settings
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import (
    Overview,
    assessed_unit_codes,
    stored_assessments,
    stored_status_counts,
    stored_version,
)
from nqtrack.assessments.services import assessments_refresh, assessments_refresh_later, dashboard_years
from nqtrack.assessments.tasks import refresh_assessments
from nqtrack.domain.progress import Status
from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

YEARS = (2024, 2025)
# The units with a figure in the seed: the province and four districts (Sơn Động is 220).
UNITS = ["215", "219", "220", "223", "24"]
TARGETS = 29


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def stored_rows() -> list[tuple[int, str, int | None, str, str]]:
    return list(
        StoredAssessment.objects.order_by("target_id", "unit_code", "as_of").values_list(
            "target_id", "unit_code", "as_of", "status", "fingerprint"
        )
    )


def figure(programme: Programme, indicator: str, unit: str, period: str, status: str) -> Observation:
    return Observation.objects.get(
        indicator__programme=programme,
        indicator__code=indicator,
        unit__code=unit,
        period=period,
        status=status,
        bound="",
    )


def test_it_stores_what_the_live_overview_says_for_every_unit_and_year(
    loaded: Programme, live_overview: Callable[..., Overview]
) -> None:
    summary = assessments_refresh(programme=loaded, as_of_years=YEARS)

    assert (summary.units, summary.created, summary.updated, summary.unchanged, summary.deleted) == (
        5,
        len(UNITS) * TARGETS * 3,
        0,
        0,
        0,
    )
    for code in UNITS:
        for as_of in (None, *YEARS):
            live = live_overview(programme=loaded, as_of=as_of, unit_code=code)
            expected = {row.target.pk: row.assessment for group in live.groups for row in group.targets}
            assert stored_assessments(programme=loaded, unit_code=code, as_of=as_of) == expected, (
                code,
                as_of,
            )


def test_the_province_is_the_default_unit_and_counts_come_from_the_database(
    loaded: Programme, live_overview: Callable[..., Overview]
) -> None:
    assessments_refresh(programme=loaded, as_of_years=())

    live = live_overview(programme=loaded)
    assert stored_assessments(programme=loaded) == {
        row.target.pk: row.assessment for group in live.groups for row in group.targets
    }
    # The province's counts (1, 3, 3, 22: tests/assessments) and the four districts' 4 × 29 pairs, all
    # insufficient data: district figures exist only for indicators judged at the province.
    assert stored_status_counts(programme=loaded) == {
        Status.ACHIEVED: 1,
        Status.ON_TRACK: 3,
        Status.AT_RISK: 0,
        Status.NEEDS_ACCELERATION: 3,
        Status.LIMITED_PROGRESS: 0,
        Status.MOVING_AWAY: 0,
        Status.NOT_ACHIEVED: 0,
        Status.INSUFFICIENT_DATA: 22 + 4 * TARGETS,
    }


def test_a_second_refresh_recomputes_nothing(loaded: Programme) -> None:
    assessments_refresh(programme=loaded, as_of_years=YEARS)
    before = stored_rows()

    summary = assessments_refresh(programme=loaded, as_of_years=YEARS)

    assert (summary.created, summary.updated, summary.unchanged, summary.deleted) == (0, 0, 435, 0)
    assert stored_rows() == before


def test_a_changed_figure_recomputes_only_the_pairs_that_read_it(
    loaded: Programme, live_overview: Callable[..., Overview]
) -> None:
    assessments_refresh(programme=loaded, as_of_years=YEARS)
    before = {row[:3]: row[3:] for row in stored_rows()}
    forest = figure(loaded, "forest_cover", "24", "2023", "official")
    Observation.objects.filter(pk=forest.pk).update(value=Decimal("36.5"))

    summary = assessments_refresh(programme=loaded, as_of_years=YEARS)

    # The forest-cover target of the province, as of 2024, 2025 and on every figure: 3 of 435.
    assert (summary.created, summary.updated, summary.unchanged) == (0, 3, 432)
    after = {row[:3]: row[3:] for row in stored_rows()}
    changed = {key for key in after if after[key] != before[key]}
    target_id = forest.indicator.targets.get().pk
    assert changed == {(target_id, "24", None), (target_id, "24", 2024), (target_id, "24", 2025)}
    # 36.5 % is below the 37 % target now, where 37.8 % had achieved it; the store says what live says.
    stored = stored_assessments(programme=loaded)[target_id]
    live = {
        row.target.pk: row.assessment for g in live_overview(programme=loaded).groups for row in g.targets
    }
    assert (stored.latest_value, stored.status != Status.ACHIEVED) == (36.5, True)
    assert stored == live[target_id]


def test_a_figure_after_an_as_of_year_leaves_that_year_alone(loaded: Programme) -> None:
    assessments_refresh(programme=loaded, as_of_years=YEARS)
    plan = figure(loaded, "grdp_growth", "24", "2025", "plan")
    Observation.objects.filter(pk=plan.pk).update(value=F("value") + 1)

    summary = assessments_refresh(programme=loaded, as_of_years=YEARS)

    # The 2025 plan is read for "every figure" and "as of 2025", not "as of 2024".
    assert (summary.updated, summary.unchanged) == (2, 433)


def test_a_quarterly_figure_is_no_input(loaded: Programme) -> None:
    assessments_refresh(programme=loaded, as_of_years=YEARS)
    before = stored_rows()
    quarter = figure(loaded, "grdp_growth", "24", "2025Q1", "estimate")
    Observation.objects.filter(pk=quarter.pk).update(value=F("value") + 1)

    summary = assessments_refresh(programme=loaded, as_of_years=YEARS)

    assert (summary.updated, summary.unchanged) == (0, 435)
    assert stored_rows() == before


def test_a_reported_figure_counts_from_the_day_it_last_changed(
    loaded: Programme, live_overview: Callable[..., Overview]
) -> None:
    published = figure(loaded, "forest_cover", "24", "2023", "official")
    Observation.objects.create(
        indicator=published.indicator,
        unit=published.unit,
        period="2023",
        year=2023,
        value=Decimal("39.1"),
        value_text="39,1",
        measure_unit="percent",
        status="official",
        origin=Origin.REPORTED,
        review_state=ReviewState.APPROVED,
    )

    assessments_refresh(programme=loaded, as_of_years=())

    # Both official; the published one has no date, the reported one counts from today: it is used.
    target_id = published.indicator.targets.get().pk
    live = {
        row.target.pk: row.assessment for g in live_overview(programme=loaded).groups for row in g.targets
    }
    stored = stored_assessments(programme=loaded)
    assert (stored[target_id].latest_year, stored[target_id].latest_value) == (2023, 39.1)
    assert stored == live


def test_a_scoped_refresh_touches_only_its_units_and_drops_a_unit_without_figures(loaded: Programme) -> None:
    assessments_refresh(programme=loaded, as_of_years=YEARS)
    before = stored_rows()
    Observation.objects.filter(unit__code="215").delete()

    summary = assessments_refresh(programme=loaded, as_of_years=YEARS, unit_codes=["215"])

    assert (summary.units, summary.created, summary.updated, summary.unchanged, summary.deleted) == (
        0,
        0,
        0,
        0,
        TARGETS * 3,
    )
    assert stored_rows() == [row for row in before if row[1] != "215"]


def test_a_refresh_reads_in_a_bounded_number_of_queries(
    loaded: Programme, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # dashboard years, targets, stored keys, the units of the new province after the merger (kept out of
    # the programme's series), the figures (one streamed query), the programme's territory and its
    # communes' figures after the merger (the former territory's sums), the rows in batches of 1000 (435:
    # one), the savepoint: the same for 5 units as for 3,000.
    with django_assert_max_num_queries(11):
        summary = assessments_refresh(programme=loaded)
    assert summary.created == 435
    with django_assert_max_num_queries(1):
        assert len(stored_assessments(programme=loaded, unit_code="220")) == TARGETS


def test_the_dashboard_years_are_the_latest_measured_year_and_the_one_before(loaded: Programme) -> None:
    # Measured figures run to 2025 (a first-quarter estimate); plans are not measured.
    assert dashboard_years(programme=loaded, today=date(2026, 11, 27)) == (2024, 2025)
    assert dashboard_years(programme=loaded, today=date(2024, 6, 1)) == (2023, 2024)


def test_nothing_is_stored_for_a_year_not_kept(loaded: Programme) -> None:
    assessments_refresh(programme=loaded, as_of_years=YEARS)

    assert stored_assessments(programme=loaded, as_of=2022) == {}


def test_the_task_refreshes_and_returns_the_counts(loaded: Programme) -> None:
    result = refresh_assessments.enqueue(loaded.pk, ["24"])

    assert result.status == "SUCCESSFUL"
    assert result.return_value == {
        "programme": "bac-giang-11-nqtw",
        "as_of_years": [2024, 2025],
        "units": 1,
        "created": TARGETS * 3,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
    }


def test_refresh_later_waits_for_the_commit(
    loaded: Programme, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as pending:
        assessments_refresh_later(programme=loaded, unit_codes=["24", "24"])
    assert (len(pending), StoredAssessment.objects.count()) == (1, 0)

    pending[0]()

    assert sorted(set(StoredAssessment.objects.values_list("unit_code", flat=True))) == ["24"]
    assert StoredAssessment.objects.count() == TARGETS * 3


def test_the_command_says_what_it_did(loaded: Programme) -> None:
    out = StringIO()
    call_command("refresh_assessments", programme="bac-giang-11-nqtw", as_of=[2024], stdout=out)
    call_command("refresh_assessments", programme="bac-giang-11-nqtw", as_of=[2024], stdout=out)

    assert out.getvalue().splitlines() == [
        "bac-giang-11-nqtw: 5 đơn vị, năm đánh giá thêm: 2024; mới 290, tính lại 0, giữ nguyên 0, xoá 0.",
        "bac-giang-11-nqtw: 5 đơn vị, năm đánh giá thêm: 2024; mới 0, tính lại 0, giữ nguyên 290, xoá 0.",
    ]


def test_the_command_refuses_an_unknown_programme(loaded: Programme) -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Chưa nạp chương trình 'khong-co'"):
        call_command("refresh_assessments", programme="khong-co")
    assert StoredAssessment.objects.count() == 0


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_with_the_database_backend_a_worker_does_the_refresh(
    loaded: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker closes "old" connections between tasks; inside the test's transaction that would close
    # the test's own connection (on PostgreSQL), so it is kept open here.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    with override_settings(TASKS=DATABASE_TASKS):
        result = refresh_assessments.enqueue(loaded.pk, ["220"])
        assert (result.status, StoredAssessment.objects.count()) == ("READY", 0)

        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

        result.refresh()
        assert result.status == "SUCCESSFUL"
        assert result.return_value["created"] == TARGETS * 3
    assert sorted(set(StoredAssessment.objects.values_list("unit_code", flat=True))) == ["220"]


def test_the_assessed_units_are_the_province_and_the_units_with_figures(loaded: Programme) -> None:
    assert assessed_unit_codes(programme=loaded) == set()

    assessments_refresh(programme=loaded, as_of_years=YEARS)

    assert assessed_unit_codes(programme=loaded) == set(UNITS)


def test_the_version_changes_only_when_a_refresh_changes_something(loaded: Programme) -> None:
    assert stored_version(programme=loaded) == ""
    assessments_refresh(programme=loaded, as_of_years=YEARS)
    first = stored_version(programme=loaded)

    assessments_refresh(programme=loaded, as_of_years=YEARS)
    unchanged = stored_version(programme=loaded)
    forest = figure(loaded, "forest_cover", "24", "2023", "official")
    Observation.objects.filter(pk=forest.pk).update(value=Decimal("36.5"))
    assessments_refresh(programme=loaded, as_of_years=YEARS)

    assert first.startswith("435@")
    assert unchanged == first
    assert stored_version(programme=loaded) not in ("", first)

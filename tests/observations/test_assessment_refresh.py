"""The writing services keep the stored assessments up to date: each asks for a refresh of the units it
wrote once its transaction commits, and a write that is rejected, rolled back or only checked asks for
nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from pytest_django import DjangoCaptureOnCommitCallbacks

from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import stored_assessment, target_assessment
from nqtrack.assessments.services import assessments_refresh
from nqtrack.domain.progress.model import Assessment
from nqtrack.observations.entries import observations_import_entries, observations_save_cells
from nqtrack.observations.models import Observation
from nqtrack.observations.review import Batch, review_approve, review_return, review_submit, review_unlock
from nqtrack.observations.rows import EntryRead, EntryRow
from nqtrack.observations.selectors import province_series
from nqtrack.observations.services import ImportRejected, observations_import_file
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Programme, Target
from tests.observations.conftest import state
from tests.observations.dhis2_payloads import BULK, SENDING, send

pytestmark = pytest.mark.django_db

HEADER = "indicator,year,value,unit,status,source_url,published,quote,note\r\n"
# A row as the statistics office's figures come in data/bac-giang-statistics.csv: forest cover 2024 below
# the 37 % the programme sets for 2030 (the stored 2023 figure is 37.8 %).
FOREST_2024 = (
    "forest_cover,2024,36.2,percent,official,https://baobacgiang.vn/hien-trang-rung-2024.html,2025-03-10,"
    '"tỷ lệ che phủ rừng đạt 36,2%",Announced with the forest inventory of 2024.\r\n'
)
UNKNOWN_INDICATOR = (
    "forest_cover_commune,2024,51.0,percent,official,https://baobacgiang.vn/x.html,2025-03-10,,\r\n"
)

type StoredRow = tuple[int, str, int | None, str, str, Any]


def stored_rows() -> list[StoredRow]:
    """Every stored assessment with its answer: to assert what changed, and that nothing else did."""
    return list(
        StoredAssessment.objects.order_by("target_id", "unit_code", "as_of").values_list(
            "target_id", "unit_code", "as_of", "status", "fingerprint", "result"
        )
    )


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "so-lieu-cong-bo.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def forest_target() -> Target:
    return Target.objects.select_related("indicator__programme").get(code="forest_cover_2030")


def live_forest(programme: Programme) -> Assessment:
    """The assessment computed now from the province's approved figures (what the store must hold)."""
    target = forest_target()
    return target_assessment(
        target=target, series=province_series(programme=programme).get(target.indicator_id, {})
    )


@pytest.fixture
def stored(figures: Programme) -> Programme:
    """The seed figures with every assessment stored (what the last refresh left)."""
    assessments_refresh(programme=figures)
    return figures


@pytest.fixture
def forest_batch(stored: Programme) -> Batch:
    """The province's batch of forest cover 2024 (group 12), empty until a reporter writes it."""
    unit = unit_for_period(code="24", year=2024)
    assert unit is not None
    return Batch(programme=stored, unit=unit, year=2024, group=forest_target().indicator.group)


def forest_cell(value: str) -> EntryRow:
    return EntryRow(1, "forest_cover", "24", "2024", Decimal(value), value, "official", seen_version=0)


# -- published figures ------------------------------------------------------------------------------------


def test_an_imported_figure_refreshes_the_assessments_of_its_unit(
    stored: Programme, tmp_path: Path, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    before = stored_rows()
    old = stored_assessment(target=forest_target())
    assert old == live_forest(stored)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        summary = observations_import_file(path=write(tmp_path, FOREST_2024), programme=stored)

    assert (summary.created, len(callbacks)) == (1, 1)
    new = stored_assessment(target=forest_target())
    assert new == live_forest(stored)
    assert new != old
    assert new is not None
    assert old is not None
    assert (old.latest_value, new.latest_value, new.latest_year) == (37.8, 36.2, 2024)
    # Only the province's rows were touched: the districts' stored answers are the very same rows.
    after = stored_rows()
    assert [row for row in after if row[1] != "24"] == [row for row in before if row[1] != "24"]
    assert [row for row in after if row[1] == "24"] != [row for row in before if row[1] == "24"]


def test_the_import_asks_for_the_units_it_wrote_once_it_commits(
    figures: Programme, tmp_path: Path, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        observations_import_file(path=write(tmp_path, FOREST_2024), programme=figures)

    [refresh] = callbacks
    assert refresh.args == (figures.pk, ["24"])  # type: ignore[attr-defined]
    assert StoredAssessment.objects.count() == 0  # nothing before the commit


def test_a_rejected_import_leaves_the_store_exactly_as_it_was(
    stored: Programme, tmp_path: Path, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    before, figures_before = stored_rows(), state()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ImportRejected):
        observations_import_file(path=write(tmp_path, FOREST_2024 + UNKNOWN_INDICATOR), programme=stored)

    assert (len(callbacks), stored_rows(), state()) == (0, before, figures_before)


def test_a_dry_run_refreshes_nothing(
    stored: Programme, tmp_path: Path, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    before, figures_before = stored_rows(), state()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        summary = observations_import_file(path=write(tmp_path, FOREST_2024), programme=stored, dry_run=True)

    assert (summary.created, len(callbacks)) == (1, 0)
    assert (stored_rows(), state()) == (before, figures_before)


def test_importing_figures_already_stored_asks_for_nothing(
    figures: Programme, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    from tests.seed import SEED_STATISTICS

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        summary = observations_import_file(path=SEED_STATISTICS, programme=figures)

    assert (summary.created, summary.unchanged, len(callbacks)) == (0, 144, 0)


# -- reported figures and their review --------------------------------------------------------------------


def test_a_draft_changes_nothing_stored_and_approving_it_does(
    forest_batch: Batch,
    alice: User,
    bob: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    programme = forest_batch.programme
    before = stored_rows()
    old = stored_assessment(target=forest_target())

    # The grid's save asks for a refresh; the store reads approved figures only, so it finds nothing to do.
    with django_capture_on_commit_callbacks(execute=True) as saved:
        observations_save_cells(user=alice, programme=programme, rows=[forest_cell("36.2")], channel="web")
    with django_capture_on_commit_callbacks(execute=True) as submitted:
        review_submit(user=alice, batch=forest_batch, channel="web")
    assert (len(saved), len(submitted)) == (1, 1)
    assert stored_rows() == before

    with django_capture_on_commit_callbacks(execute=True) as approved:
        review_approve(user=bob, batch=forest_batch, channel="web")

    assert len(approved) == 1
    new = stored_assessment(target=forest_target())
    assert new == live_forest(programme)
    assert new != old
    assert new is not None
    assert new.latest_value == 36.2


def test_unlocking_an_approved_batch_takes_its_figures_out_of_the_store(
    forest_batch: Batch,
    alice: User,
    bob: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    programme = forest_batch.programme
    old = stored_assessment(target=forest_target())
    with django_capture_on_commit_callbacks(execute=True):
        observations_save_cells(user=alice, programme=programme, rows=[forest_cell("36.2")], channel="web")
        review_submit(user=alice, batch=forest_batch, channel="web")
        review_approve(user=bob, batch=forest_batch, channel="web")
    assert stored_assessment(target=forest_target()) != old

    with django_capture_on_commit_callbacks(execute=True) as unlocked:
        review_unlock(
            user=bob, batch=forest_batch, reason="Số liệu kiểm kê rừng cần rà soát lại", channel="web"
        )

    assert len(unlocked) == 1
    assert stored_assessment(target=forest_target()) == old == live_forest(programme)


def test_returning_a_batch_asks_for_its_unit_and_leaves_the_store_as_it_was(
    forest_batch: Batch,
    alice: User,
    bob: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    programme = forest_batch.programme
    observations_save_cells(user=alice, programme=programme, rows=[forest_cell("36.2")], channel="web")
    review_submit(user=alice, batch=forest_batch, channel="web")
    before = stored_rows()

    with django_capture_on_commit_callbacks(execute=False) as returned:
        review_return(user=bob, batch=forest_batch, reason="Thiếu nguồn số liệu", channel="web")

    [refresh] = returned
    assert refresh.args == (programme.pk, ["24"])  # type: ignore[attr-defined]
    refresh()
    assert stored_rows() == before


def test_a_rejected_entry_file_asks_for_nothing(
    stored: Programme, alice: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    from nqtrack.observations.entries import EntriesRejected

    rows = [
        EntryRow(2, "forest_cover", "24", "2024", Decimal("36.2"), "36.2", "official"),
        EntryRow(3, "forest_cover", "99999", "2024", Decimal("40"), "40", "official"),
    ]
    figures_before = state()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(EntriesRejected):
        observations_import_entries(
            user=alice, programme=stored, read=EntryRead(rows=rows), channel="file", filename="f.csv"
        )

    assert (len(callbacks), state()) == (0, figures_before)
    assert not Observation.objects.filter(value_text="36.2").exists()


def test_a_dhis2_import_asks_for_its_units_and_a_refused_one_for_nothing(
    coded: Programme, alice: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as sent:
        accepted = send(coded, alice, SENDING)
    with django_capture_on_commit_callbacks(execute=False) as refused:
        # one value names an org unit the code table lacks; atomic, so nothing is written
        conflicting = send(coded, alice, BULK, atomic=True)

    assert (accepted.summary["status"], conflicting.summary["status"]) == ("SUCCESS", "ERROR")
    [refresh] = sent
    assert refresh.args == (coded.pk, ["24"])  # type: ignore[attr-defined]
    assert refused == []


def test_clearing_a_cell_asks_for_its_unit_and_a_refused_cell_for_nothing(
    stored: Programme, alice: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    observations_save_cells(user=alice, programme=stored, rows=[forest_cell("36.2")], channel="web")
    cleared = EntryRow(1, "forest_cover", "24", "2024", None, "", delete=True, seen_version=1)
    stale = EntryRow(1, "forest_cover", "24", "2023", Decimal("37.9"), "37.9", seen_version=4)

    with django_capture_on_commit_callbacks(execute=False) as deleted:
        observations_save_cells(user=alice, programme=stored, rows=[cleared], channel="web")
    with django_capture_on_commit_callbacks(execute=False) as refused:
        summary = observations_save_cells(user=alice, programme=stored, rows=[stale], channel="web")

    assert not Observation.objects.filter(value_text="36.2").exists()
    [refresh] = deleted
    assert refresh.args == (stored.pk, ["24"])  # type: ignore[attr-defined]
    assert ([e.code for e in summary.errors], refused) == (["NQ001"], [])

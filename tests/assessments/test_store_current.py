"""The stored assessments stay current: a programme reloaded with changed definitions removes them at once
and has them recomputed; an unchanged one leaves them; the bootstrap ends with them refreshed."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks

from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import Overview, programme_overview, stored_assessment, stored_assessments
from nqtrack.assessments.services import assessments_refresh
from nqtrack.domain.progress import Status
from nqtrack.observations.services import observations_import_file
from nqtrack.places.services import units_load_history
from nqtrack.programmes.models import Programme, Target
from nqtrack.programmes.selectors import programme_get
from nqtrack.programmes.services import programme_load_file
from tests.pages import seed_url
from tests.seed import SEED_PROGRAMME, SEED_STATISTICS, SEED_UNITS

pytestmark = pytest.mark.django_db

# The units with a figure in the seed data, and the seed programme's targets.
UNITS = 5
BOOTSTRAP_UNITS = ["213", "215", "216", "217", "218", "219", "220", "221", "222", "223", "24"]
TARGETS = 29


@pytest.fixture
def refreshed(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    assessments_refresh(programme=programme, as_of_years=(2024, 2025))
    return programme


def stored_rows() -> list[tuple[object, ...]]:
    return list(
        StoredAssessment.objects.order_by("pk").values_list(
            "pk", "target_id", "unit_code", "as_of", "status", "fingerprint", "computed_at"
        )
    )


def seed_with(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED_PROGRAMME.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "chuong-trinh.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def forest_status(client: Client) -> str:
    html = client.get(seed_url("/chi-tieu/forest_cover_2030/")).content.decode()
    [status] = set(re.findall(r'data-status="([a-z_]+)"', html))
    return str(status)


def test_a_programme_reloaded_with_a_changed_target_shows_no_stale_answer(
    refreshed: Programme,
    tmp_path: Path,
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    live_overview: Callable[..., Overview],
) -> None:
    forest = Target.objects.get(code="forest_cover_2030")
    assert stored_assessment(target=forest).status == Status.ACHIEVED  # type: ignore[union-attr]
    # 37.8 % in 2023 achieves 37 %; not 40 %.
    changed = seed_with(tmp_path, "low: 37\n            year: 2030", "low: 40\n            year: 2030")

    with django_capture_on_commit_callbacks() as refresh:
        programme_load_file(path=changed)

        # Inside the load's transaction already: nothing stored is left to show the old target.
        assert StoredAssessment.objects.count() == 0
        live = live_overview(programme=refreshed)
        live_forest = next(r.assessment for g in live.groups for r in g.targets if r.target.pk == forest.pk)
        assert live_forest.status != Status.ACHIEVED
        assert programme_overview(programme=refreshed) == live

    # Once committed, the refresh puts every pair back, computed on the new definition.
    assert len(refresh) == 1
    refresh[0]()
    assert StoredAssessment.objects.count() == UNITS * TARGETS * 3
    stored = stored_assessments(programme=programme_get(code=refreshed.code))
    assert stored[forest.pk] == live_forest
    assert stored == {r.target.pk: r.assessment for g in live.groups for r in g.targets}


def test_a_changed_target_reaches_the_pages(
    refreshed: Programme,
    tmp_path: Path,
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    assert forest_status(client) == Status.ACHIEVED
    changed = seed_with(tmp_path, "low: 37\n            year: 2030", "low: 40\n            year: 2030")

    with django_capture_on_commit_callbacks(execute=True):
        programme_load_file(path=changed)

    assert forest_status(client) != Status.ACHIEVED
    assert StoredAssessment.objects.count() == UNITS * TARGETS * 3


def test_reloading_the_same_programme_leaves_the_store_alone(
    refreshed: Programme, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    before = stored_rows()
    assert len(before) == UNITS * TARGETS * 3

    with django_capture_on_commit_callbacks() as refresh:
        summary = programme_load_file(path=SEED_PROGRAMME)

    assert (summary.created, summary.updated, summary.deleted) == (0, 0, 0)
    assert refresh == []
    assert stored_rows() == before


def test_a_changed_task_leaves_the_store_alone(
    refreshed: Programme,
    tmp_path: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    before = stored_rows()
    changed = seed_with(
        tmp_path, "Tập trung nguồn lực, xây dựng cơ chế", "Tập trung mọi nguồn lực, xây dựng cơ chế"
    )

    with django_capture_on_commit_callbacks() as refresh:
        summary = programme_load_file(path=changed)

    assert summary.updated == 1  # the task's text: assessments do not read it
    assert refresh == []
    assert stored_rows() == before


def test_the_bootstrap_ends_with_the_store_refreshed(
    db: None, live_overview: Callable[..., Overview]
) -> None:
    call_command("bootstrap", stdout=StringIO())
    programme = programme_get()

    # the bootstrap loads both published files: the second brings the ten districts' poverty rates
    stored = StoredAssessment.objects.filter(programme=programme)
    assert sorted(set(stored.values_list("unit_code", flat=True))) == BOOTSTRAP_UNITS
    assert stored.count() == len(BOOTSTRAP_UNITS) * TARGETS * 3
    live = live_overview(programme=programme)
    assert stored_assessments(programme=programme) == {
        r.target.pk: r.assessment for g in live.groups for r in g.targets
    }
    before = stored_rows()

    call_command("bootstrap", stdout=StringIO())

    assert stored_rows() == before  # idempotent: nothing recomputed, nothing rewritten


def test_reloaded_units_leave_every_stored_answer_current(
    refreshed: Programme, tmp_path: Path, live_overview: Callable[..., Overview]
) -> None:
    # Answers are keyed by unit code and figures keep their unit version: a changed unit file (a district
    # renamed) changes no input of any stored answer, so nothing needs refreshing.
    units = tmp_path / "don-vi.csv"
    units.write_text(
        SEED_UNITS.read_text(encoding="utf-8").replace("Huyện Yên Thế", "Huyện Yên Thế (đổi tên)"),
        encoding="utf-8",
    )
    before = stored_rows()

    summary = units_load_history(csv_path=units)

    assert summary.units.updated == 1  # the one version named Huyện Yên Thế
    assert stored_rows() == before
    for code in ("24", "215"):
        live = live_overview(programme=refreshed, unit_code=code)
        assert stored_assessments(programme=refreshed, unit_code=code) == {
            r.target.pk: r.assessment for g in live.groups for r in g.targets
        }

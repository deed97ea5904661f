"""Loading the seed programme into the database: complete, idempotent, and exported back unchanged."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Model

from nqtrack.domain.programme import parse_programme
from nqtrack.programmes import models as m
from nqtrack.programmes.selectors import programme_as_domain
from nqtrack.programmes.services import programme_load_file
from tests.seed import SEED_PROGRAMME

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    models: list[type[Model]] = [m.Programme, m.IndicatorGroup, m.Indicator, m.Target, m.Milestone]
    models += [m.Task, m.KeyProject, m.Assignment, m.AssignmentOrganisation, m.Organisation, m.Document]
    models += [m.TaskGroup, m.TaskDocument]
    return {model.__name__: model._default_manager.count() for model in models}


def test_it_loads_the_whole_seed_programme() -> None:
    programme = programme_load_file(path=SEED_PROGRAMME).programme
    assert programme.code == "bac-giang-11-nqtw"
    assert programme.issuer == "Ban Thường vụ Tỉnh ủy Bắc Giang"
    assert list(programme.indicator_groups.values_list("number", flat=True)) == list(range(1, 13))
    assert m.Target.objects.count() == 29
    assert list(programme.task_groups.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert m.Assignment.objects.filter(programme=programme).count() == 6
    forest = m.Target.objects.get(source_text="Tỷ lệ che phủ rừng đạt 37%")
    assert (forest.kind, forest.comparator, forest.low, forest.year) == ("level", "at_least", 37.0, 2030)
    assignment = m.Assignment.objects.get(number=2)
    assert (assignment.due, assignment.recurring) == ("2022-09", False)


def test_loading_twice_changes_nothing() -> None:
    first = programme_load_file(path=SEED_PROGRAMME)
    counts = row_counts()
    ids = set(m.Target.objects.values_list("id", "code"))
    second = programme_load_file(path=SEED_PROGRAMME)
    assert (second.created, second.updated, second.deleted) == (0, 0, 0)
    assert first.created == sum(counts.values())
    assert row_counts() == counts
    assert set(m.Target.objects.values_list("id", "code")) == ids


def test_load_export_load_gives_the_same_programme(tmp_path: Path) -> None:
    original = parse_programme(SEED_PROGRAMME.read_text(encoding="utf-8"))
    programme_load_file(path=SEED_PROGRAMME)
    exported = StringIO()
    call_command("export_programme", "bac-giang-11-nqtw", format="yaml", stdout=exported)
    assert parse_programme(exported.getvalue()) == original
    assert programme_as_domain(programme=m.Programme.objects.get()) == original
    # and the exported file loads again without a single change
    path = tmp_path / "exported.yaml"
    path.write_text(exported.getvalue(), encoding="utf-8")
    again = programme_load_file(path=path)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


def test_export_json_prints_the_whole_programme() -> None:
    programme_load_file(path=SEED_PROGRAMME)
    out = StringIO()
    call_command("export_programme", format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["code"] == "bac-giang-11-nqtw"
    assert sum(len(i.get("targets", [])) for g in data["indicator_groups"] for i in g["indicators"]) == 29
    assert [len(g["tasks"]) for g in data["task_groups"]] == [3, 5, 10, 6, 5, 4]


def test_a_bad_file_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    bad = SEED_PROGRAMME.read_text(encoding="utf-8").replace("comparator: at_least", "comparator: atleast", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "comparator: atleast" in text)
    with pytest.raises(CommandError) as caught:
        call_command("load_programme", str(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: 1 lỗi")
    assert f"dòng {line} " in message
    assert "'atleast'" in message
    assert sum(row_counts().values()) == 0


def test_a_corrected_file_updates_rows_in_place(tmp_path: Path) -> None:
    programme_load_file(path=SEED_PROGRAMME)
    forest = m.Target.objects.get(source_text="Tỷ lệ che phủ rừng đạt 37%")
    changed = SEED_PROGRAMME.read_text(encoding="utf-8").replace("low: 37\n", "low: 38\n", 1)
    path = tmp_path / "changed.yaml"
    path.write_text(changed, encoding="utf-8")
    summary = programme_load_file(path=path)
    assert (summary.created, summary.updated, summary.deleted) == (0, 1, 0)
    forest.refresh_from_db()
    assert forest.low == 38.0

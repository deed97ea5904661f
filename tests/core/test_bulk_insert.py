"""bulk_insert writes exactly the rows bulk_create writes, and sets the ids, in a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models, transaction
from django.forms.models import model_to_dict
from pytest_django import DjangoAssertNumQueries

from nqtrack.core.bulk_insert import bulk_insert
from nqtrack.observations.audit import Actor, audit_entry, snapshot
from nqtrack.observations.models import AuditEntry, Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.seed import SEED_STATISTICS


def copies[M: models.Model](rows: list[M]) -> list[M]:
    """Unsaved instances with the same field values as ``rows``."""
    return [
        type(row)(
            **{f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key}
        )
        for row in rows
    ]


def stored(model: type[models.Model], pks: list[int], *, leave_out: set[str]) -> list[dict[str, Any]]:
    by_pk = {row.pk: row for row in model._default_manager.filter(pk__in=pks)}
    return [
        {
            k: v
            for k, v in model_to_dict(by_pk[pk], fields=[f.name for f in model._meta.concrete_fields]).items()
            if k not in leave_out
        }
        for pk in pks
    ]


@pytest.fixture
def imported(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


@pytest.mark.django_db
def test_figures_are_stored_as_bulk_create_stores_them(
    imported: Programme, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    originals = list(Observation.objects.order_by("id"))
    by_orm, by_copy = copies(originals), copies(originals)
    Observation.objects.bulk_create(by_orm)

    with django_assert_max_num_queries(2):
        returned = bulk_insert(by_copy)

    assert returned == by_copy
    assert len({o.pk for o in by_copy}) == len(originals) == 144
    assert all(not o._state.adding for o in by_copy)
    # Every column equal but the id and the moment of creation (stamped on save).
    leave_out = {"id", "created_at"}
    assert stored(Observation, [o.pk for o in by_copy], leave_out=leave_out) == stored(
        Observation, [o.pk for o in by_orm], leave_out=leave_out
    )
    assert all(o.created_at is not None for o in Observation.objects.filter(pk__in=[o.pk for o in by_copy]))


@pytest.mark.django_db
def test_audit_entries_keep_their_json_and_times(imported: Programme) -> None:
    # An import audits by its batch; the entries a per-value change writes, stored by the ORM.
    actor = Actor(user_id=None, name="cli:test", channel="cli")
    figures = Observation.objects.select_related("indicator__group").order_by("id")
    originals = AuditEntry.objects.bulk_create(
        audit_entry(actor, "create", obs, old=None, new=snapshot(obs), source="x.csv, dòng 2")
        for obs in figures
    )
    assert len(originals) == 144
    entries = copies(originals)

    bulk_insert(entries)

    leave_out = {"id"}
    assert stored(AuditEntry, [e.pk for e in entries], leave_out=leave_out) == stored(
        AuditEntry, [e.pk for e in originals], leave_out=leave_out
    )
    assert AuditEntry.objects.get(pk=entries[0].pk).new == originals[0].new


@pytest.mark.django_db
def test_later_rows_get_new_ids_after_a_bulk_insert(imported: Programme) -> None:
    [first] = copies(list(Observation.objects.order_by("id")[:1]))
    bulk_insert([first])

    [second] = copies([first])
    second.save()

    assert second.pk > first.pk
    assert Observation.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_run_outside_a_transaction(imported: Programme) -> None:
    rows = copies(list(Observation.objects.order_by("id")[:3]))
    before = Observation.objects.count()

    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        bulk_insert(rows)
    with transaction.atomic():
        bulk_insert(rows)

    assert Observation.objects.count() == before + 3


def test_nothing_to_insert_is_nothing() -> None:
    assert bulk_insert([]) == []

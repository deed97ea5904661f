"""An import reads the database in sets: its number of queries does not grow with its rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nqtrack.observations.models import AuditEntry, ImportBatch, Observation
from nqtrack.observations.readers import ObservationRow, read_statistics_csv
from nqtrack.observations.services import ImportSummary, observations_import
from nqtrack.programmes.models import Programme
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

N = 25


def province_rows() -> list[ObservationRow]:
    """The shipped file's yearly figures of the province up to 2024 (one version of one unit), in order."""
    read = read_statistics_csv(SEED_STATISTICS.read_bytes())
    assert read.errors == []
    return [r for r in read.rows if r.unit_code is None and r.year is not None and r.year <= 2024]


def queries_of(rows: list[ObservationRow], programme: Programme, name: str) -> tuple[int, ImportSummary]:
    with CaptureQueriesContext(connection) as queries:
        summary = observations_import(rows=rows, errors=[], filename=name, programme=programme)
    return len(queries), summary


def test_twice_the_rows_take_the_same_queries(programme: Programme) -> None:
    rows = province_rows()
    assert len(rows) >= 3 * N
    small, large = rows[:N], rows[N : 3 * N]
    assert len({r.year for r in small}) > 1
    assert len({r.year for r in large}) > 1

    few, first = queries_of(small, programme, "a.csv")
    many, second = queries_of(large, programme, "b.csv")

    assert (first.created, second.created) == (N, 2 * N)
    # One batch row per file audits its figures; no audit entry per figure.
    assert (Observation.objects.count(), AuditEntry.objects.count()) == (3 * N, 0)
    assert list(ImportBatch.objects.order_by("id").values_list("filename", "created")) == [
        ("a.csv", N),
        ("b.csv", 2 * N),
    ]
    assert Observation.objects.filter(import_batch__filename="b.csv").count() == 2 * N
    assert many == few
    # The file's units and the stored figures of its one unit, its indicators, the writes: a handful.
    assert few <= 12


def test_rows_already_stored_are_found_without_a_query_each(programme: Programme) -> None:
    rows = province_rows()
    queries_of(rows[: 2 * N], programme, "a.csv")

    few, first = queries_of(rows[:N], programme, "a.csv")
    many, second = queries_of(rows[: 2 * N], programme, "a.csv")

    assert (first.created, first.unchanged, second.created, second.unchanged) == (0, N, 0, 2 * N)
    assert many == few
    assert Observation.objects.count() == 2 * N

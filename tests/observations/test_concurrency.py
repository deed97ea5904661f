"""Two people saving the same cell at the same moment, on a database server: one wins, the other is told.

The optimistic lock (a version number checked in the UPDATE's WHERE clause) is also tested step by step on
every backend in test_entries.py; this test races two real transactions, which needs PostgreSQL's row
locks (SQLite serialises whole-database writes).
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection

from nqtrack.observations.entries import EntrySummary, observations_import_entries, observations_save_cells
from nqtrack.observations.models import AuditEntry, Observation, Origin
from nqtrack.observations.rows import EntryRead, EntryRow
from nqtrack.programmes.models import Programme

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="races two transactions: PostgreSQL only"),
]


def test_two_saves_at_the_same_moment_one_wins_and_the_other_is_told(
    figures: Programme, alice: User, carol: User
) -> None:
    first = [EntryRow(2, "forest_cover", "24", "2024", Decimal("38.1"), "38.1", "official")]
    observations_import_entries(
        user=alice, programme=figures, read=EntryRead(rows=first), channel="file", filename="a"
    )
    start = threading.Barrier(2)
    results: dict[str, EntrySummary] = {}

    def save(user: User, value: str) -> None:
        try:
            start.wait(timeout=10)
            rows = [
                EntryRow(1, "forest_cover", "24", "2024", Decimal(value), value, "official", seen_version=1)
            ]
            results[user.username] = observations_save_cells(
                user=user, programme=figures, rows=rows, channel="web"
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(alice, "38.2")),
        threading.Thread(target=save, args=(carol, "38.3")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    winners = [name for name, summary in results.items() if not summary.errors]
    losers = [name for name, summary in results.items() if summary.errors]
    assert (len(winners), len(losers)) == (1, 1)
    [error] = results[losers[0]].errors
    assert error.code == "NQ001"
    stored = Observation.objects.get(origin=Origin.REPORTED)
    assert (stored.version, stored.value_text) == (2, {"alice": "38.2", "carol": "38.3"}[winners[0]])
    assert AuditEntry.objects.filter(observation_id=stored.pk, action="update").count() == 1

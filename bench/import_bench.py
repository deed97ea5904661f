"""Step (a): load the synthetic values, by the real import path or raw, and say how fast and how big.

Modes:

- ``raw``: the physical limit. The same CSV files are parsed with the csv module, codes mapped to ids, and
  the rows written straight into the observations table: PostgreSQL ``COPY`` through psycopg, SQLite
  ``executemany`` in one transaction. No validation, no audit.
- ``real``: every file through ``nqtrack.observations.services.observations_import_file``, as a province
  officer's upload goes (reading, validation, duplicate checks, audit), one transaction per file: units
  and stored figures read in sets (``ImportLookups``), the figures written as tuples by ``insert_tuples``
  (COPY / executemany) with one audit row per file (``ImportBatch``), and a refresh of the stored
  assessments of the file's units asked for at each commit. As in production
  (``NQTRACK_TASKS=database``), that refresh is queued for a worker, not run here: step (b) measures it.
- ``clear``: remove the national programme's figures, their audit rows and import batches (between two
  loads).

Peak memory is the process's maximum resident set size (``resource.getrusage``), Django included.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

import django

from bench import nationwide
from bench.environment import write_result

RAW_BATCH = 10_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--result", required=True)
    parser.add_argument("--mode", choices=["raw", "real", "clear"], required=True)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    if args.mode == "real":
        # The refresh each import asks for goes to the task queue, as on a production server.
        os.environ["NQTRACK_TASKS"] = "database"
    django.setup()
    if args.mode == "clear":
        write_result(args.result, {"seconds": _clear()})
        return
    started = time.perf_counter()
    result: dict[str, Any] = {}
    if args.mode == "raw":
        rows = _raw(args.files)
    else:
        rows, result["refreshes_queued"] = _real(args.files)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _analyze()
    queued = f", {result['refreshes_queued']} refreshes queued" if "refreshes_queued" in result else ""
    print(
        f"  import {args.mode:8}: {rows:>9,} values in {seconds:8.1f} s = {rows / seconds:>9,.0f} values/s, "
        f"peak memory {peak_mb:,.0f} MB{queued}"
    )
    write_result(args.result, {"rows": rows, "seconds": seconds, "peak_mb": peak_mb, **result})


def _real(files: list[Path]) -> tuple[int, int]:
    """Import every file; return the values created and the refresh tasks the imports queued."""
    from django_tasks_db.models import DBTaskResult

    from nqtrack.observations import services
    from nqtrack.programmes.selectors import programme_get

    programme = programme_get(code=nationwide.PROGRAMME_CODE)
    queued_before = DBTaskResult.objects.count()
    created = 0
    for path in files:
        summary = services.observations_import_file(path=path, programme=programme)
        created += summary.created
    return created, DBTaskResult.objects.count() - queued_before


def _raw(files: list[Path]) -> int:
    from django.db import connection, transaction

    columns, records = _records(files)
    table = _table()
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                count = 0
                for record in records:
                    copy.write_row(record)
                    count += 1
        return count
    placeholders = ", ".join("%s" for _ in columns)
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608 - names from the model
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        # In batches: Django's SQLite cursor keeps a whole generator in memory (itertools.tee).
        while batch := [_sqlite(record) for record in islice(records, RAW_BATCH)]:
            cursor.executemany(insert, batch)
            count += len(batch)
    return count


def _records(files: list[Path]) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The observation columns and, per CSV row, the values a published import would store."""
    from nqtrack.observations.models import Observation
    from nqtrack.places.models import AdminUnit
    from nqtrack.programmes.models import Indicator

    indicators = dict(
        Indicator.objects.filter(programme__code=nationwide.PROGRAMME_CODE).values_list("code", "id")
    )
    units = dict(AdminUnit.objects.filter(source="bench").values_list("code", "id"))
    fields = [f for f in Observation._meta.concrete_fields if not f.primary_key]
    now = datetime.now(tz=UTC)

    def records() -> Iterator[tuple[Any, ...]]:
        for path in files:
            with path.open(encoding="utf-8", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), start=2):
                    known = {
                        "indicator": indicators[row["indicator"]],
                        "unit": units[row["unit_code"]],
                        "period": row["year"],
                        "year": int(row["year"]),
                        "value": Decimal(row["value"]),
                        "value_text": row["value"],
                        "measure_unit": row["unit"],
                        "status": row["status"],
                        "source_url": row["source_url"],
                        "published": date.fromisoformat(row["published"]),
                        "quote": row["quote"],
                        "comment": row["note"],
                        "statistics_key": row["indicator"],
                        "imported_from": path.name,
                        "imported_row": line,
                        "created_at": now,
                        "updated_at": now,
                        "origin": "published",
                        "review_state": "approved",
                    }
                    yield tuple(known[f.name] if f.name in known else f.get_default() for f in fields)

    return [str(f.column) for f in fields], records()


def _sqlite(record: tuple[Any, ...]) -> tuple[Any, ...]:
    """Dates and times as Django stores them in SQLite (ISO text, UTC without offset)."""
    return tuple(
        v.replace(tzinfo=None).isoformat(" ")
        if isinstance(v, datetime)
        else v.isoformat()
        if isinstance(v, date)
        else str(v)
        if isinstance(v, Decimal)
        else v
        for v in record
    )


def _table() -> str:
    from nqtrack.observations.models import Observation

    return Observation._meta.db_table


def _analyze() -> None:
    """Bring the planner's statistics up to date after a load, as autovacuum soon does in production
    (untimed): without them PostgreSQL plans the next reads for an empty table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _clear() -> float:
    """Delete the national programme's figures and audit rows (the audit is append-only for the
    application; this is a throwaway database)."""
    from django.db import connection, transaction

    from nqtrack.observations.models import AuditEntry, ImportBatch
    from nqtrack.programmes.models import Indicator, Programme

    started = time.perf_counter()
    programme = Programme.objects.get(code=nationwide.PROGRAMME_CODE)
    with transaction.atomic(), connection.cursor() as cursor:
        # Table names come from the models' meta, not from input.
        indicator_ids = f"SELECT id FROM {Indicator._meta.db_table} WHERE programme_id = %s"  # noqa: S608
        cursor.execute(f"DELETE FROM {_table()} WHERE indicator_id IN ({indicator_ids})", [programme.pk])  # noqa: S608
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE programme_id = %s", [programme.pk])  # noqa: S608
        cursor.execute(f"DELETE FROM {ImportBatch._meta.db_table} WHERE programme_id = %s", [programme.pk])  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {_table()}" if connection.vendor == "postgresql" else "VACUUM")
    return time.perf_counter() - started


if __name__ == "__main__":
    main()

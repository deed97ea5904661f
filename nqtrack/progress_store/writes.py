"""Writing many stored assessments at once, without the ORM's per-value SQL compilation.

``bulk_create`` compiles every value of every row through the ORM's SQL compiler, which costs more than
the assessment itself when a country's 170,000 pairs are written. Here PostgreSQL gets the rows by
``COPY`` and SQLite by one ``executemany``; the values are prepared as the model's fields store them
(JSON text for the result, the database's own time type).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.db.models import Field
from django.utils import timezone

from nqtrack.progress_store.models import StoredAssessment

# programme id, target id, unit code, as-of year, status, result (JSON-ready dict), fingerprint
type NewRow = tuple[int, int, str, int | None, str, dict[str, Any], str]

_FIELDS = ("programme", "target", "unit_code", "as_of", "status", "result", "fingerprint", "computed_at")


def insert_rows(rows: list[NewRow]) -> None:
    """Insert ``rows`` as new StoredAssessment rows, stamped with the current time."""
    if not rows:
        return
    fields = [_field(name) for name in _FIELDS]
    quote = connection.ops.quote_name
    table = quote(StoredAssessment._meta.db_table)
    columns = ", ".join(quote(str(f.column)) for f in fields)
    now = timezone.now()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row[:5], json.dumps(row[5]), row[6], now))
            return
        result, stamp = fields[5], fields[7].get_db_prep_save(now, connection)
        placeholders = ", ".join(["%s"] * len(fields))
        statement = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
        cursor.executemany(
            statement, [(*r[:5], result.get_db_prep_save(r[5], connection), r[6], stamp) for r in rows]
        )


def _field(name: str) -> Field[Any, Any]:
    found = StoredAssessment._meta.get_field(name)
    assert isinstance(found, Field)  # noqa: S101 - a concrete field of the model above
    return found

"""Insert many new model instances at the speed of the database's own bulk path, ids set as bulk_create does.

For a nationwide import, ``QuerySet.bulk_create`` spends most of the time in Python: every value of every
row goes through the SQL compiler (``prepare_value``, ``pre_save_val``), and on PostgreSQL into arrays for
``UNNEST``; a million figures and their million audit rows take minutes. ``bulk_insert`` writes the same
rows with ``COPY`` (PostgreSQL) or one ``executemany`` (SQLite):

- values are read straight from the instances, except where the model's field has work to do: times
  stamped on save (``auto_now``/``auto_now_add``), JSON, and, on SQLite, times and decimals, which go
  through the field's ``get_db_prep_save`` as the ORM would;
- the primary keys are known before writing: PostgreSQL hands out a block of the table's sequence
  (``nextval``, safe under concurrency); SQLite gives the first row its id and, as the transaction then
  holds the database's write lock, the next ids follow it;
- as with ``bulk_create``: no ``save()``, no signals; each instance gets its ``pk`` and is marked saved.

The observations import writes its figures with it, and ``nqtrack.observations.audit.audit_write`` every
audit entry. It must run inside a transaction (``transaction.atomic``), as they do.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import connection, models
from django.db.models import DateField, DateTimeField, DecimalField, Field, JSONField

type _Prepare = Callable[[models.Model, Any], Any]


def bulk_insert[M: models.Model](objs: Sequence[M], *, batch_size: int = 10_000) -> list[M]:
    """Insert ``objs`` (new instances of one model) and set their primary keys; return them."""
    if not objs:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_insert must run inside transaction.atomic()")
    model = type(objs[0])
    for start in range(0, len(objs), batch_size):
        _insert_batch(model, objs[start : start + batch_size])
    return list(objs)


def _insert_batch(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    meta = model._meta
    fields: list[Field[Any, Any]] = [f for f in meta.concrete_fields if not f.primary_key]
    values = _rows(fields, objs)
    quote = connection.ops.quote_name
    pk_column = quote(str(meta.pk.column))
    columns = ", ".join([pk_column, *(quote(str(f.column)) for f in fields)])
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, str(meta.pk.column), len(objs)],
            )
            ids = sorted(row[0] for row in cursor.fetchall())
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for pk, row in zip(ids, values, strict=True):
                    copy.write_row((pk, *row))
        else:
            placeholders = ", ".join(["%s"] * (len(fields) + 1))
            statement = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
            # The first row takes the next id and the write lock; no other writer can come in before
            # the commit, so the others follow it.
            cursor.execute(statement, [None, *values[0]])
            first = cursor.lastrowid
            ids = list(range(first, first + len(objs)))
            cursor.executemany(statement, [(pk, *row) for pk, row in zip(ids[1:], values[1:], strict=True)])
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def _rows(fields: list[Field[Any, Any]], objs: Sequence[models.Model]) -> list[tuple[Any, ...]]:
    """The database values of ``objs`` for ``fields``: raw attributes, converted where a field must."""
    raw = attrgetter(*(f.attname for f in fields))
    special = [(i, prepare) for i, f in enumerate(fields) if (prepare := _preparer(f)) is not None]
    if not special:
        return [raw(obj) for obj in objs]
    rows = []
    for obj in objs:
        row = list(raw(obj))
        for i, prepare in special:
            row[i] = prepare(obj, row[i])
        rows.append(tuple(row))
    return rows


def _preparer(field: Field[Any, Any]) -> _Prepare | None:
    """How to turn the attribute of ``field`` into the database's value, or None to take it as it is."""
    stamped = isinstance(field, DateField) and (field.auto_now or field.auto_now_add)
    if stamped:
        return lambda obj, _: field.get_db_prep_save(field.pre_save(obj, True), connection)
    if isinstance(field, JSONField):
        if connection.vendor == "postgresql":
            return lambda _, value: None if value is None else json.dumps(value, cls=field.encoder)
        return lambda _, value: field.get_db_prep_save(value, connection)
    if connection.vendor != "postgresql" and isinstance(field, DateTimeField | DecimalField):
        return lambda _, value: field.get_db_prep_save(value, connection)
    return None

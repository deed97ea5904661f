"""Insert many new rows at the speed of the database's own bulk path: model instances with their ids set as
bulk_create does (``bulk_insert``), or plain tuples of field values (``insert_tuples``).

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

``nqtrack.observations.audit.audit_write`` writes every audit entry with it. It must run inside a
transaction (``transaction.atomic``), as they do. The observations import of published statistics and the
store of assessments write their rows as tuples (``insert_tuples``): no instance is built at all; the
values every row shares (a time stamp, a batch id) are given once (``shared``) and converted once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any

from django.db import connection, models
from django.db.models import DateField, DateTimeField, DecimalField, Field, JSONField

# (instance or None for a tuple row, attribute value) → database value
type _Prepare = Callable[[Any, Any], Any]


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


def insert_tuples(
    model: type[models.Model],
    field_names: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    *,
    shared: Mapping[str, Any] | None = None,
) -> int:
    """Insert ``rows`` (values of ``field_names``, in that order) as new rows of ``model``, ids left to the
    database; each value is converted only where its field must (as for ``bulk_insert``). Return how many.

    ``shared``: values every row has (a batch's time stamp, its batch id), converted once (with the
    field's ``get_db_prep_save``, as the ORM would) and appended to each row; a field stamped on save
    (``auto_now_add``) may be given here, as the one time of the whole insert. ``rows`` may be an
    iterator: it is read once, in batches on SQLite, streamed into ``COPY`` on PostgreSQL."""
    fields = [_concrete(model, name) for name in field_names]
    given = dict(shared or {})
    shared_fields = [_concrete(model, name) for name in given]
    tail = tuple(f.get_db_prep_save(given[f.name], connection) for f in shared_fields)
    special = [
        (i, prepare) for i, f in enumerate(fields) if (prepare := _preparer(f, stamped=False)) is not None
    ]

    def prepared() -> Iterator[tuple[Any, ...]]:
        for row in rows:
            if special:
                values = list(row)
                for i, prepare in special:
                    values[i] = prepare(None, values[i])
                row = tuple(values)
            yield row + tail if tail else row

    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            count = _write(cursor, model, [*fields, *shared_fields], prepared())
        else:
            chunk: list[tuple[Any, ...]] = []
            for row in prepared():
                chunk.append(row)
                if len(chunk) == _SQLITE_CHUNK:
                    count += _write(cursor, model, [*fields, *shared_fields], chunk)
                    chunk = []
            count += _write(cursor, model, [*fields, *shared_fields], chunk)
    return count


_SQLITE_CHUNK = 10_000  # rows per executemany: the memory of one chunk, not of the whole file


def _insert_batch(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    meta = model._meta
    fields: list[Field[Any, Any]] = [f for f in meta.concrete_fields if not f.primary_key]
    values = _rows(fields, objs)
    with_pk = [meta.pk, *fields]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, str(meta.pk.column), len(objs)],
            )
            ids = sorted(row[0] for row in cursor.fetchall())
            _write(cursor, model, with_pk, [(pk, *row) for pk, row in zip(ids, values, strict=True)])
        else:
            # The first row takes the next id and the write lock; no other writer can come in before
            # the commit, so the others follow it.
            cursor.execute(_insert_statement(model, with_pk), [None, *values[0]])
            first = cursor.lastrowid
            ids = list(range(first, first + len(objs)))
            _write(cursor, model, with_pk, [(pk, *row) for pk, row in zip(ids[1:], values[1:], strict=True)])
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def _write(
    cursor: Any, model: type[models.Model], fields: Sequence[Field[Any, Any]], rows: Iterable[tuple[Any, ...]]
) -> int:
    """COPY (PostgreSQL) or one executemany (SQLite) of database-ready ``rows`` into ``fields``; how many
    rows. On PostgreSQL ``rows`` may be an iterator (streamed); on SQLite it must be a sequence."""
    count = 0
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(f.column)) for f in fields)
        copy_statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        it = iter(rows)
        first = next(it, None)
        if first is None:
            return 0
        with cursor.cursor.copy(copy_statement) as copy:
            copy.write_row(first)
            count = 1
            for row in it:
                copy.write_row(row)
                count += 1
        return count
    if not isinstance(rows, Sequence):
        rows = list(rows)
    if not rows:
        return 0
    cursor.executemany(_insert_statement(model, fields), rows)
    return len(rows)


def _insert_statement(model: type[models.Model], fields: Sequence[Field[Any, Any]]) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model


def _concrete(model: type[models.Model], name: str) -> Field[Any, Any]:
    found = model._meta.get_field(name)
    if not isinstance(found, Field) or not found.concrete:
        raise ValueError(f"{model.__name__}.{name} is not a concrete field")
    return found


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


def _preparer(field: Field[Any, Any], *, stamped: bool = True) -> _Prepare | None:
    """How to turn the attribute of ``field`` into the database's value, or None to take it as it is.

    ``stamped``: whether a time stamped on save (``auto_now``) is stamped here; rows given as tuples
    carry their own times, so such a field is refused there.
    """
    if isinstance(field, DateField) and (field.auto_now or field.auto_now_add):
        if not stamped:
            raise ValueError(f"{field.name} is stamped on save: insert instances with bulk_insert")
        return lambda obj, _: field.get_db_prep_save(field.pre_save(obj, True), connection)
    if isinstance(field, JSONField):
        # What the field's get_db_prep_save writes on both databases (SQLite's adapt_json_value is
        # json.dumps too), without its per-value dispatch; None stays SQL NULL.
        return lambda _, value: None if value is None else json.dumps(value, cls=field.encoder)
    if connection.vendor != "postgresql" and isinstance(field, DateTimeField | DecimalField):
        return _memoised(lambda value: field.get_db_prep_save(value, connection))
    return None


def _memoised(prepare: Callable[[Any], Any]) -> _Prepare:
    """``prepare`` of one value, converted once for a run of equal values (a batch's shared time stamp)."""
    last: list[Any] = [object(), None]  # the last value given and its conversion

    def converted(_: Any, value: Any) -> Any:
        if value != last[0] or type(value) is not type(last[0]):
            last[0], last[1] = value, prepare(value)
        return last[1]

    return converted

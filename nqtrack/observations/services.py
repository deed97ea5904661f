"""Writes of published observations: import a published-statistics file, all rows or none.

Published figures are imported as approved (the statistics office published them) and never change
afterwards; reported figures are written by ``nqtrack.observations.entries`` and reviewed by
``nqtrack.observations.review``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import astuple, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from nqtrack.core.bulk_insert import insert_tuples
from nqtrack.core.users import AnyUser
from nqtrack.domain.periods import PeriodError
from nqtrack.observations.audit import actor_for
from nqtrack.observations.import_lookups import ImportLookups
from nqtrack.observations.models import Channel, ImportBatch, Observation, Origin, ReviewState
from nqtrack.observations.readers import ObservationRow, RowError, read_statistics_csv
from nqtrack.observations.signals import figures_changed_send
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_version_on
from nqtrack.places.versions import VersionError
from nqtrack.programmes.models import Indicator, Programme
from nqtrack.programmes.selectors import programme_frame_day, programme_territory

type _Identity = tuple[int, int, str, str, date | None, str, str]
# A row kept for writing: its indicator id, its unit version's id, the row as read.
type _Kept = tuple[int, int, ObservationRow]

# What each new figure's row gives (in this order, after the indicator and the unit) ...
_ROW_FIELDS = (
    "period",
    "year",
    "partial",
    "value",
    "value_text",
    "measure_unit",
    "bound",
    "status",
    "source_url",
    "published",
    "quote",
    "comment",
    "statistics_key",
    "imported_row",
)


@dataclass(slots=True)
class ImportSummary:
    """What an import did (or would do, in a dry run): counts, and every rejected row with its reason."""

    filename: str
    dry_run: bool
    created: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows left out by ``territory_rows_only``
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRejected(Exception):
    """The file has errors; nothing was written. ``summary.errors`` lists them."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__(f"{summary.filename}: {len(summary.errors)} lỗi, không ghi dòng nào")
        self.summary = summary


def observations_import_file(
    *,
    path: Path,
    programme: Programme,
    dry_run: bool = False,
    user: AnyUser | None = None,
    channel: str = Channel.CLI,
    territory_rows_only: bool = False,
) -> ImportSummary:
    """Import a published-statistics CSV for ``programme``; raise ``ImportRejected`` and write nothing if
    any row is bad. Importing the same file again creates nothing.

    With ``territory_rows_only`` only the rows that name the programme's territory (``unit_name``) and a
    key of its indicators are imported, the others counted as skipped: a file written for another
    programme (the shipped files are Bắc Giang's) feeds a second programme its own province's rows alone.
    A row that names no unit is skipped then, since in such a file it is the other programme's."""
    data = path.read_bytes()
    read = read_statistics_csv(data, name=path.name)
    checksum = hashlib.sha256(data).hexdigest()
    del data
    rows = read.rows
    if territory_rows_only:
        rows = _territory_rows(rows, programme)
    summary = observations_import(
        rows=rows,
        errors=read.errors,
        filename=path.name,
        programme=programme,
        dry_run=dry_run,
        user=user,
        channel=channel,
        checksum=checksum,
    )
    summary.skipped = len(read.rows) - len(rows)
    return summary


def _territory_rows(rows: list[ObservationRow], programme: Programme) -> list[ObservationRow]:
    territory = programme_territory(programme=programme)
    if territory is None:
        return []
    keys = _statistics_keys(programme)
    return [
        row
        for row in rows
        if row.key in keys
        and row.unit_name == territory.name
        and (row.unit_code or programme.province_code) == programme.province_code
    ]


@transaction.atomic
def observations_import(
    *,
    rows: list[ObservationRow],
    errors: list[RowError],
    filename: str,
    programme: Programme,
    dry_run: bool = False,
    user: AnyUser | None = None,
    channel: str = Channel.CLI,
    checksum: str | None = None,
) -> ImportSummary:
    """Match rows to indicators and units, check them against each other and the database, then write
    them all in this transaction, or none; the stored assessments of the units written are refreshed
    once the transaction commits.

    The import is audited by one ``ImportBatch`` row (user, channel, time, file name, ``checksum`` —
    the SHA-256 of the file's bytes, or of the rows when the caller gives none —, counts); each new
    figure links to it, with no CREATE entry of its own in the audit log (``selectors.figure_history``
    reads the batch as the figure's first line). A rejected file and a dry run write no batch.

    The rows stay as read (``ObservationRow``) through the checks: a kept row is (indicator id, unit
    id, row), and the figures are written as tuples (``insert_tuples``: COPY on PostgreSQL, executemany
    on SQLite), the values every row shares (time, batch, file name, origin, state) converted once. The
    database is read in sets (``ImportLookups``: every unit version at once, each unit's stored figures
    once), so the number of queries does not grow with the rows.
    """
    summary = ImportSummary(filename=filename, dry_run=dry_run, errors=list(errors))
    keys = _statistics_keys(programme)
    lookups = ImportLookups(programme=programme)
    units: dict[tuple[str, str, str, bool], AdminUnit | str | None] = {}
    seen: dict[_Identity, ObservationRow] = {}
    to_create: list[_Kept] = []
    digest = hashlib.sha256() if checksum is None else None
    for row in rows:
        if digest is not None:
            digest.update(repr(astuple(row)).encode())
        matched = _match(row, keys, units, lookups, programme, summary)
        if matched is None:
            continue
        indicator_id, unit_id = matched
        identity = (indicator_id, unit_id, row.period, row.status, row.published, row.source_url, row.bound)
        if identity in seen:
            if _conflict(row, seen[identity], summary):
                continue
            summary.unchanged += 1
            continue
        seen[identity] = row
        if _stored_same(unit_id, identity, row, lookups, summary):
            summary.unchanged += 1
            continue
        to_create.append((indicator_id, unit_id, row))
    summary.errors.sort(key=lambda e: (e.row, e.column))
    if summary.errors:
        raise ImportRejected(summary)
    summary.created = len(to_create)
    if dry_run:
        return summary
    actor = actor_for(user=user, channel=channel)
    now = timezone.now()
    batch = ImportBatch.objects.create(
        at=now,
        user_id=actor.user_id,
        actor=actor.name,
        channel=actor.channel,
        programme=programme,
        filename=filename[:300],
        checksum=checksum if checksum is not None else digest.hexdigest() if digest is not None else "",
        rows_read=len(rows),
        created=summary.created,
        unchanged=summary.unchanged,
    )
    if to_create:
        insert_tuples(
            Observation,
            ("indicator", "unit", *_ROW_FIELDS),
            _figure_rows(to_create),
            shared=_shared_values(batch, filename),
        )
        unit_ids = {unit_id for _, unit_id, _ in to_create}
        codes = {u.code for u in units.values() if isinstance(u, AdminUnit) and u.pk in unit_ids}
        # After the commit only: a rejected or rolled-back import leaves the stored assessments alone.
        figures_changed_send(programme=programme, unit_codes=codes)
    return summary


def _figure_rows(kept: list[_Kept]) -> Iterator[tuple[Any, ...]]:
    """The values of ``_ROW_FIELDS`` of each new figure, with its indicator and unit first."""
    for indicator_id, unit_id, r in kept:
        yield (
            indicator_id,
            unit_id,
            r.period,
            r.year,
            r.partial,
            r.value,
            r.value_text,
            r.measure_unit,
            r.bound,
            r.status,
            r.source_url,
            r.published,
            r.quote,
            r.comment,
            r.key,
            r.row,
        )


def _shared_values(batch: ImportBatch, filename: str) -> dict[str, Any]:
    """What every figure of one import has: the rest of Observation's columns, as the ORM would fill
    them (its defaults, the import's state), and the batch."""
    return {
        "source_document": "",
        "imported_from": filename,
        "created_at": batch.at,
        "origin": Origin.PUBLISHED,
        "review_state": ReviewState.APPROVED,
        "version": 1,
        "updated_at": batch.at,
        "followup": False,
        "created_by": None,
        "updated_by": None,
        "import_batch": batch.pk,
    }


def _statistics_keys(programme: Programme) -> dict[str, tuple[Indicator, str | None]]:
    """Every key a row may name: each indicator's code and its published statistics keys."""
    keys: dict[str, tuple[Indicator, str | None]] = {}
    for indicator in Indicator.objects.filter(programme=programme).select_related("group"):
        keys[indicator.code] = (indicator, None)
        for entry in indicator.statistics_keys:
            keys[entry["key"]] = (indicator, entry.get("unit_code"))
    return keys


def _match(
    row: ObservationRow,
    keys: dict[str, tuple[Indicator, str | None]],
    units: dict[tuple[str, str, str, bool], AdminUnit | str | None],
    lookups: ImportLookups,
    programme: Programme,
    summary: ImportSummary,
) -> tuple[int, int] | None:
    """The (indicator id, unit version id) of ``row``, or None with its error recorded."""
    if row.key not in keys:
        summary.errors.append(
            RowError(row.row, "indicator", f"mã chỉ tiêu '{row.key}' không có trong chương trình")
        )
        return None
    indicator, key_unit = keys[row.key]
    code = row.unit_code or key_unit or programme.province_code
    name = row.unit_name
    if not name and not row.unit_code and not key_unit:
        # A row that names no unit is the programme's territory (Bắc Giang, not whatever carries its code
        # later): named so, its period must fall within that version.
        name = lookups.territory_name()
    plan = row.status == "plan"
    cache_key = (code, row.period, name, plan)
    if cache_key not in units:
        try:
            units[cache_key] = (
                lookups.unit_for_period(code=code, period=row.period, name=name, plan=plan)
                if row.year is not None
                # A figure the source gives no year for sits on the unit as the programme frames it.
                else unit_version_on(code=code, on=programme_frame_day(programme=programme))
            )
        except (VersionError, PeriodError) as refused:
            units[cache_key] = str(refused)
    unit = units[cache_key]
    if unit is None:
        unit = f"mã đơn vị hành chính '{code}' không tồn tại"
    if isinstance(unit, str):
        summary.errors.append(RowError(row.row, "unit_name" if row.unit_name else "unit_code", unit))
        return None
    return indicator.pk, unit.pk


def _conflict(row: ObservationRow, first: ObservationRow, summary: ImportSummary) -> bool:
    """Record an error when a row repeats an earlier row's identity with a different value."""
    if row.value == first.value:
        return False
    summary.errors.append(
        RowError(
            row.row,
            "value",
            f"trùng với dòng {first.row} (cùng chỉ tiêu, đơn vị, kỳ, trạng thái, ngày công bố và nguồn) "
            f"nhưng khác giá trị: {row.value_text} ≠ {first.value_text}",
        )
    )
    return True


def _stored_same(
    unit_id: int, identity: _Identity, row: ObservationRow, lookups: ImportLookups, summary: ImportSummary
) -> bool:
    """True when the database already holds this figure; an error when it holds a different one."""
    indicator_id, _, period, status, published, source_url, bound = identity
    stored = lookups.stored_by_identity(unit_id, (indicator_id, period, status, published, source_url, bound))
    if stored is None:
        return False
    if stored.value == row.value:
        return True
    summary.errors.append(
        RowError(
            row.row,
            "value",
            f"đã có giá trị {stored.value_text} cho cùng chỉ tiêu, đơn vị, kỳ, trạng thái, ngày công bố "
            f"và nguồn (nhập từ {stored.imported_from}, dòng {stored.imported_row}); "
            f"giá trị mới {row.value_text} bị từ chối",
        )
    )
    return False

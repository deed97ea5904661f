"""Writes of published observations: import a published-statistics file, all rows or none.

Published figures are imported as approved (the statistics office published them) and never change
afterwards; reported figures are written by ``nqtrack.observations.entries`` and reviewed by
``nqtrack.observations.review``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from nqtrack.core.bulk_insert import bulk_insert
from nqtrack.core.users import AnyUser
from nqtrack.domain.periods import PeriodError
from nqtrack.observations.audit import actor_for, audit_entry, audit_write, snapshot
from nqtrack.observations.import_lookups import ImportLookups
from nqtrack.observations.models import AuditAction, Channel, Observation, Origin, ReviewState
from nqtrack.observations.readers import ObservationRow, RowError, read_statistics_csv
from nqtrack.observations.signals import figures_changed_send
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_version_on
from nqtrack.places.versions import VersionError
from nqtrack.programmes.models import Indicator, Programme
from nqtrack.programmes.selectors import programme_frame_day, programme_territory

type _Identity = tuple[int, int, str, str, object, str, str]


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
    read = read_statistics_csv(path.read_bytes(), name=path.name)
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
) -> ImportSummary:
    """Match rows to indicators and units, check them against each other and the database, then write
    them all in this transaction, or none; each new figure is recorded in the audit log, and the stored
    assessments of the units written are refreshed once the transaction commits.

    The database is read in sets (``ImportLookups``: every unit version at once, each unit's stored
    figures once), so the number of queries does not grow with the rows; figures and audit entries are
    written with ``bulk_insert``.
    """
    summary = ImportSummary(filename=filename, dry_run=dry_run, errors=list(errors))
    keys = _statistics_keys(programme)
    lookups = ImportLookups(programme=programme)
    units: dict[tuple[str, str, str, bool], AdminUnit | str | None] = {}
    seen: dict[_Identity, ObservationRow] = {}
    to_create: list[Observation] = []
    for row in rows:
        observation = _match(row, keys, units, lookups, programme, summary)
        if observation is None:
            continue
        identity = _identity(observation)
        if identity in seen:
            if _conflict(row, seen[identity], summary):
                continue
            summary.unchanged += 1
            continue
        seen[identity] = row
        if _stored_same(observation, row, lookups, summary):
            summary.unchanged += 1
            continue
        to_create.append(observation)
    summary.errors.sort(key=lambda e: (e.row, e.column))
    if summary.errors:
        raise ImportRejected(summary)
    summary.created = len(to_create)
    if not dry_run and to_create:
        created = bulk_insert(to_create)
        actor = actor_for(user=user, channel=channel)
        audit_write(
            audit_entry(
                actor,
                AuditAction.CREATE,
                obs,
                old=None,
                new=snapshot(obs),
                source=f"{obs.imported_from}, dòng {obs.imported_row}",
            )
            for obs in created
        )
        # After the commit only: a rejected or rolled-back import leaves the stored assessments alone.
        figures_changed_send(programme=programme, unit_codes={obs.unit.code for obs in created})
    return summary


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
) -> Observation | None:
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
    return Observation(
        indicator=indicator,
        unit=unit,
        period=row.period,
        year=row.year,
        partial=row.partial,
        value=row.value,
        value_text=row.value_text,
        measure_unit=row.measure_unit,
        bound=row.bound,
        status=row.status,
        source_url=row.source_url,
        published=row.published,
        quote=row.quote,
        comment=row.comment,
        statistics_key=row.key,
        imported_from=summary.filename,
        imported_row=row.row,
        origin=Origin.PUBLISHED,
        review_state=ReviewState.APPROVED,
    )


def _identity(o: Observation) -> _Identity:
    return (o.indicator.pk, o.unit.pk, o.period, o.status, o.published, o.source_url, o.bound)


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
    observation: Observation, row: ObservationRow, lookups: ImportLookups, summary: ImportSummary
) -> bool:
    """True when the database already holds this figure; an error when it holds a different one."""
    stored = lookups.stored_published(observation)
    if stored is None:
        return False
    if stored.value == observation.value:
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

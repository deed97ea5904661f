"""Importing an uploaded or named file of figures: tell its format from its content, read it, and hand
the rows to the service of that format (the web page and ``nqtrack import`` both come here)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from nqtrack.core.users import AnyUser
from nqtrack.observations.dhis2 import Dhis2Result, observations_import_dhis2
from nqtrack.observations.dhis2_options import Dhis2ImportOptions
from nqtrack.observations.entries import EntriesRejected, EntrySummary, observations_import_entries
from nqtrack.observations.formats.csvfile import read_csv
from nqtrack.observations.formats.limits import check_size as sniff_size
from nqtrack.observations.formats.sniff import DHIS2_KINDS, KIND_LABELS, Kind, sniff
from nqtrack.observations.formats.xlsx import read_xlsx
from nqtrack.observations.models import Channel, Status
from nqtrack.observations.permissions import require_programme_operations
from nqtrack.observations.readers import read_statistics_csv
from nqtrack.observations.services import ImportRejected, ImportSummary, observations_import
from nqtrack.programmes.models import Programme

type Progress = Callable[[int], Callable[[], None]]  # rows → called once per row checked


@dataclass(frozen=True, slots=True)
class UploadResult:
    """What importing a file did (or would do): exactly one of the three summaries is set."""

    filename: str
    kind: Kind
    ok: bool
    entries: EntrySummary | None = None
    dhis2: Dhis2Result | None = None
    statistics: ImportSummary | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def observations_import_upload(
    *,
    user: AnyUser | None,
    programme: Programme,
    name: str,
    data: bytes,
    dry_run: bool,
    channel: str,
    default_status: str = Status.UNKNOWN,
    progress: Progress | None = None,
    dhis2: Dhis2ImportOptions | None = None,
) -> UploadResult:
    """Import a file of any format we read; raise ``FileRejected`` for a file refused as a whole.

    ``dhis2`` are DHIS2's import options for a ``dataValueSets`` file (``dry_run`` and
    ``default_status`` are taken from the arguments); with ``first_row_is_header`` False a CSV is read as
    a DHIS2 CSV without its header row."""
    options = replace(dhis2 or Dhis2ImportOptions(), dry_run=dry_run, default_status=default_status)
    kind = _headerless(name, data) if not options.first_row_is_header else sniff(name, data)
    if kind in DHIS2_KINDS:
        result = observations_import_dhis2(
            user=user,
            programme=programme,
            name=name,
            data=data,
            kind=kind,
            options=options,
            progress=progress,
        )
        return UploadResult(name, kind, result.ok, dhis2=result)
    if kind is Kind.STATISTICS_CSV:
        return _statistics(
            user=user, programme=programme, name=name, data=data, dry_run=dry_run, channel=channel
        )
    read = read_xlsx(data, name=name) if kind is Kind.XLSX else read_csv(data, name=name)
    try:
        summary = observations_import_entries(
            user=user,
            programme=programme,
            read=read,
            channel=Channel.FILE if channel == Channel.WEB else channel,
            filename=name,
            dry_run=dry_run,
            default_status=default_status,
            on_row=progress(len(read.rows)) if progress else None,
        )
    except EntriesRejected as rejected:
        return UploadResult(name, kind, False, entries=rejected.summary)
    return UploadResult(name, kind, True, entries=summary)


def _statistics(
    *, user: AnyUser | None, programme: Programme, name: str, data: bytes, dry_run: bool, channel: str
) -> UploadResult:
    """Published figures are imported as approved, for the whole province: a programme-wide operation."""
    require_programme_operations(user=user, programme=programme)
    read = read_statistics_csv(data, name=name)
    try:
        summary = observations_import(
            rows=read.rows,
            errors=read.errors,
            filename=name,
            programme=programme,
            dry_run=dry_run,
            user=user,
            channel=channel,
            checksum=hashlib.sha256(data).hexdigest(),
        )
    except ImportRejected as rejected:
        return UploadResult(name, Kind.STATISTICS_CSV, False, statistics=rejected.summary)
    return UploadResult(name, Kind.STATISTICS_CSV, True, statistics=summary)


def _headerless(name: str, data: bytes) -> Kind:
    """A file said to have no header row: a DHIS2 CSV (a file of another format is still refused)."""
    kind = sniff(name, data) if data.lstrip()[:1] in (b"{", b"[", b"<") or data.startswith(b"PK") else None
    if kind is not None and kind is not Kind.DHIS2_CSV:
        return kind
    sniff_size(name, len(data))
    return Kind.DHIS2_CSV

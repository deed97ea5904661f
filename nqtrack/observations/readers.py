"""Readers of observation files: text in, checked rows out (no database).

One reader per format (as sdg-build does). ``read_statistics_csv`` reads the published-statistics format
of ``data/bac-giang-statistics.csv`` (see data/README.md): one value per row with its source and quote.
It also accepts three optional columns, ``unit_code`` (GSO code; default: the programme's territory),
``unit_name`` (the unit's name, which tells the versions of one code apart: "Tỉnh Bắc Giang" until
30/6/2025, "Tỉnh Bắc Ninh" from 1/7/2025) and ``period`` (``2024``, ``2024Q1``, ``2024S1``, ``202403``;
default: the year). Where the source format
keeps those facts in the free-text ``note``, the reader reads them from there: "Q1 only" / "First half
only" give the period, "district code 220" the unit, "lower/upper bound" one end of a published range.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from nqtrack.observations.formats.csvrows import csv_dicts

STATUSES = ("plan", "estimate", "preliminary", "official", "unknown")
REQUIRED_COLUMNS = (
    "indicator",
    "year",
    "value",
    "unit",
    "status",
    "source_url",
    "published",
    "quote",
    "note",
)
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:(?P<q>Q[1-4])|(?P<s>S[12])|(?P<m>0[1-9]|1[0-2]))?$")
_QUARTER_NOTE = re.compile(r"\bQ([1-4]) only\b", re.IGNORECASE)
_HALF_NOTE = re.compile(r"\bfirst half only\b", re.IGNORECASE)
_OTHER_PARTIAL_NOTE = re.compile(r"\b(?:jan[–-]\w+|to \d{1,2} \w+) only\b", re.IGNORECASE)
_DISTRICT_NOTE = re.compile(r"\bdistrict code (\d{3})\b", re.IGNORECASE)
_BOUND_NOTE = re.compile(r"\b(lower|upper) (?:bound|end) of\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem of one row: its line in the file (header = 1), the column, and what is wrong.

    ``code`` optionally names the kind of problem (DHIS2 error codes such as ``E7610`` for exchanges).
    """

    row: int
    column: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        return f"dòng {self.row}, cột '{self.column}': {self.message}"


@dataclass(frozen=True, slots=True)
class ObservationRow:
    """One value as read from a file, before it is matched to indicators and units."""

    row: int
    key: str
    period: str
    year: int | None
    partial: bool
    value: Decimal
    value_text: str
    measure_unit: str
    status: str
    source_url: str
    published: date | None
    quote: str
    comment: str
    unit_code: str | None
    bound: str
    unit_name: str = ""


@dataclass(slots=True)
class ReadResult:
    rows: list[ObservationRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def read_statistics_csv(data: bytes | str, *, name: str = "tệp") -> ReadResult:
    """Read a published-statistics CSV (UTF-8, with or without BOM); every bad cell becomes a RowError.
    A field too long for a CSV raises ``FileRejected``."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    fieldnames, reader = csv_dicts(unicodedata.normalize("NFC", text), name=name)
    result = ReadResult()
    missing = [c for c in REQUIRED_COLUMNS if c not in fieldnames]
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), "thiếu cột bắt buộc"))
        return result
    for line, record in enumerate(reader, start=2):
        row, errors = _read_row(line, {k: (v or "").strip() for k, v in record.items() if k is not None})
        result.errors.extend(errors)
        if row is not None:
            result.rows.append(row)
    return result


def _read_row(line: int, cell: dict[str, str]) -> tuple[ObservationRow | None, list[RowError]]:
    errors: list[RowError] = []
    note = cell.get("note", "")
    if not cell["indicator"]:
        errors.append(RowError(line, "indicator", "thiếu mã chỉ tiêu"))
    value = _decimal(cell["value"])
    if value is None:
        errors.append(RowError(line, "value", f"'{cell['value']}' không phải là số"))
    if cell["status"] not in STATUSES:
        errors.append(
            RowError(line, "status", f"'{cell['status']}' không hợp lệ; cho phép {', '.join(STATUSES)}")
        )
    published = _date(cell["published"])
    if cell["published"] and published is None:
        errors.append(RowError(line, "published", f"'{cell['published']}' không phải ngày dạng YYYY-MM-DD"))
    period, year, partial, period_error = _period(cell, note)
    if period_error:
        errors.append(RowError(line, "period" if cell.get("period") else "year", period_error))
    if errors or value is None:
        return None, errors
    return (
        ObservationRow(
            row=line,
            key=cell["indicator"],
            period=period,
            year=year,
            partial=partial,
            value=value,
            value_text=cell["value"],
            measure_unit=cell["unit"],
            status=cell["status"],
            source_url=cell["source_url"],
            published=published,
            quote=cell["quote"],
            comment=note,
            unit_code=cell.get("unit_code") or _match(_DISTRICT_NOTE, note),
            bound=_bound(note),
            unit_name=cell.get("unit_name", ""),
        ),
        [],
    )


def _period(cell: dict[str, str], note: str) -> tuple[str, int | None, bool, str]:
    """(period, year, partial, error) from the period/year columns, or from a partial-period note."""
    explicit = cell.get("period", "")
    if explicit:
        match = _PERIOD.match(explicit)
        if match is None:
            return "", None, False, f"'{explicit}' không phải kỳ hợp lệ (2024, 2024Q1, 2024S1, 202403)"
        return explicit, int(match["year"]), False, ""
    if not cell["year"]:
        return "", None, False, ""  # the source gives no year: kept, never used for progress
    if not re.fullmatch(r"\d{4}", cell["year"]):
        return "", None, False, f"'{cell['year']}' không phải năm (4 chữ số)"
    year = int(cell["year"])
    if quarter := _match(_QUARTER_NOTE, note):
        return f"{year}Q{quarter}", year, False, ""
    if _HALF_NOTE.search(note):
        return f"{year}S1", year, False, ""
    return str(year), year, bool(_OTHER_PARTIAL_NOTE.search(note)), ""


def _bound(note: str) -> str:
    which = _match(_BOUND_NOTE, note)
    return {"lower": "low", "upper": "high"}.get((which or "").lower(), "")


def _match(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return found.group(1) if found else None


def _decimal(text: str) -> Decimal | None:
    """A plain number with a dot or a decimal comma ("16.10", "16,1"); None when it is not one."""
    normalised = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        value = Decimal(normalised)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None

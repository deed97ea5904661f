"""The layout of the Excel/CSV template: one figure per row, Vietnamese headers.

Mã chỉ tiêu | Tên chỉ tiêu | Mã đơn vị | Tên đơn vị | Kỳ | Giá trị | Đơn vị tính | Trạng thái | Nguồn |
Ghi chú

Either the code or the name identifies an indicator or a unit (the code wins when both are given). ``Kỳ`` is
a DHIS2 period (2024, 2024Q1, 2024S1, 202403). Text cells that start with = + - @ (or a tab or a carriage
return) are written with a leading apostrophe so that a spreadsheet never runs them as a formula; the
apostrophe is taken off again on import, so export → edit → import keeps the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from nqtrack.domain.figures import (
    MAX_DECIMALS,
    FigureError,
    Reading,
    canonical,
    check_figure_size,
    parse_figure,
)
from nqtrack.observations.formats.limits import FileRejected, max_rows
from nqtrack.observations.rows import EntryRead, EntryRow, RowError

COLUMNS: tuple[tuple[str, str], ...] = (
    ("indicator", "Mã chỉ tiêu"),
    ("indicator_name", "Tên chỉ tiêu"),
    ("unit", "Mã đơn vị"),
    ("unit_name", "Tên đơn vị"),
    ("period", "Kỳ"),
    ("value", "Giá trị"),
    ("measure_unit", "Đơn vị tính"),
    ("status", "Trạng thái"),
    ("source", "Nguồn"),
    ("comment", "Ghi chú"),
)
HEADERS = dict(COLUMNS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME = "Số liệu"
CODES_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_HEADER_KEYS = {**{_key(header): name for name, header in COLUMNS}, **{name: name for name, _ in COLUMNS}}


@dataclass(frozen=True, slots=True)
class TableRow:
    """One figure as the template shows it (for writers)."""

    indicator: str
    indicator_name: str
    unit: str
    unit_name: str
    period: str
    value: Decimal
    value_text: str
    measure_unit: str
    status: str
    source: str
    comment: str


FORMULA_REFUSED = "ô chứa công thức: hãy dán giá trị"
NOT_FINITE = "giá trị không phải là số hữu hạn"
UNBALANCED_QUOTE = "dấu ngoặc kép không cân (thiếu dấu mở hoặc dấu đóng)"
_SIGNIFICANT_DIGITS = 15  # what a spreadsheet shows of a float: 37.800000000000004 is 37.8


@dataclass(frozen=True, slots=True)
class FormulaCell:
    """A spreadsheet cell holding a formula; ``cached`` is the value the spreadsheet last computed (None
    when it never did). A value, source or comment cell with a formula is refused; in the other columns
    the cached value is read."""

    cached: object


@dataclass(frozen=True, slots=True)
class NotFinite:
    """A number cell of a spreadsheet holding NaN, an infinity or no number at all (``text`` as written)."""

    text: str


def header_fields(header: Sequence[object]) -> tuple[dict[int, str], list[str]]:
    """Column index → field for the known headers, and the headers not in the template."""
    fields: dict[int, str] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        name = _HEADER_KEYS.get(_key(text))
        if name is None or name in fields.values():
            unknown.append(text)
        else:
            fields[index] = name
    return fields, unknown


def header_errors(fields: dict[int, str], unknown: list[str]) -> list[RowError]:
    """Problems of the header row (row 1): unknown columns, missing required ones."""
    errors: list[RowError] = []
    present = set(fields.values())
    if unknown:
        allowed = ", ".join(HEADERS.values())
        errors.append(RowError(1, ", ".join(unknown), f"cột không có trong mẫu; các cột của mẫu: {allowed}"))
    missing = [HEADERS[name] for name in ("period", "value") if name not in present]
    if not present & {"indicator", "indicator_name"}:
        missing.append(f"{HEADERS['indicator']} hoặc {HEADERS['indicator_name']}")
    if not present & {"unit", "unit_name"}:
        missing.append(f"{HEADERS['unit']} hoặc {HEADERS['unit_name']}")
    if missing:
        errors.append(RowError(1, ", ".join(missing), "thiếu cột bắt buộc"))
    return errors


def clean_text(value: object) -> str:
    """A cell as text: NFC, trimmed, without the apostrophe that neutralised a formula."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def neutralise(text: str) -> str:
    """Text safe to open in a spreadsheet: a leading apostrophe before = + - @ tab or carriage return."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def period_text(value: object) -> str:
    """A period cell as text: a number typed in a spreadsheet (2024, 202403.0) becomes its digits."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return clean_text(value)


def figure(value: object) -> tuple[Decimal | None, str, str]:
    """(value, canonical text, error) of a value cell: a number, or text with a decimal comma or dot."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "", ""
    if isinstance(value, FormulaCell):
        return None, "", FORMULA_REFUSED
    if isinstance(value, NotFinite):
        return None, "", NOT_FINITE
    if isinstance(value, bool):
        return None, "", f"'{value}' không phải là số"
    if isinstance(value, int | float | Decimal):
        return _number(value)
    text = str(value)
    if '"' in text or "\n" in text.strip():  # a quote the CSV reader could not pair swallowed the rest
        return None, "", f"'{text.strip().splitlines()[0]}' không phải là số: {UNBALANCED_QUOTE}"
    try:
        number = parse_figure(text, reading=Reading.FILE)
    except FigureError as error:
        return None, "", str(error)
    return number, canonical(number), ""


def _number(value: int | float | Decimal) -> tuple[Decimal | None, str, str]:
    """A number cell; a float loses its binary noise, then must fit the database as typed text must."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        return None, "", NOT_FINITE
    exponent = number.as_tuple().exponent
    if isinstance(value, float) and isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        number = Decimal(format(value, f".{_SIGNIFICANT_DIGITS}g"))
    try:
        check_figure_size(repr(value) if isinstance(value, float) else str(value), number)
    except FigureError as error:
        return None, "", str(error)
    return number, canonical(number), ""


def entry_row(
    row: int, cells: dict[str, object], labels: dict[str, str]
) -> tuple[EntryRow | None, list[RowError]]:
    """The figure of one data row, or the errors of its cells."""
    value, value_text, problem = figure(cells.get("value"))
    errors = [RowError(row, labels["value"], problem)] if problem else []
    errors += [
        RowError(row, labels[name], FORMULA_REFUSED)
        for name in ("source", "comment")
        if isinstance(cells.get(name), FormulaCell)
    ]
    if errors:
        return None, errors
    cells = {name: c.cached if isinstance(c, FormulaCell) else c for name, c in cells.items()}
    text = {name: clean_text(cells.get(name)) for name in HEADERS if name != "value"}
    return (
        EntryRow(
            row=row,
            indicator=text["indicator"] or text["indicator_name"],
            unit=text["unit"] or text["unit_name"],
            # With a code, the name tells the code's versions apart (24: Tỉnh Bắc Giang / Tỉnh Bắc Ninh).
            unit_name=text["unit_name"] if text["unit"] else "",
            period=period_text(cells.get("period")),
            value=value,
            value_text=value_text,
            status=text["status"] or None,
            source=text["source"] if "source" in cells else None,
            comment=text["comment"] if "comment" in cells else None,
            measure_unit=text["measure_unit"],
        ),
        [],
    )


def is_blank(values: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def read_table(
    rows: Iterable[Sequence[object]],
    *,
    name: str,
    empty: str,
    column_name: Callable[[int], str] | None = None,
    missing: object = None,
) -> EntryRead:
    """Read a template table (a CSV file or a sheet): the header row, then every data row.

    ``empty`` is the error when there is no header row; ``column_name`` names a column by its index in the
    messages (a spreadsheet's letter; without it, the header alone); a row shorter than the header reads
    ``missing`` in its last cells. Blank rows are skipped; a table with more data rows than the limit is
    refused as a whole.
    """
    read = EntryRead()
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        read.errors.append(RowError(1, "", empty))
        return read
    fields, unknown = header_fields(header)
    if column_name is not None:
        read.labels = {field: f"{column_name(i)} ({HEADERS[field]})" for i, field in fields.items()}
    read.labels.update({f: HEADERS[f] for f in HEADERS if f not in read.labels})
    read.errors.extend(header_errors(fields, unknown))
    if read.errors:
        return read
    limit = max_rows()
    for number, values in enumerate(iterator, start=2):
        if number - 1 > limit:
            raise FileRejected(f"Tệp '{name}' có hơn {limit} dòng số liệu; hãy chia thành nhiều tệp.")
        if is_blank(values):
            continue
        cells = {field: values[i] if i < len(values) else missing for i, field in fields.items()}
        row, errors = entry_row(number, cells, read.labels)
        read.errors.extend(errors)
        if row is not None:
            read.rows.append(row)
    return read

"""The template as CSV: the same columns as the Excel template, UTF-8 (with a byte-order mark when
written, so that Excel shows Vietnamese right), comma-separated; a semicolon- or tab-separated file is
read too."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable

from nqtrack.observations.formats.limits import FileRejected, max_rows
from nqtrack.observations.formats.sniff import csv_delimiter, decode_text
from nqtrack.observations.formats.tabular import (
    COLUMNS,
    HEADERS,
    TableRow,
    entry_row,
    header_errors,
    header_fields,
    is_blank,
    neutralise,
)
from nqtrack.observations.rows import EntryRead, RowError


def read_csv(data: bytes, *, name: str = "tệp") -> EntryRead:
    """Read a template CSV; every bad cell becomes an error with its line and column."""
    text = unicodedata.normalize("NFC", decode_text(name, data))
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(first_line))
    read = EntryRead()
    header = next(reader, None)
    if header is None:
        read.errors.append(RowError(1, "", "tệp trống: không có dòng tiêu đề"))
        return read
    fields, unknown = header_fields(header)
    read.labels = {f: HEADERS[f] for f in HEADERS}
    read.errors.extend(header_errors(fields, unknown))
    if read.errors:
        return read
    limit = max_rows()
    for number, values in enumerate(reader, start=2):
        if number - 1 > limit:
            raise FileRejected(f"Tệp '{name}' có hơn {limit} dòng số liệu; hãy chia thành nhiều tệp.")
        if is_blank(values):
            continue
        cells: dict[str, object] = {
            field: values[i] if i < len(values) else "" for i, field in fields.items()
        }
        row, errors = entry_row(number, cells, read.labels)
        read.errors.extend(errors)
        if row is not None:
            read.rows.append(row)
    return read


def write_csv(rows: Iterable[TableRow]) -> bytes:
    """The rows as a template CSV (UTF-8 with BOM, CRLF), text cells neutralised against formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for _, header in COLUMNS])
    for row in rows:
        writer.writerow(
            [
                *(
                    neutralise(t)
                    for t in (row.indicator, row.indicator_name, row.unit, row.unit_name, row.period)
                ),
                row.value_text,
                *(neutralise(t) for t in (row.measure_unit, row.status, row.source, row.comment)),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

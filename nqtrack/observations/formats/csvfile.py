"""The template as CSV: the same columns as the Excel template, UTF-8 (with a byte-order mark when
written, so that Excel shows Vietnamese right), comma-separated; a semicolon- or tab-separated file is
read too."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable

from nqtrack.observations.formats.csvrows import csv_rows
from nqtrack.observations.formats.sniff import csv_delimiter, decode_text
from nqtrack.observations.formats.tabular import COLUMNS, TableRow, neutralise, read_table
from nqtrack.observations.rows import EntryRead


def read_csv(data: bytes, *, name: str = "tệp") -> EntryRead:
    """Read a template CSV; every bad cell becomes an error with its line and column."""
    text = unicodedata.normalize("NFC", decode_text(name, data))
    first_line = text.split("\n", 1)[0]
    reader = csv_rows(text, name=name, delimiter=csv_delimiter(first_line))
    return read_table(reader, name=name, empty="tệp trống: không có dòng tiêu đề", missing="")


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

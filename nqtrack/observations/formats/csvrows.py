"""The records of an uploaded CSV, with a bound on the length of a field.

Python's ``csv`` module stops at a field longer than its limit (131,072 characters) with ``csv.Error``;
a file with an unclosed quotation mark reaches it easily, since the rest of the file becomes one field.
Every CSV reader of an upload goes through ``csv_rows``, which turns that (and any other ``csv.Error``)
into ``FileRejected`` with a Vietnamese message naming the row (the record's number, the header being
row 1, as the other messages of an import) and the column. The reader is strict, so a quotation mark left
open at the end of the file (which the lenient reader reads as one last cell holding the rest of the file)
or text right after a closing quotation mark is refused with its row and column too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from nqtrack.observations.formats.limits import FileRejected

MAX_FIELD_CHARS = 131_072  # the csv module's default limit; a cell of the template is far shorter
_QUOTED = re.compile(r'"(?P<inner>[^"]*(?:""[^"]*)*)"?')  # a quoted part: a doubled quote is one "


class _Lines:
    """The lines of a text, keeping the ones of the record being read (to find the long field)."""

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.record: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.record.append(line)
        return line


def csv_rows(text: str, *, name: str, delimiter: str = ",") -> Iterator[list[str]]:
    """The records of ``text``; ``FileRejected`` at a field over ``MAX_FIELD_CHARS`` or a broken record."""
    lines = _Lines(text)
    # strict: a quotation mark left open to the end of the file, or text right after a closing one, is an
    # error to report, where the lenient reader silently reads the rest of the file as one cell
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] = []
    number = 0
    while True:
        number += 1
        lines.record = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            record = "".join(lines.record)
            column = _long_column(record, delimiter)
            if column is not None:
                raise _too_long(name, number, _label(header, column)) from None
            raise _broken_quote(name, number, header, record, delimiter, error) from None
        column = next((i for i, cell in enumerate(row) if len(cell) > MAX_FIELD_CHARS), None)
        if column is not None:  # the csv module's limit was raised elsewhere: ours still holds
            raise _too_long(name, number, _label(header, column))
        if number == 1:
            header = row
        yield row


def _too_long(name: str, number: int, label: str) -> FileRejected:
    limit = f"{MAX_FIELD_CHARS:,}".replace(",", ".")
    return FileRejected(
        f"Tệp '{name}' có ô quá dài ở dòng {number}, {label}: hơn {limit} ký tự, không đọc tệp này. "
        "Hãy kiểm tra lại ô đó (thường do thiếu dấu ngoặc kép đóng)."
    )


def _broken_quote(
    name: str, number: int, header: list[str], record: str, delimiter: str, error: csv.Error
) -> FileRejected:
    """The message of a record the strict reader refuses: an unclosed quotation mark, or text after a
    closing one (the only errors it raises besides a long field, which ``_too_long`` reports)."""
    column = _quote_column(record, delimiter)
    where = f"dòng {number}, {_label(header, column)}" if column is not None else f"dòng {number}"
    if "unexpected end of data" in str(error):
        return FileRejected(
            f"Tệp '{name}' có dấu ngoặc kép (\") mở ở {where} mà không đóng: phần còn lại của tệp "
            "thành một ô, không đọc tệp này. Hãy thêm dấu ngoặc kép đóng ô đó."
        )
    return FileRejected(
        f"Tệp '{name}' có ký tự ngay sau dấu ngoặc kép đóng ô ở {where}, không đọc tệp này. "
        'Dấu ngoặc kép bên trong một ô phải được ghi hai lần ("").'
    )


def _quote_column(text: str, delimiter: str) -> int | None:
    """The index of the first field of the record that starts ``text`` whose quotation marks are broken
    (opened and not closed, or followed by text), or None."""
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    position = column = 0
    while position <= len(text):
        if text.startswith('"', position):
            quoted = _QUOTED.match(text, position)
            assert quoted is not None  # noqa: S101 - the pattern matches any text that starts with "
            position = quoted.end()
            closed = quoted.group(0).endswith('"') and len(quoted.group(0)) > 1
            if not closed or not (
                position == len(text) or text.startswith((delimiter, "\r", "\n"), position)
            ):
                return column
        else:
            rest = unquoted.match(text, position)
            position = rest.end() if rest is not None else position
        if not text.startswith(delimiter, position):
            return None
        position, column = position + 1, column + 1
    return None


def _label(header: list[str], column: int) -> str:
    title = header[column].strip() if column < len(header) else ""
    return f"cột {column + 1} ({title[:80]})" if title else f"cột {column + 1}"


def _long_column(text: str, delimiter: str) -> int | None:
    """The index of the first field longer than ``MAX_FIELD_CHARS`` in the record that starts ``text``
    (read as the csv module's default dialect reads it), or None."""
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    position = column = 0
    while position <= len(text):
        length = 0
        quoted = _QUOTED.match(text, position) if text.startswith('"', position) else None
        if quoted is not None:
            length = len(quoted["inner"]) - quoted["inner"].count('""')
            position = quoted.end()
        rest = unquoted.match(text, position)
        length += rest.end() - position if rest is not None else 0
        position = rest.end() if rest is not None else position
        if length > MAX_FIELD_CHARS:
            return column
        if not text.startswith(delimiter, position):
            return None  # the record ends here
        position, column = position + 1, column + 1
    return None


def csv_dicts(text: str, *, name: str) -> tuple[list[str], Iterator[dict[str, str | None]]]:
    """What ``csv.DictReader`` reads, bounded as ``csv_rows``: the header, then each record that is not
    empty as header → cell (None for a missing cell; cells beyond the header dropped)."""
    rows = csv_rows(text, name=name)
    header = next(rows, [])

    def records() -> Iterator[dict[str, str | None]]:
        for row in rows:
            if row:
                yield {key: row[i] if i < len(row) else None for i, key in enumerate(header)}

    return header, records()

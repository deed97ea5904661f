"""DHIS2 ``dataValueSets`` in CSV, as the DHIS2 Web API documents it ("CSV data value format"): the first
row is a header, and the columns are, in this order, data element, period, org unit, category option
combo, attribute option combo, value, stored by, last updated, comment, follow up (and deleted)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from nqtrack.observations.formats.csvrows import csv_rows
from nqtrack.observations.formats.dhis2_values import Dhis2Problem, Dhis2Value, truthy
from nqtrack.observations.formats.limits import FileRejected, max_rows
from nqtrack.observations.formats.sniff import csv_delimiter, decode_text

HEADER = (
    "dataelement",
    "period",
    "orgunit",
    "catoptcombo",
    "attroptcombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
    "deleted",
)
E_MISSING = "E7618"
_PROPS = ("dataElement", "period", "orgUnit")


def read_dhis2_csv(data: bytes, *, name: str = "tệp") -> tuple[list[Dhis2Value], list[Dhis2Problem]]:
    """The data values of a DHIS2 CSV; the index of a value is its data row's position (0-based)."""
    text = decode_text(name, data)
    reader = csv_rows(text, name=name, delimiter=csv_delimiter(text.split("\n", 1)[0]))
    next(reader, None)  # DHIS2: "The first row is assumed to be a header row and will be ignored"
    values: list[Dhis2Value] = []
    problems: list[Dhis2Problem] = []
    limit = max_rows()
    for index, cells in enumerate(reader):
        if index >= limit:
            raise FileRejected(f"Tệp '{name}' có hơn {limit} dòng số liệu; hãy chia thành nhiều tệp.")
        if not any(cell.strip() for cell in cells):
            continue
        padded = [cell.strip() for cell in cells] + [""] * (len(HEADER) - len(cells))
        missing = [prop for prop, cell in zip(_PROPS, padded[:3], strict=True) if not cell]
        for prop in missing:
            problems.append(Dhis2Problem(index, prop, f"thiếu '{prop}'", E_MISSING))
        if missing:
            continue
        values.append(
            Dhis2Value(
                index=index,
                data_element=padded[0],
                period=padded[1],
                org_unit=padded[2],
                category_option_combo=padded[3],
                attribute_option_combo=padded[4],
                value=padded[5],
                stored_by=padded[6],
                last_updated=padded[7],
                comment=padded[8] if len(cells) > 8 else None,
                followup=truthy(padded[9]),
                deleted=bool(truthy(padded[10])),
            )
        )
    return values, problems


def write_dhis2_csv(values: Iterable[Dhis2Value]) -> bytes:
    """Values as a DHIS2 CSV (header row, comma-separated, UTF-8 without a byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for v in values:
        writer.writerow(
            [
                v.data_element,
                v.period,
                v.org_unit,
                v.category_option_combo,
                v.attribute_option_combo,
                v.value,
                v.stored_by,
                v.last_updated,
                v.comment or "",
                "true" if v.followup else "false",
                "false",
            ]
        )
    return buffer.getvalue().encode("utf-8")

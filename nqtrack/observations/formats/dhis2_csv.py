"""DHIS2 ``dataValueSets`` in CSV, as the DHIS2 Web API documents it ("CSV data value format").

With a header row (DHIS2's default, ``firstRowIsHeader=true``) the columns are found by name, in any
order and case, as DHIS2 2.43 does: ``dataelement``, ``period``, ``orgunit``, ``categoryoptioncombo``
(or the older ``catoptcombo``), ``attributeoptioncombo`` (or ``attroptcombo``), ``value``, ``storedby``,
``lastupdated`` (or ``timestamp``), ``created``, ``comment``, ``followup``, ``deleted``. Without one
(``firstRowIsHeader=false``) they are in that order, as DHIS2 writes them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from nqtrack.observations.formats.csvrows import csv_rows
from nqtrack.observations.formats.dhis2_values import Dhis2Document, Dhis2Value
from nqtrack.observations.formats.limits import FileRejected, max_rows
from nqtrack.observations.formats.sniff import csv_delimiter, decode_text

# DHIS2's own writers' names, in their order (a CSV without a header has its columns in this order).
HEADER = (
    "dataelement",
    "period",
    "orgunit",
    "categoryoptioncombo",
    "attributeoptioncombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
    "deleted",
)
_PROPERTIES = {
    "dataelement": "dataElement",
    "period": "period",
    "orgunit": "orgUnit",
    "categoryoptioncombo": "categoryOptionCombo",
    "catoptcombo": "categoryOptionCombo",
    "attributeoptioncombo": "attributeOptionCombo",
    "attroptcombo": "attributeOptionCombo",
    "value": "value",
    "storedby": "storedBy",
    "lastupdated": "lastUpdated",
    "timestamp": "lastUpdated",
    "created": "created",
    "comment": "comment",
    "followup": "followup",
    "deleted": "deleted",
}


def read_dhis2_csv(data: bytes, *, name: str = "tệp", first_row_is_header: bool = True) -> Dhis2Document:
    """The data values of a DHIS2 CSV; the index of a value is its data row's position (0-based)."""
    text = decode_text(name, data)
    reader = csv_rows(text, name=name, delimiter=csv_delimiter(text.split("\n", 1)[0]))
    columns = [_PROPERTIES[c] for c in HEADER]
    if first_row_is_header:
        columns = _columns(next(reader, []), name)
    read = Dhis2Document()
    limit = max_rows()
    for index, cells in enumerate(reader):
        if index >= limit:
            raise FileRejected(f"Tệp '{name}' có hơn {limit} dòng số liệu; hãy chia thành nhiều tệp.")
        if not any(cell.strip() for cell in cells):
            continue
        item: dict[str, object] = {}
        for prop, cell in zip(columns, cells, strict=False):
            if prop and cell.strip():
                item[prop] = cell.strip()
        read.add(index, item, {})
    return read


def _columns(header: list[str], name: str) -> list[str]:
    """The DHIS2 property of each header cell ("" for a column DHIS2 does not read)."""
    columns = [_PROPERTIES.get(cell.strip().strip('"').replace("_", "").lower(), "") for cell in header]
    if "dataElement" not in columns:
        raise FileRejected(
            f"Tệp '{name}': dòng đầu không phải dòng tiêu đề DHIS2 (thiếu cột dataelement). "
            "Nếu tệp không có dòng tiêu đề, hãy chọn firstRowIsHeader=false."
        )
    return columns


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
                v.value or "",
                v.stored_by,
                v.last_updated,
                v.comment or "",
                "true" if v.followup else "false",
                "false",
            ]
        )
    return buffer.getvalue().encode("utf-8")

"""DHIS2 ``dataValueSets`` in JSON, as the DHIS2 Web API documents it ("Sending data values"):

``{"dataSet", "completeDate", "period", "orgUnit", "attributeOptionCombo", "dryRun", "strategy",
"idScheme" …, "dataValues": [{"dataElement", "period", "orgUnit", "categoryOptionCombo",
"attributeOptionCombo", "value", "storedBy", "created", "lastUpdated", "comment", "followup",
"deleted"}]}``. A value's period, org unit and attribute option combo default to the set's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from nqtrack.observations.formats.dhis2_values import (
    E_SHAPE,
    PAYLOAD_OPTIONS,
    Dhis2Document,
    Dhis2Problem,
    Dhis2Value,
    text,
)
from nqtrack.observations.formats.limits import FileRejected
from nqtrack.observations.formats.sniff import decode_text, json_document


def read_dhis2_json(data: bytes, *, name: str = "tệp") -> Dhis2Document:
    """The data values of a document (an object with a ``dataValues`` list)."""
    document = json_document(name, decode_text(name, data))
    if not isinstance(document, dict) or not isinstance(document.get("dataValues"), list):
        raise FileRejected(f"Tệp '{name}' không phải dataValueSets của DHIS2 (thiếu danh sách 'dataValues').")
    defaults = {key: text(document.get(key)) for key in ("period", "orgUnit", "attributeOptionCombo")}
    read = Dhis2Document(
        data_set=text(document.get("dataSet")),
        complete_date=text(document.get("completeDate")),
        options={k: text(document[k]) for k in PAYLOAD_OPTIONS if document.get(k) not in (None, "")},
    )
    for index, item in enumerate(document["dataValues"]):
        if not isinstance(item, dict):
            read.problems.append(
                Dhis2Problem(index, "dataValue", "mỗi giá trị phải là một đối tượng JSON", E_SHAPE)
            )
            continue
        read.add(index, item, defaults)
    return read


def write_dhis2_json(values: Iterable[Dhis2Value], *, data_set: str = "") -> bytes:
    """A bulk ``dataValueSets`` document (each value names its period and org unit), UTF-8, indented."""
    document: dict[str, Any] = {"dataSet": data_set} if data_set else {}
    document["dataValues"] = [_item(v) for v in values]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _item(value: Dhis2Value) -> dict[str, Any]:
    item: dict[str, Any] = {
        "dataElement": value.data_element,
        "period": value.period,
        "orgUnit": value.org_unit,
        "categoryOptionCombo": value.category_option_combo,
        "attributeOptionCombo": value.attribute_option_combo,
        "value": value.value,
        "storedBy": value.stored_by,
        "created": value.created,
        "lastUpdated": value.last_updated,
        "followup": bool(value.followup),
    }
    if value.comment:
        item["comment"] = value.comment
    return item

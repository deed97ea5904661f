"""DHIS2 ``dataValueSets`` in JSON, as the DHIS2 Web API documents it ("Sending data values"):

``{"dataSet", "completeDate", "period", "orgUnit", "attributeOptionCombo", "dataValues": [{"dataElement",
"period", "orgUnit", "categoryOptionCombo", "attributeOptionCombo", "value", "storedBy", "created",
"lastUpdated", "comment", "followup", "deleted"}]}``. A value's period, org unit and attribute option combo
default to the set's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from nqtrack.observations.formats.dhis2_values import Dhis2Problem, Dhis2Value, truthy
from nqtrack.observations.formats.limits import FileRejected
from nqtrack.observations.formats.sniff import decode_text, json_document

E_MISSING = "E7618"  # DHIS2: data value or comment not specified
E_SHAPE = "E7619"


def read_dhis2_json(data: bytes, *, name: str = "tệp") -> tuple[list[Dhis2Value], list[Dhis2Problem]]:
    """The data values of a document (the caller has sniffed it: an object with a ``dataValues`` list)."""
    document = json_document(name, decode_text(name, data))
    if not isinstance(document, dict) or not isinstance(document.get("dataValues"), list):
        raise FileRejected(f"Tệp '{name}' không phải dataValueSets của DHIS2 (thiếu danh sách 'dataValues').")
    defaults = {key: _text(document.get(key)) for key in ("period", "orgUnit", "attributeOptionCombo")}
    values: list[Dhis2Value] = []
    problems: list[Dhis2Problem] = []
    for index, item in enumerate(document["dataValues"]):
        if not isinstance(item, dict):
            problems.append(
                Dhis2Problem(index, "dataValue", "mỗi giá trị phải là một đối tượng JSON", E_SHAPE)
            )
            continue
        value = _value(index, item, defaults)
        missing = [p for p in ("dataElement", "period", "orgUnit") if not value.get(p)]
        for prop in missing:
            problems.append(Dhis2Problem(index, prop, f"thiếu '{prop}'", E_MISSING))
        if not missing:
            values.append(value)
    return values, problems


def _value(index: int, item: dict[str, Any], defaults: dict[str, str]) -> Dhis2Value:
    return Dhis2Value(
        index=index,
        data_element=_text(item.get("dataElement")),
        period=_text(item.get("period")) or defaults["period"],
        org_unit=_text(item.get("orgUnit")) or defaults["orgUnit"],
        category_option_combo=_text(item.get("categoryOptionCombo")),
        attribute_option_combo=_text(item.get("attributeOptionCombo")) or defaults["attributeOptionCombo"],
        value=_text(item.get("value")),
        stored_by=_text(item.get("storedBy")),
        created=_text(item.get("created")),
        last_updated=_text(item.get("lastUpdated")),
        comment=_text(item["comment"]) if "comment" in item else None,
        followup=truthy(item.get("followup")),
        deleted=bool(truthy(item.get("deleted"))),
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_dhis2_json(values: Iterable[Dhis2Value]) -> bytes:
    """A bulk ``dataValueSets`` document (each value names its period and org unit), UTF-8, indented."""
    document = {"dataValues": [_item(v) for v in values]}
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

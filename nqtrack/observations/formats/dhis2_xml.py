"""DHIS2 ``dataValueSets`` in DXF2 XML and in ADX (IHE's Aggregate Data Exchange), as DHIS2 reads and
writes them.

DXF2: ``<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" dataSet completeDate period orgUnit
attributeOptionCombo><dataValue dataElement period orgUnit categoryOptionCombo attributeOptionCombo value
storedBy created lastUpdated comment followup deleted/>…</dataValueSet>``.

ADX: ``<adx xmlns="urn:ihe:qrph:adx:2015"><group dataSet orgUnit period="2024-01-01/P1Y" completeDate
attributeOptionCombo><dataValue dataElement value categoryOptionCombo><annotation>comment</annotation>
</dataValue></group></adx>``; its periods are ISO 8601 intervals (start/duration), read into DHIS2's
(``2024-01-01/P3M`` is ``2024Q1``). Other attributes of a data value are category codes: nqtrack keeps
figures without disaggregation, so such a value is kept with them to be refused.

Parsed with defusedxml: entities, DTDs and external references are refused before anything is read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # writing only: the documents written are ours
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from xml.etree.ElementTree import Element

from nqtrack.observations.formats.dhis2_values import PAYLOAD_OPTIONS, Dhis2Document, Dhis2Value
from nqtrack.observations.formats.limits import FileRejected, max_rows
from nqtrack.observations.formats.sniff import local, xml_root

DXF2 = "http://dhis2.org/schema/dxf/2.0"
ADX = "urn:ihe:qrph:adx:2015"
_SET_DEFAULTS = ("period", "orgUnit", "attributeOptionCombo")
_ADX_VALUE = {"dataElement", "value", "categoryOptionCombo"}
_ADX_GROUP = {"dataSet", "orgUnit", "period", "completeDate", "attributeOptionCombo"}
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-01/P(?P<length>\d+)(?P<unit>[MY])$")


def read_dhis2_xml(data: bytes, *, name: str = "tệp") -> Dhis2Document:
    root = xml_root(data, name=name)
    if local(root.tag) != "dataValueSet":
        raise FileRejected(f"Tệp '{name}' là XML nhưng không phải dataValueSet của DHIS2 (DXF2).")
    defaults = {key: root.get(key, "").strip() for key in _SET_DEFAULTS}
    read = Dhis2Document(
        data_set=root.get("dataSet", "").strip(),
        complete_date=root.get("completeDate", "").strip(),
        options={k: root.get(k, "").strip() for k in PAYLOAD_OPTIONS if root.get(k, "").strip()},
    )
    for index, element in enumerate(e for e in root.iter() if local(e.tag) == "dataValue"):
        _check_rows(index, name)
        item: dict[str, object] = dict(element.attrib)
        for child in element:  # DXF2 also allows the value and the comment as child elements
            if local(child.tag) in {"value", "comment"}:
                item[local(child.tag)] = child.text or ""
        read.add(index, item, defaults)
    return read


def read_adx(data: bytes, *, name: str = "tệp") -> Dhis2Document:
    root = xml_root(data, name=name)
    if local(root.tag) != "adx":
        raise FileRejected(f"Tệp '{name}' là XML nhưng không phải tài liệu ADX (thiếu phần tử adx).")
    read = Dhis2Document()
    index = 0
    for group in (g for g in root if local(g.tag) == "group"):
        read.data_set = read.data_set or group.get("dataSet", "").strip()
        read.complete_date = read.complete_date or group.get("completeDate", "").strip()
        defaults = {
            "period": adx_period(group.get("period", "").strip()),
            "orgUnit": group.get("orgUnit", "").strip(),
            "attributeOptionCombo": group.get("attributeOptionCombo", "").strip(),
        }
        extra_group = tuple((k, v) for k, v in group.attrib.items() if k not in _ADX_GROUP)
        for element in (e for e in group if local(e.tag) == "dataValue"):
            _check_rows(index, name)
            item: dict[str, object] = {k: v for k, v in element.attrib.items() if k in _ADX_VALUE}
            annotation = next((c for c in element if local(c.tag) == "annotation"), None)
            if annotation is not None:
                item["comment"] = annotation.text or ""
            read.add(index, item, defaults)
            extra = extra_group + tuple((k, v) for k, v in element.attrib.items() if k not in _ADX_VALUE)
            if extra and read.values and read.values[-1].index == index:
                read.values[-1] = replace(read.values[-1], disaggregation=extra)
            index += 1
    return read


def _check_rows(index: int, name: str) -> None:
    limit = max_rows()
    if index >= limit:
        raise FileRejected(f"Tệp '{name}' có hơn {limit} giá trị số liệu; hãy chia thành nhiều tệp.")


def adx_period(text: str) -> str:
    """DHIS2's period for an ADX interval (``2024-01-01/P1Y`` → ``2024``, ``/P6M`` half year, ``/P3M``
    quarter, ``/P1M`` month); any other text is returned as given, for the period check to refuse."""
    match = _ISO.match(text)
    if match is None:
        return text
    year, month, length, unit = match["year"], int(match["month"]), int(match["length"]), match["unit"]
    if unit == "Y" and length == 1 and month == 1:
        return year
    if unit == "M" and length == 6 and month in (1, 7):
        return f"{year}S{(month - 1) // 6 + 1}"
    if unit == "M" and length == 3 and month in (1, 4, 7, 10):
        return f"{year}Q{(month - 1) // 3 + 1}"
    if unit == "M" and length == 1 and 1 <= month <= 12:
        return f"{year}{month:02d}"
    return text


def iso_period(period: str) -> str:
    """The ADX interval of a DHIS2 period (``2024Q1`` → ``2024-01-01/P3M``)."""
    year = int(period[:4])
    rest = period[4:]
    if not rest:
        return f"{date(year, 1, 1).isoformat()}/P1Y"
    if rest.startswith("S"):
        return f"{date(year, (int(rest[1:]) - 1) * 6 + 1, 1).isoformat()}/P6M"
    if rest.startswith("Q"):
        return f"{date(year, (int(rest[1:]) - 1) * 3 + 1, 1).isoformat()}/P3M"
    return f"{date(year, int(rest), 1).isoformat()}/P1M"


def write_dhis2_xml(values: Iterable[Dhis2Value], *, data_set: str = "") -> bytes:
    """A DXF2 ``dataValueSet`` (each value names its period and org unit), UTF-8 with a declaration."""
    root = Element("dataValueSet", {"xmlns": DXF2, **({"dataSet": data_set} if data_set else {})})
    for v in values:
        attributes = {
            "dataElement": v.data_element,
            "period": v.period,
            "orgUnit": v.org_unit,
            "categoryOptionCombo": v.category_option_combo,
            "attributeOptionCombo": v.attribute_option_combo,
            "value": v.value or "",
            "storedBy": v.stored_by,
            "created": v.created,
            "lastUpdated": v.last_updated,
            "followup": "true" if v.followup else "false",
        }
        if v.comment:
            attributes["comment"] = v.comment
        ET.SubElement(root, "dataValue", attributes)
    return _serialised(root)


def write_adx(values: Iterable[Dhis2Value], *, data_set: str = "", exported: str = "") -> bytes:
    """An ADX document: one group per (org unit, period, attribute option combo), in the order met;
    ``exported`` is the root's mandatory timestamp."""
    root = Element("adx", {"xmlns": ADX, "exported": exported})
    groups: dict[tuple[str, str, str], Element] = {}
    for v in values:
        key = (v.org_unit, v.period, v.attribute_option_combo)
        if key not in groups:
            attributes = {"orgUnit": v.org_unit, "period": iso_period(v.period)}
            if data_set:
                attributes["dataSet"] = data_set
            if v.attribute_option_combo:
                attributes["attributeOptionCombo"] = v.attribute_option_combo
            groups[key] = ET.SubElement(root, "group", attributes)
        element = ET.SubElement(
            groups[key],
            "dataValue",
            {
                "dataElement": v.data_element,
                "categoryOptionCombo": v.category_option_combo,
                "value": v.value or "",
            },
        )
        if v.comment:
            ET.SubElement(element, "annotation").text = v.comment
    return _serialised(root)


def _serialised(root: Element) -> bytes:
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"

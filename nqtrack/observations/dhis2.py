"""Exchange with DHIS2: the code table, ``dataValueSets`` import with a DHIS2-shaped summary, and export.

The code table maps DHIS2 identifiers to ours: a data element (with a category option combo, or the
default one) to an indicator, an organisation unit to a GSO unit code. It is loaded from a CSV with the
columns ``kind,dhis2_id,category_option_combo,code,name``: kind ``dataElement`` or ``orgUnit``, or
``defaultCombo`` for the id the partner DHIS2 gives its default category/attribute option combo (each
DHIS2 database has its own; ``HllvX50cXC0``, the demo database's, when none is given).

Import is all or nothing, as DHIS2 does with ``atomicMode=ALL``: when any value has a conflict, nothing is
written and the summary says ``ERROR`` with every conflict and the index of each value it concerns.
DHIS2 data values carry no status (official, estimate …): a new figure gets the status given to the
import (default "unknown"); an updated one keeps its status.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from nqtrack.core.users import AnyUser
from nqtrack.observations.entries import (
    E_DATA_ELEMENT,
    E_ORG_UNIT,
    E_VALUE,
    E_VALUE_MISSING,
    Action,
    EntriesRejected,
    EntrySummary,
    observations_import_entries,
)
from nqtrack.observations.formats.csvrows import csv_dicts
from nqtrack.observations.formats.dhis2_csv import read_dhis2_csv, write_dhis2_csv
from nqtrack.observations.formats.dhis2_json import read_dhis2_json, write_dhis2_json
from nqtrack.observations.formats.dhis2_values import Dhis2Problem, Dhis2Value
from nqtrack.observations.formats.sniff import Kind, decode_text
from nqtrack.observations.formats.tabular import figure
from nqtrack.observations.models import (
    Channel,
    Dhis2DataElement,
    Dhis2DefaultCombo,
    Dhis2OrgUnit,
    Observation,
    Status,
)
from nqtrack.observations.permissions import require_programme_operations
from nqtrack.observations.rows import EntryRead, EntryRow, RowError
from nqtrack.observations.selectors import Selection, export_figures
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Programme

DEFAULT_COMBO = "HllvX50cXC0"  # DHIS2's default category option combo in its demo database
E_COMBO = "E7613"
E_ATTRIBUTE_COMBO = "E7615"
UID = re.compile(r"^[A-Za-z][A-Za-z0-9]{10}$")
PROPERTIES = {
    "indicator": "dataElement",
    "unit": "orgUnit",
    "period": "period",
    "value": "value",
    "comment": "comment",
    "status": "value",
    "measure_unit": "value",
}
CODE_COLUMNS = ("kind", "dhis2_id", "category_option_combo", "code", "name")


@dataclass(frozen=True, slots=True)
class CodeTable:
    elements: dict[tuple[str, str], Indicator]  # (data element, category option combo or "") → indicator
    org_units: dict[str, str]  # org unit → GSO code
    defaults: tuple[str, ...] = (DEFAULT_COMBO,)  # the partner's ids of its default combo

    def is_default(self, combo: str) -> bool:
        return combo == "" or combo in self.defaults

    def element_for(self, indicator_id: int) -> tuple[str, str] | None:
        return next(((de, coc) for (de, coc), i in self.elements.items() if i.pk == indicator_id), None)

    def org_unit_for(self, unit_code: str) -> str | None:
        return next((ou for ou, code in self.org_units.items() if code == unit_code), None)


def dhis2_code_table(*, programme: Programme) -> CodeTable:
    """The code table of ``programme``."""
    elements = {
        (row.data_element, row.category_option_combo): row.indicator
        for row in Dhis2DataElement.objects.filter(programme=programme).select_related("indicator")
    }
    org_units = dict(Dhis2OrgUnit.objects.filter(programme=programme).values_list("org_unit", "unit_code"))
    defaults = tuple(Dhis2DefaultCombo.objects.filter(programme=programme).values_list("combo", flat=True))
    return CodeTable(elements=elements, org_units=org_units, defaults=defaults or (DEFAULT_COMBO,))


class CodeTableRejected(Exception):
    """The code table file has errors; nothing was changed."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"bảng mã DHIS2 có {len(errors)} lỗi, không thay đổi gì")
        self.errors = errors


def dhis2_codes_load(
    *, user: AnyUser | None, programme: Programme, data: bytes, name: str
) -> tuple[int, int]:
    """Replace the code table of ``programme`` with a CSV's rows (all or none); return the numbers of data
    element and org unit rows."""
    require_programme_operations(user=user, programme=programme)
    fieldnames, reader = csv_dicts(decode_text(name, data), name=name)
    missing = [c for c in CODE_COLUMNS if c not in fieldnames]
    if missing:
        raise CodeTableRejected([RowError(1, ", ".join(missing), "thiếu cột bắt buộc")])
    indicators = {i.code: i for i in Indicator.objects.filter(programme=programme)}
    units = set(AdminUnit.objects.values_list("code", flat=True))
    elements: list[Dhis2DataElement] = []
    org_units: list[Dhis2OrgUnit] = []
    defaults: list[Dhis2DefaultCombo] = []
    errors: list[RowError] = []
    for line, record in enumerate(reader, start=2):
        cell = {k: (v or "").strip() for k, v in record.items() if k is not None}
        made = _code_row(programme, line, cell, indicators, units, errors)
        if isinstance(made, Dhis2DataElement):
            elements.append(made)
        elif isinstance(made, Dhis2OrgUnit):
            org_units.append(made)
        elif isinstance(made, Dhis2DefaultCombo):
            defaults.append(made)
    errors.extend(_repeated(elements, org_units))
    if errors:
        raise CodeTableRejected(errors)
    default_ids = {d.combo for d in defaults} | {DEFAULT_COMBO}
    for element in elements:
        if element.category_option_combo in default_ids:
            element.category_option_combo = ""
    with transaction.atomic():
        for model in (Dhis2DataElement, Dhis2OrgUnit, Dhis2DefaultCombo):
            model.objects.filter(programme=programme).delete()
        Dhis2DataElement.objects.bulk_create(elements)
        Dhis2OrgUnit.objects.bulk_create(org_units)
        Dhis2DefaultCombo.objects.bulk_create(defaults)
    return len(elements), len(org_units)


def _code_row(
    programme: Programme,
    line: int,
    cell: dict[str, str],
    indicators: dict[str, Indicator],
    units: set[str],
    errors: list[RowError],
) -> Dhis2DataElement | Dhis2OrgUnit | Dhis2DefaultCombo | None:
    uid, combo, code = cell["dhis2_id"], cell["category_option_combo"], cell["code"]
    bad = [(column, text) for column, text in (("dhis2_id", uid), ("category_option_combo", combo)) if text]
    for column, text in bad:
        if not UID.match(text):
            errors.append(RowError(line, column, f"'{text}' không phải mã DHIS2 (11 ký tự chữ và số)"))
    if cell["kind"] == "dataElement":
        if code not in indicators:
            errors.append(RowError(line, "code", f"mã chỉ tiêu '{code}' không có trong chương trình"))
            return None
        return Dhis2DataElement(
            programme=programme,
            data_element=uid,
            category_option_combo=combo,
            indicator=indicators[code],
            name=cell["name"],
        )
    if cell["kind"] == "defaultCombo":
        return Dhis2DefaultCombo(programme=programme, combo=uid)
    if cell["kind"] == "orgUnit":
        if code not in units:
            errors.append(RowError(line, "code", f"mã đơn vị hành chính '{code}' không tồn tại"))
            return None
        return Dhis2OrgUnit(programme=programme, org_unit=uid, unit_code=code, name=cell["name"])
    errors.append(
        RowError(line, "kind", f"'{cell['kind']}' không hợp lệ; dùng dataElement, orgUnit hoặc defaultCombo")
    )
    return None


def _repeated(elements: list[Dhis2DataElement], org_units: list[Dhis2OrgUnit]) -> list[RowError]:
    errors: list[RowError] = []
    seen_elements = [(e.data_element, e.category_option_combo) for e in elements]
    for key in {k for k in seen_elements if seen_elements.count(k) > 1}:
        errors.append(RowError(0, "dhis2_id", f"dataElement '{key[0]}' ({key[1] or 'mặc định'}) lặp lại"))
    seen_units = [u.org_unit for u in org_units]
    for uid in {u for u in seen_units if seen_units.count(u) > 1}:
        errors.append(RowError(0, "dhis2_id", f"orgUnit '{uid}' lặp lại"))
    return sorted(errors, key=lambda e: e.message)


# -- import -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dhis2Result:
    """A DHIS2 import: the summary shaped like DHIS2's, and ours (None when nothing could be read)."""

    summary: dict[str, Any]
    entries: EntrySummary

    @property
    def ok(self) -> bool:
        return bool(self.summary["status"] != "ERROR")


def observations_import_dhis2(
    *,
    user: AnyUser | None,
    programme: Programme,
    name: str,
    data: bytes,
    kind: Kind,
    dry_run: bool = False,
    default_status: str = Status.UNKNOWN,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> Dhis2Result:
    """Import a ``dataValueSets`` document (JSON or CSV, already sniffed); never raises for bad values:
    the summary lists them as conflicts and nothing is written."""
    values, problems = (
        read_dhis2_json(data, name=name) if kind is Kind.DHIS2_JSON else read_dhis2_csv(data, name=name)
    )
    read = dhis2_entry_read(values, problems, dhis2_code_table(programme=programme))
    try:
        entries = observations_import_entries(
            user=user,
            programme=programme,
            read=read,
            channel=Channel.DHIS2,
            filename=name,
            dry_run=dry_run,
            default_status=default_status,
            on_row=progress(len(read.rows)) if progress else None,
        )
    except EntriesRejected as rejected:
        entries = rejected.summary
    by_index = {v.index: v for v in values}
    total = len(values) + len({p.index for p in problems})
    return Dhis2Result(summary=dhis2_summary(entries, by_index, total), entries=entries)


def dhis2_entry_read(values: list[Dhis2Value], problems: list[Dhis2Problem], table: CodeTable) -> EntryRead:
    """Rows in our terms for the values the code table maps; a conflict for each value it cannot."""
    read = EntryRead(labels=dict(PROPERTIES))
    read.errors.extend(RowError(p.index, p.prop, p.message, p.code) for p in problems)
    for value in values:
        row, errors = _entry(value, table)
        read.errors.extend(errors)
        if row is not None:
            read.rows.append(row)
    return read


def _entry(value: Dhis2Value, table: CodeTable) -> tuple[EntryRow | None, list[RowError]]:
    errors: list[RowError] = []
    indicator = _indicator(value, table, errors)
    unit_code = table.org_units.get(value.org_unit)
    if unit_code is None:
        errors.append(
            RowError(
                value.index, "orgUnit", f"orgUnit '{value.org_unit}' không có trong bảng mã DHIS2", E_ORG_UNIT
            )
        )
    if not table.is_default(value.attribute_option_combo):
        errors.append(
            RowError(
                value.index,
                "attributeOptionCombo",
                f"attributeOptionCombo '{value.attribute_option_combo}' không được hỗ trợ "
                "(chỉ tổ hợp mặc định)",
                E_ATTRIBUTE_COMBO,
            )
        )
    number, text, problem = figure(value.value)
    if problem:
        errors.append(RowError(value.index, "value", problem, E_VALUE))
    elif number is None and not value.deleted:
        errors.append(RowError(value.index, "value", "thiếu giá trị", E_VALUE_MISSING))
    if errors or indicator is None or unit_code is None:
        return None, errors
    row = EntryRow(
        row=value.index,
        indicator=indicator.code,
        unit=unit_code,
        period=value.period,
        value=None if value.deleted else number,
        value_text=text,
        source="DHIS2",
        comment=value.comment,
        delete=value.deleted,
        followup=value.followup,
    )
    return row, []


def _indicator(value: Dhis2Value, table: CodeTable, errors: list[RowError]) -> Indicator | None:
    combo = "" if table.is_default(value.category_option_combo) else value.category_option_combo
    indicator = table.elements.get((value.data_element, combo))
    if indicator is not None:
        return indicator
    if any(de == value.data_element for de, _ in table.elements):
        message = (
            f"categoryOptionCombo '{value.category_option_combo}' của dataElement '{value.data_element}' "
            "không có trong bảng mã DHIS2"
        )
        errors.append(RowError(value.index, "categoryOptionCombo", message, E_COMBO))
    else:
        message = f"dataElement '{value.data_element}' không có trong bảng mã DHIS2"
        errors.append(RowError(value.index, "dataElement", message, E_DATA_ELEMENT))
    return None


def dhis2_summary(entries: EntrySummary, values: dict[int, Dhis2Value], total: int) -> dict[str, Any]:
    """Our outcome in DHIS2's ``ImportSummary`` shape (status, importCount, conflicts with indexes)."""
    failed = bool(entries.errors)
    counts = {
        "imported": 0 if failed else entries.count(Action.CREATE),
        "updated": 0 if failed else entries.count(Action.UPDATE),
        "ignored": total
        if failed
        else total - sum(entries.count(a) for a in (Action.CREATE, Action.UPDATE, Action.DELETE)),
        "deleted": 0 if failed else entries.count(Action.DELETE),
    }
    conflicts = _conflicts(entries.errors, values) + _conflicts(entries.warnings, values)
    status = "ERROR" if failed else ("WARNING" if entries.warnings else "SUCCESS")
    description = {
        "ERROR": "Có xung đột: không ghi giá trị nào.",
        "WARNING": "Đã nhập, có cảnh báo cần xem lại."
        if not entries.dry_run
        else "Kiểm tra xong, có cảnh báo.",
        "SUCCESS": "Đã nhập xong." if not entries.dry_run else "Kiểm tra xong, không có lỗi (chưa ghi).",
    }[status]
    return {
        "responseType": "ImportSummary",
        "status": status,
        "description": description,
        "importOptions": {
            "dryRun": entries.dry_run,
            "importStrategy": "CREATE_AND_UPDATE",
            "atomicMode": "ALL",
        },
        "importCount": counts,
        "conflicts": conflicts,
        "rejectedIndexes": sorted({e.row for e in entries.errors}),
        "dataSetComplete": "false",
    }


def _conflicts(errors: Iterable[RowError], values: dict[int, Dhis2Value]) -> list[dict[str, Any]]:
    grouped: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for error in errors:
        prop = PROPERTIES.get(error.column, error.column)
        value = values.get(error.row)
        obj = value.get(prop) if value is not None else ""
        grouped[(obj, error.message, error.code, prop)].append(error.row)
    return [
        {
            "object": obj,
            "value": message,
            "errorCode": code,
            "property": prop,
            "indexes": sorted(set(indexes)),
        }
        for (obj, message, code, prop), indexes in sorted(grouped.items(), key=lambda item: min(item[1]))
    ]


# -- export -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dhis2Export:
    data: bytes
    exported: int
    skipped: int  # figures whose indicator or unit has no DHIS2 code


def dhis2_export(
    *, user: AnyUser | None, programme: Programme, selection: Selection, kind: Kind
) -> Dhis2Export:
    """The selected figures as a ``dataValueSets`` document (JSON or CSV), through the code table."""
    table = dhis2_code_table(programme=programme)
    values: list[Dhis2Value] = []
    skipped = 0
    for obs in export_figures(user=user, programme=programme, selection=selection):
        value = _dhis2_value(len(values), obs, table)
        if value is None:
            skipped += 1
        else:
            values.append(value)
    data = write_dhis2_json(values) if kind is Kind.DHIS2_JSON else write_dhis2_csv(values)
    return Dhis2Export(data=data, exported=len(values), skipped=skipped)


def _dhis2_value(index: int, obs: Observation, table: CodeTable) -> Dhis2Value | None:
    element = table.element_for(obs.indicator_id)
    org_unit = table.org_unit_for(obs.unit.code)
    if element is None or org_unit is None:
        return None
    data_element, combo = element
    return Dhis2Value(
        index=index,
        data_element=data_element,
        period=obs.period,
        org_unit=org_unit,
        category_option_combo=combo or table.defaults[0],
        attribute_option_combo=table.defaults[0],
        value=obs.value_text,
        stored_by=obs.updated_by.get_username() if obs.updated_by is not None else "nqtrack",
        created=_stamp(obs.created_at),
        last_updated=_stamp(obs.updated_at),
        comment=obs.comment or None,
        followup=obs.followup,
    )


def _stamp(moment: Any) -> str:
    return str(timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S.000"))

"""Exchange with DHIS2: the code table, ``dataValueSets`` import with DHIS2's import summary, and export,
in JSON, CSV, DXF2 XML and ADX.

The code table maps DHIS2 identifiers to ours: a data element (with a category option combo, or the
default one) to an indicator, an organisation unit to a GSO unit code. It is loaded from a CSV with the
columns ``kind,dhis2_id,category_option_combo,code,name`` and, optionally, ``dhis2_code`` and
``category_option_combo_code`` (the DHIS2 codes of the same objects, for ``idScheme=CODE``): kind
``dataElement`` or ``orgUnit``, or ``defaultCombo`` for the id the partner DHIS2 gives its default
category/attribute option combo (each DHIS2 database has its own; ``HllvX50cXC0``, the demo database's,
when none is given; its code is ``default`` everywhere). A row gives a uid, a code, or both.

Import follows DHIS2's ``dataValueSets`` importer: partial by default (each value with a conflict is left
out and reported, the others are written), all or nothing with ``atomic``; the strategies CREATE, UPDATE,
CREATE_AND_UPDATE and DELETE; uids or codes (the ``idScheme`` family); numbers as DHIS2's NUMBER type
writes them; periods in DHIS2's case-sensitive forms. DHIS2 data values carry no status (official,
estimate …): a new figure gets the status given to the import (default "unknown"); an updated one keeps
its status.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date
from decimal import Decimal
from typing import Any, Literal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nqtrack.core.users import AnyUser
from nqtrack.domain.figures import MAX_DECIMALS, MAX_INTEGER_DIGITS
from nqtrack.domain.periods import PeriodError, parse_period
from nqtrack.observations.dhis2_options import (
    CONTENT_TYPES,
    Dhis2ExportQuery,
    Dhis2Format,
    Dhis2ImportOptions,
    Dhis2ParameterError,
    IdScheme,
    IdSchemes,
    Strategy,
)
from nqtrack.observations.entries import (
    E_DATA_ELEMENT,
    E_ORG_UNIT,
    E_PERIOD,
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
from nqtrack.observations.formats.dhis2_values import Dhis2Document, Dhis2Value
from nqtrack.observations.formats.dhis2_xml import read_adx, read_dhis2_xml, write_adx, write_dhis2_xml
from nqtrack.observations.formats.limits import FileRejected, check_size
from nqtrack.observations.formats.sniff import Kind, decode_text
from nqtrack.observations.models import (
    Channel,
    Dhis2DataElement,
    Dhis2DefaultCombo,
    Dhis2OrgUnit,
    Observation,
)
from nqtrack.observations.permissions import require_programme_operations
from nqtrack.observations.rows import EntryRead, EntryRow, RowError
from nqtrack.observations.selectors import Selection, export_figures
from nqtrack.places.models import AdminUnit
from nqtrack.places.versions import name_fits, version_label
from nqtrack.programmes.models import Indicator, Programme

DEFAULT_COMBO = "HllvX50cXC0"  # DHIS2's default category option combo in its demo database
DEFAULT_CODE = "default"  # the code of the default category (and attribute) option combo in every DHIS2
E_COMBO = "E7613"
E_ATTRIBUTE_COMBO = "E7615"
E_ATTRIBUTE_SCHEME = "NQ005"  # not in DHIS2: an ATTRIBUTE idScheme, which nqtrack cannot follow
UID = re.compile(r"^[A-Za-z][A-Za-z0-9]{10}$")
CODE = re.compile(r"^\S.{0,49}$")
# DHIS2's NUMBER value type (MathUtils.NUMERIC_REGEXP): no comma, no plus sign, no leading zero.
NUMBER = re.compile(r"^(-?0|-?[1-9]\d*)(\.\d+)?$")
# DHIS2's period patterns (DateUnitType), case-sensitive; a month may be written 2024-01.
_PERIODS = (
    (re.compile(r"^(\d{4})-?(\d{2})$"), "{0}{1}"),
    (re.compile(r"^(\d{4})Q(\d)$"), "{0}Q{1}"),
    (re.compile(r"^(\d{4})S(\d)$"), "{0}S{1}"),
    (re.compile(r"^(\d{4})$"), "{0}"),
)
PROPERTIES = {
    "indicator": "dataElement",
    "unit": "orgUnit",
    "period": "period",
    "value": "value",
    "comment": "comment",
    "status": "value",
    "measure_unit": "value",
}
# Conflicts DHIS2 reports about the data element (its object), grouped over the values they concern.
_BY_ELEMENT = {E_VALUE_MISSING, E_VALUE}
CODE_COLUMNS = ("kind", "dhis2_id", "category_option_combo", "code", "name")
VALUE_CHARS = 40  # Observation.value_text


# -- code table -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ElementCode:
    """A data element (with a category option combo; both empty: the default) and its indicator."""

    uid: str
    code: str
    combo_uid: str
    combo_code: str
    indicator: Indicator
    name: str = ""  # the data element's DHIS2 name (idScheme NAME)

    def key(self, scheme: IdScheme) -> str:
        """Its identifier in ``scheme`` ("" when the code table has none: nothing is named by it)."""
        return {IdScheme.UID: self.uid, IdScheme.CODE: self.code, IdScheme.NAME: self.name}.get(scheme, "")

    def combo_key(self, scheme: IdScheme) -> str:
        """The combo's identifier; the code table keeps no names of category option combos."""
        return {IdScheme.UID: self.combo_uid, IdScheme.CODE: self.combo_code}.get(scheme, "")


@dataclass(frozen=True, slots=True)
class OrgUnitCode:
    uid: str
    code: str
    unit_code: str
    unit_id: int | None = None  # the unit version the row names (None: any version of the code)
    unit_name: str = ""  # that version's name, which the entry resolver matches with the period
    name: str = ""  # the org unit's DHIS2 name (idScheme NAME)

    def key(self, scheme: IdScheme) -> str:
        return {IdScheme.UID: self.uid, IdScheme.CODE: self.code, IdScheme.NAME: self.name}.get(scheme, "")


@dataclass(frozen=True, slots=True)
class CodeTable:
    elements: dict[int, ElementCode]  # by row
    org_units: dict[int, OrgUnitCode]  # by row
    defaults: tuple[str, ...] = (DEFAULT_COMBO,)  # the partner's ids of its default combo

    def is_default(self, combo: str) -> bool:
        return combo in ("", DEFAULT_CODE) or combo in self.defaults

    def default(self, scheme: IdScheme) -> str:
        """The default combo in ``scheme``: "default" is its code and its name in every DHIS2."""
        return self.defaults[0] if scheme is IdScheme.UID else DEFAULT_CODE

    def elements_named(self, name: str, scheme: IdScheme) -> list[ElementCode]:
        return [e for e in self.elements.values() if name and e.key(scheme) == name]

    def unit_code(self, name: str, scheme: IdScheme) -> str | None:
        return next((o.unit_code for o in self.org_units.values() if name and o.key(scheme) == name), None)

    def unit_codes_named(self, name: str, scheme: IdScheme) -> set[str]:
        """Every unit code the org unit ``name`` is mapped to (two for a DHIS2 name two org units share)."""
        return {o.unit_code for o in self.org_units.values() if name and o.key(scheme) == name}

    def unit_name(self, name: str, scheme: IdScheme) -> str:
        """The name of the unit version the org unit ``name`` is mapped to ("" when it names none)."""
        return next((o.unit_name for o in self.org_units.values() if name and o.key(scheme) == name), "")

    def element_for(self, indicator_id: int, schemes: IdSchemes) -> ElementCode | None:
        return next(
            (
                e
                for e in self.elements.values()
                if e.indicator.pk == indicator_id and e.key(schemes.for_data_element)
            ),
            None,
        )

    def org_unit_for(self, unit_code: str, scheme: IdScheme, unit_id: int | None = None) -> str | None:
        """The org unit of a figure's unit: the row mapped to its version first, else a row mapped to the
        code alone; never a row mapped to another version of the code (the new Bắc Ninh's figure never
        goes out under Bắc Giang's org unit)."""
        rows = [o for o in self.org_units.values() if o.unit_code == unit_code and o.key(scheme)]
        exact = [o for o in rows if unit_id is not None and o.unit_id == unit_id]
        loose = [o for o in rows if o.unit_id is None]
        return next((o.key(scheme) for o in exact + loose), None)


def dhis2_code_table(*, programme: Programme) -> CodeTable:
    """The code table of ``programme``."""
    elements = {
        row.pk: ElementCode(
            row.data_element,
            row.dhis2_code,
            row.category_option_combo,
            row.combo_code,
            row.indicator,
            row.name,
        )
        for row in Dhis2DataElement.objects.filter(programme=programme).select_related("indicator")
    }
    org_units = {
        row.pk: OrgUnitCode(
            row.org_unit,
            row.dhis2_code,
            row.unit_code,
            row.unit_id,
            row.unit.name if row.unit else "",
            row.name,
        )
        for row in Dhis2OrgUnit.objects.filter(programme=programme).select_related("unit")
    }
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
    units = _units_by_code()
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
        if element.category_option_combo in default_ids or element.combo_code == DEFAULT_CODE:
            element.category_option_combo = ""
            element.combo_code = ""
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
    units: dict[str, list[AdminUnit]],
    errors: list[RowError],
) -> Dhis2DataElement | Dhis2OrgUnit | Dhis2DefaultCombo | None:
    uid, combo, code = cell["dhis2_id"], cell["category_option_combo"], cell["code"]
    dhis2_code, combo_code = cell.get("dhis2_code", ""), cell.get("category_option_combo_code", "")
    _check_ids(line, cell, errors)
    kind = cell["kind"]
    if kind in ("dataElement", "orgUnit") and not uid and not dhis2_code:
        errors.append(
            RowError(line, "dhis2_id", "thiếu mã DHIS2: ghi dhis2_id (uid), dhis2_code, hoặc cả hai")
        )
        return None
    if kind == "dataElement":
        if code not in indicators:
            errors.append(RowError(line, "code", f"mã chỉ tiêu '{code}' không có trong chương trình"))
            return None
        return Dhis2DataElement(
            programme=programme,
            data_element=uid,
            dhis2_code=dhis2_code,
            category_option_combo=combo,
            combo_code=combo_code,
            indicator=indicators[code],
            name=cell["name"],
        )
    if kind == "defaultCombo":
        if not uid:
            errors.append(RowError(line, "dhis2_id", "defaultCombo cần dhis2_id (uid của tổ hợp mặc định)"))
            return None
        return Dhis2DefaultCombo(programme=programme, combo=uid)
    if kind == "orgUnit":
        if code not in units:
            errors.append(RowError(line, "code", f"mã đơn vị hành chính '{code}' không tồn tại"))
            return None
        version = _named_version(line, cell.get("unit_name", ""), units[code], errors)
        if version is False:
            return None
        return Dhis2OrgUnit(
            programme=programme,
            org_unit=uid,
            dhis2_code=dhis2_code,
            unit_code=code,
            unit=version,
            name=cell["name"],
        )
    errors.append(
        RowError(line, "kind", f"'{kind}' không hợp lệ; dùng dataElement, orgUnit hoặc defaultCombo")
    )
    return None


def _units_by_code() -> dict[str, list[AdminUnit]]:
    """Every unit version by code: an orgUnit row maps a code, or one version of it by ``unit_name``."""
    units: dict[str, list[AdminUnit]] = defaultdict(list)
    # in the order of their first day, so a message lists a code's versions the same on every database
    for unit in AdminUnit.objects.order_by("code", F("valid_from").asc(nulls_first=True), "pk"):
        units[unit.code].append(unit)
    return units


def _named_version(
    line: int, name: str, versions: list[AdminUnit], errors: list[RowError]
) -> AdminUnit | None | Literal[False]:
    """The version an orgUnit row's ``unit_name`` names (None: no name, any version; False: refused)."""
    if not name:
        return None
    named = [v for v in versions if name_fits(v, name)]
    if len(named) == 1:
        return named[0]
    listed = ", ".join(version_label(v) for v in versions)
    errors.append(
        RowError(
            line,
            "unit_name",
            f"tên đơn vị '{name}' không chỉ đúng một phiên bản của mã {versions[0].code} "
            f"(mã này là: {listed})",
        )
    )
    return False


def _check_ids(line: int, cell: dict[str, str], errors: list[RowError]) -> None:
    """A uid has DHIS2's 11 characters; a code is at most 50 characters, not starting with a space."""
    for column in ("dhis2_id", "category_option_combo"):
        text = cell.get(column, "")
        if text and not UID.match(text):
            errors.append(RowError(line, column, f"'{text}' không phải mã DHIS2 (11 ký tự chữ và số)"))
    for column in ("dhis2_code", "category_option_combo_code"):
        text = cell.get(column, "")
        if text and not CODE.match(text):
            errors.append(RowError(line, column, f"'{text}' không phải code DHIS2 (tối đa 50 ký tự)"))


def _repeated(elements: list[Dhis2DataElement], org_units: list[Dhis2OrgUnit]) -> list[RowError]:
    errors: list[RowError] = []
    for column, keys in (
        ("dhis2_id", [(e.data_element, e.category_option_combo) for e in elements if e.data_element]),
        ("dhis2_code", [(e.dhis2_code, e.combo_code) for e in elements if e.dhis2_code]),
    ):
        for key in {k for k in keys if keys.count(k) > 1}:
            errors.append(RowError(0, column, f"dataElement '{key[0]}' ({key[1] or 'mặc định'}) lặp lại"))
    for column, names in (
        ("dhis2_id", [u.org_unit for u in org_units if u.org_unit]),
        ("dhis2_code", [u.dhis2_code for u in org_units if u.dhis2_code]),
    ):
        for name in {n for n in names if names.count(n) > 1}:
            errors.append(RowError(0, column, f"orgUnit '{name}' lặp lại"))
    return sorted(errors, key=lambda e: e.message)


# -- import -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dhis2Result:
    """A DHIS2 import: the summary shaped like DHIS2's, and ours (None when the payload could not be
    read at all)."""

    summary: dict[str, Any]
    entries: EntrySummary | None

    @property
    def ok(self) -> bool:
        return bool(self.summary["status"] != "ERROR")


_KINDS = {
    Kind.DHIS2_JSON: Dhis2Format.JSON,
    Kind.DHIS2_CSV: Dhis2Format.CSV,
    Kind.DHIS2_XML: Dhis2Format.XML,
    Kind.DHIS2_ADX: Dhis2Format.ADX,
}


def dhis2_format(kind: Kind) -> Dhis2Format:
    """The ``dataValueSets`` format of a sniffed file."""
    return _KINDS[kind]


def dhis2_read(
    data: bytes, *, name: str, format: Dhis2Format, first_row_is_header: bool = True
) -> Dhis2Document:
    """The values of a payload; ``FileRejected`` when it cannot be read at all."""
    check_size(name, len(data))
    if format is Dhis2Format.JSON:
        return read_dhis2_json(data, name=name)
    if format is Dhis2Format.CSV:
        return read_dhis2_csv(data, name=name, first_row_is_header=first_row_is_header)
    if format is Dhis2Format.XML:
        return read_dhis2_xml(data, name=name)
    return read_adx(data, name=name)


def dhis2_import_payload(
    *,
    user: AnyUser | None,
    programme: Programme,
    name: str,
    data: bytes,
    format: Dhis2Format,
    options: Dhis2ImportOptions | None = None,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> Dhis2Result:
    """Import a ``dataValueSets`` payload (see ``nqtrack.observations.dhis2_api``); never raises for bad
    values or an unreadable payload: the summary says ERROR, lists conflicts, and describes why."""
    given = options or Dhis2ImportOptions()
    if format is Dhis2Format.ADX and given.id_schemes == IdSchemes():
        given = replace(given, id_schemes=IdSchemes(IdScheme.CODE))  # ADX names its objects by code
    try:
        document = dhis2_read(data, name=name, format=format, first_row_is_header=given.first_row_is_header)
        effective = given.with_params(document.options)
    except (FileRejected, Dhis2ParameterError) as error:
        return Dhis2Result(summary=_unreadable(str(error), given), entries=None)
    # The payload's own dryRun adds to the request's (a dry run asked for anywhere writes nothing).
    effective = replace(effective, dry_run=given.dry_run or effective.dry_run)
    attributes = effective.id_schemes.attribute_parameters()
    if attributes:
        return Dhis2Result(summary=_attributes_refused(attributes, effective, document), entries=None)
    read = dhis2_entry_read(document, dhis2_code_table(programme=programme), effective)
    try:
        entries = observations_import_entries(
            user=user,
            programme=programme,
            read=read,
            channel=Channel.DHIS2,
            filename=name,
            dry_run=effective.dry_run,
            default_status=effective.default_status,
            on_row=progress(len(read.rows)) if progress else None,
            partial=not effective.atomic,
            ignore=_IGNORED[effective.strategy],
        )
    except EntriesRejected as rejected:
        entries = rejected.summary
    by_index = {v.index: v for v in document.values}
    summary = dhis2_summary(entries, by_index, document.size, options=effective, document=document)
    return Dhis2Result(summary=summary, entries=entries)


# What a strategy leaves alone: CREATE does not update a stored value, UPDATE does not create one.
_IGNORED = {
    Strategy.CREATE: frozenset({Action.UPDATE}),
    Strategy.UPDATE: frozenset({Action.CREATE}),
    Strategy.CREATE_AND_UPDATE: frozenset[Action](),
    Strategy.DELETE: frozenset[Action](),
}


def _attributes_refused(
    attributes: list[tuple[str, str]], options: Dhis2ImportOptions, document: Dhis2Document
) -> dict[str, Any]:
    """ERROR, nothing written, a conflict for each kind of object the payload names by an attribute's
    value: nqtrack keeps no attribute values, so it cannot tell which object such a value names."""
    summary = _unreadable(
        "Không nhập giá trị nào: nqtrack không lưu giá trị thuộc tính (attribute) của DHIS2 nên không "
        "nhận ra đối tượng theo idScheme ATTRIBUTE; dùng UID, CODE hoặc NAME.",
        options,
    )
    summary["importCount"]["ignored"] = document.size
    summary["conflicts"] = [
        {
            "object": written,
            "value": (
                f"{parameter} = {written}: nqtrack không lưu giá trị thuộc tính DHIS2; "
                "dùng UID, CODE hoặc NAME"
            ),
            "errorCode": E_ATTRIBUTE_SCHEME,
            "property": parameter,
            "indexes": [],
        }
        for parameter, written in attributes
    ]
    return summary


def _unreadable(reason: str, options: Dhis2ImportOptions) -> dict[str, Any]:
    return {
        "responseType": "ImportSummary",
        "status": "ERROR",
        "description": reason,
        "importOptions": options.as_summary(),
        "importCount": {"imported": 0, "updated": 0, "ignored": 0, "deleted": 0},
        "conflicts": [],
        "rejectedIndexes": [],
        "dataSetComplete": "false",
    }


def dhis2_entry_read(document: Dhis2Document, table: CodeTable, options: Dhis2ImportOptions) -> EntryRead:
    """Rows in our terms for the values the code table maps; a conflict for each value it cannot."""
    read = EntryRead(labels=dict(PROPERTIES))
    read.errors.extend(RowError(p.index, p.prop, p.message, p.code) for p in document.problems)
    for value in document.values:
        row, errors = _entry(value, table, options)
        read.errors.extend(errors)
        if row is not None:
            read.rows.append(row)
    return read


def _entry(
    value: Dhis2Value, table: CodeTable, options: Dhis2ImportOptions
) -> tuple[EntryRow | None, list[RowError]]:
    errors: list[RowError] = []
    schemes = options.id_schemes
    indicator = _indicator(value, table, schemes, errors)
    unit_code = table.unit_code(value.org_unit, schemes.for_org_unit)
    if len(table.unit_codes_named(value.org_unit, schemes.for_org_unit)) > 1:
        unit_code = None
        message = (
            f"orgUnit '{value.org_unit}' là tên của nhiều đơn vị trong bảng mã DHIS2; "
            "dùng orgUnitIdScheme UID hoặc CODE"
        )
        errors.append(RowError(value.index, "orgUnit", message, E_ORG_UNIT))
    elif unit_code is None:
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
    period = dhis2_period(value.period)
    if period is None:
        errors.append(RowError(value.index, "period", _period_message(value.period), E_PERIOD))
    delete = value.deleted or options.strategy is Strategy.DELETE
    number, text, problem = _number(value.value or "")
    element = value.data_element
    if problem:
        errors.append(
            RowError(value.index, "value", f"giá trị của dataElement '{element}' {problem}", E_VALUE)
        )
    elif number is None and value.comment is None and not delete:
        errors.append(
            RowError(
                value.index, "value", f"thiếu giá trị và ghi chú của dataElement '{element}'", E_VALUE_MISSING
            )
        )
    if errors or indicator is None or unit_code is None or period is None:
        return None, errors
    row = EntryRow(
        row=value.index,
        indicator=indicator.code,
        unit=unit_code,
        unit_name=table.unit_name(value.org_unit, schemes.for_org_unit),
        period=period,
        value=None if delete else number,
        value_text=text,
        source="DHIS2",
        comment=value.comment,
        delete=delete,
        followup=value.followup,
        keep_value=number is None and not delete,  # a comment (or follow-up) for the stored figure
    )
    return row, []


def _number(text: str) -> tuple[Decimal | None, str, str]:
    """(value, text kept, problem) of a value as DHIS2's NUMBER type takes it."""
    if text == "":
        return None, "", ""
    if not NUMBER.match(text):
        return (
            None,
            "",
            f"'{text}' không phải số theo kiểu NUMBER của DHIS2 "
            "(dấu chấm thập phân, không dấu phẩy, dấu + hay số 0 ở đầu)",
        )
    number = Decimal(text)
    if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS or len(text) > VALUE_CHARS:
        return (
            None,
            "",
            f"'{text}' quá dài để lưu (tối đa {MAX_INTEGER_DIGITS} chữ số phần nguyên, {VALUE_CHARS} ký tự)",
        )
    # The figure keeps the text as sent; the number is kept to the six decimals the database holds.
    return (
        number.quantize(Decimal(1).scaleb(-MAX_DECIMALS)) if -_exponent(number) > MAX_DECIMALS else number,
        text,
        "",
    )


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def dhis2_period(text: str) -> str | None:
    """Our period for a DHIS2 period written in one of DHIS2's forms we keep (``2024``, ``2024S1``,
    ``2024Q1``, ``202401`` or ``2024-01``, case-sensitive as DHIS2); None for any other text."""
    for pattern, form in _PERIODS:
        match = pattern.match(text)
        if match is not None:
            period = form.format(*match.groups())
            try:
                return parse_period(period).code
            except PeriodError:
                return period  # the entry service refuses it with the reason (2024Q5, 202413)
    return None


def _period_message(text: str) -> str:
    return (
        f"'{text}' không phải kỳ DHIS2 nqtrack lưu được; dùng 2024 (năm), 2024S1 (6 tháng), 2024Q1 (quý), "
        "202401 hoặc 2024-01 (tháng), viết đúng chữ hoa"
    )


def _indicator(
    value: Dhis2Value, table: CodeTable, schemes: IdSchemes, errors: list[RowError]
) -> Indicator | None:
    if value.disaggregation:
        names = ", ".join(f"{k}={v}" for k, v in value.disaggregation)
        message = (
            f"dataElement '{value.data_element}' có phân tổ ({names}) không được hỗ trợ: chỉ tổ hợp mặc định"
        )
        errors.append(RowError(value.index, "categoryOptionCombo", message, E_COMBO))
        return None
    candidates = table.elements_named(value.data_element, schemes.for_data_element)
    combo = "" if table.is_default(value.category_option_combo) else value.category_option_combo
    scheme = schemes.for_combo
    fitting = [
        e
        for e in candidates
        if e.combo_key(scheme) == combo or (not combo and not e.combo_uid and not e.combo_code)
    ]
    if len({e.indicator.pk for e in fitting}) > 1:  # a DHIS2 name two data elements share
        message = (
            f"dataElement '{value.data_element}' là tên của nhiều phần tử dữ liệu trong bảng mã DHIS2; "
            "dùng dataElementIdScheme UID hoặc CODE"
        )
        errors.append(RowError(value.index, "dataElement", message, E_DATA_ELEMENT))
        return None
    if fitting:
        return fitting[0].indicator
    if candidates:
        message = (
            f"categoryOptionCombo '{value.category_option_combo}' của dataElement '{value.data_element}' "
            "không có trong bảng mã DHIS2"
        )
        if scheme is IdScheme.NAME:
            message += " (bảng mã không lưu tên tổ hợp: dùng categoryOptionComboIdScheme UID hoặc CODE)"
        errors.append(RowError(value.index, "categoryOptionCombo", message, E_COMBO))
    else:
        message = f"dataElement '{value.data_element}' không có trong bảng mã DHIS2"
        errors.append(RowError(value.index, "dataElement", message, E_DATA_ELEMENT))
    return None


def dhis2_summary(
    entries: EntrySummary,
    values: dict[int, Dhis2Value],
    total: int,
    *,
    options: Dhis2ImportOptions | None = None,
    document: Dhis2Document | None = None,
) -> dict[str, Any]:
    """Our outcome in DHIS2's ``ImportSummary`` shape (status, importCount, conflicts with indexes).

    As DHIS2: every value not written is ``ignored``; a conflict makes the status WARNING when other
    values were written (partial import) and ERROR when nothing was (an atomic import, or every value
    refused); a warning of a validation rule alone makes it WARNING.
    """
    options = options or Dhis2ImportOptions(dry_run=entries.dry_run, atomic=True)
    rejected = {e.row for e in entries.errors}
    written = not entries.errors or not options.atomic  # a partial import writes the good values
    counts = {
        "imported": entries.count(Action.CREATE) if written else 0,
        "updated": entries.count(Action.UPDATE) if written else 0,
        "deleted": entries.count(Action.DELETE) if written else 0,
    }
    counts["ignored"] = total - sum(counts.values())
    conflicts = _conflicts(entries.errors, values) + _conflicts(entries.warnings, values)
    wrote_any = any(counts[k] for k in ("imported", "updated", "deleted"))
    if entries.errors:
        status = "WARNING" if not options.atomic and (wrote_any or len(rejected) < total) else "ERROR"
    else:
        status = "WARNING" if entries.warnings else "SUCCESS"
    summary = {
        "responseType": "ImportSummary",
        "status": status,
        "description": _description(status, entries, options, document),
        "importOptions": options.as_summary(),
        "importCount": {k: counts[k] for k in ("imported", "updated", "ignored", "deleted")},
        "conflicts": conflicts,
        "rejectedIndexes": sorted(rejected),
        "dataSetComplete": _complete(document),
    }
    return summary


def _description(
    status: str, entries: EntrySummary, options: Dhis2ImportOptions, document: Dhis2Document | None
) -> str:
    dry = entries.dry_run
    if status == "ERROR":
        text = "Có xung đột: không ghi giá trị nào."
    elif status == "WARNING" and entries.errors:
        text = (
            "Kiểm tra xong: các giá trị không có xung đột sẽ được ghi, các giá trị có xung đột bị bỏ qua."
            if dry
            else "Đã ghi các giá trị không có xung đột; các giá trị có xung đột bị bỏ qua."
        )
    elif status == "WARNING":
        text = "Kiểm tra xong, có cảnh báo." if dry else "Đã nhập, có cảnh báo cần xem lại."
    else:
        text = "Kiểm tra xong, không có lỗi (chưa ghi)." if dry else "Đã nhập xong."
    if document is not None and document.data_set:
        text += (
            f" Tập dữ liệu (dataSet) '{document.data_set}' được ghi nhận; nqtrack không quản lý tập dữ liệu "
            "nên không đánh dấu hoàn thành."
        )
    return text


def _complete(document: Dhis2Document | None) -> str:
    """DHIS2's ``dataSetComplete``: the set's completeDate when it has one (a date), else "false"."""
    if document is None or not document.complete_date:
        return "false"
    try:
        return date.fromisoformat(document.complete_date[:10]).isoformat()
    except ValueError:
        return "false"


def _conflicts(errors: Iterable[RowError], values: dict[int, Dhis2Value]) -> list[dict[str, Any]]:
    """Conflicts grouped as DHIS2 groups them: one per (object, message, code), with every index. A value
    that is missing or not a number is reported about its data element (E7618, E7619)."""
    grouped: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for error in errors:
        prop = PROPERTIES.get(error.column, error.column)
        value = values.get(error.row)
        if error.code in _BY_ELEMENT and prop == "value" and value is not None:
            obj = value.data_element
        else:  # a conflict about a property the value lacks (an ADX disaggregation) names its data element
            obj = (value.get(prop) or value.data_element) if value is not None else ""
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


def observations_import_dhis2(
    *,
    user: AnyUser | None,
    programme: Programme,
    name: str,
    data: bytes,
    kind: Kind,
    options: Dhis2ImportOptions | None = None,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> Dhis2Result:
    """Import a sniffed file of one of the ``dataValueSets`` kinds (the upload page, ``nqtrack import``)."""
    return dhis2_import_payload(
        user=user,
        programme=programme,
        name=name,
        data=data,
        format=dhis2_format(kind),
        options=options,
        progress=progress,
    )


# -- export -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dhis2Export:
    data: bytes
    content_type: str
    exported: int
    skipped: int  # figures whose indicator or unit has no DHIS2 code


_WRITERS: dict[Dhis2Format, Callable[..., bytes]] = {
    Dhis2Format.JSON: write_dhis2_json,
    Dhis2Format.CSV: lambda values, data_set="": write_dhis2_csv(values),
    Dhis2Format.XML: write_dhis2_xml,
    Dhis2Format.ADX: lambda values, data_set="": write_adx(
        values, data_set=data_set, exported=stamp(timezone.now())
    ),
}


def dhis2_export_query(
    *, user: AnyUser | None, programme: Programme, format: Dhis2Format, query: Dhis2ExportQuery
) -> Dhis2Export:
    """The figures ``query`` selects as a ``dataValueSets`` document of ``format``."""
    table = dhis2_code_table(programme=programme)
    schemes = query.id_schemes
    schemes.refuse_attributes()
    if format is Dhis2Format.ADX and schemes == IdSchemes():
        schemes = IdSchemes(IdScheme.CODE)
    unit_codes = []
    for name in query.org_unit:
        code = table.unit_code(name, schemes.for_org_unit)
        if code is None:
            raise Dhis2ParameterError(
                "orgUnit", name, "một orgUnit có trong bảng mã DHIS2", "an orgUnit of the DHIS2 code table"
            )
        unit_codes.append(code)
    periods = []
    for text in query.period:
        period = dhis2_period(text)
        if period is None:
            raise Dhis2ParameterError(
                "period",
                text,
                "2024, 2024S1, 2024Q1, 202401 hoặc 2024-01",
                "2024, 2024S1, 2024Q1, 202401 or 2024-01",
            )
        periods.append(period)
    selection = Selection(
        unit_codes=tuple(unit_codes) or _all_coded_units(table, programme),
        first_year=query.start_date.year if query.start_date else None,
        last_year=query.end_date.year if query.end_date else None,
        include_drafts=query.include_drafts,
    )
    figures = export_figures(user=user, programme=programme, selection=selection)
    figures = [o for o in figures if _wanted(o, periods, query)]
    values, skipped = _values(figures, table, schemes)
    data = _WRITERS[format](values, data_set=query.data_set[0] if len(query.data_set) == 1 else "")
    return Dhis2Export(data=data, content_type=CONTENT_TYPES[format], exported=len(values), skipped=skipped)


def _all_coded_units(table: CodeTable, programme: Programme) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(o.unit_code for o in table.org_units.values()))
    return codes or (programme.province_code,)


def _wanted(obs: Observation, periods: list[str], query: Dhis2ExportQuery) -> bool:
    if periods and obs.period not in periods:
        return False
    try:
        period = parse_period(obs.period)
    except PeriodError:
        return False
    if query.start_date is not None and period.end < query.start_date:
        return False
    return not (query.end_date is not None and period.start > query.end_date)


def dhis2_export(
    *, user: AnyUser | None, programme: Programme, selection: Selection, kind: Kind
) -> Dhis2Export:
    """The selected figures as a ``dataValueSets`` document of a file kind, through the code table (uids)."""
    table = dhis2_code_table(programme=programme)
    values, skipped = _values(
        export_figures(user=user, programme=programme, selection=selection), table, IdSchemes()
    )
    format = dhis2_format(kind)
    return Dhis2Export(
        data=_WRITERS[format](values),
        content_type=CONTENT_TYPES[format],
        exported=len(values),
        skipped=skipped,
    )


def _values(
    figures: Iterable[Observation], table: CodeTable, schemes: IdSchemes
) -> tuple[list[Dhis2Value], int]:
    values: list[Dhis2Value] = []
    skipped = 0
    for obs in figures:
        value = _dhis2_value(len(values), obs, table, schemes)
        if value is None:
            skipped += 1
        else:
            values.append(value)
    return values, skipped


def _dhis2_value(index: int, obs: Observation, table: CodeTable, schemes: IdSchemes) -> Dhis2Value | None:
    element = table.element_for(obs.indicator_id, schemes)
    org_unit = table.org_unit_for(obs.unit.code, schemes.for_org_unit, obs.unit_id)
    if element is None or org_unit is None:
        return None
    combo = element.combo_key(schemes.for_combo) or table.default(schemes.for_combo)
    return Dhis2Value(
        index=index,
        data_element=element.key(schemes.for_data_element),
        period=obs.period,
        org_unit=org_unit,
        category_option_combo=combo,
        attribute_option_combo=table.default(schemes.for_combo),
        value=obs.value_text,
        stored_by=obs.updated_by.get_username() if obs.updated_by is not None else "nqtrack",
        created=stamp(obs.created_at),
        last_updated=stamp(obs.updated_at),
        comment=obs.comment or None,
        followup=obs.followup,
    )


def stamp(moment: Any) -> str:
    """A moment as DHIS2 writes it: UTC, milliseconds and the offset (``2025-03-01T01:30:00.000+00:00``)."""
    utc = moment.astimezone(UTC)
    return f"{utc.strftime('%Y-%m-%dT%H:%M:%S')}.{utc.microsecond // 1000:03d}+00:00"

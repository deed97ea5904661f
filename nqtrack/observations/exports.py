"""Exports of figures (XLSX, CSV, DHIS2 JSON and CSV) and the Excel template of a programme.

The XLSX and CSV exports have the template's layout, so a file exported, edited and imported again
changes exactly the edited figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils.translation import gettext as _

from nqtrack.core.users import AnyUser
from nqtrack.observations.dhis2 import dhis2_export
from nqtrack.observations.formats.csvfile import write_csv
from nqtrack.observations.formats.sniff import DHIS2_KINDS, Kind
from nqtrack.observations.formats.tabular import TableRow
from nqtrack.observations.formats.xlsx import Catalogue, write_xlsx
from nqtrack.observations.models import Observation
from nqtrack.observations.permissions import capture_allowed
from nqtrack.observations.selectors import Selection, export_figures
from nqtrack.observations.vocabulary import STATUS_LABELS, UNIT_LABELS
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_for_period
from nqtrack.places.versions import VersionError, unit_version_for
from nqtrack.programmes.models import Indicator, Programme

EXPORT_KINDS = (Kind.XLSX, Kind.CSV, Kind.DHIS2_JSON, Kind.DHIS2_CSV, Kind.DHIS2_XML, Kind.DHIS2_ADX)
CONTENT_TYPES = {
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Kind.CSV: "text/csv; charset=utf-8",
    Kind.DHIS2_JSON: "application/json",
    Kind.DHIS2_CSV: "text/csv; charset=utf-8",
    Kind.DHIS2_XML: "application/xml",
    Kind.DHIS2_ADX: "application/adx+xml",
}
SUFFIXES = {
    Kind.XLSX: ".xlsx",
    Kind.CSV: ".csv",
    Kind.DHIS2_JSON: ".dhis2.json",
    Kind.DHIS2_CSV: ".dhis2.csv",
    Kind.DHIS2_XML: ".dhis2.xml",
    Kind.DHIS2_ADX: ".adx.xml",
}
LEVELS = {"province": "Tỉnh", "district": "Huyện", "commune": "Xã"}


@dataclass(frozen=True, slots=True)
class ExportFile:
    filename: str
    content_type: str
    data: bytes
    count: int
    skipped: int = 0


def observations_export(
    *, user: AnyUser | None, programme: Programme, selection: Selection, kind: Kind
) -> ExportFile:
    """The selected figures as a file of ``kind``."""
    name = f"so-lieu-{programme.code}{SUFFIXES[kind]}"
    if kind in DHIS2_KINDS:
        exported = dhis2_export(user=user, programme=programme, selection=selection, kind=kind)
        return ExportFile(name, CONTENT_TYPES[kind], exported.data, exported.exported, exported.skipped)
    rows = [table_row(obs) for obs in export_figures(user=user, programme=programme, selection=selection)]
    data = write_xlsx(rows, catalogue(programme=programme)) if kind is Kind.XLSX else write_csv(rows)
    return ExportFile(name, CONTENT_TYPES[kind], data, len(rows))


def table_row(obs: Observation) -> TableRow:
    return TableRow(
        indicator=obs.indicator.code,
        indicator_name=obs.indicator.name,
        unit=obs.unit.code,
        unit_name=obs.unit.name,
        period=obs.period,
        value=obs.value,
        value_text=obs.value_text,
        measure_unit=UNIT_LABELS.get(obs.indicator.unit, obs.indicator.unit),
        status=STATUS_LABELS.get(obs.status, obs.status),
        source=obs.source_document or obs.source_url,
        comment=obs.comment,
    )


def catalogue(*, programme: Programme) -> Catalogue:
    """The valid codes of ``programme`` for the "Danh mục" sheet: indicators, units (latest name of each
    code), statuses."""
    indicators = (
        Indicator.objects.filter(programme=programme)
        .select_related("group")
        .order_by(F("group__number").asc(nulls_last=True), "position")
    )
    latest: dict[str, AdminUnit] = {}
    # Versions oldest first (the first version has no start date) so the last one kept is the newest;
    # NULLs sort differently on SQLite and PostgreSQL unless told.
    for unit in AdminUnit.objects.order_by("code", F("valid_from").asc(nulls_first=True)):
        latest[unit.code] = unit
    return Catalogue(
        indicators=[
            (
                i.code,
                i.name,
                UNIT_LABELS.get(i.unit, i.unit),
                f"({i.group.number})" if i.group else "bổ trợ",
            )
            for i in indicators
        ],
        units=[(u.code, u.name, LEVELS.get(u.level, u.level)) for u in latest.values()],
        statuses=[(label, str(code)) for code, label in STATUS_LABELS.items()],
    )


def template_xlsx(
    *, programme: Programme, year: int, unit_code: str | None = None, user: AnyUser | None = None
) -> ExportFile:
    """An empty template: one row per indicator of ``programme`` for the unit (default: the province) and
    ``year``, values left blank.

    For a signed-in ``user``, only the indicators they may enter for that unit (their capture scope); a
    unit they may enter nothing for is refused (PermissionDenied). The template holds no figure."""
    code = unit_code or programme.province_code
    # The unit version the year's figures belong to (code 24: Bắc Giang to 2024, the new Bắc Ninh for the
    # whole of 2025 on), so that the filled template imports on the same version.
    try:
        unit: AdminUnit | None = unit_version_for(code=code, period=str(year))
    except VersionError:
        unit = unit_for_period(code=code, year=year)
    indicators = list(
        Indicator.objects.filter(programme=programme)
        .select_related("group")
        .order_by(F("group__number").asc(nulls_last=True), "position")
    )
    if user is not None and unit is None:
        raise AdminUnit.DoesNotExist(
            _("Không có mẫu nhập: không có đơn vị mã %(code)s trong năm %(year)s.")
            % {"code": code, "year": year}
        )
    if user is not None:
        indicators = [
            i for i in indicators if unit is not None and capture_allowed(user=user, unit=unit, indicator=i)
        ]
        if not indicators:
            raise PermissionDenied(
                _(
                    "Không có mẫu nhập cho đơn vị mã %(code)s năm %(year)s: đơn vị không có trong năm đó, "
                    "hoặc bạn không có quyền nhập số liệu cho đơn vị này."
                )
                % {"code": code, "year": year}
            )
    rows = [
        TableRow(
            indicator=i.code,
            indicator_name=i.name,
            unit=unit.code if unit else programme.province_code,
            unit_name=unit.name if unit else "",
            period=str(year),
            value=Decimal(0),
            value_text="",
            measure_unit=UNIT_LABELS.get(i.unit, i.unit),
            status="",
            source="",
            comment="",
        )
        for i in indicators
    ]
    data = write_xlsx(rows, catalogue(programme=programme))
    return ExportFile(
        f"mau-nhap-so-lieu-{programme.code}-{year}.xlsx", CONTENT_TYPES[Kind.XLSX], data, len(rows)
    )

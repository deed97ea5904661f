"""`nqtrack export -o FILE [--format …]`: write a selection of figures (or the empty template) to a file
in the layout the import reads."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nqtrack.observations.dhis2 import dhis2_format
from nqtrack.observations.dhis2_api import (
    Dhis2ExportQuery,
    Dhis2ParameterError,
    IdScheme,
    dhis2_data_value_sets_export,
)
from nqtrack.observations.exports import EXPORT_KINDS, ExportFile, observations_export, template_xlsx
from nqtrack.observations.formats.sniff import DHIS2_KINDS, Kind
from nqtrack.observations.selectors import Selection
from nqtrack.programmes.commands import add_programme_argument, programme_from_options
from nqtrack.programmes.models import Programme

_QUERY = ("period", "org_unit", "start_date", "end_date", "data_set", "id_scheme")


class Command(BaseCommand):
    help = (
        "Xuất số liệu ra XLSX, CSV hoặc DHIS2 (JSON, CSV, XML, ADX), hoặc xuất mẫu nhập Excel (--template). "
        "Export figures, or the Excel template."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, required=True, help="tệp kết quả")
        parser.add_argument("--format", choices=[k.value for k in EXPORT_KINDS], default=Kind.XLSX.value)
        parser.add_argument(
            "--template", action="store_true", help="mẫu nhập Excel trống (một dòng mỗi chỉ tiêu)"
        )
        add_programme_argument(parser)
        parser.add_argument(
            "--unit", action="append", default=[], help="mã đơn vị (lặp lại được; mặc định: tỉnh)"
        )
        parser.add_argument("--from", dest="first", type=int, help="từ năm")
        parser.add_argument("--to", dest="last", type=int, help="đến năm")
        parser.add_argument("--year", type=int, help="năm của mẫu nhập (mặc định: năm trước)")
        parser.add_argument("--group", type=int, help="số thứ tự nhóm chỉ tiêu")
        parser.add_argument("--include-drafts", action="store_true", help="gồm cả số liệu chưa duyệt")
        dhis2 = parser.add_argument_group("DHIS2 dataValueSets (dhis2-json, dhis2-csv, dhis2-xml, dhis2-adx)")
        dhis2.add_argument("--period", action="append", default=[], help="kỳ DHIS2 (lặp lại được)")
        dhis2.add_argument("--org-unit", action="append", default=[], help="orgUnit DHIS2 (lặp lại được)")
        dhis2.add_argument("--start-date", help="từ ngày (YYYY-MM-DD): các kỳ giao với khoảng ngày")
        dhis2.add_argument("--end-date", help="đến ngày (YYYY-MM-DD)")
        dhis2.add_argument("--data-set", help="dataSet ghi vào tài liệu")
        dhis2.add_argument(
            "--id-scheme",
            choices=[i.value for i in IdScheme if i is not IdScheme.ATTRIBUTE],
            help="UID (mặc định), CODE hoặc NAME",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_from_options(options)
        if options["template"]:
            year = options["year"] or timezone.localdate().year - 1
            exported = template_xlsx(programme=programme, year=year, unit_code=(options["unit"] or [None])[0])
        elif Kind(options["format"]) in DHIS2_KINDS and _dhis2_query_given(options):
            exported = _dhis2(programme, options)
        else:
            selection = Selection(
                unit_codes=tuple(options["unit"]),
                first_year=options["first"],
                last_year=options["last"],
                group_number=options["group"],
                include_drafts=options["include_drafts"],
            )
            exported = observations_export(
                user=None, programme=programme, selection=selection, kind=Kind(options["format"])
            )
        output: Path = options["output"]
        try:
            output.write_bytes(exported.data)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {output}: {error.strerror}") from error
        skipped = f"; bỏ qua {exported.skipped} số liệu không có mã DHIS2" if exported.skipped else ""
        self.stdout.write(f"{output}: {exported.count} dòng{skipped}.")


def _dhis2_query_given(options: dict[str, Any]) -> bool:
    return any(options.get(name) for name in _QUERY)


def _dhis2(programme: Programme, options: dict[str, Any]) -> ExportFile:
    """A DHIS2 export selected with DHIS2's parameters (as GET /api/dataValueSets takes them)."""
    params = {
        "period": options["period"],
        "orgUnit": options["org_unit"],
        "startDate": options["start_date"],
        "endDate": options["end_date"],
        "dataSet": options["data_set"],
        "idScheme": options["id_scheme"],
    }
    try:
        query = Dhis2ExportQuery.from_params(params)
        query = replace(query, include_drafts=options["include_drafts"])
    except Dhis2ParameterError as error:
        raise CommandError(error.message) from error
    kind = Kind(options["format"])
    try:
        exported = dhis2_data_value_sets_export(
            user=None, programme=programme, format=dhis2_format(kind), query=query
        )
    except Dhis2ParameterError as error:
        raise CommandError(error.message) from error
    return ExportFile("", exported.content_type, exported.data, exported.exported, exported.skipped)

"""`nqtrack export -o FILE [--format …]`: write a selection of figures (or the empty template) to a file
in the layout the import reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nqtrack.observations.exports import EXPORT_KINDS, observations_export, template_xlsx
from nqtrack.observations.formats.sniff import Kind
from nqtrack.observations.selectors import Selection
from nqtrack.programmes.commands import add_programme_argument, programme_from_options


class Command(BaseCommand):
    help = (
        "Xuất số liệu ra XLSX, CSV hoặc DHIS2 (JSON/CSV), hoặc xuất mẫu nhập Excel (--template). "
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

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_from_options(options)
        if options["template"]:
            year = options["year"] or timezone.localdate().year - 1
            exported = template_xlsx(programme=programme, year=year, unit_code=(options["unit"] or [None])[0])
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

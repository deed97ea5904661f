from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.observations.formats.limits import FileRejected
from nqtrack.observations.services import ImportRejected, ImportSummary, observations_import_file
from nqtrack.programmes.commands import add_programme_argument, programme_from_options


class Command(BaseCommand):
    help = "Nhập số liệu đã công bố từ tệp CSV (tất cả hoặc không dòng nào). Import published figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        add_programme_argument(parser)
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument(
            "--territory-rows-only",
            action="store_true",
            help="chỉ nhập các dòng ghi tên địa bàn của chương trình (cột unit_name) với chỉ tiêu của "
            "chương trình; bỏ qua các dòng khác",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_from_options(options)
        try:
            summary = observations_import_file(
                path=options["file"],
                programme=programme,
                dry_run=options["dry_run"],
                territory_rows_only=options["territory_rows_only"],
            )
        except ImportRejected as rejected:
            lines = [str(rejected)] + [f"  {rejected.summary.filename}, {e}" for e in rejected.summary.errors]
            raise CommandError("\n".join(lines)) from rejected
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {options['file']}: {error.strerror}") from error
        except FileRejected as error:  # a field longer than a CSV may hold
            raise CommandError(str(error)) from error
        self.stdout.write(_describe(summary))


def _describe(summary: ImportSummary) -> str:
    verb = "Sẽ thêm" if summary.dry_run else "Đã thêm"
    kept = f"{summary.unchanged} giá trị đã có, giữ nguyên"
    skipped = f"; bỏ qua {summary.skipped} dòng của đơn vị hoặc chỉ tiêu khác" if summary.skipped else ""
    return f"{summary.filename}: {verb} {summary.created} giá trị; {kept}{skipped}."

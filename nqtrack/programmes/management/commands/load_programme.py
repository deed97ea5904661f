from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.domain.programme import ProgrammeFileError
from nqtrack.programmes.services import programme_load_file


class Command(BaseCommand):
    help = "Nạp (hoặc cập nhật) một chương trình hành động từ tệp YAML. Load a programme file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = programme_load_file(path=options["file"])
        except ProgrammeFileError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {options['file']}: {error.strerror}") from error
        self.stdout.write(
            f"Đã nạp chương trình '{summary.programme.code}': {summary.created} mục mới, "
            f"{summary.updated} mục cập nhật, {summary.deleted} mục xoá."
        )

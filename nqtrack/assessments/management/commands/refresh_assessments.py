"""`nqtrack refresh-assessments`: assess every (target, unit) pair of a programme and store the answers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nqtrack.assessments.services import assessments_refresh
from nqtrack.programmes.commands import add_programme_argument, programme_from_options


class Command(BaseCommand):
    help = (
        "Đánh giá mọi cặp (chỉ tiêu, đơn vị) của chương trình và lưu kết quả; chỉ tính lại cặp có số liệu "
        "thay đổi. Assess every (target, unit) pair and store the results."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_programme_argument(parser, help="mã chương trình (mặc định: chương trình đầu tiên)")
        parser.add_argument(
            "--as-of",
            type=int,
            nargs="*",
            help="các năm đánh giá thêm (mặc định: năm có số liệu mới nhất và năm trước đó)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_from_options(options)
        s = assessments_refresh(programme=programme, as_of_years=options["as_of"])
        years = ", ".join(str(y) for y in s.as_of_years) or "—"
        self.stdout.write(
            f"{programme.code}: {s.units} đơn vị, năm đánh giá thêm: {years}; "
            f"mới {s.created}, tính lại {s.updated}, giữ nguyên {s.unchanged}, xoá {s.deleted}."
        )

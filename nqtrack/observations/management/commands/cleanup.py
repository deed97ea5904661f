"""`nqtrack cleanup [--dry-run] [--hours 24]`: remove the uploads checked and never confirmed (daily)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nqtrack.observations.uploads import MAX_AGE, StaleUpload, uploads_cleanup


def size_text(size: int) -> str:
    """A file size the Vietnamese way: "2,5 MB", "700 KB"."""
    if size < 100 * 1024:
        return f"{max(1, round(size / 1024)) if size else 0} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _line(upload: StaleUpload) -> str:
    when = timezone.localtime(upload.uploaded_at).strftime("%H:%M %d/%m/%Y")
    return (
        f"  {upload.name} ({size_text(upload.size)}), người dùng số {upload.user_id} tải lên lúc {when}: "
        + ", ".join(path.name for path in upload.paths)
    )


class Command(BaseCommand):
    help = (
        "Xoá các tệp tải lên đã kiểm tra nhưng không được xác nhận nhập, quá 24 giờ (chạy hằng ngày). "
        "--dry-run chỉ liệt kê, không xoá."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không xoá")
        parser.add_argument(
            "--hours",
            type=int,
            default=int(MAX_AGE.total_seconds() // 3600),
            help="xoá tệp tải lên cũ hơn bấy nhiêu giờ (mặc định 24)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["hours"] < 1:
            raise CommandError("--hours phải từ 1 trở lên.")
        result = uploads_cleanup(max_age=timedelta(hours=options["hours"]), dry_run=options["dry_run"])
        if not result.removed:
            self.stdout.write(f"Không có tệp tải lên nào chưa xác nhận quá {options['hours']} giờ.")
            return
        verb = "Sẽ xoá" if options["dry_run"] else "Đã xoá"
        self.stdout.write(
            f"{verb} {len(result.removed)} tệp tải lên chưa xác nhận quá {options['hours']} giờ "
            f"({size_text(result.size)}) trong {result.folder}:"
        )
        for upload in result.removed:
            self.stdout.write(_line(upload))

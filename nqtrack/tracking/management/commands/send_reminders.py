from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nqtrack.core.commandline import iso_day
from nqtrack.programmes.commands import add_programme_argument, programme_from_options
from nqtrack.tracking.reminders import DAYS_BEFORE, reminders_send


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc: trước hạn và khi thiếu báo cáo của kỳ; mỗi kỳ chỉ nhắc một lần (chạy hằng ngày). "
        "--dry-run chỉ liệt kê, không gửi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ liệt kê, không gửi, không ghi nhật ký"
        )
        add_programme_argument(parser)
        parser.add_argument("--today", type=iso_day, help="ngày xét (YYYY-MM-DD; mặc định: hôm nay)")
        parser.add_argument(
            "--days-before", type=int, default=DAYS_BEFORE, help="nhắc trước hạn bao nhiêu ngày"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_from_options(options)
        if options["days_before"] < 0:
            raise CommandError("--days-before phải từ 0 trở lên.")
        reminders = reminders_send(
            programme=programme,
            today=options["today"] or timezone.localdate(),
            dry_run=options["dry_run"],
            days_before=options["days_before"],
        )
        verb = "Sẽ gửi" if options["dry_run"] else "Đã gửi"
        mails = [m for m in reminders if m.sent or options["dry_run"]]
        count = sum(len(m.reminders) for m in mails)
        self.stdout.write(f"{verb} {len(mails)} thư, nhắc {count} nhiệm vụ.")
        for mail in mails:
            for reminder in mail.reminders:
                self.stdout.write(f"{mail.recipient}\t{reminder.line}")

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = (
        "Chuẩn bị hệ thống: migrate, nạp đơn vị hành chính, chương trình mẫu, số liệu đã công bố và "
        "đánh giá sẵn các chỉ tiêu. Chạy lại nhiều lần không thay đổi gì."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_units", str(settings.NQTRACK_SEED_UNITS))
        call_command("load_programme", str(settings.NQTRACK_SEED_PROGRAMME))
        call_command("tasks", "sync")
        call_command("import_statistics", str(settings.NQTRACK_SEED_STATISTICS))
        call_command("import_statistics", str(settings.NQTRACK_SEED_STATISTICS_2))
        # A second programme, the new Bắc Ninh's 2026-2030 targets, after the seed so that the seed stays
        # the default; from the same files it takes its own province's rows alone (Bắc Giang's are not its).
        call_command("load_programme", str(settings.BASE_DIR / "programmes" / "bac-ninh-2026-2030.yaml"))
        for statistics in (settings.NQTRACK_SEED_STATISTICS, settings.NQTRACK_SEED_STATISTICS_2):
            call_command(
                "import_statistics",
                str(statistics),
                "--programme=bac-ninh-2026-2030",
                "--territory-rows-only",
            )
        # Last, and whatever the steps above changed or deferred to a worker: the pages read the stored
        # assessments, so the system starts with them current (an unchanged store recomputes nothing).
        call_command("refresh_assessments")
        call_command("refresh_assessments", "--programme=bac-ninh-2026-2030")
        # The embedded development default (DEBUG on SQLite, `make run`): a demo user per role, so a
        # newcomer signs in at once. Never with the production settings or a configured database.
        if settings.DEBUG and connection.vendor == "sqlite":
            self.stdout.write(
                "Người dùng thử (tên đăng nhập, mật khẩu, vai trò; in lại: nqtrack demo-users):"
            )
            call_command("demo_users", stdout=self.stdout)

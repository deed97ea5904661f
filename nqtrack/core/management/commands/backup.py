from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nqtrack.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu SQLite (mặc định vào var/backups/). Back up the embedded database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=settings.VAR_DIR / "backups")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backup_create(directory=options["dir"], now=timezone.localtime())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã sao lưu vào {path}")

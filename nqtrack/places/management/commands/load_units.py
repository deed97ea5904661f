"""`load_units [CSV]`: load the administrative-unit history (see nqtrack.places.services)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nqtrack.places.package2025 import PackageDataError
from nqtrack.places.services import units_load_history
from nqtrack.places.unitsfile import UnitsFileError


class Command(BaseCommand):
    help = "Nạp lịch sử đơn vị hành chính (hai danh sách GSO và sáp nhập 01/07/2025)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "csv_path", nargs="?", type=Path, help="Tệp CSV đơn vị (mặc định: settings.NQTRACK_SEED_UNITS)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        csv_path: Path = options["csv_path"] or Path(settings.NQTRACK_SEED_UNITS)
        try:
            summary = units_load_history(csv_path=csv_path)
        except (UnitsFileError, PackageDataError) as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)

"""Write the vega, vega-lite and vega-embed JavaScript the pages load, from the installed vl-convert.

The file is committed (nqtrack/web/static/web/vendor/vega-bundle.js), so a fresh machine needs nothing;
run this after upgrading vl-convert-python so the page draws with the same Vega as the documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from nqtrack.web.bundle import BUNDLE_PATH, write_bundle


class Command(BaseCommand):
    help = "Write the Vega JavaScript bundle for the pages (from vl-convert-python)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", type=Path, default=BUNDLE_PATH, help="where to write the bundle")

    def handle(self, *args: Any, **options: Any) -> None:
        path = write_bundle(path=options["output"])
        self.stdout.write(f"Đã ghi {path} ({path.stat().st_size} byte).")

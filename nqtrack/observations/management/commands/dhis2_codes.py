"""`nqtrack dhis2-codes FILE`: load the DHIS2 code table.

The CSV has the columns kind,dhis2_id,category_option_combo,code,name and, optionally, dhis2_code and
category_option_combo_code (the DHIS2 codes, for idScheme=CODE).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.observations.dhis2 import CodeTableRejected, dhis2_code_table, dhis2_codes_load
from nqtrack.observations.formats.limits import FileRejected
from nqtrack.programmes.commands import add_programme_argument, programme_from_options


class Command(BaseCommand):
    help = "Nạp bảng mã DHIS2 (dataElement/orgUnit ↔ chỉ tiêu/đơn vị). Load the DHIS2 code table."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?", help="tệp CSV; bỏ trống để xem bảng mã hiện có")
        add_programme_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_from_options(options)
        path: Path | None = options["file"]
        if path is None:
            table = dhis2_code_table(programme=programme)
            for e in table.elements.values():
                combo = "/".join(c for c in (e.combo_uid, e.combo_code) if c) or "-"
                names = "/".join(c for c in (e.uid, e.code) if c)
                self.stdout.write(f"dataElement {names} {combo} → {e.indicator.code}")
            for o in table.org_units.values():
                names = "/".join(c for c in (o.uid, o.code) if c)
                self.stdout.write(f"orgUnit {names} → {o.unit_code}")
            return
        try:
            elements, org_units = dhis2_codes_load(
                user=None, programme=programme, data=path.read_bytes(), name=path.name
            )
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror}") from error
        except FileRejected as error:
            raise CommandError(str(error)) from error
        except CodeTableRejected as rejected:
            lines = [str(rejected)] + [f"  {path.name}, {e}" for e in rejected.errors]
            raise CommandError("\n".join(lines)) from rejected
        self.stdout.write(f"{path.name}: {elements} dataElement, {org_units} orgUnit.")

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.domain.programme import programme_to_json, programme_to_yaml
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_as_domain, programme_get


class Command(BaseCommand):
    help = "Xuất chương trình ra YAML hoặc JSON. Export a programme as a programme file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", nargs="?", help="mã chương trình (mặc định: chương trình duy nhất)")
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            programme = programme_as_domain(programme=programme_get(code=options["code"]))
        except ProgrammeNotFound as error:
            raise CommandError(str(error)) from error
        writer = programme_to_json if options["format"] == "json" else programme_to_yaml
        self.stdout.write(writer(programme), ending="\n" if options["format"] == "json" else "")

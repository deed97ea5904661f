from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nqtrack.domain.programme import programme_to_json, programme_to_yaml
from nqtrack.programmes.commands import PROGRAMME_HELP, programme_from_code
from nqtrack.programmes.selectors import programme_as_domain


class Command(BaseCommand):
    help = "Xuất chương trình ra YAML hoặc JSON. Export a programme as a programme file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", nargs="?", help=PROGRAMME_HELP)
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_as_domain(programme=programme_from_code(options["code"]))
        writer = programme_to_json if options["format"] == "json" else programme_to_yaml
        self.stdout.write(writer(programme), ending="\n" if options["format"] == "json" else "")

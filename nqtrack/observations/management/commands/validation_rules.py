"""`nqtrack validation-rules [--load FILE]`: list the validation rules in force, or load configured ones
(YAML or JSON: a list of {code, kind, indicators, severity, minimum, maximum, total, tolerance, factor,
threshold, mode, active})."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.domain.validation import RuleKind
from nqtrack.observations.configuration import validation_rules_load
from nqtrack.observations.rules import RuleConfigError, programme_rules, rule_params
from nqtrack.programmes.commands import add_programme_argument, programme_from_options

SHOWN = {
    RuleKind.BOUNDS: ("minimum", "maximum"),
    RuleKind.SHARES_SUM: ("total", "tolerance"),
    RuleKind.PRODUCT: ("factor", "tolerance"),
    RuleKind.JUMP: ("threshold", "mode"),
}


class Command(BaseCommand):
    help = "Xem hoặc nạp quy tắc kiểm tra số liệu. List or load the validation rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--load", type=Path, help="tệp YAML/JSON các quy tắc cấu hình (thay toàn bộ)")
        add_programme_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_from_options(options)
        path: Path | None = options["load"]
        if path is not None:
            try:
                rules = yaml.safe_load(path.read_text(encoding="utf-8")) or []
                if not isinstance(rules, list):
                    raise RuleConfigError("tệp phải là một danh sách quy tắc")
                count = validation_rules_load(user=None, programme=programme, rules=rules)
            except (OSError, yaml.YAMLError, RuleConfigError) as error:
                raise CommandError(f"{path.name}: {error}") from error
            self.stdout.write(f"{path.name}: đã nạp {count} quy tắc.")
            return
        for rule in programme_rules(programme=programme):
            params = ", ".join(
                f"{k}={v}" for k, v in rule_params(rule).items() if k != "mode" or rule.kind == "jump"
            )
            self.stdout.write(
                f"{rule.code}\t{rule.kind}\t{rule.severity}\t{','.join(rule.indicators)}\t{params}"
            )

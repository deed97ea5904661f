"""Writes of the observation settings: the configured validation rules of a programme."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nqtrack.core.users import AnyUser
from nqtrack.observations.models import ValidationRuleRow
from nqtrack.observations.permissions import require_programme_operations
from nqtrack.observations.rules import RuleConfigError, rule_from_dict, rule_params
from nqtrack.programmes.models import Indicator, Programme


def validation_rules_load(*, user: AnyUser | None, programme: Programme, rules: list[dict[str, Any]]) -> int:
    """Replace the configured rules of ``programme`` (all or none); raise ``RuleConfigError`` listing every
    bad rule. A rule with the code of a default rule replaces it; ``active: false`` switches it off."""
    require_programme_operations(user=user, programme=programme)
    codes = set(Indicator.objects.filter(programme=programme).values_list("code", flat=True))
    problems: list[str] = []
    parsed = []
    for number, data in enumerate(rules, start=1):
        try:
            rule = rule_from_dict(data)
        except RuleConfigError as error:
            problems.append(f"quy tắc thứ {number}: {error}")
            continue
        unknown = [code for code in rule.indicators if code not in codes]
        if unknown:
            problems.append(f"quy tắc thứ {number} ('{rule.code}'): chỉ tiêu không có: {', '.join(unknown)}")
        parsed.append(rule)
    if problems:
        raise RuleConfigError("\n".join(problems))
    with transaction.atomic():
        ValidationRuleRow.objects.filter(programme=programme).delete()
        ValidationRuleRow.objects.bulk_create(
            ValidationRuleRow(
                programme=programme,
                code=rule.code,
                kind=rule.kind,
                indicators=list(rule.indicators),
                severity=rule.severity,
                params=rule_params(rule),
                active=rule.active,
            )
            for rule in parsed
        )
    return len(parsed)

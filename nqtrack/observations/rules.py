"""The validation rules of a programme: defaults from its indicators, with the configured rules laid over
them (``ValidationRuleRow``); see nqtrack.domain.validation."""

from __future__ import annotations

from typing import Any

from nqtrack.domain.validation import (
    DEFAULT_JUMP_PERCENT,
    DEFAULT_JUMP_POINTS,
    DEFAULT_PRODUCT_TOLERANCE,
    DEFAULT_SHARE_TOLERANCE,
    IndicatorFacts,
    JumpMode,
    Rule,
    RuleKind,
    Severity,
    default_rules,
    merge_rules,
)
from nqtrack.observations.models import ValidationRuleRow
from nqtrack.programmes.models import Indicator, Programme

# Indicator codes of the shipped programme the cross-indicator default rules read.
GRDP_CODE = "grdp_current_prices"  # billion VND
GRDP_PER_HEAD_CODE = "grdp_per_capita"  # million VND
POPULATION_CODE = "population"  # persons
MILLION_TO_BILLION = 0.001
_NUMBERS = ("minimum", "maximum", "total", "tolerance", "factor", "threshold")


class RuleConfigError(ValueError):
    """A configured rule that cannot be used; the message says which and why, in Vietnamese."""


def programme_rules(*, programme: Programme) -> list[Rule]:
    """Every active rule of ``programme``."""
    indicators = list(Indicator.objects.filter(programme=programme).prefetch_related("targets"))
    codes = {i.code for i in indicators}
    shares = tuple(
        i.code for i in indicators if any(t.kind == "share" and not t.part_of for t in i.targets.all())
    )
    products = (
        [(GRDP_CODE, GRDP_PER_HEAD_CODE, POPULATION_CODE, MILLION_TO_BILLION)]
        if {GRDP_CODE, GRDP_PER_HEAD_CODE, POPULATION_CODE} <= codes
        else []
    )
    defaults = default_rules(
        [IndicatorFacts(i.code, i.name, i.unit, is_rate=is_rate(i)) for i in indicators],
        share_sets=[shares] if len(shares) > 1 else [],
        products=products,
    )
    configured = [rule_from_row(row) for row in ValidationRuleRow.objects.filter(programme=programme)]
    return merge_rules(defaults, configured)


def is_rate(indicator: Indicator) -> bool:
    """A rate of change (growth in percent), which may be negative or above 100.

    Read from the programme: a target on a growth-rate series, or a code that says "growth".
    """
    if "growth" in indicator.code:
        return True
    return any(t.series_kind == "growth_rate" for t in indicator.targets.all())


def rule_from_row(row: ValidationRuleRow) -> Rule:
    return rule_from_dict(
        {
            "code": row.code,
            "kind": row.kind,
            "indicators": row.indicators,
            "severity": row.severity,
            "active": row.active,
            **row.params,
        }
    )


def rule_from_dict(data: dict[str, Any]) -> Rule:
    """A rule from its configuration; raise ``RuleConfigError`` for an unknown kind, severity or mode."""
    code = str(data.get("code", ""))
    try:
        kind = RuleKind(str(data.get("kind")))
        severity = Severity(str(data.get("severity")))
        mode = JumpMode(data.get("mode", JumpMode.RELATIVE))
    except ValueError as error:
        raise RuleConfigError(
            f"quy tắc '{code}': loại, mức độ hoặc cách tính không hợp lệ ({error}); loại: "
            f"{', '.join(RuleKind)}; mức độ: {', '.join(Severity)}; cách tính: {', '.join(JumpMode)}"
        ) from error
    indicators = data.get("indicators") or []
    if not code or not isinstance(indicators, list) or not indicators:
        raise RuleConfigError(f"quy tắc '{code}': cần mã quy tắc và danh sách chỉ tiêu")
    try:
        return Rule(
            code=code,
            kind=kind,
            indicators=tuple(str(i) for i in indicators),
            severity=severity,
            minimum=_optional(data, "minimum"),
            maximum=_optional(data, "maximum"),
            total=_number(data, "total", 100.0),
            tolerance=_number(data, "tolerance", _default_tolerance(kind)),
            factor=_number(data, "factor", 1.0),
            threshold=_number(data, "threshold", _default_threshold(mode)),
            mode=mode,
            active=bool(data.get("active", True)),
        )
    except (TypeError, ValueError) as error:
        raise RuleConfigError(f"quy tắc '{code}': tham số không phải là số ({error})") from error


def _optional(data: dict[str, Any], name: str) -> float | None:
    value = data.get(name)
    return None if value is None else float(value)


def _number(data: dict[str, Any], name: str, default: float) -> float:
    value = _optional(data, name)
    return default if value is None else value


def _default_tolerance(kind: RuleKind) -> float:
    return DEFAULT_PRODUCT_TOLERANCE if kind is RuleKind.PRODUCT else DEFAULT_SHARE_TOLERANCE


def _default_threshold(mode: JumpMode) -> float:
    return DEFAULT_JUMP_POINTS if mode is JumpMode.POINTS else DEFAULT_JUMP_PERCENT


def rule_params(rule: Rule) -> dict[str, Any]:
    """The numbers of a rule as stored in ``ValidationRuleRow.params``."""
    params: dict[str, Any] = {name: getattr(rule, name) for name in _NUMBERS}
    params["mode"] = rule.mode.value
    return {k: v for k, v in params.items() if v is not None}

"""Validation rules for entered figures (pure: no Django).

Four kinds of rule, each with a severity, as DHIS2 separates validation rules from their importance:

- ``bounds``: a value within ``minimum``–``maximum`` (a percentage within 0–100, a count not negative);
- ``shares_sum``: the shares of a whole (the economic structure) add up to ``total`` within ``tolerance``
  percentage points, checked once every share of the year is there;
- ``product``: the first indicator ≈ second × third × ``factor`` within ``tolerance`` percent (GRDP ≈
  GRDP per head × population ÷ 1000, in billion VND from million VND and persons);
- ``jump``: a change from the year before beyond ``threshold`` (percent of the earlier value, or
  percentage points for indicators measured in percent), flagged for follow-up.

Severity decides what a failure does: ``block`` refuses the value, ``comment`` refuses it unless the value
carries a comment that explains it, ``warn`` only reports it. Every finding has a Vietnamese and an English
message with the numbers, written the Vietnamese way (1.234,5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from nqtrack.domain.vnnumbers import format_en_number, format_vn_number

__all__ = [
    "Finding",
    "IndicatorFacts",
    "JumpMode",
    "Rule",
    "RuleKind",
    "Severity",
    "Values",
    "check_value",
    "default_rules",
    "merge_rules",
    "refusals",
]

type Values = Mapping[tuple[str, int], float]  # (indicator code, year) → value, for one unit

NON_NEGATIVE_UNITS = frozenset(
    {
        "billion_vnd",
        "million_vnd",
        "usd",
        "billion_usd",
        "persons",
        "households",
        "hectares",
        "count",
        "districts",
        "beds_per_10000",
        "doctors_per_10000",
        "percent_of_target",
    }
)
PERCENT_UNITS = frozenset({"percent"})
DEFAULT_SHARE_TOLERANCE = 1.0  # percentage points
DEFAULT_PRODUCT_TOLERANCE = 5.0  # percent
DEFAULT_JUMP_PERCENT = 50.0  # percent of the earlier value
DEFAULT_JUMP_POINTS = 10.0  # percentage points, for indicators in percent


class Severity(StrEnum):
    BLOCK = "block"  # chặn lưu
    COMMENT = "comment"  # cần ghi chú giải trình
    WARN = "warn"  # chỉ cảnh báo


class RuleKind(StrEnum):
    BOUNDS = "bounds"
    SHARES_SUM = "shares_sum"
    PRODUCT = "product"
    JUMP = "jump"


class JumpMode(StrEnum):
    RELATIVE = "relative"  # percent of the earlier value
    POINTS = "points"  # difference in the indicator's own unit (percentage points for percent)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    kind: RuleKind
    indicators: tuple[str, ...]
    severity: Severity
    minimum: float | None = None
    maximum: float | None = None
    total: float = 100.0
    tolerance: float = DEFAULT_SHARE_TOLERANCE
    factor: float = 1.0
    threshold: float = DEFAULT_JUMP_PERCENT
    mode: JumpMode = JumpMode.RELATIVE
    active: bool = True


@dataclass(frozen=True, slots=True)
class IndicatorFacts:
    """What the default rules need to know about an indicator."""

    code: str
    name: str
    unit: str
    is_rate: bool = False  # a rate of change (growth in percent): may be negative or above 100


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    kind: RuleKind
    severity: Severity
    indicator: str
    year: int | None
    message_vi: str
    message_en: str
    numbers: dict[str, float] = field(default_factory=dict)

    @property
    def followup(self) -> bool:
        """A jump marks the value for follow-up (DHIS2's ``followup`` flag)."""
        return self.kind is RuleKind.JUMP


def default_rules(
    indicators: Sequence[IndicatorFacts],
    *,
    share_sets: Iterable[tuple[str, ...]] = (),
    products: Iterable[tuple[str, str, str, float]] = (),
) -> list[Rule]:
    """The rules every programme gets: bounds from each indicator's unit, the given share sets and
    products, and a year-on-year jump check on every indicator."""
    rules: list[Rule] = []
    for facts in indicators:
        rules.extend(_unit_rules(facts))
    for codes in share_sets:
        rules.append(Rule(f"shares:{'+'.join(codes)}", RuleKind.SHARES_SUM, codes, Severity.COMMENT))
    for whole, first, second, factor in products:
        rules.append(
            Rule(
                f"product:{whole}",
                RuleKind.PRODUCT,
                (whole, first, second),
                Severity.WARN,
                tolerance=DEFAULT_PRODUCT_TOLERANCE,
                factor=factor,
            )
        )
    return rules


def _unit_rules(facts: IndicatorFacts) -> list[Rule]:
    code = facts.code
    rules: list[Rule] = []
    if facts.unit in PERCENT_UNITS and not facts.is_rate:
        rules.append(Rule(f"bounds:{code}", RuleKind.BOUNDS, (code,), Severity.BLOCK, 0.0, 100.0))
    elif facts.unit in PERCENT_UNITS:
        rules.append(Rule(f"bounds:{code}", RuleKind.BOUNDS, (code,), Severity.BLOCK, minimum=-100.0))
    elif facts.unit in NON_NEGATIVE_UNITS:
        rules.append(Rule(f"bounds:{code}", RuleKind.BOUNDS, (code,), Severity.BLOCK, minimum=0.0))
    elif facts.unit == "rank":
        rules.append(Rule(f"bounds:{code}", RuleKind.BOUNDS, (code,), Severity.BLOCK, minimum=1.0))
    points = facts.unit in PERCENT_UNITS
    rules.append(
        Rule(
            f"jump:{code}",
            RuleKind.JUMP,
            (code,),
            Severity.WARN,
            threshold=DEFAULT_JUMP_POINTS if points else DEFAULT_JUMP_PERCENT,
            mode=JumpMode.POINTS if points else JumpMode.RELATIVE,
        )
    )
    return rules


def merge_rules(defaults: Iterable[Rule], overrides: Iterable[Rule]) -> list[Rule]:
    """Defaults with the configured rules laid over them: a rule of the same code replaces the default,
    an inactive one switches it off, a new code adds a rule."""
    merged = {rule.code: rule for rule in defaults}
    for rule in overrides:
        merged[rule.code] = rule
    return [rule for rule in merged.values() if rule.active]


def check_value(
    rules: Iterable[Rule],
    *,
    indicator: str,
    year: int | None,
    annual: bool,
    value: float,
    values: Values,
    names: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every rule ``value`` of ``indicator`` breaks. ``values`` holds the unit's other annual figures (with
    this one already in it, for an annual value); rules across indicators or years apply to annual values
    only."""
    context = _Context(indicator, year, value, values, names or {})
    findings: list[Finding] = []
    for rule in rules:
        if indicator not in rule.indicators:
            continue
        if rule.kind is RuleKind.BOUNDS:
            found = _bounds(rule, context)
        elif annual and year is not None:
            found = _ACROSS[rule.kind](rule, context, year)
        else:
            continue
        if found is not None:
            findings.append(found)
    return findings


def refusals(findings: Iterable[Finding], *, has_comment: bool) -> list[Finding]:
    """The findings that stop a value from being saved: blocking ones, and those needing a comment when
    there is none."""
    return [
        f
        for f in findings
        if f.severity is Severity.BLOCK or (f.severity is Severity.COMMENT and not has_comment)
    ]


# -- the checks -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    indicator: str
    year: int | None
    value: float
    values: Values
    names: Mapping[str, str]

    def name(self, code: str) -> str:
        return self.names.get(code, code)


def _vn(x: float) -> str:
    return format_vn_number(x, 6, trim=True)


def _en(x: float) -> str:
    return format_en_number(x, 6, trim=True)


def _finding(rule: Rule, c: _Context, vi: str, en: str, numbers: dict[str, float]) -> Finding:
    return Finding(rule.code, rule.kind, rule.severity, c.indicator, c.year, vi, en, numbers)


def _bounds(rule: Rule, c: _Context) -> Finding | None:
    name = c.name(c.indicator)
    if rule.minimum is not None and c.value < rule.minimum:
        return _finding(
            rule,
            c,
            f"Giá trị {_vn(c.value)} nhỏ hơn mức thấp nhất cho phép ({_vn(rule.minimum)}) của “{name}”.",
            f"Value {_en(c.value)} is below the lowest allowed ({_en(rule.minimum)}) for “{name}”.",
            {"value": c.value, "minimum": rule.minimum},
        )
    if rule.maximum is not None and c.value > rule.maximum:
        return _finding(
            rule,
            c,
            f"Giá trị {_vn(c.value)} lớn hơn mức cao nhất cho phép ({_vn(rule.maximum)}) của “{name}”.",
            f"Value {_en(c.value)} is above the highest allowed ({_en(rule.maximum)}) for “{name}”.",
            {"value": c.value, "maximum": rule.maximum},
        )
    return None


def _shares(rule: Rule, c: _Context, year: int) -> Finding | None:
    parts = [c.values.get((code, year)) for code in rule.indicators]
    if any(part is None for part in parts):
        return None  # not every share is there yet
    total = sum(part for part in parts if part is not None)
    gap = total - rule.total
    if abs(gap) <= rule.tolerance + 1e-9:
        return None
    names = ", ".join(c.name(code) for code in rule.indicators)
    return _finding(
        rule,
        c,
        f"Tổng tỷ trọng năm {year} ({names}) là {_vn(total)}%, lệch {_vn(round(abs(gap), 6))} điểm % "
        f"so với {_vn(rule.total)}% (cho phép ±{_vn(rule.tolerance)}).",
        f"The shares of {year} ({names}) add up to {_en(total)}%, {_en(round(abs(gap), 6))} points from "
        f"{_en(rule.total)}% (±{_en(rule.tolerance)} allowed).",
        {"total": total, "expected": rule.total, "tolerance": rule.tolerance},
    )


def _product(rule: Rule, c: _Context, year: int) -> Finding | None:
    whole_code, first_code, second_code = rule.indicators
    whole, first, second = (c.values.get((code, year)) for code in rule.indicators)
    if whole is None or first is None or second is None:
        return None
    expected = first * second * rule.factor
    if expected == 0:
        return None
    gap = (whole - expected) / abs(expected) * 100
    if abs(gap) <= rule.tolerance + 1e-9:
        return None
    return _finding(
        rule,
        c,
        f"“{c.name(whole_code)}” năm {year} là {_vn(whole)}, nhưng “{c.name(first_code)}” × "
        f"“{c.name(second_code)}” cho {_vn(round(expected, 2))} (lệch {format_vn_number(gap, 1)}%, cho phép "
        f"±{_vn(rule.tolerance)}%).",
        f"“{c.name(whole_code)}” for {year} is {_en(whole)}, but “{c.name(first_code)}” × "
        f"“{c.name(second_code)}” gives {_en(round(expected, 2))} ({format_en_number(gap, 1)}% off, "
        f"±{_en(rule.tolerance)}% allowed).",
        {"value": whole, "expected": expected, "gap_percent": gap},
    )


def _jump(rule: Rule, c: _Context, year: int) -> Finding | None:
    before = c.values.get((c.indicator, year - 1))
    if before is None:
        return None
    if rule.mode is JumpMode.POINTS:
        change, unit_vi, unit_en = c.value - before, " điểm %", " points"
    elif before == 0:
        return None
    else:
        change, unit_vi, unit_en = (c.value - before) / abs(before) * 100, "%", "%"
    if abs(change) <= rule.threshold + 1e-9:
        return None
    signed_vi, signed_en = format_vn_number(change, 1), format_en_number(change, 1)
    return _finding(
        rule,
        c,
        f"Giá trị {_vn(c.value)} năm {year} thay đổi {signed_vi}{unit_vi} so với năm {year - 1} "
        f"({_vn(before)}), vượt ngưỡng {_vn(rule.threshold)}{unit_vi}: cần kiểm tra lại.",
        f"Value {_en(c.value)} for {year} changed by {signed_en}{unit_en} from {year - 1} "
        f"({_en(before)}), beyond the {_en(rule.threshold)}{unit_en} threshold: please check.",
        {"value": c.value, "before": before, "change": change, "threshold": rule.threshold},
    )


_ACROSS = {
    RuleKind.SHARES_SUM: _shares,
    RuleKind.PRODUCT: _product,
    RuleKind.JUMP: _jump,
}

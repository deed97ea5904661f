"""Shared rules of the progress engine: what "met" means, ratios to statuses, growth arithmetic.

Growth arithmetic follows open-sdg/sdg-build `sdg/ProgressMeasure.py` (function `growth_calculation`:
``((val1 / val2) ** (1 / (t1 - t2))) - 1``), computed through logarithms so that extreme figures give
an infinite growth instead of an OverflowError or a complex number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nqtrack.domain.progress.model import ACCELERATION_RATIO, ON_TRACK_RATIO, Status
from nqtrack.domain.targets import DEFAULT_ABOUT_TOLERANCE, Comparator, Direction, Target

__all__ = [
    "Goal",
    "Insufficient",
    "compound_growth",
    "effective_bounds",
    "fallback_status",
    "final_status",
    "goal_for",
    "grow",
    "higher_is_better",
    "log_ratio",
    "rate_status",
    "stated_tolerance",
    "status_from_ratio",
]

# "= 100 %" is met by 99.999999999 % as well: figures pass through decimal text and back.
EQUAL_RELATIVE_EPSILON = 1e-9


class Insufficient(Exception):  # a signal inside the engine: it never leaves `assess`
    """Nothing can be judged: carries the reason in both languages and a stable code."""

    def __init__(
        self,
        code: str,
        reason_vi: str,
        reason_en: str,
        *,
        latest: tuple[int, float] | None = None,
        threshold: float | None = None,
    ) -> None:
        super().__init__(reason_en)
        self.code = code
        self.reason_vi = reason_vi
        self.reason_en = reason_en
        self.latest = latest  # the one figure there is, when one figure is all there is
        self.threshold = threshold


@dataclass(frozen=True, slots=True)
class Goal:
    """The test that decides "achieved": a threshold, which side of it is good, strict or not."""

    higher: bool  # True when values at or above the threshold meet it
    threshold: float
    strict: bool = False  # "trên 90 %" is not met by 90 itself
    epsilon: float = 0.0  # slack for "equal" targets

    def passes(self, value: float) -> bool:
        if self.higher:
            return value > self.threshold if self.strict else value >= self.threshold - self.epsilon
        return value < self.threshold if self.strict else value <= self.threshold + self.epsilon

    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better (sdg-build's `direction`)."""
        return 1 if self.higher else -1


def _bad_target(detail_vi: str, detail_en: str) -> Insufficient:
    return Insufficient("bad_target", f"mục tiêu không hợp lệ: {detail_vi}", f"invalid target: {detail_en}")


def _require(value: float | None, name: str) -> float:
    if value is None:
        raise _bad_target(f"thiếu cận {'dưới' if name == 'low' else 'trên'}", f"missing {name} bound")
    if not math.isfinite(value):
        raise _bad_target(f"cận {name} không phải số hữu hạn", f"{name} bound is not finite")
    return value


def _tolerance(target: Target) -> float:
    tol = DEFAULT_ABOUT_TOLERANCE if target.tolerance is None else target.tolerance
    if not (math.isfinite(tol) and 0 <= tol < 1):
        raise _bad_target("dung sai phải từ 0 đến dưới 1", "tolerance must be in [0, 1)")
    return tol


def stated_tolerance(target: Target) -> float | None:
    """The tolerance that moves the bound of an "about" target, when the programme states one (> 0)."""
    if target.comparator is not Comparator.ABOUT:
        return None
    tol = _tolerance(target)
    return tol if tol > 0 else None


def effective_bounds(target: Target) -> tuple[float | None, float | None]:
    """The bounds every number is derived from, by the side they limit: as written, except that a
    tolerance the programme states for an "about" target moves them outwards (the same bound as
    ``goal_for``). at_least 37 → (37, None); at_most 2 → (None, 2); "khoảng 640" with 5 % → (608, None).
    """
    low, high = target.low, target.high
    if target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return None, high
    if target.comparator is Comparator.RANGE:
        return low, high
    if target.comparator is not Comparator.ABOUT:
        return low, None
    tol = stated_tolerance(target) or 0.0
    if target.direction is Direction.LOWER and high is None:
        return None, None if low is None else low + abs(low) * tol
    return (
        None if low is None else low - abs(low) * tol,
        None if high is None else high + abs(high) * tol,
    )


def higher_is_better(target: Target) -> bool:
    """One-sided comparators carry their own direction; the others follow the target's."""
    if target.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN):
        return True
    if target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return False
    return target.direction is Direction.HIGHER


def goal_for(target: Target, *, higher_default: bool | None = None) -> Goal:
    """The achievement test of a target, from its comparator and direction.

    One-sided comparators carry their own direction (at_least/more_than: higher; at_most/less_than:
    lower). Range, equal and about follow the target's direction (or `higher_default`); for a range the
    weakest bound decides (Destatis): the low bound when higher is better, the high one when lower is.
    "About" widens that bound by the relative tolerance the programme states (none by default): with 5 %,
    "khoảng 640" is met from 640 × (1 − 0.05).
    """
    higher = target.direction is Direction.HIGHER if higher_default is None else higher_default
    match target.comparator:
        case Comparator.AT_LEAST:
            return Goal(True, _require(target.low, "low"))
        case Comparator.MORE_THAN:
            return Goal(True, _require(target.low, "low"), strict=True)
        case Comparator.AT_MOST:
            return Goal(False, _require(target.high, "high"))
        case Comparator.LESS_THAN:
            return Goal(False, _require(target.high, "high"), strict=True)
        case Comparator.EQUAL:
            low = _require(target.low, "low")
            return Goal(higher, low, epsilon=EQUAL_RELATIVE_EPSILON * abs(low))
        case Comparator.RANGE:
            return _range_goal(target, higher)
        case Comparator.ABOUT:
            return _about_goal(target, higher)
    raise _bad_target("phép so sánh không rõ", f"unknown comparator {target.comparator!r}")


def _range_goal(target: Target, higher: bool) -> Goal:
    low, high = _require(target.low, "low"), _require(target.high, "high")
    if low > high:
        raise _bad_target("cận dưới lớn hơn cận trên", "low bound above high bound")
    return Goal(higher, low if higher else high)


def _about_goal(target: Target, higher: bool) -> Goal:
    tol = _tolerance(target)
    low = _require(target.low, "low")
    if higher:
        return Goal(True, low - abs(low) * tol)
    high = target.high if target.high is not None else low
    high = _require(high, "high")
    return Goal(False, high + abs(high) * tol)


def status_from_ratio(ratio: float) -> Status:
    """sdg-build `get_progress_status` with the quantitative thresholds 0.95 / 0.6 / 0."""
    if ratio >= ON_TRACK_RATIO:
        return Status.ON_TRACK
    if ratio >= ACCELERATION_RATIO:
        return Status.NEEDS_ACCELERATION
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.MOVING_AWAY


def final_status(goal: Goal, value: float) -> Status:
    """The deadline is reached: the verdict is achieved or not achieved, nothing in between."""
    return Status.ACHIEVED if goal.passes(value) else Status.NOT_ACHIEVED


def fallback_status(goal: Goal, movement: float) -> Status:
    """Status when no ratio exists (no growth is required, or the required one points the wrong way).

    `movement` is the change or growth observed, signed as the indicator moves: going the wrong way is
    moving away, standing still or creeping the right way without meeting the target is limited.
    """
    if movement * goal.sign() < 0:
        return Status.MOVING_AWAY
    return Status.LIMITED_PROGRESS


def rate_status(goal: Goal, metric: float, ratio: float | None, complete: bool) -> Status:
    """Status of a target on a yearly rate (average growth, annual change).

    The period over (the verdict is final): achieved if the rate meets the goal, otherwise not achieved.
    Years remaining: the ratio decides (an average already at the bound gives a ratio >= 1, hence
    on_track: keeping the pace suffices); achieved is reserved for the end of the period.
    """
    if complete:
        return final_status(goal, metric)
    if ratio is not None:
        return status_from_ratio(ratio)
    return Status.ON_TRACK if goal.passes(metric) else fallback_status(goal, metric)


def _expm1(x: float) -> float:
    try:
        return math.expm1(x)
    except OverflowError:
        return math.inf


def log_ratio(v1: float, v0: float) -> float:
    """log(v1 / v0) for positive figures; the quotient first keeps scaling by powers of two exact."""
    quotient = v1 / v0
    if quotient == 0 or math.isinf(quotient):  # under- or overflow: go through the logarithms
        return math.log(v1) - math.log(v0)
    return math.log(quotient)


def compound_growth(v1: float, v0: float, years: float) -> float | None:
    """Compound yearly growth (a fraction) from v0 to v1 over `years`: (v1 / v0) ** (1 / years) - 1.

    None when undefined: no time between the figures, a base that is not positive, or a negative end.
    """
    if years <= 0 or not v0 > 0 or v1 < 0:
        return None
    if v1 == 0:
        return -1.0
    return _expm1(log_ratio(v1, v0) / years)


def grow(value: float, growth: float, years: float) -> float:
    """`value` after `years` at compound yearly `growth` (a fraction); infinite rather than overflowing."""
    if years == 0 or value == 0:
        return value
    if growth <= -1:
        return 0.0 if growth == -1 else math.nan
    try:
        return value * math.exp(years * math.log1p(growth))
    except OverflowError:
        return math.copysign(math.inf, value)

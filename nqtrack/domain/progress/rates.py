"""Targets on a yearly rate over a period: average growth ("bình quân 15-16 %/năm") and annual change
("tỷ lệ hộ nghèo giảm bình quân 1-1,5 điểm %/năm").

Average growth is geometric: the period average of yearly rates g_i is (Π(1 + g_i))^(1/n) − 1. With k of
the N years known, the yearly growth still needed in each remaining year to end the period exactly on a
bound b is ((1 + b)^N / Π(1 + g_i))^(1/(N − k)) − 1. The ratio is achieved average / threshold.

Annual change is arithmetic: (base − latest) / years for a lower-is-better indicator. A rate such as
poverty cannot fall below zero, so the average fall the period can still show is at most base / N: the
threshold is min(bound, base / N), and the fall still needed each year is min(catch-up, latest / years
left).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nqtrack.domain.progress.model import Assessment, Method, RequiredPerYear, SeriesKind
from nqtrack.domain.progress.rules import (
    Goal,
    Insufficient,
    effective_bounds,
    goal_for,
    log_ratio,
    rate_status,
    stated_tolerance,
)
from nqtrack.domain.progress.series import Base, Request, choose_base, latest_point
from nqtrack.domain.progress.text import change_amount, counts_points, level_amount
from nqtrack.domain.targets import Direction, Target

__all__ = ["assess_annual_change", "assess_average_growth"]


@dataclass(frozen=True, slots=True)
class _Chain:
    """Growth known so far in an average-growth period."""

    log_product: float  # log Π(1 + g_i) over the known years
    known_years: int  # k
    period_years: int  # N
    base_year: int
    base_value: float | None
    latest_year: int
    latest_value: float
    gap_years: tuple[int, ...] = ()
    base: Base | None = None


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


# No programme period is longer than this; a longer one is a typing error (and would list huge gaps).
_MAX_PERIOD_YEARS = 100


def _period(target: Target) -> tuple[int, int]:
    if target.period is None or not 0 <= target.period[1] - target.period[0] < _MAX_PERIOD_YEARS:
        raise Insufficient(
            "bad_target",
            "mục tiêu không hợp lệ: cần thời kỳ [năm đầu, năm cuối] dài dưới 100 năm",
            "invalid target: it needs a period [first year, last year] shorter than 100 years",
        )
    return target.period


def _ratio(goal: Goal, metric: float) -> float | None:
    """metric / threshold where that reads as "share of the way": the threshold lies on the good side of 0."""
    if goal.threshold == 0 or (goal.threshold > 0) != goal.higher:
        return None
    ratio = metric / goal.threshold
    return ratio if math.isfinite(ratio) else None


def _period_over(request: Request, base_year: int) -> Insufficient:
    return Insufficient(
        "target_before_base",
        f"năm cuối thời kỳ {request.end_year} không sau năm gốc {base_year}",
        f"the last year of the period {request.end_year} is not after the base year {base_year}",
    )


# --- average growth -----------------------------------------------------------------------------------


def _chain_of_rates(request: Request, first: int, last: int) -> _Chain:
    rates = {year: g for year, g in request.series.items() if first <= year <= last}
    if not rates:
        raise Insufficient(
            "no_data",
            f"không có tốc độ tăng nào trong thời kỳ {first}-{last}",
            f"no growth rate within the period {first}-{last}",
        )
    if min(rates.values()) <= -100:
        raise Insufficient(
            "growth_below_minus_100",
            "có tốc độ tăng từ -100% trở xuống",
            "a growth rate is -100% or below",
        )
    latest_year = max(rates)
    # At the deadline every year of the period without a figure is a gap, not only those before the last.
    until = last + 1 if request.final else latest_year
    gaps = tuple(year for year in range(first, until) if year not in rates)
    log_product = math.fsum(math.log1p(g / 100) for g in rates.values())
    return _Chain(
        log_product=log_product,
        known_years=len(rates),
        period_years=last - first + 1,
        base_year=first - 1,  # yearly rates chain from the level of the year before the period
        base_value=None,
        latest_year=latest_year,
        latest_value=rates[latest_year],
        gap_years=gaps,
    )


def _chain_of_levels(request: Request, last: int) -> _Chain:
    base = choose_base(request)
    latest_year, latest_value = latest_point(request.series)
    if base.year >= last:
        raise _period_over(request, base.year)
    if latest_year <= base.year:
        raise Insufficient(
            "single_year",
            f"chưa có số liệu sau năm gốc {base.year}",
            f"no figure after the base year {base.year}",
        )
    if base.value <= 0 or latest_value <= 0:
        raise Insufficient(
            "non_positive_level",
            "giá trị năm gốc hoặc năm mới nhất không dương nên không tính được tốc độ tăng",
            "the base or latest value is not positive, so no growth can be computed",
        )
    return _Chain(
        log_product=log_ratio(latest_value, base.value),  # Π(1 + g_i) over the years is latest / base
        known_years=latest_year - base.year,
        period_years=last - base.year,
        base_year=base.year,
        base_value=base.value,
        latest_year=latest_year,
        latest_value=latest_value,
        base=base,
    )


def _growth_needed(bound: float | None, chain: _Chain) -> float | None:
    """Percent a year each remaining year needs so that the whole period averages `bound` percent."""
    left = chain.period_years - chain.known_years
    if bound is None or left <= 0 or bound <= -100:
        return None
    log_needed = (chain.period_years * math.log1p(bound / 100) - chain.log_product) / left
    try:
        return _finite(math.expm1(log_needed) * 100)
    except OverflowError:
        return None


def _average(log_product: float, years: int) -> float:
    """Geometric average yearly growth in percent; infinite rather than overflowing."""
    try:
        return math.expm1(log_product / years) * 100
    except OverflowError:
        return math.inf


def assess_average_growth(request: Request) -> Assessment:
    """Assess an average-growth target from yearly rates or from levels (see the module docstring)."""
    first, last = _period(request.target)
    goal = goal_for(request.target)
    if request.series_kind is SeriesKind.GROWTH_RATE:
        chain = _chain_of_rates(request, first, last)
    else:
        chain = _chain_of_levels(request, last)
    metric = _average(chain.log_product, chain.known_years)
    average = _finite(metric)
    ratio = _ratio(goal, metric)
    low, high = effective_bounds(request.target)
    need = (
        RequiredPerYear()
        if request.final
        else RequiredPerYear(_growth_needed(low, chain), _growth_needed(high, chain))
    )
    return Assessment(
        rate_status(goal, metric, ratio, complete=request.final),
        Method.RATIO,
        ratio=ratio,
        # Carried forward at the pace achieved so far, the period would average just that.
        projected_value=average,
        base_year=chain.base_year,
        base_value=chain.base_value,
        latest_year=chain.latest_year,
        latest_value=chain.latest_value,
        target_year=last,
        threshold=goal.threshold,
        observed_growth=average,
        required_growth=goal.threshold,
        achieved_average=average,
        required_per_year=need,
        gap_years=chain.gap_years,
        base_note=None if chain.base is None else chain.base.note_vi,
        base_note_en=None if chain.base is None else chain.base.note_en,
        final=request.final or None,
        tolerance=stated_tolerance(request.target),
    )


# --- annual change ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Change:
    base: Base
    latest_year: int
    latest_value: float
    elapsed: int  # k: years from base to latest
    period_years: int  # N: years from base to the end of the period
    sign: int  # +1 when the indicator should rise, -1 when it should fall
    floored: bool  # a lower-is-better rate that cannot go below zero

    @property
    def observed(self) -> float:
        """Average yearly change so far, positive in the good direction."""
        return self.sign * (self.latest_value - self.base.value) / self.elapsed


def _change(request: Request, last: int) -> _Change:
    if request.series_kind is SeriesKind.GROWTH_RATE:
        raise Insufficient(
            "series_kind",
            "mục tiêu thay đổi hằng năm cần chuỗi giá trị (tỷ lệ), không phải chuỗi tốc độ tăng",
            "an annual-change target needs a series of levels (the rate itself), not of growth rates",
        )
    base = choose_base(request)
    if base.year >= last:
        raise _period_over(request, base.year)
    latest_year, latest_value = latest_point(request.series)
    if latest_year <= base.year:
        raise Insufficient(
            "single_year",
            f"chưa có số liệu sau năm gốc {base.year}",
            f"no figure after the base year {base.year}",
        )
    lower = request.target.direction is Direction.LOWER
    floored = lower and base.value >= 0 and latest_value >= 0
    return _Change(
        base=base,
        latest_year=latest_year,
        latest_value=latest_value,
        elapsed=latest_year - base.year,
        period_years=last - base.year,
        sign=-1 if lower else 1,
        floored=floored,
    )


def _floored_goal(goal: Goal, change: _Change) -> Goal:
    """A rate floored at zero cannot fall more than base / N a year on average over the period."""
    reachable = change.base.value / change.period_years
    if change.floored and goal.higher and reachable < goal.threshold:
        return Goal(True, reachable)
    return goal


def _floor_note(goal: Goal, change: _Change, target: Target, lang: int) -> str:
    """Why the bar is lower than the band: from the base level the period cannot fall further than to 0."""
    years = change.period_years
    base = level_amount(change.base.value, target, lang)
    most = change_amount([change.base.value], target.unit, lang)
    reachable = change_amount([goal.threshold], target.unit, lang)
    rate = counts_points(target.unit)
    if lang == 0:
        return (
            f"{'tỷ lệ' if rate else 'mức'} năm {change.base.year} là {base} và không thể xuống dưới 0, nên "
            f"trong {years} năm chỉ có thể giảm nhiều nhất {most}, tức bình quân {reachable}/năm; mức này "
            "được dùng làm ngưỡng đánh giá"
        )
    return (
        f"the {'rate' if rate else 'level'} was {base} in {change.base.year} and cannot go below 0, so over "
        f"{years} years it can fall by at most {most}, {reachable} a year on average; that is the bar used"
    )


def _change_needed(bound: float | None, change: _Change) -> float | None:
    """Points a year each remaining year needs so that the period's average change is exactly `bound`."""
    left = change.period_years - change.elapsed
    if bound is None or left <= 0:
        return None
    done = change.sign * (change.latest_value - change.base.value)
    needed = (bound * change.period_years - done) / left
    if change.floored:
        needed = min(needed, change.latest_value / left)  # it cannot fall below zero
    return _finite(needed)


def _projected_level(change: _Change, last: int) -> float | None:
    projected = change.latest_value + change.sign * change.observed * (last - change.latest_year)
    if change.floored:
        projected = max(projected, 0.0)
    return _finite(projected)


def assess_annual_change(request: Request) -> Assessment:
    """Assess an annual-change target (bounds are positive amounts in the indicator's good direction)."""
    _, last = _period(request.target)
    change = _change(request, last)
    # The bounds measure change in the good direction, so "more change" is always better for them.
    stated = goal_for(request.target, higher_default=True)
    goal = _floored_goal(stated, change)
    metric = change.observed
    ratio = _ratio(goal, metric)
    low, high = effective_bounds(request.target)
    need = (
        RequiredPerYear()
        if request.final
        else RequiredPerYear(_change_needed(low, change), _change_needed(high, change))
    )
    return Assessment(
        rate_status(goal, metric, ratio, complete=request.final),
        Method.RATIO,
        ratio=ratio,
        projected_value=_projected_level(change, last),
        base_year=change.base.year,
        base_value=change.base.value,
        latest_year=change.latest_year,
        latest_value=change.latest_value,
        target_year=last,
        threshold=goal.threshold,
        observed_growth=_finite(metric),
        required_growth=_finite(goal.threshold),
        required_per_year=need,
        base_note=change.base.note_vi,
        base_note_en=change.base.note_en,
        method_note=None if goal is stated else _floor_note(goal, change, request.target, 0),
        method_note_en=None if goal is stated else _floor_note(goal, change, request.target, 1),
        final=request.final or None,
        tolerance=stated_tolerance(request.target),
    )

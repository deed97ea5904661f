"""Level and share targets: a value to reach (or keep) by a target year.

Method RATIO is sdg-build's `methodology_2` (open-sdg/sdg-build, `sdg/ProgressMeasure.py`):
    cagr_o = growth_calculation(current_value, base_value, current_year, base_year)
    cagr_r = growth_calculation(target, base_value, target_year, base_year)
    progress = sign * direction * cagr_o / abs(cagr_r)
with the target tested first (`is_target_achieved`) and the zero substitutions of `__init__` (target 0)
and `calculate_progress_value` (base value 0): both become 0.001. Method PROJECTION extrapolates the
latest value at cagr_o to the target year and compares the projected gain with the gain needed, both from
the base value (UNSD progress chart style). Either way the projection is reported and decides whether a
target met today is at risk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from nqtrack.domain.progress.model import (
    ZERO_SUBSTITUTE,
    Assessment,
    Method,
    RequiredPerYear,
    SeriesKind,
    Status,
)
from nqtrack.domain.progress.rules import (
    Goal,
    Insufficient,
    compound_growth,
    effective_bounds,
    fallback_status,
    final_status,
    goal_for,
    grow,
    stated_tolerance,
    status_from_ratio,
)
from nqtrack.domain.progress.series import Base, Request, choose_base, latest_point
from nqtrack.domain.progress.text import single_figure_reason
from nqtrack.domain.targets import Comparator, Target

__all__ = ["assess_level", "nominal_bounds"]


@dataclass(frozen=True, slots=True)
class _Trend:
    base: Base
    latest_year: int
    latest_value: float
    growth_base: float  # the base value, or 0.001 when it is zero (sdg-build)
    observed: float  # compound yearly growth from base to latest, a fraction
    projected: float  # latest value carried to the target year at `observed`


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def _percent(x: float | None) -> float | None:
    return _finite(None if x is None else x * 100)


def nominal_bounds(target: Target) -> tuple[float | None, float | None]:
    """The bounds as written, by the side they limit: at_least 37 → (37, None), at_most 2 → (None, 2)."""
    if target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return None, target.high
    if target.comparator in (Comparator.RANGE, Comparator.ABOUT):
        return target.low, target.high
    return target.low, None


def _check_signs(base: float, latest: float, goal: Goal) -> None:
    """Compound growth needs figures of one sign; programme levels are never negative."""
    if base * latest < 0:
        raise Insufficient(
            "opposite_sign",
            f"giá trị năm gốc ({base:g}) và năm mới nhất ({latest:g}) trái dấu",
            f"the base value ({base:g}) and the latest value ({latest:g}) have opposite signs",
        )
    if base < 0 or latest < 0 or goal.threshold < 0:
        raise Insufficient(
            "negative_level",
            "có giá trị âm nên không tính được tốc độ tăng bình quân",
            "a value is negative, so no compound growth can be computed",
        )


def _target_before_base(request: Request, base_year: int) -> Insufficient:
    return Insufficient(
        "target_before_base",
        f"năm mục tiêu {request.end_year} không sau năm gốc {base_year}",
        f"the target year {request.end_year} is not after the base year {base_year}",
    )


def _trend(request: Request, goal: Goal) -> _Trend | Assessment:
    """Base, latest and observed growth; an Assessment when one figure already settles it."""
    if request.requested_base is not None and request.requested_base >= request.end_year:
        raise _target_before_base(request, request.requested_base)
    base = choose_base(request)
    latest_year, latest_value = latest_point(request.series)
    if latest_year <= base.year:
        return _single_point(request, goal, base, latest_year, latest_value)
    _check_signs(base.value, latest_value, goal)
    growth_base = base.value if base.value != 0 else ZERO_SUBSTITUTE
    observed = compound_growth(latest_value, growth_base, latest_year - base.year)
    if observed is None:  # unreachable after the checks above; keeps the type honest
        raise Insufficient("no_growth", "không tính được tốc độ tăng", "no growth can be computed")
    projected = grow(latest_value, observed, request.end_year - latest_year)
    return _Trend(base, latest_year, latest_value, growth_base, observed, projected)


def _single_point(request: Request, goal: Goal, base: Base, year: int, value: float) -> Assessment:
    """One figure from the base year on. At the deadline it settles the verdict; before it, the figure's
    place against the target is said (met or not) but no trend can be read from it: one rule for every
    target, met or not."""
    if request.final:
        return _final_single(request, goal, base, year, value)
    vi, en = single_figure_reason(request.target, year, value, met=goal.passes(value))
    raise Insufficient("single_year", vi, en, latest=(year, value), threshold=goal.threshold)


def _final_single(request: Request, goal: Goal, base: Base, year: int, value: float) -> Assessment:
    status = final_status(goal, value)
    met = status is Status.ACHIEVED
    return _with_later(
        request,
        goal,
        Assessment(
            status,
            request.method,
            latest_year=year,
            latest_value=value,
            base_year=base.year,
            base_value=base.value,
            target_year=request.end_year,
            threshold=goal.threshold,
            margin=_margin(goal, value) if met else None,
            base_note=base.note_vi,
            base_note_en=base.note_en,
            final=True,
            tolerance=stated_tolerance(request.target),
        ),
    )


def _margin(goal: Goal, value: float) -> float | None:
    """How far a figure that meets the target is past its bound, in the target's unit (never negative)."""
    return _finite(max(0.0, (value - goal.threshold) * goal.sign()))


def _with_later(request: Request, goal: Goal, a: Assessment) -> Assessment:
    """A final verdict names the figure after the target year: the first that meets the target ("đạt
    muộn, năm 2026"), else the latest one (which does not). Nothing when the verdict is achieved."""
    if a.status is not Status.NOT_ACHIEVED or not request.later:
        return a
    met = [year for year in sorted(request.later) if goal.passes(request.later[year])]
    year = met[0] if met else max(request.later)
    return replace(a, later_year=year, later_value=request.later[year], later_met=bool(met))


def _ratio_method(request: Request, goal: Goal, trend: _Trend) -> tuple[float | None, float | None]:
    """(ratio, required growth): sdg-build `methodology_2`, zero target replaced by 0.001."""
    target_value = goal.threshold if goal.threshold != 0 else ZERO_SUBSTITUTE
    required = compound_growth(target_value, trend.growth_base, request.end_year - trend.base.year)
    if required is None or required == 0:
        return None, required
    ratio = goal.sign() * trend.observed / abs(required)
    return (None if math.isnan(ratio) else ratio), required


def _projection_method(goal: Goal, trend: _Trend) -> float | None:
    """Projected gain / needed gain, both counted from the base value."""
    needed = goal.threshold - trend.base.value
    if needed * goal.sign() <= 0:  # the base already met the threshold: no gain is needed
        return None
    ratio = (trend.projected - trend.base.value) / needed
    return None if math.isnan(ratio) else ratio


def _status(request: Request, goal: Goal, trend: _Trend, ratio: float | None) -> Status:
    if request.final:
        return final_status(goal, trend.latest_value)
    if goal.passes(trend.latest_value):
        return Status.ACHIEVED if goal.passes(trend.projected) else Status.AT_RISK
    if ratio is not None:
        return status_from_ratio(ratio)
    return fallback_status(goal, trend.latest_value - trend.base.value)


def _required_per_year(target: Target, latest: float, years_left: int) -> RequiredPerYear:
    """The yearly growth that ends exactly on each bound, from the bounds every number uses."""

    def needed(bound: float | None) -> float | None:
        if bound is None or bound < 0 or latest <= 0:
            return None
        return _percent(compound_growth(bound, latest, years_left))

    low, high = effective_bounds(target)
    return RequiredPerYear(needed(low), needed(high))


def _notes(trend: _Trend) -> tuple[str | None, str | None]:
    vi, en = trend.base.note_vi, trend.base.note_en
    if trend.base.value == 0:
        zero_vi = "giá trị năm gốc bằng 0 nên được thay bằng 0,001 để tính tốc độ tăng (như Open SDG)"
        zero_en = "the base value is zero, so 0.001 stands in for it in the growth rates (as in Open SDG)"
        vi = zero_vi if vi is None else f"{vi}; {zero_vi}"
        en = zero_en if en is None else f"{en}; {zero_en}"
    return vi, en


def assess_level(request: Request) -> Assessment:
    """Assess a level or share target (see the module docstring)."""
    if request.series_kind is SeriesKind.GROWTH_RATE:
        raise Insufficient(
            "series_kind",
            "mục tiêu mức cần chuỗi giá trị, không phải chuỗi tốc độ tăng",
            "a level target needs a series of levels, not of growth rates",
        )
    goal = goal_for(request.target)
    trend = _trend(request, goal)
    if isinstance(trend, Assessment):
        return trend
    ratio, required = _ratio_method(request, goal, trend)
    if request.method is Method.PROJECTION:
        ratio = _projection_method(goal, trend)
    note_vi, note_en = _notes(trend)
    status = _status(request, goal, trend, ratio)
    met = goal.passes(trend.latest_value)
    if met:
        # Met today: a ratio of paces or a "required" path says nothing true; the margin and the trend
        # projected to the target year do.
        ratio, required_per_year = None, RequiredPerYear()
    else:
        required_per_year = _required_per_year(
            request.target, trend.latest_value, request.end_year - trend.latest_year
        )
    return _with_later(
        request,
        goal,
        Assessment(
            status,
            request.method,
            ratio=_finite(ratio),
            projected_value=None if request.final else _finite(trend.projected),
            base_year=trend.base.year,
            base_value=trend.base.value,
            latest_year=trend.latest_year,
            latest_value=trend.latest_value,
            target_year=request.end_year,
            threshold=goal.threshold,
            observed_growth=_percent(trend.observed),
            required_growth=None if met else _percent(required),
            required_per_year=RequiredPerYear() if request.final else required_per_year,
            base_note=note_vi,
            base_note_en=note_en,
            final=request.final or None,
            margin=_margin(goal, trend.latest_value) if met else None,
            tolerance=stated_tolerance(request.target),
        ),
    )

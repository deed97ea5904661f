"""The figures a target chart draws, as plain data (no Django, no Altair).

`target_lines` turns a target and its assessment into the lines of the chart: the path that would meet
the target from the base year, the projection at the observed pace, and the line the remaining years
now need. The lines end where the assessment says they end (``projected_value``, ``required_per_year``),
so the picture and the numbers on the page cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from nqtrack.domain.progress.model import Assessment
from nqtrack.domain.progress.rules import higher_is_better
from nqtrack.domain.targets import Target, TargetKind

# How a bound becomes a level: (base, bound, years, higher is better) → level at the end.
type _Step = Callable[[float, float, int, bool], float]

# Observation statuses, as stored (nqtrack.observations.models.Status).
OFFICIAL = "official"
PROVISIONAL = frozenset({"estimate", "preliminary", "plan"})


@dataclass(frozen=True, slots=True)
class XY:
    year: int
    value: float


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One figure of the series: ``status`` is the observation status code, ``status_label`` its words."""

    year: int
    value: float
    status: str
    status_label: str
    segment: int = 0  # points of one segment are joined; a missing year or a series break starts another

    @property
    def mark(self) -> str:
        """How the point is drawn: official, provisional (estimate, preliminary, plan) or unknown."""
        if self.status == OFFICIAL:
            return "official"
        return "provisional" if self.status in PROVISIONAL else "unknown"


@dataclass(frozen=True, slots=True)
class TargetBand:
    """The target at its year, in the chart's unit; one bound is None for a one-sided target."""

    low: float | None
    high: float | None
    year: int


@dataclass(frozen=True, slots=True)
class TargetLines:
    band: TargetBand
    path: tuple[XY, ...]
    projection: tuple[XY, ...]
    needed: tuple[XY, ...]


@dataclass(frozen=True, slots=True)
class TargetChartData:
    """Everything `nqtrack.charts.target_chart` draws; built by `assessments.charts.target_chart_data`."""

    indicator: str
    unit: str  # the unit in words ("%", "tỷ đồng")
    band: TargetBand
    base_year: int | None
    base_value: float | None
    points: tuple[ChartPoint, ...]
    path: tuple[XY, ...] = ()
    projection: tuple[XY, ...] = ()
    needed: tuple[XY, ...] = ()
    growth_rates: bool = False  # the points are yearly growth rates (%/năm), not levels
    yearly_change: bool = False  # the points are yearly changes (points a year) of an annual-change target
    series_break: int | None = None  # first year of a new series: drawn as a rule, never joined across
    final_status: str | None = None  # "achieved" or "not_achieved" once the deadline is reached; else None


def segments(years: list[int], series_break: int | None = None) -> list[int]:
    """The segment of each year (sorted): a new one after a missing year and at a series break, so that
    the chart joins neither across a gap nor across a break."""
    out: list[int] = []
    segment = 0
    for i, year in enumerate(years):
        if i and (
            year - years[i - 1] > 1 or (series_break is not None and years[i - 1] < series_break <= year)
        ):
            segment += 1
        out.append(segment)
    return out


def yearly_changes(
    values: dict[int, float], *, lower_is_better: bool, series_break: int | None = None
) -> dict[int, float]:
    """The change of each year from the year before, in points and in the good direction (a fall of a
    lower-is-better rate is positive); none for a year whose previous year is missing or across a break."""
    changes: dict[int, float] = {}
    for year, value in sorted(values.items()):
        before = values.get(year - 1)
        if before is None or (series_break is not None and year - 1 < series_break <= year):
            continue
        changes[year] = (before - value) if lower_is_better else (value - before)
    return changes


def deciding_bound(target: Target) -> float | None:
    """The bound that decides 'achieved' as written: the weakest one (Destatis), low if higher is better."""
    if target.kind == TargetKind.ANNUAL_CHANGE:
        return target.low if target.low is not None else target.high
    first, second = (target.low, target.high) if higher_is_better(target) else (target.high, target.low)
    return first if first is not None else second


def interpolate(start: XY, end: XY) -> tuple[XY, ...]:
    """Yearly points from ``start`` to ``end``: compound growth when both are positive, else straight."""
    span = end.year - start.year
    if span <= 0:
        return ()
    geometric = start.value > 0 and end.value > 0
    points = []
    for step in range(span + 1):
        share = step / span
        if geometric:
            value = start.value * math.exp(share * math.log(end.value / start.value))
        else:
            value = start.value + share * (end.value - start.value)
        points.append(XY(start.year + step, value))
    return tuple(points)


def target_lines(target: Target, assessment: Assessment, *, growth_rates: bool) -> TargetLines:
    """The band, path, projection and needed-from-now line of one target in the chart's unit."""
    if target.kind == TargetKind.AVERAGE_GROWTH and growth_rates:
        return _rate_lines(target, assessment)
    if target.kind == TargetKind.AVERAGE_GROWTH:
        return _cumulated_lines(target, assessment, _compounded)
    if target.kind == TargetKind.ANNUAL_CHANGE:
        return _change_lines(target, assessment)
    return _level_lines(target, assessment)


def _change_lines(target: Target, assessment: Assessment) -> TargetLines:
    """An annual-change target drawn as yearly changes against its band (points a year): the average
    change so far and the change still needed are flat lines, as for yearly growth rates."""
    return _flat_lines(target, assessment, assessment.observed_growth)


def _flat(first: int, last: int, value: float) -> tuple[XY, ...]:
    return (XY(first, value), XY(last, value)) if last > first else ()


def _latest(assessment: Assessment) -> XY | None:
    if assessment.latest_year is None or assessment.latest_value is None:
        return None
    return XY(assessment.latest_year, assessment.latest_value)


def _base(assessment: Assessment) -> XY | None:
    if assessment.base_year is None or assessment.base_value is None:
        return None
    return XY(assessment.base_year, assessment.base_value)


def _rate_lines(target: Target, assessment: Assessment) -> TargetLines:
    """Yearly growth rates: the bound, the average so far and the rate still needed are flat lines."""
    return _flat_lines(target, assessment, assessment.achieved_average)


def _flat_lines(target: Target, assessment: Assessment, average: float | None) -> TargetLines:
    """The band, the deciding bound over the period, ``average`` from the latest year on, and the yearly
    rate or change still needed (none once the verdict is final), each a flat line."""
    end = target.end_year
    first = target.period[0] if target.period else end
    bound = deciding_bound(target)
    latest_year = assessment.latest_year
    need = None if assessment.final else _need_rate(target, assessment)
    return TargetLines(
        band=TargetBand(target.low, target.high, end),
        path=_flat(first, end, bound) if bound is not None else (),
        projection=_flat(latest_year, end, average) if latest_year and average is not None else (),
        needed=_flat(latest_year + 1, end, need) if latest_year and need is not None else (),
    )


def _need_rate(target: Target, assessment: Assessment) -> float | None:
    need = assessment.required_per_year
    if target.kind == TargetKind.ANNUAL_CHANGE:
        return need.low if need.low is not None else need.high
    first, second = (need.low, need.high) if higher_is_better(target) else (need.high, need.low)
    return first if first is not None else second


def _level_lines(target: Target, assessment: Assessment) -> TargetLines:
    """Levels: from the base (or the latest figure) straight on to the deciding bound in the target year.

    A target met today (``margin``) or judged for good (``final``) has no line "needed from now": it
    would be a path falling back to the bound, which nothing requires. Its projection shows the threat.
    """
    end = target.end_year
    bound = deciding_bound(target)
    base, latest = _base(assessment), _latest(assessment)
    projected = assessment.projected_value
    settled = assessment.margin is not None or bool(assessment.final)
    return TargetLines(
        band=TargetBand(target.low, target.high, end),
        path=interpolate(base, XY(end, bound)) if base and bound is not None and not settled else (),
        projection=interpolate(latest, XY(end, projected)) if latest and projected is not None else (),
        needed=interpolate(latest, XY(end, bound)) if latest and bound is not None and not settled else (),
    )


def _compounded(base: float, rate: float, years: int, higher: bool) -> float:
    """The level after ``years`` of ``rate`` %/year from ``base``."""
    return base * (1 + rate / 100) ** years


def _cumulated_lines(target: Target, assessment: Assessment, step: _Step) -> TargetLines:
    """Growth or change targets drawn on levels: each bound is the level it leads to by the end year; the
    path from the base stays after the deadline (what the period asked), the lines from the latest figure
    do not."""
    end = target.end_year
    base, latest = _base(assessment), _latest(assessment)
    higher = higher_is_better(target)
    if base is None:
        return TargetLines(TargetBand(None, None, end), (), (), ())
    years = end - base.year
    ends = [step(base.value, b, years, higher) if b is not None else None for b in (target.low, target.high)]
    present = sorted(v for v in ends if v is not None)
    band = TargetBand(present[0], present[-1], end) if len(present) == 2 else _one_sided(present, higher, end)
    bound = deciding_bound(target)
    goal = step(base.value, bound, years, higher) if bound is not None else None
    rate = assessment.achieved_average if target.kind == TargetKind.AVERAGE_GROWTH else None
    if target.kind == TargetKind.ANNUAL_CHANGE:
        projected = assessment.projected_value
    else:
        projected = (
            step(latest.value, rate, end - latest.year, higher) if latest and rate is not None else None
        )
    # Once the verdict is final nothing is "needed from now" and no pace is projected: the figures judge.
    live = not assessment.final
    return TargetLines(
        band=band,
        path=_straight_or_compound(target, base, end, goal),
        projection=_straight_or_compound(target, latest, end, projected) if live else (),
        needed=_straight_or_compound(target, latest, end, goal) if live else (),
    )


def _one_sided(present: list[float], higher: bool, end: int) -> TargetBand:
    if not present:
        return TargetBand(None, None, end)
    return TargetBand(present[0], None, end) if higher else TargetBand(None, present[0], end)


def _straight_or_compound(target: Target, start: XY | None, end: int, value: float | None) -> tuple[XY, ...]:
    if start is None or value is None:
        return ()
    if target.kind == TargetKind.ANNUAL_CHANGE:
        return _linear(start, XY(end, value))
    return interpolate(start, XY(end, value))


def _linear(start: XY, end: XY) -> tuple[XY, ...]:
    span = end.year - start.year
    if span <= 0:
        return ()
    return tuple(
        XY(start.year + k, start.value + k / span * (end.value - start.value)) for k in range(span + 1)
    )

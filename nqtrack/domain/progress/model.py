"""The vocabulary of the progress engine: statuses, methods and the Assessment record.

Kept apart from the computations so that the rule modules and the text module can share it without
importing each other. `nqtrack.domain.progress` re-exports everything here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "ACCELERATION_RATIO",
    "ON_TRACK_RATIO",
    "STATUS_ORDER",
    "ZERO_SUBSTITUTE",
    "Assessment",
    "Method",
    "RequiredPerYear",
    "SeriesKind",
    "Status",
    "status_rank",
]


class Status(StrEnum):
    ACHIEVED = "achieved"  # the latest figure meets the target (and, before the deadline, the trend keeps it)
    NOT_ACHIEVED = "not_achieved"  # final: the deadline is reached and the figure it is judged on misses
    ON_TRACK = "on_track"  # Open SDG "substantial progress": ratio >= 0.95
    AT_RISK = "at_risk"  # met now, but the trend projected to the target year falls short
    NEEDS_ACCELERATION = "needs_acceleration"  # Open SDG "moderate progress": 0.6 <= ratio < 0.95
    LIMITED_PROGRESS = "limited_progress"  # Open SDG "limited progress": 0 <= ratio < 0.6
    MOVING_AWAY = "moving_away"  # Open SDG "deterioration": ratio < 0
    INSUFFICIENT_DATA = "insufficient_data"  # nothing can be said; `reason` says why


class Method(StrEnum):
    RATIO = "ratio"  # Open SDG / Statistics Canada: observed CAGR / required CAGR
    PROJECTION = "projection"  # UNSD progress-chart style: projected gain / needed gain


class SeriesKind(StrEnum):
    LEVEL = "level"  # the series holds the indicator's values (GRDP, a rate, a count)
    GROWTH_RATE = "growth_rate"  # the series holds yearly growth rates in percent (GRDP growth 7.82 …)


# Thresholds of sdg-build `get_progress_thresholds` for a quantitative target ("high", "med", "low").
ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.6
# sdg-build replaces a zero target or a zero base value by 0.001 so that the growth formula works.
ZERO_SUBSTITUTE = 0.001

# Best first. A group takes the worst status of its members (Destatis); at_risk sits below on_track
# because the target is met today but the trend would lose it, and above needs_acceleration because
# nothing has to speed up yet. not_achieved is last: the deadline is over and nothing can mend it.
STATUS_ORDER: tuple[Status, ...] = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.NEEDS_ACCELERATION,
    Status.LIMITED_PROGRESS,
    Status.MOVING_AWAY,
    Status.NOT_ACHIEVED,
)


def status_rank(status: Status) -> int:
    """0 for achieved … 6 for not_achieved; insufficient_data ranks after all (7): it is not a judgement."""
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


@dataclass(frozen=True, slots=True)
class RequiredPerYear:
    """What each remaining year must bring to end exactly on each bound of the target.

    In percent a year (yearly growth) for level, share and average-growth targets; in points a year for
    annual-change targets. None where the target has no such bound or no year remains.
    """

    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict[str, float | None]:
        return {"low": self.low, "high": self.high}


@dataclass(frozen=True, slots=True)
class Assessment:
    """Where a target stands, why, and what it now takes. Growth figures are in percent a year.

    `ratio` is the figure the status was read from (see docs/progress.md for each kind). `observed_growth`
    and `required_growth` are compound yearly growth in percent for level, share and average-growth
    targets, and the average yearly change in points for annual-change targets. `threshold` is the value
    that decides "achieved" (the weakest bound, widened by the tolerance of "about").
    """

    status: Status
    method: Method
    explanation_vi: str = ""
    explanation_en: str = ""
    ratio: float | None = None
    projected_value: float | None = None
    base_year: int | None = None
    base_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    target_year: int | None = None
    threshold: float | None = None
    observed_growth: float | None = None
    required_growth: float | None = None
    achieved_average: float | None = None
    required_per_year: RequiredPerYear = field(default_factory=RequiredPerYear)
    gap_years: tuple[int, ...] = ()  # years inside an average-growth period without a figure
    base_note: str | None = None
    base_note_en: str | None = None
    method_note: str | None = None  # how the rule was adapted, e.g. a rate floored at zero
    method_note_en: str | None = None
    reason: str | None = None
    reason_en: str | None = None
    reason_code: str | None = None
    # The verdict is final (the as-of year reached the target year or the end of the period).
    final: bool | None = None
    # Achieved level targets: how far the figure is past the decisive bound, in the target's unit.
    margin: float | None = None
    # A final level verdict: the first figure after the target year that meets the target ("đạt muộn,
    # năm 2026"), else the latest figure after it (which does not).
    later_year: int | None = None
    later_value: float | None = None
    later_met: bool | None = None
    # A bound moved by a tolerance the programme states: the tolerance (a fraction) that moved it.
    tolerance: float | None = None
    # A series break: the first year of the new series; earlier figures were left out.
    series_break: int | None = None

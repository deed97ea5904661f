"""What a programme's numeric targets mean, as plain data.

A target is what an indicator must reach. The Vietnamese wording of a programme maps onto one of four
kinds and one comparator (see docs/programme-format.md, "Targets").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TargetKind(StrEnum):
    LEVEL = "level"  # a value in a year: "tỷ lệ che phủ rừng đạt 37%"
    AVERAGE_GROWTH = "average_growth"  # geometric average yearly growth over a period
    ANNUAL_CHANGE = "annual_change"  # change in percentage points per year
    SHARE = "share"  # a part of a whole in a year (economic structure)


class Comparator(StrEnum):
    RANGE = "range"  # "15-16%": low <= x <= high
    AT_LEAST = "at_least"  # "đạt 37%": x >= low
    MORE_THAN = "more_than"  # "trên 90%": x > low, strictly
    AT_MOST = "at_most"  # x <= high
    LESS_THAN = "less_than"  # x < high, strictly
    EQUAL = "equal"  # "100%": x == low
    ABOUT = "about"  # "khoảng 640": within a tolerance of low (or of [low, high])


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better


# Default tolerance of "khoảng" (about), relative to the bound: none. "Khoảng 640.000" is judged against
# 640.000 unless the programme file states a tolerance for the target ("tolerance"), and then every
# number derived from that bound (ratio, projection, growth still needed, words) uses the moved bound and
# the sentence says so; see docs/progress.md.
DEFAULT_ABOUT_TOLERANCE = 0.0


@dataclass(frozen=True, slots=True)
class Target:
    """A numeric target, normalised.

    Bounds: ``low`` for at_least / more_than / equal / about; ``high`` for at_most / less_than; both for
    range (and for an "about" range such as "khoảng 55-60%"). ``year`` is the target year of a level or
    share target; ``period`` the first and last year of an average-growth or annual-change target.
    """

    kind: TargetKind
    comparator: Comparator
    low: float | None
    high: float | None
    direction: Direction = Direction.HIGHER
    year: int | None = None
    period: tuple[int, int] | None = None
    unit: str = ""
    tolerance: float | None = None  # relative tolerance of "about"; None means the default
    base_year: int | None = None  # overrides the programme's base year for this target
    baseline: float | None = None  # a base value stated in the programme, if any
    # First year of a new series (a change of standard, as the 2021 poverty standard): figures of earlier
    # years are not comparable with it, so no growth or change is computed across it.
    series_break: int | None = None

    @property
    def end_year(self) -> int:
        """The year by which the target must be met."""
        if self.period is not None:
            return self.period[1]
        if self.year is None:
            raise ValueError("target has neither a year nor a period")
        return self.year

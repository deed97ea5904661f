"""The shared rules of the progress engine, pinned at every boundary: met, ratios, growth arithmetic.

Kept apart from the engine's behaviour tests (test_progress.py) so that they are easy to adjust when the
rules change; each assertion is an exact expected outcome.
"""

from __future__ import annotations

import math

import pytest

from nqtrack.domain.progress.model import (
    ACCELERATION_RATIO,
    ON_TRACK_RATIO,
    STATUS_ORDER,
    ZERO_SUBSTITUTE,
    RequiredPerYear,
    Status,
    status_rank,
)
from nqtrack.domain.progress.rules import (
    EQUAL_RELATIVE_EPSILON,
    Goal,
    Insufficient,
    compound_growth,
    effective_bounds,
    fallback_status,
    final_status,
    goal_for,
    grow,
    higher_is_better,
    log_ratio,
    rate_status,
    stated_tolerance,
    status_from_ratio,
)
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind


def level(
    comparator: Comparator, low: float | None = None, high: float | None = None, **kw: object
) -> Target:
    return Target(TargetKind.LEVEL, comparator, low, high, year=2030, **kw)  # type: ignore[arg-type]


def test_the_thresholds_and_the_order_of_statuses() -> None:
    assert (ON_TRACK_RATIO, ACCELERATION_RATIO, ZERO_SUBSTITUTE, EQUAL_RELATIVE_EPSILON) == (
        0.95,
        0.6,
        0.001,
        1e-9,
    )
    assert [status_rank(s) for s in STATUS_ORDER] == list(range(7))
    assert status_rank(Status.INSUFFICIENT_DATA) == 7
    assert status_rank(Status.NOT_ACHIEVED) == 6
    assert RequiredPerYear(1.5, None).to_dict() == {"low": 1.5, "high": None}
    assert RequiredPerYear().to_dict() == {"low": None, "high": None}


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (0.95, Status.ON_TRACK),
        (0.9499999, Status.NEEDS_ACCELERATION),
        (0.6, Status.NEEDS_ACCELERATION),
        (0.5999999, Status.LIMITED_PROGRESS),
        (0.0, Status.LIMITED_PROGRESS),
        (-1e-9, Status.MOVING_AWAY),
        (5.0, Status.ON_TRACK),
    ],
)
def test_a_ratio_maps_to_a_status_at_each_threshold(ratio: float, status: Status) -> None:
    assert status_from_ratio(ratio) is status


def test_a_goal_passes_on_its_side_strictly_or_not() -> None:
    assert Goal(True, 37.0).passes(37.0)
    assert not Goal(True, 37.0).passes(36.999)
    assert not Goal(True, 90.0, strict=True).passes(90.0)
    assert Goal(True, 90.0, strict=True).passes(90.001)
    assert Goal(False, 2.0).passes(2.0)
    assert not Goal(False, 2.0).passes(2.001)
    assert not Goal(False, 2.0, strict=True).passes(2.0)
    assert Goal(False, 2.0, strict=True).passes(1.999)
    assert Goal(True, 100.0, epsilon=0.5).passes(99.5)
    assert not Goal(True, 100.0, epsilon=0.5).passes(99.4)
    assert Goal(False, 100.0, epsilon=0.5).passes(100.5)
    assert not Goal(False, 100.0, epsilon=0.5).passes(100.6)
    assert (Goal(True, 1.0).sign(), Goal(False, 1.0).sign()) == (1, -1)
    assert (Goal(True, 1.0).strict, Goal(True, 1.0).epsilon) == (False, 0.0)


def test_goals_from_each_comparator() -> None:
    assert goal_for(level(Comparator.AT_LEAST, 37.0)) == Goal(True, 37.0)
    assert goal_for(level(Comparator.MORE_THAN, 90.0)) == Goal(True, 90.0, strict=True)
    assert goal_for(level(Comparator.AT_MOST, None, 2.0)) == Goal(False, 2.0)
    assert goal_for(level(Comparator.LESS_THAN, None, 2.0)) == Goal(False, 2.0, strict=True)
    assert goal_for(level(Comparator.EQUAL, 100.0)) == Goal(True, 100.0, epsilon=1e-9 * 100.0)
    assert goal_for(level(Comparator.EQUAL, -100.0, direction=Direction.LOWER)) == Goal(
        False, -100.0, epsilon=1e-9 * 100.0
    )
    assert goal_for(level(Comparator.RANGE, 15.0, 16.0)) == Goal(True, 15.0)
    assert goal_for(level(Comparator.RANGE, 15.0, 16.0, direction=Direction.LOWER)) == Goal(False, 16.0)
    assert goal_for(level(Comparator.RANGE, 16.0, 16.0)) == Goal(True, 16.0)
    assert goal_for(level(Comparator.RANGE, 15.0, 16.0), higher_default=False) == Goal(False, 16.0)
    assert goal_for(level(Comparator.ABOUT, 640.0)) == Goal(True, 640.0)
    assert goal_for(level(Comparator.ABOUT, 640.0, tolerance=0.05)) == Goal(True, 608.0)
    assert goal_for(level(Comparator.ABOUT, -640.0, tolerance=0.05)) == Goal(True, -672.0)
    assert goal_for(level(Comparator.ABOUT, 40.0, direction=Direction.LOWER, tolerance=0.25)) == Goal(
        False, 50.0
    )
    assert goal_for(level(Comparator.ABOUT, 40.0, 48.0, direction=Direction.LOWER, tolerance=0.25)) == Goal(
        False, 60.0
    )


@pytest.mark.parametrize(
    ("target", "code", "vi", "en"),
    [
        (
            level(Comparator.AT_LEAST),
            "bad_target",
            "mục tiêu không hợp lệ: thiếu cận dưới",
            "invalid target: missing low bound",
        ),
        (
            level(Comparator.AT_MOST),
            "bad_target",
            "mục tiêu không hợp lệ: thiếu cận trên",
            "invalid target: missing high bound",
        ),
        (
            level(Comparator.MORE_THAN, math.inf),
            "bad_target",
            "mục tiêu không hợp lệ: cận low không phải số hữu hạn",
            "invalid target: low bound is not finite",
        ),
        (
            level(Comparator.LESS_THAN, None, math.nan),
            "bad_target",
            "mục tiêu không hợp lệ: cận high không phải số hữu hạn",
            "invalid target: high bound is not finite",
        ),
        (
            level(Comparator.RANGE, 17.0, 16.0),
            "bad_target",
            "mục tiêu không hợp lệ: cận dưới lớn hơn cận trên",
            "invalid target: low bound above high bound",
        ),
        (
            level(Comparator.ABOUT, 640.0, tolerance=1.0),
            "bad_target",
            "mục tiêu không hợp lệ: dung sai phải từ 0 đến dưới 1",
            "invalid target: tolerance must be in [0, 1)",
        ),
        (
            level(Comparator.ABOUT, 640.0, tolerance=-0.01),
            "bad_target",
            "mục tiêu không hợp lệ: dung sai phải từ 0 đến dưới 1",
            "invalid target: tolerance must be in [0, 1)",
        ),
        (
            level(Comparator.ABOUT, 640.0, tolerance=math.nan),
            "bad_target",
            "mục tiêu không hợp lệ: dung sai phải từ 0 đến dưới 1",
            "invalid target: tolerance must be in [0, 1)",
        ),
        (
            level(Comparator.RANGE, None, 16.0),
            "bad_target",
            "mục tiêu không hợp lệ: thiếu cận dưới",
            "invalid target: missing low bound",
        ),
        (
            level(Comparator.EQUAL),
            "bad_target",
            "mục tiêu không hợp lệ: thiếu cận dưới",
            "invalid target: missing low bound",
        ),
        (
            level(Comparator.ABOUT),
            "bad_target",
            "mục tiêu không hợp lệ: thiếu cận dưới",
            "invalid target: missing low bound",
        ),
    ],
)
def test_a_target_that_cannot_be_judged_is_refused_with_its_reason(
    target: Target, code: str, vi: str, en: str
) -> None:
    with pytest.raises(Insufficient) as caught:
        goal_for(target)
    error = caught.value
    assert (error.code, error.reason_vi, error.reason_en, str(error)) == (code, vi, en, en)
    assert (error.latest, error.threshold) == (None, None)


def test_a_tolerance_just_below_one_and_zero_are_allowed() -> None:
    assert goal_for(level(Comparator.ABOUT, 100.0, tolerance=0.5)) == Goal(True, 50.0)
    assert goal_for(level(Comparator.ABOUT, 100.0, tolerance=0.0)) == Goal(True, 100.0)


def test_only_a_stated_positive_tolerance_of_about_moves_the_bounds() -> None:
    assert stated_tolerance(level(Comparator.ABOUT, 640.0, tolerance=0.05)) == 0.05
    assert stated_tolerance(level(Comparator.ABOUT, 640.0)) is None
    assert stated_tolerance(level(Comparator.ABOUT, 640.0, tolerance=0.0)) is None
    assert stated_tolerance(level(Comparator.AT_LEAST, 640.0, tolerance=0.05)) is None
    assert effective_bounds(level(Comparator.AT_LEAST, 37.0, 99.0)) == (37.0, None)
    assert effective_bounds(level(Comparator.MORE_THAN, 37.0)) == (37.0, None)
    assert effective_bounds(level(Comparator.EQUAL, 37.0)) == (37.0, None)
    assert effective_bounds(level(Comparator.AT_MOST, 1.0, 2.0)) == (None, 2.0)
    assert effective_bounds(level(Comparator.LESS_THAN, 1.0, 2.0)) == (None, 2.0)
    assert effective_bounds(level(Comparator.RANGE, 15.0, 16.0)) == (15.0, 16.0)
    assert effective_bounds(level(Comparator.ABOUT, 640.0, tolerance=0.05)) == (608.0, None)
    assert effective_bounds(level(Comparator.ABOUT, 640.0)) == (640.0, None)
    assert effective_bounds(level(Comparator.ABOUT, 50.0, 60.0, tolerance=0.5)) == (25.0, 90.0)
    assert effective_bounds(level(Comparator.ABOUT, -40.0, direction=Direction.LOWER, tolerance=0.25)) == (
        None,
        -30.0,
    )
    assert effective_bounds(level(Comparator.ABOUT, 40.0, direction=Direction.LOWER, tolerance=0.25)) == (
        None,
        50.0,
    )
    assert effective_bounds(level(Comparator.ABOUT, None, 40.0, direction=Direction.LOWER)) == (None, 40.0)
    assert effective_bounds(level(Comparator.ABOUT, None, None, direction=Direction.LOWER)) == (None, None)


def test_one_sided_comparators_carry_their_direction() -> None:
    lower = Direction.LOWER
    assert higher_is_better(level(Comparator.AT_LEAST, 1.0, direction=lower))
    assert higher_is_better(level(Comparator.MORE_THAN, 1.0, direction=lower))
    assert not higher_is_better(level(Comparator.AT_MOST, None, 1.0))
    assert not higher_is_better(level(Comparator.LESS_THAN, None, 1.0))
    assert higher_is_better(level(Comparator.RANGE, 1.0, 2.0))
    assert not higher_is_better(level(Comparator.RANGE, 1.0, 2.0, direction=lower))
    assert not higher_is_better(level(Comparator.EQUAL, 1.0, direction=lower))


def test_final_fallback_and_rate_statuses() -> None:
    up, down = Goal(True, 7.0), Goal(False, 2.0)
    assert final_status(up, 7.0) is Status.ACHIEVED
    assert final_status(up, 6.9) is Status.NOT_ACHIEVED
    assert fallback_status(up, -0.1) is Status.MOVING_AWAY
    assert fallback_status(up, 0.0) is Status.LIMITED_PROGRESS
    assert fallback_status(up, 0.1) is Status.LIMITED_PROGRESS
    assert fallback_status(down, 0.1) is Status.MOVING_AWAY
    assert fallback_status(down, -0.1) is Status.LIMITED_PROGRESS
    assert rate_status(up, 7.0, None, True) is Status.ACHIEVED
    assert rate_status(up, 6.0, 2.0, True) is Status.NOT_ACHIEVED
    assert rate_status(up, 6.0, 0.95, False) is Status.ON_TRACK
    assert rate_status(up, 6.0, 0.5, False) is Status.LIMITED_PROGRESS
    assert rate_status(up, 7.5, None, False) is Status.ON_TRACK
    assert rate_status(up, 5.0, None, False) is Status.LIMITED_PROGRESS
    assert rate_status(up, -5.0, None, False) is Status.MOVING_AWAY


def test_log_ratio_goes_through_logarithms_when_the_quotient_overflows() -> None:
    assert log_ratio(2.0, 1.0) == math.log(2.0)
    assert log_ratio(8.0, 2.0) == math.log(4.0)
    assert log_ratio(1e308, 1e-308) == pytest.approx(math.log(1e308) - math.log(1e-308))
    assert math.isfinite(log_ratio(1e308, 1e-308))
    assert log_ratio(1e-308, 1e308) == pytest.approx(math.log(1e-308) - math.log(1e308))
    assert log_ratio(5e-324, 1e300) == math.log(5e-324) - math.log(1e300)


def test_compound_growth_and_its_undefined_cases() -> None:
    assert compound_growth(121.0, 100.0, 2) == pytest.approx(0.1, abs=1e-15)
    assert compound_growth(81.0, 100.0, 2) == pytest.approx(-0.1, abs=1e-15)
    assert compound_growth(0.0, 100.0, 3) == -1.0
    assert compound_growth(100.0, 100.0, 0) is None
    assert compound_growth(100.0, 100.0, -1) is None
    assert compound_growth(100.0, 0.0, 1) is None
    assert compound_growth(100.0, -5.0, 1) is None
    assert compound_growth(100.0, math.nan, 1) is None
    assert compound_growth(-1.0, 100.0, 1) is None
    assert compound_growth(100.0, 100.0, 1) == 0.0
    assert compound_growth(1e308, 1e-308, 1) == math.inf  # overflows to infinity, not an error


def test_grow_and_its_edges() -> None:
    assert grow(100.0, 0.1, 2) == pytest.approx(121.0, abs=1e-12)
    assert grow(100.0, 0.1, 0) == 100.0
    assert grow(0.0, 0.1, 5) == 0.0
    assert grow(100.0, -1.0, 3) == 0.0
    assert math.isnan(grow(100.0, -1.5, 3))
    assert grow(100.0, -0.5, 1) == pytest.approx(50.0, abs=1e-12)
    assert grow(1e300, 1e10, 100) == math.inf
    assert grow(-1e300, 1e10, 100) == -math.inf
    assert grow(100.0, 0.1, -1) == pytest.approx(100 / 1.1, abs=1e-12)

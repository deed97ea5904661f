"""Level targets at their edges: signs, zero bases, one figure, the deadline, margins and later figures.

Kept apart from the engine's behaviour tests so that they are easy to adjust.
"""

from __future__ import annotations

import pytest

from nqtrack.domain.progress import Method, SeriesKind, Status, assess_numbers
from nqtrack.domain.progress.level import nominal_bounds
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind


def level(
    comparator: Comparator = Comparator.AT_LEAST,
    low: float | None = 37.0,
    high: float | None = None,
    **kw: object,
) -> Target:
    kw.setdefault("year", 2030)
    return Target(TargetKind.LEVEL, comparator, low, high, **kw)  # type: ignore[arg-type]


def why(
    target: Target, series: dict[int, float], **kw: object
) -> tuple[Status, str | None, str | None, str | None]:
    a = assess_numbers(target, series, **kw)  # type: ignore[arg-type]
    return a.status, a.reason_code, a.reason, a.reason_en


def test_the_nominal_bounds_by_the_side_they_limit() -> None:
    assert nominal_bounds(level(Comparator.AT_LEAST, 37.0, 40.0)) == (37.0, None)
    assert nominal_bounds(level(Comparator.EQUAL, 37.0, 40.0)) == (37.0, None)
    assert nominal_bounds(level(Comparator.AT_MOST, 1.0, 2.0)) == (None, 2.0)
    assert nominal_bounds(level(Comparator.LESS_THAN, 1.0, 2.0)) == (None, 2.0)
    assert nominal_bounds(level(Comparator.RANGE, 1.0, 2.0)) == (1.0, 2.0)
    assert nominal_bounds(level(Comparator.ABOUT, 1.0, 2.0)) == (1.0, 2.0)


def test_figures_of_opposite_signs_or_negative_ones_are_refused() -> None:
    assert why(level(), {2020: -2.0, 2022: 3.5}) == (
        Status.INSUFFICIENT_DATA,
        "opposite_sign",
        "giá trị năm gốc (-2) và năm mới nhất (3.5) trái dấu",
        "the base value (-2) and the latest value (3.5) have opposite signs",
    )
    negative = (
        "có giá trị âm nên không tính được tốc độ tăng bình quân",
        "a value is negative, so no compound growth can be computed",
    )
    assert why(level(), {2020: -2.0, 2022: -3.0})[1:] == ("negative_level", *negative)
    assert why(level(Comparator.AT_LEAST, -1.0), {2020: 2.0, 2022: 3.0})[1:] == ("negative_level", *negative)
    assert why(level(), {2020: 0.0, 2022: -3.0})[1] == "negative_level"


def test_a_zero_base_is_replaced_and_said_so() -> None:
    found = assess_numbers(level(Comparator.AT_LEAST, 10.0), {2020: 0.0, 2022: 5.0})
    assert (
        found.base_note
        == "giá trị năm gốc bằng 0 nên được thay bằng 0,001 để tính tốc độ tăng (như Open SDG)"
    )
    assert (
        found.base_note_en
        == "the base value is zero, so 0.001 stands in for it in the growth rates (as in Open SDG)"
    )
    assert found.base_value == 0.0
    assert found.status is Status.ON_TRACK


def test_a_target_year_not_after_the_base_is_refused() -> None:
    assert why(level(year=2022), {2022: 35.0, 2023: 36.0}, base_year=2022) == (
        Status.INSUFFICIENT_DATA,
        "target_before_base",
        "năm mục tiêu 2022 không sau năm gốc 2022",
        "the target year 2022 is not after the base year 2022",
    )
    assert why(level(year=2022), {2021: 35.0, 2022: 36.0}, base_year=2021)[0] is Status.NOT_ACHIEVED


def test_growth_rates_are_not_levels() -> None:
    assert why(level(), {2020: 5.0, 2022: 6.0}, series_kind=SeriesKind.GROWTH_RATE) == (
        Status.INSUFFICIENT_DATA,
        "series_kind",
        "mục tiêu mức cần chuỗi giá trị, không phải chuỗi tốc độ tăng",
        "a level target needs a series of levels, not of growth rates",
    )


def test_one_figure_settles_nothing_before_the_deadline_and_everything_at_it() -> None:
    early = assess_numbers(level(year=2030), {2024: 38.0})
    assert (early.status, early.reason_code, early.latest_year, early.latest_value, early.threshold) == (
        Status.INSUFFICIENT_DATA,
        "single_year",
        2024,
        38.0,
        37.0,
    )
    assert early.reason == "năm 2024: 38, đã đạt 37; chưa đủ số liệu để đánh giá xu hướng"
    assert early.reason_en == "2024: 38, meeting 37; not enough figures to judge a trend"
    met = assess_numbers(level(year=2024), {2024: 38.5})
    assert (met.status, met.final, met.margin, met.base_year, met.target_year) == (
        Status.ACHIEVED,
        True,
        1.5,
        2024,
        2024,
    )
    missed = assess_numbers(level(year=2024), {2024: 36.0, 2025: 36.5, 2026: 37.5})
    assert (missed.status, missed.margin, missed.later_year, missed.later_value, missed.later_met) == (
        Status.NOT_ACHIEVED,
        None,
        2026,
        37.5,
        True,
    )
    never = assess_numbers(level(year=2024), {2024: 36.0, 2025: 36.5, 2026: 36.2})
    assert (never.later_year, never.later_value, never.later_met) == (2026, 36.2, False)
    none_after = assess_numbers(level(year=2024), {2024: 36.0})
    assert (none_after.later_year, none_after.later_met) == (None, None)


def test_the_margin_is_past_the_bound_on_the_good_side() -> None:
    lower = level(Comparator.AT_MOST, None, 2.0)
    found = assess_numbers(lower, {2020: 1.5, 2022: 1.4})
    assert found.status is Status.ACHIEVED
    assert found.margin == pytest.approx(0.6, abs=1e-12)
    final = assess_numbers(level(year=2022), {2020: 36.0, 2022: 37.0})
    assert (final.status, final.margin) == (Status.ACHIEVED, 0.0)


def test_the_ratio_method_at_each_side_of_the_thresholds() -> None:
    # 100 → 110 over 2 years: 4,88 %/yr; to 200 by 2030 needs (2)^(1/10) − 1 = 7,18 %/yr: ratio 0,68
    found = assess_numbers(level(Comparator.AT_LEAST, 200.0), {2020: 100.0, 2022: 110.0})
    assert found.ratio == pytest.approx((1.1**0.5 - 1) / (2**0.1 - 1), abs=1e-12)
    assert found.status is Status.NEEDS_ACCELERATION
    assert found.observed_growth == pytest.approx((1.1**0.5 - 1) * 100, abs=1e-9)
    assert found.required_growth == pytest.approx((2**0.1 - 1) * 100, abs=1e-9)
    assert found.required_per_year.low == pytest.approx(((200 / 110) ** (1 / 8) - 1) * 100, abs=1e-9)
    zero = assess_numbers(
        level(Comparator.AT_MOST, None, 0.0, direction=Direction.LOWER), {2020: 5.0, 2022: 4.0}
    )
    assert zero.required_growth == pytest.approx(((0.001 / 5) ** 0.1 - 1) * 100, abs=1e-9)
    flat = assess_numbers(level(Comparator.AT_LEAST, 100.0), {2020: 100.0, 2022: 90.0})
    assert flat.status is Status.MOVING_AWAY  # the base met the bar: no ratio, the fall decides


def test_the_projection_method_counts_gains_from_the_base() -> None:
    found = assess_numbers(
        level(Comparator.AT_LEAST, 200.0), {2020: 100.0, 2022: 110.0}, method=Method.PROJECTION
    )
    projected = 110.0 * 1.1**4
    assert found.projected_value == pytest.approx(projected, abs=1e-9)
    assert found.ratio == pytest.approx((projected - 100.0) / 100.0, abs=1e-12)
    assert found.status is Status.NEEDS_ACCELERATION
    met_at_base = assess_numbers(
        level(Comparator.AT_LEAST, 90.0), {2020: 100.0, 2022: 80.0}, method=Method.PROJECTION
    )
    assert (met_at_base.ratio, met_at_base.status) == (None, Status.MOVING_AWAY)


def test_a_figure_of_a_thousand_or_more_is_read_without_decimals() -> None:
    found = assess_numbers(level(Comparator.AT_LEAST, 2000.0), {2024: 1000.5})
    assert found.reason == "năm 2024: 1.001, chưa đạt 2.000; chưa đủ số liệu để đánh giá xu hướng"
    below = assess_numbers(level(Comparator.AT_LEAST, 2000.0), {2024: 999.95})
    assert below.reason == "năm 2024: 1.000, chưa đạt 2.000; chưa đủ số liệu để đánh giá xu hướng"

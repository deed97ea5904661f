"""Yearly-rate targets (average growth, annual change) pinned at their edges and refusals.

Kept apart from the engine's behaviour tests so that they are easy to adjust; every expected number is
written from the formula of nqtrack/domain/progress/rates.py, not read back from the engine.
"""

from __future__ import annotations

import math

import pytest

from nqtrack.domain.progress import SeriesKind, Status, assess, assess_numbers
from nqtrack.domain.progress.model import Assessment
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind


def growth(
    low: float, high: float | None = None, period: tuple[int, int] = (2021, 2025), **kw: object
) -> Target:
    comparator = Comparator.RANGE if high is not None else Comparator.AT_LEAST
    return Target(TargetKind.AVERAGE_GROWTH, comparator, low, high, period=period, **kw)  # type: ignore[arg-type]


def change(
    low: float, high: float | None = None, period: tuple[int, int] = (2021, 2025), **kw: object
) -> Target:
    comparator = Comparator.RANGE if high is not None else Comparator.AT_LEAST
    return Target(
        TargetKind.ANNUAL_CHANGE,
        comparator,
        low,
        high,
        period=period,
        direction=Direction.LOWER,
        **kw,  # type: ignore[arg-type]
    )


def reason(a: Assessment) -> tuple[Status, str | None, str | None, str | None]:
    return a.status, a.reason_code, a.reason, a.reason_en


def test_a_period_ending_at_the_base_year_is_refused_not_raised() -> None:
    found = assess(growth(8.0, 9.0), {2025: 100.0, 2026: 110.0}, base_year=2025)
    assert reason(found) == (
        Status.INSUFFICIENT_DATA,
        "target_before_base",
        "năm cuối thời kỳ 2025 không sau năm gốc 2025",
        "the last year of the period 2025 is not after the base year 2025",
    )
    found = assess(change(1.0, 1.5), {2025: 5.0, 2026: 4.0}, base_year=2025)
    assert reason(found) == (
        Status.INSUFFICIENT_DATA,
        "target_before_base",
        "năm cuối thời kỳ 2025 không sau năm gốc 2025",
        "the last year of the period 2025 is not after the base year 2025",
    )


@pytest.mark.parametrize("period", [(2025, 2021), (1000, 2030), (2000, 2100)])
def test_a_period_backwards_or_a_century_long_is_refused(period: tuple[int, int]) -> None:
    found = assess_numbers(growth(8.0, period=period), {2020: 100.0, 2022: 110.0})
    assert reason(found) == (
        Status.INSUFFICIENT_DATA,
        "bad_target",
        "mục tiêu không hợp lệ: cần thời kỳ [năm đầu, năm cuối] dài dưới 100 năm",
        "invalid target: it needs a period [first year, last year] shorter than 100 years",
    )


def test_a_period_of_one_year_and_of_99_years_are_judged() -> None:
    assert (
        assess_numbers(growth(8.0, period=(2021, 2021)), {2020: 100.0, 2021: 110.0}).status is Status.ACHIEVED
    )
    long = assess_numbers(growth(8.0, period=(2001, 2099)), {2000: 100.0, 2001: 110.0}, as_of=2001)
    assert (long.status, long.target_year) == (Status.ON_TRACK, 2099)


def test_average_growth_from_yearly_rates() -> None:
    found = assess_numbers(growth(8.0, 9.0), {2021: 10.0, 2022: 10.0}, series_kind=SeriesKind.GROWTH_RATE)
    assert found.status is Status.ON_TRACK
    assert found.achieved_average == pytest.approx(10.0, abs=1e-12)
    assert found.ratio == pytest.approx(10.0 / 8.0, abs=1e-12)
    assert (found.base_year, found.base_value, found.latest_year, found.latest_value) == (
        2020,
        None,
        2022,
        10.0,
    )
    assert found.required_per_year.low == pytest.approx(((1.08**5 / 1.1**2) ** (1 / 3) - 1) * 100, abs=1e-9)
    assert found.required_per_year.high == pytest.approx(((1.09**5 / 1.1**2) ** (1 / 3) - 1) * 100, abs=1e-9)
    assert (found.threshold, found.required_growth, found.gap_years, found.final) == (8.0, 8.0, (), None)


def test_years_without_a_rate_are_gaps_and_at_the_deadline_every_missing_year_is() -> None:
    rates = {2021: 10.0, 2023: 10.0, 2030: 50.0}
    found = assess_numbers(growth(8.0), rates, series_kind=SeriesKind.GROWTH_RATE, as_of=2024)
    assert found.gap_years == (2022,)
    final = assess_numbers(
        growth(8.0), {2021: 10.0, 2023: 10.0}, series_kind=SeriesKind.GROWTH_RATE, as_of=2025
    )
    assert (final.gap_years, final.final, final.status) == ((2022, 2024, 2025), True, Status.ACHIEVED)
    assert final.required_per_year.low is None


def test_rates_outside_the_period_and_rates_of_minus_100_are_refused() -> None:
    found = assess_numbers(growth(8.0), {2019: 10.0, 2026: 5.0}, series_kind=SeriesKind.GROWTH_RATE)
    assert reason(found) == (
        Status.INSUFFICIENT_DATA,
        "no_data",
        "không có tốc độ tăng nào trong thời kỳ 2021-2025",
        "no growth rate within the period 2021-2025",
    )
    found = assess_numbers(growth(8.0), {2021: 10.0, 2022: -100.0}, series_kind=SeriesKind.GROWTH_RATE)
    assert reason(found) == (
        Status.INSUFFICIENT_DATA,
        "growth_below_minus_100",
        "có tốc độ tăng từ -100% trở xuống",
        "a growth rate is -100% or below",
    )
    edge = assess_numbers(growth(8.0), {2021: 10.0, 2022: -99.0}, series_kind=SeriesKind.GROWTH_RATE)
    assert edge.status is Status.MOVING_AWAY


def test_average_growth_from_levels() -> None:
    found = assess_numbers(growth(10.0), {2020: 100.0, 2022: 121.0})
    assert found.achieved_average == pytest.approx(10.0, abs=1e-9)
    assert found.ratio == pytest.approx(1.0, abs=1e-12)
    assert found.status is Status.ON_TRACK
    assert (found.base_year, found.base_value, found.latest_year) == (2020, 100.0, 2022)
    assert found.required_per_year.low == pytest.approx(10.0, abs=1e-9)
    assert found.required_per_year.high is None
    slow = assess_numbers(growth(10.0), {2020: 100.0, 2022: 110.25})
    assert slow.ratio == pytest.approx(0.5, abs=1e-9)
    assert slow.status is Status.LIMITED_PROGRESS
    assert assess_numbers(growth(10.0), {2020: 100.0, 2022: 100.0}).status is Status.LIMITED_PROGRESS
    assert assess_numbers(growth(10.0), {2020: 100.0, 2022: 90.0}).status is Status.MOVING_AWAY


def test_level_series_refusals() -> None:
    assert reason(assess_numbers(growth(8.0), {2020: 100.0})) == (
        Status.INSUFFICIENT_DATA,
        "single_year",
        "chưa có số liệu sau năm gốc 2020",
        "no figure after the base year 2020",
    )
    for series in ({2020: 0.0, 2022: 110.0}, {2020: 100.0, 2022: -5.0}, {2020: 100.0, 2022: 0.0}):
        assert reason(assess_numbers(growth(8.0), series)) == (
            Status.INSUFFICIENT_DATA,
            "non_positive_level",
            "giá trị năm gốc hoặc năm mới nhất không dương nên không tính được tốc độ tăng",
            "the base or latest value is not positive, so no growth can be computed",
        )


def test_a_threshold_on_the_wrong_side_of_zero_gives_no_ratio() -> None:
    falling = Target(TargetKind.AVERAGE_GROWTH, Comparator.AT_MOST, None, -2.0, period=(2021, 2025))
    found = assess_numbers(falling, {2020: 100.0, 2022: 90.25})  # -5 % a year: meets "at most -2 %"
    assert found.ratio == pytest.approx(2.5, abs=1e-12)  # a negative bound is on the good side here
    assert found.status is Status.ON_TRACK
    zero = assess_numbers(growth(0.0), {2020: 100.0, 2022: 110.0})
    assert (zero.ratio, zero.status) == (None, Status.ON_TRACK)
    lower_positive = Target(TargetKind.AVERAGE_GROWTH, Comparator.AT_MOST, None, 2.0, period=(2021, 2025))
    assert assess_numbers(lower_positive, {2020: 100.0, 2022: 110.0}).ratio is None


def test_an_annual_fall_of_a_rate_on_course() -> None:
    # base 2020: 5 %, 2022: 3 %: 1 point a year; 1–1.5 points a year needed; the rate cannot go below 0
    found = assess_numbers(change(1.0, 1.5), {2020: 5.0, 2022: 3.0})
    assert found.status is Status.ON_TRACK
    assert (found.ratio, found.observed_growth, found.threshold, found.required_growth) == (
        1.0,
        1.0,
        1.0,
        1.0,
    )
    assert found.required_per_year.to_dict() == {"low": 1.0, "high": 1.0}  # (1.5×5 − 2) / 3 capped at 3 / 3
    assert found.projected_value == 0.0
    assert (found.method_note, found.method_note_en) == (None, None)
    assert (found.base_year, found.base_value, found.latest_year, found.latest_value) == (
        2020,
        5.0,
        2022,
        3.0,
    )


def test_a_rate_too_low_to_fall_by_the_band_is_judged_on_what_it_can_fall() -> None:
    found = assess(change(1.0, 1.5), {2020: 4.0, 2022: 3.0})
    assert found.threshold == 0.8  # 4 points over 5 years
    assert found.ratio == pytest.approx(0.5 / 0.8, abs=1e-12)
    assert found.status is Status.NEEDS_ACCELERATION
    assert found.method_note == (
        "tỷ lệ năm 2020 là 4% và không thể xuống dưới 0, nên trong 5 năm chỉ có thể giảm nhiều nhất 4,00 "
        "điểm, tức bình quân 0,80 điểm/năm; mức này được dùng làm ngưỡng đánh giá"
    )
    assert found.method_note_en == (
        "the rate was 4% in 2020 and cannot go below 0, so over 5 years it can fall by at most 4.00 "
        "points, "
        "0.80 points a year on average; that is the bar used"
    )
    assert found.projected_value == pytest.approx(1.5, abs=1e-12)


def test_a_rising_annual_change_is_not_floored() -> None:
    rising = Target(TargetKind.ANNUAL_CHANGE, Comparator.AT_LEAST, 2.0, None, period=(2021, 2025))
    found = assess_numbers(rising, {2020: 50.0, 2022: 56.0})
    assert (found.observed_growth, found.ratio, found.status) == (3.0, 1.5, Status.ON_TRACK)
    assert found.required_per_year.low == pytest.approx((2.0 * 5 - 6.0) / 3, abs=1e-12)
    assert found.projected_value == 65.0
    negative = assess_numbers(change(1.0), {2020: -5.0, 2022: -8.0})  # not a rate floored at 0
    assert negative.projected_value == pytest.approx(-12.5, abs=1e-12)
    assert negative.threshold == 1.0


def test_annual_change_refusals_and_the_final_verdict() -> None:
    assert reason(
        assess_numbers(change(1.0), {2021: 5.0, 2022: 4.0}, series_kind=SeriesKind.GROWTH_RATE)
    ) == (
        Status.INSUFFICIENT_DATA,
        "series_kind",
        "mục tiêu thay đổi hằng năm cần chuỗi giá trị (tỷ lệ), không phải chuỗi tốc độ tăng",
        "an annual-change target needs a series of levels (the rate itself), not of growth rates",
    )
    assert reason(assess_numbers(change(1.0), {2020: 5.0}))[:2] == (Status.INSUFFICIENT_DATA, "single_year")
    final = assess_numbers(change(1.0), {2020: 5.0, 2025: 0.0})
    assert (final.status, final.final, final.required_per_year.to_dict()) == (
        Status.ACHIEVED,
        True,
        {"low": None, "high": None},
    )
    missed = assess_numbers(change(1.0), {2020: 5.0, 2025: 2.0})
    assert (missed.status, missed.final) == (Status.NOT_ACHIEVED, True)
    assert math.isclose(missed.observed_growth or 0.0, 0.6)

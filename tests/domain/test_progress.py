"""Worked examples of the progress engine (docs/progress.md), each computed by hand in a comment.

Notation: cagr(v1, v0, n) = (v1 / v0) ** (1 / n) - 1 (sdg-build `growth_calculation`);
ratio = direction * cagr_o / |cagr_r| (sdg-build `methodology_2`); thresholds 0.95 / 0.6 / 0.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from nqtrack.domain.progress import (
    Method,
    ProgressInputError,
    RequiredPerYear,
    SeriesKind,
    Status,
    assess,
    assess_json,
    assessment_to_dict,
    count_by_status,
    group_status,
)
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

CLI_EXAMPLE: dict[str, Any] = {
    "target": {"kind": "level", "comparator": "at_least", "low": 37, "year": 2030, "direction": "higher"},
    "series": {"2015": 35.0, "2022": 35.5},
    "method": "ratio",
}


def level(
    comparator: Comparator,
    low: float | None = None,
    high: float | None = None,
    *,
    direction: Direction = Direction.HIGHER,
    year: int = 2030,
    **extra: Any,
) -> Target:
    return Target(TargetKind.LEVEL, comparator, low, high, direction=direction, year=year, **extra)


# --- the CLI example ----------------------------------------------------------------------------------


def test_cli_example_ratio_by_hand() -> None:
    # base 2015 (first year), latest 2022, target 37 in 2030
    # cagr_o = (35.5 / 35) ** (1/7) - 1 = 0.0020284   (0.2028 %/yr)
    # cagr_r = (37 / 35) ** (1/15) - 1  = 0.0037115   (0.3712 %/yr)
    # ratio  = 0.0020284 / 0.0037115    = 0.5465      -> 0 <= 0.5465 < 0.6: limited progress
    # projected 2030 = 35.5 * 1.0020284 ** 8 = 36.0802
    # still needed: (37 / 35.5) ** (1/8) - 1 = 0.5187 %/yr
    result = assess_json(CLI_EXAMPLE)
    assert result["status"] == "limited_progress"
    assert round(result["ratio"], 4) == 0.5465
    assert round(result["observed_growth"], 4) == 0.2028
    assert round(result["required_growth"], 4) == 0.3712
    assert round(result["projected_value"], 4) == 36.0802
    assert round(result["required_per_year"]["low"], 4) == 0.5187
    assert result["required_per_year"]["high"] is None
    assert (result["base_year"], result["base_value"]) == (2015, 35.0)
    assert (result["latest_year"], result["latest_value"]) == (2022, 35.5)
    assert result["method"] == "ratio"
    assert result["reason"] is None
    assert result["base_note"] is None
    json.dumps(result, allow_nan=False)


def test_cli_example_explanations() -> None:
    result = assess_json(CLI_EXAMPLE)
    # Vietnamese figures: decimal comma; English: decimal point.
    assert "35,5" in result["explanation"]
    # A derived rate always has two decimals (the pages' tables write it the same way).
    assert "bình quân tăng 0,20%/năm" in result["explanation"]
    assert "từ nay cần tăng 0,52%/năm đến năm 2030" in result["explanation"]
    assert "55%" in result["explanation"]
    assert result["explanation"].startswith("Tiến triển hạn chế: ")
    assert "35.5 in 2022" in result["explanation_en"]
    assert result["explanation_en"].startswith("Limited progress")


def test_cli_example_with_projection_method() -> None:
    # projected 2030 = 36.0802; gain = 36.0802 - 35 = 1.0802; needed = 37 - 35 = 2
    # ratio = 1.0802 / 2 = 0.5401 -> limited progress
    result = assess_json({**CLI_EXAMPLE, "method": "projection"})
    assert result["status"] == "limited_progress"
    assert result["method"] == "projection"
    assert round(result["ratio"], 4) == 0.5401


def test_dict_has_the_documented_keys() -> None:
    result = assess_json(CLI_EXAMPLE)
    expected = {
        "status", "ratio", "projected_value", "base_year", "base_value", "latest_year", "latest_value",
        "observed_growth", "required_growth", "achieved_average", "required_per_year", "explanation",
        "explanation_en", "method", "reason", "base_note", "final", "margin", "later_year", "later_value",
        "later_met", "tolerance", "series_break",
    }  # fmt: skip
    assert expected <= result.keys()


# --- lower is better ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "status", "ratio"),
    [
        # cagr_o = (3/4)**(1/4) - 1 = -0.069395; cagr_r = (2/4)**(1/10) - 1 = -0.066967
        # ratio = -1 * -0.069395 / 0.066967 = 1.0363 -> on track
        (3.0, Status.ON_TRACK, 1.0363),
        # cagr_o = (3.8/4)**(1/4) - 1 = -0.012741; ratio = 0.012741 / 0.066967 = 0.1903 -> limited
        (3.8, Status.LIMITED_PROGRESS, 0.1903),
        # cagr_o = (4.4/4)**(1/4) - 1 = +0.024114; ratio = -0.024114 / 0.066967 = -0.3601 -> moving away
        (4.4, Status.MOVING_AWAY, -0.3601),
        # 1.9 <= 2: achieved (tested first), and falling, so the projection keeps it
        (1.9, Status.ACHIEVED, None),
    ],
)
def test_lower_is_better(latest: float, status: Status, ratio: float | None) -> None:
    target = level(Comparator.AT_MOST, high=2.0, direction=Direction.LOWER)
    a = assess(target, {2020: 4.0, 2024: latest})
    assert a.status is status
    if ratio is not None:
        assert a.ratio is not None
        assert round(a.ratio, 4) == ratio


# --- zero target, zero base (sdg-build substitutes 0.001) ---------------------------------------------


def test_zero_target_uses_small_value_substitution() -> None:
    # target "at most 0" in 2030 (a rate that must reach 0); sdg-build replaces target 0 by 0.001
    # cagr_o = (2/4)**(1/4) - 1 = -0.159104; cagr_r = (0.001/4)**(1/10) - 1 = -0.563691
    # ratio = 0.159104 / 0.563691 = 0.2823 -> limited progress
    target = level(Comparator.AT_MOST, high=0.0, direction=Direction.LOWER)
    a = assess(target, {2020: 4.0, 2024: 2.0})
    assert a.status is Status.LIMITED_PROGRESS
    assert a.ratio is not None
    assert round(a.ratio, 4) == 0.2823
    # still needed: (0 / 2) ** (1/6) - 1 = -100 % a year
    assert a.required_per_year.high == -100.0


def test_zero_target_achieved_only_at_zero() -> None:
    target = level(Comparator.AT_MOST, high=0.0, direction=Direction.LOWER)
    assert assess(target, {2020: 4.0, 2024: 0.0}).status is Status.ACHIEVED
    assert assess(target, {2020: 4.0, 2024: 0.0005}).status is not Status.ACHIEVED


def test_zero_base_uses_small_value_substitution_with_a_note() -> None:
    # base 0 in 2020 -> 0.001; cagr_o = (5/0.001)**(1/4) - 1 = 7.408964
    # cagr_r = (20/0.001)**(1/10) - 1 = 1.692173; ratio = 4.3784 -> on track
    target = level(Comparator.AT_LEAST, low=20)
    a = assess(target, {2020: 0.0, 2024: 5.0})
    assert a.status is Status.ON_TRACK
    assert a.ratio is not None
    assert round(a.ratio, 4) == 4.3784
    assert a.base_note is not None
    assert "0,001" in a.base_note
    assert a.base_note_en is not None
    assert "0.001" in a.base_note_en


# --- ranges -------------------------------------------------------------------------------------------


def test_range_weakest_bound_decides_and_both_bounds_reported() -> None:
    # urbanisation 55-60 % in 2030, higher is better: the low bound 55 decides
    # cagr_o = (50/45)**(1/4) - 1 = 0.026690; cagr_r = (55/45)**(1/10) - 1 = 0.020270
    # ratio = 1.3167 -> on track; still needed: (55/50)**(1/6)-1 = 1.6012 %, (60/50)**(1/6)-1 = 3.0853 %
    target = level(Comparator.RANGE, 55, 60, unit="percent")
    a = assess(target, {2020: 45.0, 2024: 50.0})
    assert a.status is Status.ON_TRACK
    assert a.ratio is not None
    assert round(a.ratio, 4) == 1.3167
    assert a.threshold == 55
    assert a.required_per_year.low is not None
    assert a.required_per_year.high is not None
    assert round(a.required_per_year.low, 4) == 1.6012
    assert round(a.required_per_year.high, 4) == 3.0853
    assert "55–60%" in a.explanation_vi


@pytest.mark.parametrize(("latest", "status"), [(55.0, Status.ACHIEVED), (62.0, Status.ACHIEVED)])
def test_range_met_from_the_low_bound_and_above(latest: float, status: Status) -> None:
    assert assess(level(Comparator.RANGE, 55, 60), {2020: 45.0, 2030: latest}).status is status


def test_range_lower_is_better_uses_the_high_bound() -> None:
    target = level(Comparator.RANGE, 2, 3, direction=Direction.LOWER)
    a = assess(target, {2020: 5.0, 2030: 2.9})
    assert a.threshold == 3
    assert a.status is Status.ACHIEVED


# --- strict and equal ---------------------------------------------------------------------------------


def test_more_than_exactly_at_the_bound_is_not_achieved() -> None:
    # "trên 90 %": 90 itself is not above 90.
    # cagr_o = (90/80)**(1/4) - 1 = 0.029884; cagr_r = (90/80)**(1/10) - 1 = 0.011848
    # ratio = 2.5223 -> on track, but not achieved
    target = level(Comparator.MORE_THAN, low=90)
    a = assess(target, {2020: 80.0, 2024: 90.0})
    assert a.status is Status.ON_TRACK
    assert a.ratio is not None
    assert round(a.ratio, 4) == 2.5223
    assert assess(target, {2020: 80.0, 2024: 90.1}).status is Status.ACHIEVED
    assert assess(level(Comparator.AT_LEAST, low=90), {2020: 80.0, 2024: 90.0}).status is Status.ACHIEVED


def test_missed_at_the_target_year_is_not_achieved() -> None:
    # 90 in 2030 for "trên 90": the ratio is exactly 1 (on track), but the deadline has passed: final.
    target = level(Comparator.MORE_THAN, low=90)
    a = assess(target, {2020: 80.0, 2030: 90.0})
    assert a.ratio == pytest.approx(1.0)
    assert a.status is Status.NOT_ACHIEVED
    assert a.final is True


def test_equal_hundred_percent_allows_a_tiny_epsilon() -> None:
    target = level(Comparator.EQUAL, low=100)
    assert assess(target, {2020: 95.0, 2024: 100.0}).status is Status.ACHIEVED
    assert assess(target, {2020: 95.0, 2024: 99.99999999999}).status is Status.ACHIEVED
    assert assess(target, {2020: 95.0, 2024: 99.9}).status is Status.ON_TRACK


# --- about --------------------------------------------------------------------------------------------


def test_about_has_no_tolerance_unless_the_programme_states_one() -> None:
    # "khoảng 640" with no tolerance stated: judged against 640 itself.
    target = level(Comparator.ABOUT, low=640)
    assert assess(target, {2020: 400.0, 2030: 640.0}).status is Status.ACHIEVED
    missed = assess(target, {2020: 400.0, 2030: 610.0})
    assert missed.threshold == 640
    assert missed.tolerance is None
    assert missed.status is Status.NOT_ACHIEVED
    assert "(tính từ" not in missed.explanation_vi


def test_about_uses_the_target_tolerance() -> None:
    # tolerance 0.1: met from 640 * 0.9 = 576
    target = level(Comparator.ABOUT, low=640, tolerance=0.1)
    assert assess(target, {2020: 400.0, 2030: 580.0}).status is Status.ACHIEVED


# --- keep above ---------------------------------------------------------------------------------------


def test_keep_above_already_met_and_kept_is_achieved() -> None:
    # forest cover >= 37 %: 37.5 (2020) -> 37.8 (2024): met and growing;
    # projection 37.8 * (37.8/37.5) ** (6/4) = 38.25 >= 37 -> achieved
    a = assess(level(Comparator.AT_LEAST, low=37), {2020: 37.5, 2024: 37.8})
    assert a.status is Status.ACHIEVED
    assert a.projected_value is not None
    assert round(a.projected_value, 2) == 38.25


def test_keep_above_met_but_falling_is_at_risk() -> None:
    # 38.5 (2020) -> 37.4 (2024): met today; projection 37.4 * (37.4/38.5)**(6/4) = 35.81 < 37 -> at risk
    a = assess(level(Comparator.AT_LEAST, low=37), {2020: 38.5, 2024: 37.4})
    assert a.status is Status.AT_RISK
    assert a.projected_value is not None
    assert round(a.projected_value, 2) == 35.81
    assert a.explanation_vi.startswith("Đã đạt nhưng có nguy cơ không giữ được: ")


def test_health_insurance_met_and_rising_is_achieved() -> None:
    target = level(Comparator.AT_LEAST, low=99, unit="percent")
    assert assess(target, {2020: 91.0, 2024: 99.2}).status is Status.ACHIEVED


# --- average growth -----------------------------------------------------------------------------------


def grdp_target(comparator: Comparator = Comparator.ABOUT) -> Target:
    return Target(TargetKind.AVERAGE_GROWTH, comparator, 15, 16, period=(2021, 2030), unit="percent_per_year")


GRDP_RATES = {2021: 7.82, 2022: 19.3, 2023: 13.45, 2024: 13.85}


def test_grdp_average_growth_with_four_years_known() -> None:
    # Π(1 + g) = 1.0782 * 1.193 * 1.1345 * 1.1385 = 1.661412
    # achieved average = 1.661412 ** (1/4) - 1 = 13.5323 %
    # still needed in each of the 6 remaining years (N = 10, k = 4):
    #   for 15 %: (1.15 ** 10 / 1.661412) ** (1/6) - 1 = 15.9890 %
    #   for 16 %: (1.16 ** 10 / 1.661412) ** (1/6) - 1 = 17.6749 %
    # "khoảng 15-16 %", no tolerance stated: threshold 15; ratio = 13.5323 / 15 = 0.9022
    # -> 0.6 <= 0.9022 < 0.95: needs acceleration
    a = assess(grdp_target(), GRDP_RATES, series_kind=SeriesKind.GROWTH_RATE)
    assert a.achieved_average is not None
    assert round(a.achieved_average, 4) == 13.5323
    assert a.required_per_year.low is not None
    assert a.required_per_year.high is not None
    assert round(a.required_per_year.low, 4) == 15.9890
    assert round(a.required_per_year.high, 4) == 17.6749
    assert a.threshold == 15
    assert a.ratio is not None
    assert round(a.ratio, 4) == 0.9022
    assert a.status is Status.NEEDS_ACCELERATION
    assert (a.base_year, a.latest_year, a.latest_value) == (2020, 2024, 13.85)
    assert "13,53%/năm" in a.explanation_vi
    # Both ends, against the bounds as written (no hidden tolerance).
    assert a.explanation_vi.endswith(
        "những năm còn lại mỗi năm cần tăng 15,99%/năm để cả thời kỳ đạt 15,00% và 17,67%/năm để cả "
        "thời kỳ đạt 16,00%."
    )


def test_grdp_status_depends_on_the_about_tolerance() -> None:
    # tolerance 0.10 stated: threshold 15 * 0.9 = 13.5; ratio = 13.5323 / 13.5 = 1.0024 -> on track.
    # The growth still needed uses the moved bounds too: 13.5 and 16 * 1.1 = 17.6:
    #   (1.135 ** 10 / 1.661412) ** (1/6) - 1 = 13.4785 %; (1.176 ** 10 / 1.661412) ** (1/6) - 1 = 20.3925 %
    target = Target(TargetKind.AVERAGE_GROWTH, Comparator.ABOUT, 15, 16, period=(2021, 2030), tolerance=0.1)
    a = assess(target, GRDP_RATES, series_kind=SeriesKind.GROWTH_RATE)
    assert a.ratio is not None
    assert round(a.ratio, 4) == 1.0024
    assert a.status is Status.ON_TRACK
    assert a.tolerance == 0.1
    assert a.required_per_year.low is not None
    assert a.required_per_year.high is not None
    assert round(a.required_per_year.low, 4) == 13.4785
    assert round(a.required_per_year.high, 4) == 20.3925
    assert "khoảng 15–16%/năm cho thời kỳ 2021–2030 (tính từ 13,50%: dung sai 10%)" in a.explanation_vi
    assert "để cả thời kỳ đạt 13,50%" in a.explanation_vi


def test_grdp_as_a_plain_range_has_no_tolerance() -> None:
    # range 15-16: threshold 15; ratio = 13.5323 / 15 = 0.9022 -> needs acceleration
    a = assess(grdp_target(Comparator.RANGE), GRDP_RATES, series_kind=SeriesKind.GROWTH_RATE)
    assert a.ratio is not None
    assert round(a.ratio, 4) == 0.9022


def test_average_already_above_the_bound_is_on_track_until_the_period_ends() -> None:
    # 20 % four years running: average 20 %; ratio 20 / 15 = 1.33 -> on track (years remain)
    # still needed: (1.15**10 / 1.2**4) ** (1/6) - 1 = 11.7830 %, (1.16**10 / 1.2**4) ** (1/6) - 1 = 13.4077 %
    rates = {2021: 20.0, 2022: 20.0, 2023: 20.0, 2024: 20.0}
    a = assess(grdp_target(), rates, series_kind=SeriesKind.GROWTH_RATE)
    assert a.status is Status.ON_TRACK
    assert a.required_per_year.low is not None
    assert round(a.required_per_year.low, 4) == 11.7830


def test_average_growth_complete_period() -> None:
    met = {year: 15.5 for year in range(2021, 2031)}
    assert assess(grdp_target(), met, series_kind=SeriesKind.GROWTH_RATE).status is Status.ACHIEVED
    # 14.5 % every year: 14.5 < 15, ratio 0.9667 would be on track, but the period is over: final
    missed = {year: 14.5 for year in range(2021, 2031)}
    a = assess(grdp_target(), missed, series_kind=SeriesKind.GROWTH_RATE)
    assert a.status is Status.NOT_ACHIEVED
    assert a.required_per_year.low is None


def test_budget_revenue_more_than_18_from_levels() -> None:
    # "trên 18 %/năm" 2021-2030, levels: 10 000 (2020) -> 20 000 (2024)
    # average = 2 ** (1/4) - 1 = 18.9207 %; ratio = 18.9207 / 18 = 1.0512 -> on track
    # still needed: (1.18 ** 10 / 2) ** (1/6) - 1 = 17.3902 %
    target = Target(TargetKind.AVERAGE_GROWTH, Comparator.MORE_THAN, 18, None, period=(2021, 2030))
    a = assess(target, {2019: 9000.0, 2020: 10000.0, 2024: 20000.0})
    assert a.base_year == 2020  # the year before the period, not the first figure
    assert a.achieved_average is not None
    assert round(a.achieved_average, 4) == 18.9207
    assert a.ratio is not None
    assert round(a.ratio, 4) == 1.0512
    assert a.required_per_year.low is not None
    assert round(a.required_per_year.low, 4) == 17.3902
    assert a.required_per_year.high is None
    assert a.status is Status.ON_TRACK


def test_average_growth_gap_years_are_reported() -> None:
    # 2021: 10 %, 2023: 12 %, 2022 missing: average over the known years (1.1 * 1.12) ** (1/2) - 1 = 10.9955 %
    # the 8 years without a figure need (1.15 ** 10 / (1.1 * 1.12)) ** (1/8) - 1 = 16.0235 %
    a = assess(grdp_target(), {2021: 10.0, 2023: 12.0}, series_kind=SeriesKind.GROWTH_RATE)
    assert a.gap_years == (2022,)
    assert a.achieved_average is not None
    assert round(a.achieved_average, 4) == 10.9955
    assert a.required_per_year.low is not None
    assert round(a.required_per_year.low, 4) == 16.0235
    assert "2022" in a.explanation_vi


# --- annual change ------------------------------------------------------------------------------------


def poverty_target(comparator: Comparator = Comparator.RANGE) -> Target:
    return Target(
        TargetKind.ANNUAL_CHANGE,
        comparator,
        1.0,
        1.5,
        direction=Direction.LOWER,
        period=(2021, 2025),
        unit="percentage_points_per_year",
    )


def test_annual_change_poverty_falls_one_to_one_and_a_half_points() -> None:
    # 6.0 (2020) -> 3.3 (2023): (6.0 - 3.3) / 3 = 0.9 points a year; ratio 0.9 / 1 = 0.9 -> needs acceleration
    # N = 5, k = 3, 2 years left. To average 1.0: (1.0 * 5 - 2.7) / 2 = 1.15 points a year.
    # To average 1.5: (1.5 * 5 - 2.7) / 2 = 2.4, but the rate cannot go below 0: min(2.4, 3.3 / 2) = 1.65.
    # projected 2025 = 3.3 - 0.9 * 2 = 1.5
    a = assess(poverty_target(), {2020: 6.0, 2023: 3.3})
    assert a.status is Status.NEEDS_ACCELERATION
    assert a.ratio == pytest.approx(0.9)
    assert a.observed_growth == pytest.approx(0.9)
    assert a.required_per_year.low == pytest.approx(1.15)
    assert a.required_per_year.high == pytest.approx(1.65)
    assert a.projected_value == pytest.approx(1.5)
    # Levels carry their "%"; derived changes two decimals; both ends of the band still needed.
    assert a.explanation_vi == (
        "Cần đẩy nhanh: từ năm 2020 (6%) đến năm 2023 (3,3%) bình quân mỗi năm giảm 0,90 điểm, "
        "mục tiêu giảm 1–1,5 điểm %/năm đến năm 2025; những năm còn lại mỗi năm cần giảm 1,15–1,65 điểm."
    )


def test_annual_change_floor_at_zero_lowers_the_threshold() -> None:
    # 3.0 (2020): over 5 years it can fall at most 3.0 / 5 = 0.6 points a year, so the threshold is 0.6.
    # 1.5 in 2023: (3.0 - 1.5) / 3 = 0.5; ratio 0.5 / 0.6 = 0.8333 -> needs acceleration (not limited)
    # still needed for 1.0: (5 - 1.5) / 2 = 1.75, floored: min(1.75, 1.5 / 2) = 0.75
    a = assess(poverty_target(), {2020: 3.0, 2023: 1.5})
    assert a.threshold == pytest.approx(0.6)
    assert a.ratio is not None
    assert round(a.ratio, 4) == 0.8333
    assert a.status is Status.NEEDS_ACCELERATION
    assert a.required_per_year.low == pytest.approx(0.75)
    assert a.method_note is not None
    assert a.method_note == (
        "tỷ lệ năm 2020 là 3% và không thể xuống dưới 0, nên trong 5 năm chỉ có thể giảm nhiều nhất "
        "3,00 điểm, tức bình quân 0,60 điểm/năm; mức này được dùng làm ngưỡng đánh giá"
    )
    assert a.explanation_vi.endswith(f"({a.method_note}).")
    assert assess(poverty_target(), {2020: 3.0, 2025: 0.0}).status is Status.ACHIEVED


def test_annual_change_complete_and_rising() -> None:
    assert assess(poverty_target(), {2020: 6.0, 2025: 0.8}).status is Status.ACHIEVED  # 1.04 a year
    missed = assess(poverty_target(), {2020: 6.0, 2025: 4.0})  # 0.4 a year, the period over: final
    assert missed.status is Status.NOT_ACHIEVED
    assert missed.required_per_year == RequiredPerYear()
    rising = assess(poverty_target(), {2020: 6.0, 2023: 6.6})  # -0.2 a year
    assert rising.status is Status.MOVING_AWAY
    assert "bình quân mỗi năm tăng 0,20 điểm" in rising.explanation_vi


# --- base year, as of ---------------------------------------------------------------------------------


def test_missing_base_year_takes_the_next_year_with_a_note() -> None:
    a = assess(level(Comparator.AT_LEAST, low=37), {2021: 35.0, 2023: 35.5}, base_year=2020)
    assert a.base_year == 2021
    assert a.base_note is not None
    assert "2020" in a.base_note
    assert a.base_note_en is not None


def test_baseline_stated_in_the_programme_stands_in_for_the_base() -> None:
    # base 35.0 stated for 2020; cagr_o = (35.5/35) ** (1/2) - 1 = 0.0071175
    # cagr_r = (37/35) ** (1/10) - 1 = 0.0055725; ratio = 1.2773 -> on track
    target = level(Comparator.AT_LEAST, low=37, base_year=2020, baseline=35.0)
    a = assess(target, {2022: 35.5})
    assert (a.base_year, a.base_value) == (2020, 35.0)
    assert a.ratio is not None
    assert round(a.ratio, 4) == 1.2773
    assert a.status is Status.ON_TRACK
    assert a.base_note is not None


def test_as_of_ignores_later_figures() -> None:
    a = assess(level(Comparator.AT_LEAST, low=37), {2015: 35.0, 2022: 35.5, 2024: 40.0}, as_of=2023)
    assert a.latest_year == 2022


# --- insufficient data --------------------------------------------------------------------------------


AT_LEAST_37 = level(Comparator.AT_LEAST, low=37)
RATES: dict[str, Any] = {"series_kind": SeriesKind.GROWTH_RATE}


@pytest.mark.parametrize(
    ("target", "series", "kwargs", "code"),
    [
        (AT_LEAST_37, {}, {}, "no_data"),
        (AT_LEAST_37, {2015: -1.0, 2022: 2.0}, {}, "opposite_sign"),
        (AT_LEAST_37, {2015: -3.0, 2022: -2.0}, {}, "negative_level"),
        (AT_LEAST_37, {2015: 30.0, 2018: 31.0}, {"base_year": 2020}, "no_base"),
        (AT_LEAST_37, {2015: 30.0, 2022: 31.0}, {"base_year": 2031}, "target_before_base"),
        (AT_LEAST_37, {2015: 30.0, 2022: 31.0}, RATES, "series_kind"),
        (
            level(Comparator.AT_LEAST, low=37, unit="percent"),
            {2015: 3.0, 2022: 4.0},
            {"series_unit": "persons"},
            "unit_mismatch",
        ),
        (level(Comparator.RANGE, low=37), {2015: 30.0, 2022: 31.0}, {}, "bad_target"),
        (Target(TargetKind.LEVEL, Comparator.AT_LEAST, 37, None), {2015: 30.0, 2022: 31.0}, {}, "bad_target"),
        (grdp_target(), {2021: -100.0}, RATES, "growth_below_minus_100"),
        (grdp_target(), {2019: 5.0}, RATES, "no_data"),
        (grdp_target(), {2020: 0.0, 2023: 10.0}, {}, "non_positive_level"),
        (poverty_target(), {2020: 3.0}, {}, "single_year"),
        (poverty_target(), {2020: 3.0, 2022: 2.0}, RATES, "series_kind"),
    ],
)
def test_insufficient_data(
    target: Target, series: dict[int, float], kwargs: dict[str, Any], code: str
) -> None:
    a = assess(target, series, **kwargs)
    assert a.status is Status.INSUFFICIENT_DATA
    assert a.reason_code == code
    assert a.reason
    assert a.reason_en
    assert a.explanation_vi.startswith("Chưa đủ số liệu: ")
    json.dumps(assessment_to_dict(a), allow_nan=False)


def test_one_figure_is_one_rule_met_or_not() -> None:
    # One figure before the deadline: no trend, met or not; the sentence says where the figure stands.
    # (sdg-build would call a met single figure "achieved" and say nothing of one that is not.)
    share = level(Comparator.RANGE, low=66, high=67, unit="percent")
    short = assess(share, {2022: 62.3})
    assert (short.status, short.reason_code) == (Status.INSUFFICIENT_DATA, "single_year")
    assert (short.latest_year, short.latest_value) == (2022, 62.3)
    assert short.explanation_vi == "Năm 2022: 62,3%, chưa đạt 66–67%; chưa đủ số liệu để đánh giá xu hướng."
    assert short.explanation_en == "2022: 62.3%, short of 66–67%; not enough figures to judge a trend."
    taxes = assess(level(Comparator.RANGE, low=2, high=3, unit="percent"), {2022: 2.1})
    assert (taxes.status, taxes.reason_code) == (Status.INSUFFICIENT_DATA, "single_year")
    assert taxes.explanation_vi == "Năm 2022: 2,1%, đã đạt 2–3%; chưa đủ số liệu để đánh giá xu hướng."


def test_non_finite_figures_count_as_missing() -> None:
    a = assess(level(Comparator.AT_LEAST, low=37), {2015: 35.0, 2020: float("nan"), 2022: 35.5})
    assert a.latest_year == 2022
    assert round(a.ratio or 0, 4) == 0.5465


# --- group status -------------------------------------------------------------------------------------


def test_group_status_is_the_worst_judged_status() -> None:
    assert group_status([Status.ACHIEVED, Status.AT_RISK, Status.ON_TRACK]) is Status.AT_RISK
    assert group_status([Status.ACHIEVED, Status.INSUFFICIENT_DATA]) is Status.ACHIEVED
    assert group_status([Status.NEEDS_ACCELERATION, Status.AT_RISK]) is Status.NEEDS_ACCELERATION
    assert group_status([Status.MOVING_AWAY, Status.LIMITED_PROGRESS]) is Status.MOVING_AWAY
    assert group_status([Status.INSUFFICIENT_DATA]) is Status.INSUFFICIENT_DATA
    assert group_status([]) is Status.INSUFFICIENT_DATA
    a = assess_json(CLI_EXAMPLE)
    assert a["status"] == "limited_progress"


def test_group_status_accepts_assessments() -> None:
    achieved = assess(level(Comparator.AT_LEAST, low=37), {2020: 37.5, 2024: 37.8})
    limited = assess(level(Comparator.AT_LEAST, low=37), {2015: 35.0, 2022: 35.5})
    assert group_status([achieved, limited]) is Status.LIMITED_PROGRESS


def test_count_by_status_lists_every_status() -> None:
    counts = count_by_status([Status.ACHIEVED, Status.ACHIEVED, Status.INSUFFICIENT_DATA])
    assert counts[Status.ACHIEVED] == 2
    assert counts[Status.INSUFFICIENT_DATA] == 1
    assert counts[Status.MOVING_AWAY] == 0
    assert counts[Status.NOT_ACHIEVED] == 0
    assert list(counts) == [
        Status.ACHIEVED,
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.NEEDS_ACCELERATION,
        Status.LIMITED_PROGRESS,
        Status.MOVING_AWAY,
        Status.NOT_ACHIEVED,
        Status.INSUFFICIENT_DATA,
    ]


# --- assess_json input errors -------------------------------------------------------------------------


def _with_target(**changes: Any) -> dict[str, Any]:
    return {**CLI_EXAMPLE, "target": {**CLI_EXAMPLE["target"], **changes}}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "JSON object"),
        ({"series": {}}, "'target' and 'series'"),
        (_with_target(kind="levels"), "target.kind must be one of"),
        (_with_target(comparator="atleast"), "target.comparator must be one of"),
        (_with_target(low=None), "target.low is required"),
        (_with_target(comparator="range", high=None), "target.high is required"),
        (_with_target(low="37"), "target.low must be a number"),
        (_with_target(low=True), "target.low must be a number"),
        (_with_target(year=None), "target.year is required"),
        (_with_target(kind="average_growth", year=None), "target.period"),
        (_with_target(kind="average_growth", period=[2030, 2021]), "starts after it ends"),
        (_with_target(tolerance=5), "target.tolerance"),
        (_with_target(comparitor="at_least"), "unknown key(s) in target: comparitor"),
        (_with_target(direction="up"), "target.direction must be one of"),
        ({**CLI_EXAMPLE, "series": {"2015": "35,0"}}, "series['2015'] must be a number"),
        ({**CLI_EXAMPLE, "series": {"năm 2015": 35.0}}, "must be a year"),
        ({**CLI_EXAMPLE, "series": [35.0]}, "series must be a JSON object"),
        ({**CLI_EXAMPLE, "method": "linear"}, "method must be one of"),
        ({**CLI_EXAMPLE, "series_kind": "rate"}, "series_kind must be one of"),
        ({**CLI_EXAMPLE, "asof": 2022}, "unknown key(s) in the input document: asof"),
    ],
)
def test_assess_json_rejects_malformed_input(doc: Any, message: str) -> None:
    with pytest.raises(
        ProgressInputError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
    ):
        assess_json(doc)


def test_assess_json_average_growth_with_options() -> None:
    doc = {
        "target": {
            "kind": "average_growth",
            "comparator": "about",
            "low": 15,
            "high": 16,
            "period": [2021, 2030],
            "series_kind": "growth_rate",
            "code": "grdp_growth_2021_2030",  # programme-file keys are accepted and ignored
            "source_text": "Tốc độ tăng trưởng kinh tế bình quân thời kỳ 2021-2030 đạt khoảng 15-16%",
        },
        "series": {str(year): rate for year, rate in GRDP_RATES.items()} | {"2025": None},
    }
    result = assess_json(doc)
    assert result["status"] == "needs_acceleration"
    assert round(result["achieved_average"], 4) == 13.5323
    assert round(result["required_per_year"]["low"], 4) == 15.9890
    assert round(result["required_per_year"]["high"], 4) == 17.6749


def test_assess_json_tolerance_and_as_of_in_target() -> None:
    doc = _with_target(comparator="about", low=640, tolerance=0.1, as_of=2029)
    doc["series"] = {"2020": 400, "2029": 580, "2030": 500}
    result = assess_json(doc)
    assert result["latest_year"] == 2029
    assert result["status"] == "achieved"


def test_method_is_reported_as_used() -> None:
    a = assess(grdp_target(), GRDP_RATES, series_kind=SeriesKind.GROWTH_RATE, method=Method.PROJECTION)
    assert a.method is Method.RATIO  # average-growth targets have their own rule

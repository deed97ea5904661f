"""Final verdicts at the deadline, one bound per number, met targets, units in words and series breaks.

Each case is worked by hand in its comment (docs/progress.md states the rules).
"""

from __future__ import annotations

import re

import pytest

from nqtrack.domain.progress import RequiredPerYear, SeriesKind, Status, assess
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind


def at_least_20(year: int) -> Target:
    return Target(TargetKind.LEVEL, Comparator.AT_LEAST, 20, None, year=year)


# --- the deadline cases of the programme review -------------------------------------------------------


def test_past_deadline_judged_on_the_latest_figure_before_it() -> None:
    # "≥ 20 by 2020": no 2020 figure, so 2019 (18) decides; 2022 (19) is after the deadline and still short.
    a = assess(at_least_20(2020), {2015: 10.0, 2019: 18.0, 2022: 19.0}, as_of=2024)
    assert a.status is Status.NOT_ACHIEVED
    assert a.final is True
    assert (a.latest_year, a.latest_value, a.target_year) == (2019, 18.0, 2020)
    assert (a.later_year, a.later_value, a.later_met) == (2022, 19.0, False)
    assert a.required_per_year == RequiredPerYear()
    assert a.projected_value is None
    assert a.explanation_vi == (
        "Không đạt: năm 2019 đạt 18, mục tiêu từ 20 trở lên vào năm 2020; năm 2020 chưa có số liệu nên "
        "đánh giá theo số liệu gần nhất trước đó (năm 2019); năm 2022: 19, vẫn chưa đạt."
    )


def test_met_only_after_the_deadline_is_not_achieved_and_met_late() -> None:
    # "≥ 20 by 2025": 18 (2024) decides; 21 (2026) is said as met late.
    a = assess(at_least_20(2025), {2024: 18.0, 2026: 21.0}, as_of=2026)
    assert a.status is Status.NOT_ACHIEVED
    assert (a.later_year, a.later_value, a.later_met) == (2026, 21.0, True)
    assert "đạt muộn, năm 2026: 21" in a.explanation_vi
    assert "met late, in 2026: 21" in a.explanation_en


def test_met_in_the_target_year_is_achieved_with_its_margin() -> None:
    # 20.5 in 2025 against ≥ 20: achieved, 0.5 above the bar; no ratio, nothing "required".
    a = assess(at_least_20(2025), {2020: 12.0, 2025: 20.5})
    assert a.status is Status.ACHIEVED
    assert a.final is True
    assert a.margin == pytest.approx(0.5)
    assert a.ratio is None
    assert a.required_per_year == RequiredPerYear()
    assert a.explanation_vi == (
        "Đã đạt: năm 2025 đạt 20,5, mục tiêu từ 20 trở lên vào năm 2025; cao hơn mức cần đạt 0,50."
    )


def test_the_as_of_year_alone_makes_the_verdict_final() -> None:
    # No figure after 2024, but the as-of year 2025 reached the target year.
    assert assess(at_least_20(2025), {2020: 12.0, 2024: 19.9}, as_of=2025).status is Status.NOT_ACHIEVED
    # Before it the same figures are still open (ratio of paces decides).
    assert assess(at_least_20(2025), {2020: 12.0, 2024: 19.9}, as_of=2024).status is Status.ON_TRACK
    # On every figure (no as-of year), a figure after the target year makes it final too.
    assert assess(at_least_20(2025), {2020: 12.0, 2024: 19.9, 2027: 25.0}).status is Status.NOT_ACHIEVED


def test_a_year_the_calendar_has_closed_makes_the_verdict_final_on_every_figure() -> None:
    figures = {2020: 12.0, 2024: 19.9}
    # Asked on every figure in 2026 (2025 is over): the deadline has passed, 2024's figure decides.
    over = assess(at_least_20(2025), figures, closed_through=2025)
    assert (over.status, over.final, over.latest_year) == (Status.NOT_ACHIEVED, True, 2024)
    assert over.required_per_year == RequiredPerYear()
    assert over.explanation_vi == (
        "Không đạt: năm 2024 đạt 19,9, mục tiêu từ 20 trở lên vào năm 2025; năm 2025 chưa có số liệu nên "
        "đánh giá theo số liệu gần nhất trước đó (năm 2024)."
    )
    # Asked in 2025 (only 2024 is over), the year is still ahead.
    assert assess(at_least_20(2025), figures, closed_through=2024).status is Status.ON_TRACK
    # An as-of year is the question's own clock: as of 2024 the deadline is ahead, whatever today is.
    assert assess(at_least_20(2025), figures, as_of=2024, closed_through=2025).status is Status.ON_TRACK
    # A period target is over once its last year is closed.
    growth = Target(TargetKind.AVERAGE_GROWTH, Comparator.AT_LEAST, 10.0, None, period=(2021, 2025))
    levels = {2020: 100.0, 2023: 120.0}
    assert assess(growth, levels, closed_through=2024).final is None
    assert assess(growth, levels, closed_through=2025).final is True


def test_a_single_figure_at_the_deadline_settles_it() -> None:
    # One figure, in the target year: at the deadline one figure is enough for a verdict.
    assert assess(at_least_20(2025), {2025: 19.0}).status is Status.NOT_ACHIEVED
    met = assess(at_least_20(2025), {2025: 21.0})
    assert (met.status, met.margin) == (Status.ACHIEVED, 1.0)


def test_range_lower_is_better_past_its_year() -> None:
    # Agriculture share 6–7 %, lower is better: 7.4 in 2030 misses the weakest bound 7.
    share = Target(
        TargetKind.SHARE, Comparator.RANGE, 6, 7, direction=Direction.LOWER, year=2030, unit="percent"
    )
    a = assess(share, {2020: 10.0, 2030: 7.4})
    assert a.status is Status.NOT_ACHIEVED
    b = assess(share, {2020: 10.0, 2030: 6.8})
    assert b.status is Status.ACHIEVED
    assert b.margin == pytest.approx(0.2)
    assert "thấp hơn mức cần đạt 0,20%" in b.explanation_vi


def test_at_most_lower_is_better_past_its_year() -> None:
    target = Target(TargetKind.LEVEL, Comparator.AT_MOST, None, 2, year=2025, unit="percent")
    assert assess(target, {2020: 4.0, 2025: 2.3}).status is Status.NOT_ACHIEVED
    assert assess(target, {2020: 4.0, 2025: 2.0}).status is Status.ACHIEVED


def test_average_growth_whose_period_has_ended() -> None:
    # 2021–2025, rates known for 2021–2024 only, as-of 2026: the verdict is final on the four years;
    # 2025 is a gap. Average (1.1 * 1.12 * 1.13 * 1.14) ** (1/4) - 1 = 12.2402 % < 15: not achieved.
    target = Target(TargetKind.AVERAGE_GROWTH, Comparator.RANGE, 15, 16, period=(2021, 2025))
    rates = {2021: 10.0, 2022: 12.0, 2023: 13.0, 2024: 14.0}
    a = assess(target, rates, series_kind=SeriesKind.GROWTH_RATE, as_of=2026)
    assert a.status is Status.NOT_ACHIEVED
    assert a.achieved_average is not None
    assert round(a.achieved_average, 4) == 12.2402
    assert a.gap_years == (2025,)
    assert a.required_per_year == RequiredPerYear()
    assert "những năm còn lại" not in a.explanation_vi
    # The same figures as of 2024: years remain, so the ratio decides (12.2402 / 15 = 0.8161).
    open_ = assess(target, rates, series_kind=SeriesKind.GROWTH_RATE, as_of=2024)
    assert open_.status is Status.NEEDS_ACCELERATION


def test_annual_change_whose_period_has_ended() -> None:
    # Poverty 1–1,5 points a year 2021–2025, from 6 (2020): 2.5 in 2025 is 0.7 a year: not achieved.
    target = Target(
        TargetKind.ANNUAL_CHANGE,
        Comparator.RANGE,
        1.0,
        1.5,
        direction=Direction.LOWER,
        period=(2021, 2025),
        unit="percentage_points_per_year",
    )
    a = assess(target, {2020: 6.0, 2024: 2.5}, as_of=2025)
    assert a.status is Status.NOT_ACHIEVED
    assert a.observed_growth == pytest.approx(0.875)
    assert a.required_per_year == RequiredPerYear()
    assert assess(target, {2020: 6.0, 2025: 1.0}).status is Status.ACHIEVED


# --- one bound per number -----------------------------------------------------------------------------


def test_about_with_a_stated_tolerance_says_so_and_uses_the_moved_bound_everywhere() -> None:
    # "khoảng 640.000 tỷ đồng", tolerance 5 % stated: every number counts from 608.000.
    # 400.000 (2020) → 500.000 (2025): still needed (608.000 / 500.000) ** (1/5) - 1 = 3.9888 %/năm.
    target = Target(
        TargetKind.LEVEL, Comparator.ABOUT, 640_000, None, year=2030, unit="billion_vnd", tolerance=0.05
    )
    a = assess(target, {2020: 400_000.0, 2025: 500_000.0})
    assert a.threshold == pytest.approx(608_000)
    assert a.required_per_year.low is not None
    assert round(a.required_per_year.low, 4) == 3.9888
    assert "mục tiêu khoảng 640.000 tỷ đồng (tính từ 608.000 tỷ đồng: dung sai 5%)" in a.explanation_vi
    assert "từ nay cần tăng 3,99%/năm đến năm 2030" in a.explanation_vi


def test_a_range_gives_both_ends_in_the_sentence() -> None:
    # Share 66–67 %, 60 (2020) → 62 (2024): still needed (66/62) ** (1/6) - 1 = 1.0475 %,
    # (67/62) ** (1/6) - 1 = 1.3015 %.
    share = Target(TargetKind.SHARE, Comparator.RANGE, 66, 67, year=2030, unit="percent")
    a = assess(share, {2020: 60.0, 2024: 62.0})
    assert "từ nay cần tăng 1,05–1,30%/năm đến năm 2030" in a.explanation_vi
    assert "from now on it needs growth of 1.05–1.30% a year to 2030" in a.explanation_en


# --- achieved before the deadline: margin and threat, never a negative ratio -------------------------


def test_keep_above_met_but_falling_shows_margin_and_threat_not_a_ratio() -> None:
    # Forest cover ≥ 37: 38.5 (2020) → 37.4 (2024); trend to 2030: 37.4 * (37.4/38.5)^(6/4) = 35.81.
    forest = Target(TargetKind.LEVEL, Comparator.AT_LEAST, 37, None, year=2030, unit="percent")
    a = assess(forest, {2020: 38.5, 2024: 37.4})
    assert a.status is Status.AT_RISK
    assert a.ratio is None
    assert a.required_per_year == RequiredPerYear()
    assert a.margin == pytest.approx(0.4)
    assert a.explanation_vi == (
        "Đã đạt nhưng có nguy cơ không giữ được: năm 2024 đạt 37,4%, mục tiêu từ 37% trở lên vào năm "
        "2030; cao hơn mức cần đạt 0,40%; theo xu hướng từ năm 2020, năm 2030 chỉ còn khoảng 35,81%, không "
        "giữ được mục tiêu."
    )


# --- units in words -----------------------------------------------------------------------------------


def test_no_code_word_in_a_unit_mismatch() -> None:
    target = Target(TargetKind.LEVEL, Comparator.AT_LEAST, 8, None, year=2030, unit="districts")
    a = assess(target, {2019: 2.0, 2023: 7.0}, series_unit="count")
    assert (a.status, a.reason_code) == (Status.INSUFFICIENT_DATA, "unit_mismatch")
    for text in (a.explanation_vi, a.reason):
        assert text is not None
        assert "count" not in text
        assert "districts" not in text
    for text in (a.explanation_en, a.reason_en):
        assert text is not None
        assert re.search(r"\bcount\b|\(districts\)", text) is None
    assert a.reason == (
        "số liệu đếm các đơn vị hành chính cấp huyện (có thể gồm cả thành phố, thị xã), còn mục tiêu đếm số "
        "huyện; chưa biết trong số liệu có bao nhiêu huyện nên không so sánh được"
    )
    other = assess(
        Target(TargetKind.LEVEL, Comparator.AT_LEAST, 3, None, year=2030, unit="percent"),
        {2019: 2.0, 2023: 7.0},
        series_unit="persons",
    )
    assert (
        other.reason
        == "số liệu tính bằng số người, còn mục tiêu tính bằng tỷ lệ phần trăm, nên không so sánh được"
    )


# --- series breaks ------------------------------------------------------------------------------------


def test_the_engine_never_computes_across_a_series_break() -> None:
    # Poverty: 3.14 (2020, old standard) and 5.27 (2021, new standard); break in 2021. The base moves to
    # 2021 (5.27): 5.27 → 1.73 (2024) = 1.18 points a year. Across the break it would be 0.35.
    target = Target(
        TargetKind.ANNUAL_CHANGE,
        Comparator.RANGE,
        1.0,
        1.5,
        direction=Direction.LOWER,
        period=(2021, 2030),
        unit="percentage_points_per_year",
        series_break=2021,
    )
    a = assess(target, {2019: 5.01, 2020: 3.14, 2021: 5.27, 2022: 3.81, 2023: 2.63, 2024: 1.73})
    assert (a.base_year, a.base_value) == (2021, 5.27)
    assert a.observed_growth == pytest.approx(1.18)
    assert a.series_break == 2021
    assert a.base_note == (
        "chuỗi số liệu gãy từ năm 2021 (đổi chuẩn hoặc cách tính): số liệu trước năm 2021 không được dùng"
    )
    assert "từ năm 2021 (5,27%) đến năm 2024 (1,73%)" in a.explanation_vi


def test_a_level_target_with_only_old_series_figures_has_no_data() -> None:
    target = Target(
        TargetKind.LEVEL, Comparator.AT_MOST, None, 2, year=2030, unit="percent", series_break=2021
    )
    a = assess(target, {2019: 5.01, 2020: 3.14})
    assert (a.status, a.reason_code, a.series_break) == (Status.INSUFFICIENT_DATA, "no_data", 2021)


def test_the_command_document_accepts_a_series_break() -> None:
    from nqtrack.domain.progress import assess_json

    doc = {
        "target": {
            "kind": "annual_change",
            "comparator": "range",
            "low": 1,
            "high": 1.5,
            "period": [2021, 2030],
            "direction": "lower",
            "series_break": 2021,
        },
        "series": {"2020": 3.14, "2021": 5.27, "2024": 1.73},
    }
    result = assess_json(doc)
    assert (result["base_year"], result["base_value"], result["status"]) == (2021, 5.27, "on_track")


def test_the_json_of_the_command_carries_the_final_verdict() -> None:
    from nqtrack.domain.progress import assess_json

    doc = {
        "target": {"kind": "level", "comparator": "at_least", "low": 20, "year": 2025},
        "series": {"2024": 18, "2026": 21},
        "as_of": 2026,
    }
    result = assess_json(doc)
    assert {k: result[k] for k in ("status", "final", "later_year", "later_value", "later_met")} == {
        "status": "not_achieved",
        "final": True,
        "later_year": 2026,
        "later_value": 21.0,
        "later_met": True,
    }


# --- dated milestones ---------------------------------------------------------------------------------


def test_a_milestone_past_its_date_is_done_not_done_or_without_information() -> None:
    from datetime import date

    from nqtrack.domain.progress.milestones import MilestoneState, milestone_state

    due = date(2025, 12, 31)
    assert milestone_state(due, date(2026, 1, 1)) is MilestoneState.NO_INFORMATION
    assert milestone_state(due, date(2026, 1, 1), done=False) is MilestoneState.NOT_DONE
    assert milestone_state(due, date(2026, 1, 1), done=True) is MilestoneState.DONE
    assert milestone_state(due, date(2025, 12, 31)) is MilestoneState.NO_INFORMATION  # its last day
    assert milestone_state(due, date(2025, 6, 1)) is MilestoneState.NOT_DUE
    assert milestone_state(due, date(2025, 6, 1), done=True) is MilestoneState.DONE
    assert milestone_state(None, date(2030, 1, 1)) is MilestoneState.NOT_DUE

"""Explanation sentences at the edges the other text tests do not reach: needs exactly half a hundredth
apart, a stored verdict read against a target that lost a bound, the levels of an annual change
counted in households, the needs of a range whose two ends ask the same pace, and a verdict without data
that gives no reason. Each sentence is pinned in both languages."""

from __future__ import annotations

from nqtrack.domain.progress import Method, Status, assess
from nqtrack.domain.progress.model import Assessment, RequiredPerYear
from nqtrack.domain.progress.text import explain
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

K, C, D = TargetKind, Comparator, Direction


def test_annual_change_needs_exactly_half_a_hundredth_apart_are_both_said() -> None:
    # 0 and 0,005 points a year differ by 0,005 exactly, no less: they round to different hundredths
    # (0,00 and 0,01), so both ends are said; only needs closer than that are said once.
    stored = Assessment(
        Status.NEEDS_ACCELERATION,
        Method.RATIO,
        base_year=2020,
        base_value=50.0,
        latest_year=2022,
        latest_value=53.0,
        target_year=2025,
        observed_growth=1.5,
        required_per_year=RequiredPerYear(0.0, 0.005),
    )
    target = Target(K.ANNUAL_CHANGE, C.RANGE, 1.0, 1.5, period=(2021, 2025))
    assert explain(stored, target) == (
        "Cần đẩy nhanh: từ năm 2020 (50%) đến năm 2022 (53%) bình quân mỗi năm tăng 1,50 điểm, mục tiêu tăng "
        "1–1,5 điểm %/năm đến năm 2025; những năm còn lại mỗi năm cần tăng 0,00–0,01 điểm.",
        "Needs acceleration: from 2020 (50%) to 2022 (53%) it rose 1.50 points a year on average, against a "
        "target of a rise of 1–1.5 points a year to 2025; each remaining year now needs a rise of 0.00–0.01 "
        "points.",
    )


def test_a_stored_verdict_against_a_target_without_its_bound_writes_a_question_mark() -> None:
    # a stored assessment is explained again against the target as it now stands (assessments.codec):
    # a bound that is missing is written "?", never left out or filled in
    stored = Assessment(
        Status.NOT_ACHIEVED,
        Method.PROJECTION,
        latest_year=2022,
        latest_value=2.5,
        target_year=2022,
        final=True,
    )
    at_most = Target(K.LEVEL, C.AT_MOST, None, None, year=2022, unit="percent")
    assert explain(stored, at_most) == (
        "Không đạt: năm 2022 đạt 2,5%, mục tiêu không quá ? vào năm 2022.",
        "Not achieved: 2.5% in 2022 against a target of at most ? by 2022.",
    )
    at_least = Target(K.LEVEL, C.AT_LEAST, None, None, year=2022, unit="percent")
    assert explain(stored, at_least) == (
        "Không đạt: năm 2022 đạt 2,5%, mục tiêu từ ? trở lên vào năm 2022.",
        "Not achieved: 2.5% in 2022 against a target of at least ? by 2022.",
    )
    less_than = Target(K.LEVEL, C.LESS_THAN, None, None, year=2022, unit="percent")
    assert explain(stored, less_than) == (
        "Không đạt: năm 2022 đạt 2,5%, mục tiêu dưới ? vào năm 2022.",
        "Not achieved: 2.5% in 2022 against a target of less than ? by 2022.",
    )


def test_the_levels_of_an_annual_change_in_households_are_said_in_households() -> None:
    # poor households 3.000 → 2.200 in two years, against a fall of at least 500 a year: the levels
    # take the target's own unit, not the percent of an annual change of a rate
    target = Target(
        K.ANNUAL_CHANGE, C.AT_LEAST, 500.0, None, period=(2021, 2025), unit="households", direction=D.LOWER
    )
    found = assess(target, {2020: 3000.0, 2022: 2200.0})
    assert found.status is Status.NEEDS_ACCELERATION
    assert found.explanation_vi.split(" bình quân")[0] == (
        "Cần đẩy nhanh: từ năm 2020 (3.000 hộ) đến năm 2022 (2.200 hộ)"
    )
    assert found.explanation_en.split(" it fell")[0] == (
        "Needs acceleration: from 2020 (3,000 households) to 2022 (2,200 households)"
    )


def test_a_range_whose_two_ends_need_the_same_pace_says_that_pace_once() -> None:
    # 35,5 in 2022: (37 / 35,5)^(1/8) − 1 = 0,5187 %/yr and (37,01 / 35,5)^(1/8) − 1 = 0,5221 %/yr, closer
    # than 0,005: one pace, "0,52", never "0,52–0,52"
    target = Target(K.LEVEL, C.RANGE, 37.0, 37.01, year=2030, unit="percent")
    found = assess(target, {2020: 35.0, 2022: 35.5})
    assert (found.status, found.explanation_vi, found.explanation_en) == (
        Status.ON_TRACK,
        "Đúng hướng, có khả năng đạt: năm 2022 đạt 35,5%, mục tiêu 37–37,01% vào năm 2030; từ năm 2020 (35%) "
        "bình quân tăng 0,71%/năm, bằng 128% tốc độ cần thiết (tăng 0,56%/năm), theo đà này năm 2030 đạt "
        "khoảng 37,57%; từ nay cần tăng 0,52%/năm đến năm 2030.",
        "On track: 35.5% in 2022 against a target of 37–37.01% by 2030; since 2020 (35%) it grew 0.71% a "
        "year, 128% of the pace needed (growth of 0.56% a year), and at that pace it would be about 37.57% "
        "in 2030; from now on it needs growth of 0.52% a year to 2030.",
    )


def test_a_verdict_without_data_that_gives_no_reason_says_so() -> None:
    # a stored "not enough data" without its reason (assessments.codec explains it again)
    stored = Assessment(Status.INSUFFICIENT_DATA, Method.RATIO)
    target = Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2030, unit="percent")
    assert explain(stored, target) == (
        "Chưa đủ số liệu: không rõ lý do.",
        "Not enough data: no reason given.",
    )

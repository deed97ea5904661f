"""Edge cases of the explanation sentences: no growth at all, a projection too large for a number, and
a single figure against a bound that limits from above or is strict. Pinned whole in both languages."""

from __future__ import annotations

import pytest

from nqtrack.domain.progress import Status, assess
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

K, C, D = TargetKind, Comparator, Direction

CASES: list[tuple[str, Target, dict[int, float], Status, str, str]] = [
    (
        # 35 → 35 is no growth: "tăng 0,00%/năm", never "giảm"; 35 → 37 over 10 years needs 0,56 %/yr,
        # from 35 in 2022 over 8 years (37 / 35)^(1/8) − 1 = 0,70 %/yr
        "no growth at all",
        Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2030, unit="percent"),
        {2020: 35.0, 2022: 35.0},
        Status.LIMITED_PROGRESS,
        "Tiến triển hạn chế: năm 2022 đạt 35%, mục tiêu từ 37% trở lên vào năm 2030; từ năm 2020 (35%) bình "
        "quân tăng 0,00%/năm, bằng 0% tốc độ cần thiết (tăng 0,56%/năm), theo đà này năm 2030 đạt khoảng "
        "35,00%; từ nay cần tăng 0,70%/năm đến năm 2030.",
        "Limited progress: 35% in 2022 against a target of at least 37% by 2030; since 2020 (35%) it grew "
        "0.00% a year, 0% of the pace needed (growth of 0.56% a year), and at that pace it would be about "
        "35.00% in 2030; from now on it needs growth of 0.70% a year to 2030.",
    ),
    (
        # 3 → 30.000 in 2 years is ×100 a year (+9.900 %/yr): 3 × 100^178 by 2200 is beyond any float, so no
        # projection is said; (2 / 30.000)^(1/178) − 1 = −5,26 %/yr
        "moving away, projection too large to say",
        Target(K.LEVEL, C.AT_MOST, None, 2.0, year=2200, unit="percent", direction=D.LOWER),
        {2020: 3.0, 2022: 30000.0},
        Status.MOVING_AWAY,
        "Đi ngược mục tiêu: năm 2022 đạt 30.000%, mục tiêu không quá 2% vào năm 2200; từ năm 2020 (3%) bình "
        "quân tăng 9.900,00%/năm, ngược chiều với yêu cầu; từ nay cần giảm 5,26%/năm đến năm 2200.",
        "Moving away from the target: 30,000% in 2022 against a target of at most 2% by 2200; since 2020 "
        "(3%) it grew 9,900.00% a year, the opposite way to what is needed; from now on it needs a fall of "
        "5.26% a year to 2200.",
    ),
    (
        # met early, and its trend's projection overflows: the margin (10.000 − 37) alone is said
        "achieved, projection too large to say",
        Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2200, unit="percent"),
        {2020: 1.0, 2022: 10000.0},
        Status.ACHIEVED,
        "Đã đạt: năm 2022 đạt 10.000%, mục tiêu từ 37% trở lên vào năm 2200; cao hơn mức cần đạt 9.963,00%.",
        "Achieved: 10,000% in 2022 against a target of at least 37% by 2200; 9,963.00% above the bar.",
    ),
    (
        "one figure under an upper bound",
        Target(K.LEVEL, C.AT_MOST, None, 2.0, year=2030, unit="percent"),
        {2022: 1.5},
        Status.INSUFFICIENT_DATA,
        "Năm 2022: 1,5%, đã đạt không quá 2%; chưa đủ số liệu để đánh giá xu hướng.",
        "2022: 1.5%, meeting at most 2%; not enough figures to judge a trend.",
    ),
    (
        "one figure over a strict upper bound",
        Target(K.LEVEL, C.LESS_THAN, None, 2.0, year=2030, unit="percent"),
        {2022: 2.5},
        Status.INSUFFICIENT_DATA,
        "Năm 2022: 2,5%, chưa đạt dưới 2%; chưa đủ số liệu để đánh giá xu hướng.",
        "2022: 2.5%, short of less than 2%; not enough figures to judge a trend.",
    ),
    (
        "one figure over a strict lower bound",
        Target(K.LEVEL, C.MORE_THAN, 90.0, None, year=2030, unit="percent"),
        {2022: 91.0},
        Status.INSUFFICIENT_DATA,
        "Năm 2022: 91%, đã đạt trên 90%; chưa đủ số liệu để đánh giá xu hướng.",
        "2022: 91%, meeting more than 90%; not enough figures to judge a trend.",
    ),
]


@pytest.mark.parametrize(
    ("target", "series", "status", "vi", "en"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_explanation_of_an_edge_case_is_one_exact_sentence_per_language(
    target: Target, series: dict[int, float], status: Status, vi: str, en: str
) -> None:
    found = assess(target, series)
    assert (found.status, found.explanation_vi, found.explanation_en) == (status, vi, en)


def test_a_final_verdict_on_the_figure_before_the_target_year_says_so_in_both_languages() -> None:
    # 2025 has no figure: the verdict (36 < 37) is read on 2024's, once 2025 is over
    target = Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2025, unit="percent")
    found = assess(target, {2020: 35.0, 2024: 36.0}, as_of=2026)
    assert (found.status, found.latest_year, found.explanation_vi, found.explanation_en) == (
        Status.NOT_ACHIEVED,
        2024,
        "Không đạt: năm 2024 đạt 36%, mục tiêu từ 37% trở lên vào năm 2025; năm 2025 chưa có số liệu nên "
        "đánh giá theo số liệu gần nhất trước đó (năm 2024).",
        "Not achieved: 36% in 2024 against a target of at least 37% by 2025; there is no figure for 2025, so "
        "the latest before it (2024) decides.",
    )
    single = assess(target, {2024: 36.0}, as_of=2026)
    assert (single.status, single.latest_year, single.explanation_vi) == (
        Status.NOT_ACHIEVED,
        2024,
        found.explanation_vi,
    )


def test_a_range_with_a_decimal_low_bound_is_written_in_each_languages_numbers() -> None:
    # 14 → 14,5 in 2 years: 1,77 %/yr; to 15,5 over 10 years 1,02 %/yr (173 %); 14,5 × 1,0177^8 = 16,69;
    # from 14,5 over 8 years (15,5 / 14,5)^(1/8) − 1 = 0,84 %/yr and (16 / 14,5)^(1/8) − 1 = 1,24 %/yr
    found = assess(Target(K.LEVEL, C.RANGE, 15.5, 16.0, year=2030, unit="percent"), {2020: 14.0, 2022: 14.5})
    assert (found.status, found.explanation_vi, found.explanation_en) == (
        Status.ON_TRACK,
        "Đúng hướng, có khả năng đạt: năm 2022 đạt 14,5%, mục tiêu 15,5–16% vào năm 2030; từ năm 2020 (14%) "
        "bình quân tăng 1,77%/năm, bằng 173% tốc độ cần thiết (tăng 1,02%/năm), theo đà này năm 2030 đạt "
        "khoảng 16,69%; từ nay cần tăng 0,84–1,24%/năm đến năm 2030.",
        "On track: 14.5% in 2022 against a target of 15.5–16% by 2030; since 2020 (14%) it grew 1.77% a "
        "year, 173% of the pace needed (growth of 1.02% a year), and at that pace it would be about 16.69% "
        "in 2030; from now on it needs growth of 0.84–1.24% a year to 2030.",
    )


def test_an_annual_change_keeps_its_stated_tolerance() -> None:
    target = Target(
        K.ANNUAL_CHANGE,
        C.ABOUT,
        1.0,
        None,
        period=(2021, 2030),
        direction=D.LOWER,
        unit="percentage_points_per_year",
        tolerance=0.1,
    )
    found = assess(target, {2020: 5.0, 2023: 2.0})
    assert (found.status, found.tolerance) == (Status.ON_TRACK, 0.1)


def test_a_range_of_average_growth_with_a_tolerance_names_both_moved_bounds() -> None:
    # 100 → 140 in 3 years: 11,87 %/yr; 15 and 16 moved outwards by 10 %: 13,50 and 17,60
    target = Target(K.AVERAGE_GROWTH, C.ABOUT, 15.0, 16.0, period=(2021, 2030), tolerance=0.1)
    found = assess(target, {2020: 100.0, 2023: 140.0})
    assert (found.status, found.latest_value, found.explanation_vi, found.explanation_en) == (
        Status.NEEDS_ACCELERATION,
        140.0,
        "Cần đẩy nhanh: tăng trưởng bình quân 2021–2023 đạt 11,87%/năm, mục tiêu khoảng 15–16%/năm cho thời "
        "kỳ 2021–2030 (tính từ 13,50%: dung sai 10%); những năm còn lại mỗi năm cần tăng 14,21%/năm để cả "
        "thời kỳ đạt 13,50% và 20,15%/năm để cả thời kỳ đạt 17,60%.",
        "Needs acceleration: average growth 2021–2023 was 11.87% a year against a target of about 15–16% a "
        "year for 2021–2030 (counted from 13.50%: a tolerance of 10%); each remaining year now needs 14.21% "
        "a year to average 13.50% and 20.15% a year to average 17.60%.",
    )

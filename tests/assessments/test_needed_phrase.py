"""The "needed per year" phrase of the dashboard and the report says a range the way the engine's
sentence does: the smaller change first, also for a fall; an annual change is counted in points of a rate
in percent and otherwise in the unit of its levels, never "points" of households."""

from __future__ import annotations

from django.utils import translation

from nqtrack.assessments.presenters import growth_per_year, needed_per_year
from nqtrack.domain.progress import assess
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

AGRICULTURE = Target(
    kind=TargetKind.SHARE,
    comparator=Comparator.ABOUT,
    low=6.0,
    high=7.0,
    year=2030,
    direction=Direction.LOWER,
)


def test_a_fall_is_written_from_the_smaller_rate_to_the_larger_as_in_the_sentence() -> None:
    a = assess(AGRICULTURE, {2020: 15.2, 2022: 14.9})
    need = a.required_per_year
    assert (round(need.low or 0, 2), round(need.high or 0, 2)) == (-10.75, -9.01)
    with translation.override("vi"):
        phrase = needed_per_year(a, TargetKind.SHARE, Direction.LOWER, "percent")
    assert phrase == "cần giảm 9,01–10,75%/năm"
    assert f"từ nay {phrase} đến năm 2030" in a.explanation_vi


POOR_HOUSEHOLDS = Target(
    kind=TargetKind.ANNUAL_CHANGE,
    comparator=Comparator.AT_LEAST,
    low=1200.0,
    high=None,
    period=(2021, 2025),
    direction=Direction.LOWER,
    unit="households",
)
POVERTY_RATE = Target(
    kind=TargetKind.ANNUAL_CHANGE,
    comparator=Comparator.RANGE,
    low=1.0,
    high=1.5,
    period=(2021, 2030),
    direction=Direction.LOWER,
    unit="percentage_points_per_year",
)


def test_an_annual_change_in_households_is_said_in_households_everywhere() -> None:
    a = assess(POOR_HOUSEHOLDS, {2020: 10000.0, 2023: 7000.0})
    assert a.explanation_vi == (
        "Cần đẩy nhanh: từ năm 2020 (10.000 hộ) đến năm 2023 (7.000 hộ) bình quân mỗi năm giảm 1.000 hộ, "
        "mục tiêu giảm từ 1.200 hộ trở lên/năm đến năm 2025; những năm còn lại mỗi năm cần giảm 1.500 hộ."
    )
    assert "điểm" not in a.explanation_vi
    assert "points" not in (a.explanation_en or "")
    with translation.override("vi"):
        assert needed_per_year(a, TargetKind.ANNUAL_CHANGE, Direction.LOWER, "households") == (
            "cần giảm 1.500 hộ/năm"
        )
        assert growth_per_year(1000.0, TargetKind.ANNUAL_CHANGE, "households") == "1.000 hộ/năm"
    with translation.override("en"):
        assert needed_per_year(a, TargetKind.ANNUAL_CHANGE, Direction.LOWER, "households") == (
            "needs a fall of 1,500 households/year"
        )


def test_the_floor_of_a_count_is_said_in_its_unit() -> None:
    a = assess(POOR_HOUSEHOLDS, {2020: 4000.0, 2023: 3000.0})
    assert a.method_note == (
        "mức năm 2020 là 4.000 hộ và không thể xuống dưới 0, nên trong 5 năm chỉ có thể giảm nhiều nhất "
        "4.000 hộ, tức bình quân 800 hộ/năm; mức này được dùng làm ngưỡng đánh giá"
    )
    assert a.method_note_en == (
        "the level was 4,000 households in 2020 and cannot go below 0, so over 5 years it can fall by at "
        "most 4,000 households, 800 households a year on average; that is the bar used"
    )


def test_an_annual_change_of_a_rate_is_said_in_points() -> None:
    a = assess(POVERTY_RATE, {2021: 5.27, 2024: 1.73})
    with translation.override("vi"):
        assert needed_per_year(
            a, TargetKind.ANNUAL_CHANGE, Direction.LOWER, "percentage_points_per_year"
        ) == ("cần giảm 0,29 điểm/năm")
        assert (
            growth_per_year(1.18, TargetKind.ANNUAL_CHANGE, "percentage_points_per_year") == "1,18 điểm/năm"
        )
        assert growth_per_year(13.53, TargetKind.AVERAGE_GROWTH, "percent_per_year") == "13,53%/năm"
    with translation.override("en"):
        assert needed_per_year(
            a, TargetKind.ANNUAL_CHANGE, Direction.LOWER, "percentage_points_per_year"
        ) == ("needs a fall of 0.29 points/year")
        assert growth_per_year(1.18, TargetKind.ANNUAL_CHANGE, "percentage_points_per_year") == (
            "1.18 points/year"
        )

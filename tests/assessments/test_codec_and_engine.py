"""The stored form of an assessment and the engine without texts: pure, no database."""

from __future__ import annotations

import json
import math

import pytest

from nqtrack.assessments.codec import assessment_decode, assessment_encode
from nqtrack.assessments.plans import PROVINCE_TOTAL
from nqtrack.domain.progress import Method, SeriesKind, Status, assess, assess_numbers
from nqtrack.domain.progress.model import Assessment, RequiredPerYear
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

FOREST = Target(
    TargetKind.LEVEL, Comparator.AT_LEAST, 37.0, None, Direction.HIGHER, year=2030, unit="percent"
)
GROWTH = Target(
    TargetKind.AVERAGE_GROWTH,
    Comparator.ABOUT,
    15.0,
    16.0,
    Direction.HIGHER,
    period=(2021, 2030),
    unit="percent_per_year",
)
POVERTY = Target(
    TargetKind.ANNUAL_CHANGE,
    Comparator.RANGE,
    1.0,
    1.5,
    Direction.LOWER,
    period=(2021, 2030),
    unit="percentage_points_per_year",
)

CASES = [
    (FOREST, {2018: 36.44, 2020: 38.0, 2023: 37.8}, SeriesKind.LEVEL, Method.RATIO, "percent"),
    (FOREST, {2020: 30.0, 2023: 33.0}, SeriesKind.LEVEL, Method.PROJECTION, "percent"),
    (FOREST, {2020: 30.0}, SeriesKind.LEVEL, Method.RATIO, "percent"),
    (FOREST, {2020: 30.0, 2023: 33.0}, SeriesKind.LEVEL, Method.RATIO, "hectares"),
    (FOREST, {}, SeriesKind.LEVEL, Method.RATIO, None),
    (
        GROWTH,
        {2021: 7.82, 2022: 19.3, 2023: 13.45, 2024: 13.85},
        SeriesKind.GROWTH_RATE,
        Method.RATIO,
        "percent",
    ),
    (POVERTY, {2021: 5.27, 2022: 4.0, 2023: 2.9, 2024: 1.73}, SeriesKind.LEVEL, Method.RATIO, "percent"),
    (POVERTY, {2021: 5.27, 2024: 6.0}, SeriesKind.LEVEL, Method.RATIO, "percent"),
]


@pytest.mark.parametrize(("target", "series", "kind", "method", "unit"), CASES)
def test_assess_numbers_plus_texts_is_assess(
    target: Target, series: dict[int, float], kind: SeriesKind, method: Method, unit: str | None
) -> None:
    expected = assess(target, series, method=method, series_kind=kind, base_year=2020, series_unit=unit)

    numbers = assess_numbers(
        target, series, method=method, series_kind=kind, base_year=2020, series_unit=unit
    )

    assert (numbers.explanation_vi, numbers.explanation_en) == ("", "")
    assert assessment_decode(assessment_encode(numbers), target) == expected


def test_the_stored_form_is_json_without_the_texts() -> None:
    a = assess(FOREST, {2020: 30.0, 2023: 33.0}, base_year=2020, series_unit="percent")

    data = json.loads(json.dumps(assessment_encode(a)))

    assert "explanation_vi" not in data
    assert "explanation_en" not in data
    assert (data["explain"], data["status"], data["latest_value"], data["required_per_year"]["high"]) == (
        True,
        a.status.value,
        33.0,
        None,
    )


def test_numbers_that_are_not_finite_come_back_as_they_were() -> None:
    a = Assessment(
        Status.MOVING_AWAY,
        Method.RATIO,
        ratio=-math.inf,
        projected_value=math.inf,
        required_per_year=RequiredPerYear(low=math.inf, high=None),
        gap_years=(2022, 2023),
    )

    data = json.loads(json.dumps(assessment_encode(a, explain_on_read=False)))

    assert (data["ratio"], data["projected_value"], data["required_per_year"]) == (
        "-inf",
        "inf",
        {"low": "inf", "high": None},
    )
    assert assessment_decode(data, FOREST) == a


def test_an_answer_without_texts_is_read_back_without_texts() -> None:
    data = assessment_encode(PROVINCE_TOTAL, explain_on_read=False)

    assert assessment_decode(data, FOREST) == PROVINCE_TOTAL
    assert assessment_decode(data, FOREST).explanation_vi == ""

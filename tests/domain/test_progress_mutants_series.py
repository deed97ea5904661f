"""The series side of the progress engine: which figures count, the base year, the latest figure.

Kept apart from the engine's behaviour tests so that they are easy to adjust.
"""

from __future__ import annotations

import math

import pytest

from nqtrack.domain.progress.model import Method, SeriesKind
from nqtrack.domain.progress.rules import Insufficient
from nqtrack.domain.progress.series import Base, Request, choose_base, clean_series, latest_point
from nqtrack.domain.targets import Comparator, Target, TargetKind

TARGET = Target(TargetKind.LEVEL, Comparator.AT_LEAST, 37.0, None, year=2030)


def request(series: dict[int, float], base: int | None, target: Target = TARGET) -> Request:
    return Request(target, series, Method.RATIO, SeriesKind.LEVEL, base, 2030)


def test_only_finite_numbers_of_whole_years_up_to_the_cutoff_count() -> None:
    raw: dict[object, object] = {
        2019: "35,5",
        2020: "35.5",
        2021: math.nan,
        2022: math.inf,
        2023: None,
        True: 1.0,
        "2024": 1.0,
        2025: 36,
        2026: 37.0,
        2027: 10**400,
    }
    assert clean_series(raw, 2026) == {2020: 35.5, 2025: 36.0, 2026: 37.0}  # type: ignore[arg-type]
    assert clean_series({2030: 1.0, 2031: 2.0}, None) == {2030: 1.0, 2031: 2.0}
    assert clean_series({2030: 1.0, 2031: 2.0}, 2030) == {2030: 1.0}
    assert Request(TARGET, {}, Method.RATIO, SeriesKind.LEVEL, None, 2030).final is False
    assert Request(TARGET, {}, Method.RATIO, SeriesKind.LEVEL, None, 2030).later == {}


def test_the_latest_point_and_no_figures() -> None:
    assert latest_point({2020: 1.0, 2024: 3.0, 2022: 2.0}) == (2024, 3.0)
    with pytest.raises(Insufficient) as caught:
        latest_point({})
    assert (caught.value.code, caught.value.reason_vi, caught.value.reason_en) == (
        "no_data",
        "không có số liệu",
        "no figures",
    )


def test_the_base_is_the_first_year_the_requested_one_or_the_next_with_a_figure() -> None:
    series = {2019: 30.0, 2021: 31.0, 2023: 33.0}
    assert choose_base(request(series, None)) == Base(2019, 30.0)
    assert choose_base(request(series, 2021)) == Base(2021, 31.0)
    assert choose_base(request(series, 2020)) == Base(
        2021,
        31.0,
        "năm gốc 2020 không có số liệu nên lấy năm gần nhất sau đó (2021)",
        "the base year 2020 has no figure, so the next year with one (2021) was taken",
    )
    with pytest.raises(Insufficient) as caught:
        choose_base(request(series, 2023 + 1))
    assert (caught.value.code, caught.value.reason_vi, caught.value.reason_en) == (
        "no_base",
        "không có số liệu từ năm gốc 2024 trở đi",
        "no figure in or after the base year 2024",
    )
    with pytest.raises(Insufficient) as caught:
        choose_base(request({}, None))
    assert caught.value.code == "no_data"


def test_a_base_value_stated_in_the_programme_stands_in_for_a_missing_year() -> None:
    stated = Target(
        TargetKind.LEVEL, Comparator.AT_LEAST, 37.0, None, year=2030, base_year=2020, baseline=29.5
    )
    series = {2021: 31.0}
    assert choose_base(request(series, 2020, stated)) == Base(
        2020,
        29.5,
        "năm gốc 2020 lấy giá trị nêu trong chương trình",
        "base year 2020 uses the value stated in the programme",
    )
    assert choose_base(request({2020: 30.0, 2021: 31.0}, 2020, stated)) == Base(2020, 30.0)
    other_year = Target(
        TargetKind.LEVEL, Comparator.AT_LEAST, 37.0, None, year=2030, base_year=2019, baseline=29.5
    )
    assert choose_base(request(series, 2020, other_year)).year == 2021
    not_finite = Target(
        TargetKind.LEVEL, Comparator.AT_LEAST, 37.0, None, year=2030, base_year=2020, baseline=math.inf
    )
    assert choose_base(request(series, 2020, not_finite)).year == 2021

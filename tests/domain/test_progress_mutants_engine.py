"""The entry points of the progress engine: guards, units, series breaks, the JSON form and groups.

Kept apart from the engine's behaviour tests so that they are easy to adjust.
"""

from __future__ import annotations

import math

import pytest

from nqtrack.domain.progress import (
    Method,
    ProgressInputError,
    SeriesKind,
    Status,
    assess_numbers,
    assessment_to_dict,
    count_by_status,
    group_status,
)
from nqtrack.domain.progress.input_document import parse_input
from nqtrack.domain.progress.model import Assessment, RequiredPerYear
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind


def level(**kw: object) -> Target:
    return Target(TargetKind.LEVEL, Comparator.AT_LEAST, 37.0, None, **kw)  # type: ignore[arg-type]


def test_a_target_without_a_year_or_period_is_refused() -> None:
    found = assess_numbers(level(), {2020: 35.0, 2022: 36.0}, method=Method.PROJECTION)
    assert (found.status, found.reason_code, found.reason, found.reason_en, found.method) == (
        Status.INSUFFICIENT_DATA,
        "bad_target",
        "mục tiêu không hợp lệ: thiếu năm mục tiêu hoặc thời kỳ",
        "invalid target: it has no target year or period",
        Method.PROJECTION,
    )
    rate = Target(TargetKind.AVERAGE_GROWTH, Comparator.AT_LEAST, 7.0, None, year=2030)
    found = assess_numbers(rate, {2020: 1.0, 2022: 2.0}, method=Method.PROJECTION)
    assert (found.reason_code, found.method, found.target_year) == ("bad_target", Method.RATIO, 2030)


def test_a_level_target_may_be_dated_by_a_period() -> None:
    found = assess_numbers(level(period=(2021, 2030)), {2020: 35.0, 2022: 36.0})
    assert (found.status, found.target_year) == (Status.ON_TRACK, 2030)


def test_units_must_match_where_series_and_target_share_one() -> None:
    found = assess_numbers(level(year=2030, unit="percent"), {2020: 35.0, 2022: 36.0}, series_unit="persons")
    assert (found.status, found.reason_code, found.reason) == (
        Status.INSUFFICIENT_DATA,
        "unit_mismatch",
        "số liệu tính bằng số người, còn mục tiêu tính bằng tỷ lệ phần trăm, nên không so sánh được",
    )
    assert (
        found.reason_en
        == "the figures are in people and the target in a percentage, so they cannot be compared"
    )
    assert assess_numbers(
        level(year=2030, unit="percent"), {2020: 35.0, 2022: 36.0}, series_unit="percent"
    ).status is (Status.ON_TRACK)
    assert (
        assess_numbers(level(year=2030), {2020: 35.0, 2022: 36.0}, series_unit="persons").status
        is Status.ON_TRACK
    )
    growth = Target(
        TargetKind.AVERAGE_GROWTH, Comparator.AT_LEAST, 7.0, None, period=(2021, 2025), unit="percent"
    )
    rates = {2021: 8.0, 2022: 8.0}
    kind = SeriesKind.GROWTH_RATE
    assert (
        assess_numbers(growth, rates, series_kind=kind, series_unit="percent_per_year").status
        is Status.ON_TRACK
    )
    assert (
        assess_numbers(growth, rates, series_kind=kind, series_unit="persons").reason_code == "unit_mismatch"
    )
    levels = {2020: 100.0, 2022: 120.0}
    assert assess_numbers(growth, levels, series_unit="billion_vnd").status is Status.ON_TRACK
    change = Target(
        TargetKind.ANNUAL_CHANGE, Comparator.AT_LEAST, 1.0, None, period=(2021, 2025), unit="percent"
    )
    assert assess_numbers(change, {2020: 10.0, 2022: 13.0}, series_unit="persons").status is Status.ON_TRACK


def test_figures_before_a_series_break_are_left_out_and_said_so() -> None:
    broken = level(year=2030, series_break=2021)
    found = assess_numbers(broken, {2019: 10.0, 2021: 35.0, 2023: 36.0}, base_year=2019)
    assert (found.base_year, found.base_value, found.series_break) == (2021, 35.0, 2021)
    assert found.base_note == (
        "chuỗi số liệu gãy từ năm 2021 (đổi chuẩn hoặc cách tính): số liệu trước năm 2021 không được dùng"
    )
    assert (
        found.base_note_en
        == "the series breaks in 2021 (a new standard or method): figures before 2021 are not used"
    )
    later_base = assess_numbers(broken, {2021: 35.0, 2022: 35.5, 2023: 36.0}, base_year=2022)
    assert (later_base.base_year, later_base.base_note, later_base.series_break) == (2022, None, None)
    moved = assess_numbers(broken, {2019: 10.0, 2022: 35.0, 2023: 36.0}, base_year=2019)
    assert moved.base_note == (
        "năm gốc 2021 không có số liệu nên lấy năm gần nhất sau đó (2022); chuỗi số liệu gãy từ năm 2021 "
        "(đổi chuẩn hoặc cách tính): số liệu trước năm 2021 không được dùng"
    )
    assert moved.base_note_en == (
        "the base year 2021 has no figure, so the next year with one (2022) was taken; the series breaks in "
        "2021 (a new standard or method): figures before 2021 are not used"
    )
    nothing_after = assess_numbers(broken, {2019: 10.0, 2020: 11.0})
    assert (nothing_after.status, nothing_after.series_break) == (Status.INSUFFICIENT_DATA, 2021)


def test_the_verdict_is_final_at_the_as_of_year_or_with_a_figure_of_the_target_year() -> None:
    target = level(year=2025)
    assert assess_numbers(target, {2020: 35.0, 2023: 38.0}, as_of=2025).final is True
    assert assess_numbers(target, {2020: 35.0, 2023: 38.0}, as_of=2024).final is None
    assert assess_numbers(target, {2020: 35.0, 2025: 38.0}).final is True
    late = assess_numbers(target, {2020: 35.0, 2025: 36.0, 2026: 38.0})
    assert (late.status, late.later_year, late.later_value, late.later_met) == (
        Status.NOT_ACHIEVED,
        2026,
        38.0,
        True,
    )
    cut = assess_numbers(target, {2020: 35.0, 2025: 36.0, 2026: 38.0}, as_of=2025)
    assert cut.later_year is None


def test_the_json_form_has_no_infinity_and_says_final_as_a_boolean() -> None:
    a = Assessment(
        Status.ON_TRACK,
        Method.RATIO,
        ratio=math.inf,
        projected_value=math.nan,
        base_value=1.0,
        latest_value=-math.inf,
        threshold=2.0,
        observed_growth=3.0,
        required_growth=4.0,
        achieved_average=5.0,
        required_per_year=RequiredPerYear(math.inf, 6.0),
        gap_years=(2022, 2023),
        margin=7.0,
        later_value=8.0,
    )
    found = assessment_to_dict(a)
    assert found["ratio"] is None
    assert found["projected_value"] is None
    assert found["latest_value"] is None
    assert (found["base_value"], found["threshold"], found["observed_growth"]) == (1.0, 2.0, 3.0)
    assert (found["required_growth"], found["achieved_average"], found["margin"], found["later_value"]) == (
        4.0,
        5.0,
        7.0,
        8.0,
    )
    assert found["required_per_year"] == {"low": None, "high": 6.0}
    assert (found["gap_years"], found["final"], found["status"], found["method"]) == (
        [2022, 2023],
        False,
        "on_track",
        "ratio",
    )
    assert assessment_to_dict(Assessment(Status.ACHIEVED, Method.PROJECTION, final=True))["final"] is True
    assert len(found) == 31


def test_a_group_takes_its_worst_judged_status() -> None:
    assert group_status([]) is Status.INSUFFICIENT_DATA
    assert group_status([Status.INSUFFICIENT_DATA]) is Status.INSUFFICIENT_DATA
    assert group_status([Status.ACHIEVED, Status.INSUFFICIENT_DATA]) is Status.ACHIEVED
    assert group_status([Status.ON_TRACK, Status.AT_RISK, Status.ACHIEVED]) is Status.AT_RISK
    assert group_status([Status.MOVING_AWAY, Status.NOT_ACHIEVED]) is Status.NOT_ACHIEVED
    assert group_status([Assessment(Status.NEEDS_ACCELERATION, Method.RATIO), Status.ON_TRACK]) is (
        Status.NEEDS_ACCELERATION
    )
    counts = count_by_status(
        [Status.ON_TRACK, Status.ON_TRACK, Assessment(Status.INSUFFICIENT_DATA, Method.RATIO)]
    )
    assert list(counts.items()) == [
        (Status.ACHIEVED, 0),
        (Status.ON_TRACK, 2),
        (Status.AT_RISK, 0),
        (Status.NEEDS_ACCELERATION, 0),
        (Status.LIMITED_PROGRESS, 0),
        (Status.MOVING_AWAY, 0),
        (Status.NOT_ACHIEVED, 0),
        (Status.INSUFFICIENT_DATA, 1),
    ]


def test_the_base_year_of_a_rate_target_is_the_year_before_its_period() -> None:
    growth = Target(TargetKind.AVERAGE_GROWTH, Comparator.AT_LEAST, 7.0, None, period=(2021, 2025))
    found = assess_numbers(growth, {2019: 90.0, 2020: 100.0, 2022: 121.0})
    assert (found.base_year, found.base_value) == (2020, 100.0)
    own = Target(
        TargetKind.AVERAGE_GROWTH, Comparator.AT_LEAST, 7.0, None, period=(2021, 2025), base_year=2019
    )
    assert assess_numbers(own, {2019: 90.0, 2020: 100.0, 2022: 121.0}).base_year == 2019
    assert assess_numbers(own, {2019: 90.0, 2020: 100.0, 2022: 121.0}, base_year=2020).base_year == 2020
    lower = Target(TargetKind.LEVEL, Comparator.AT_MOST, None, 2.0, year=2030, direction=Direction.LOWER)
    assert assess_numbers(lower, {2018: 3.0, 2020: 2.5, 2022: 2.4}).base_year == 2018


def test_the_json_form_has_exactly_its_keys() -> None:
    assert list(assessment_to_dict(Assessment(Status.ON_TRACK, Method.RATIO))) == [
        "status",
        "ratio",
        "projected_value",
        "base_year",
        "base_value",
        "latest_year",
        "latest_value",
        "target_year",
        "threshold",
        "observed_growth",
        "required_growth",
        "achieved_average",
        "required_per_year",
        "gap_years",
        "explanation",
        "explanation_en",
        "method",
        "reason",
        "reason_en",
        "reason_code",
        "base_note",
        "base_note_en",
        "method_note",
        "method_note_en",
        "final",
        "margin",
        "later_year",
        "later_value",
        "later_met",
        "tolerance",
        "series_break",
    ]


def test_the_input_document_refuses_what_it_cannot_read_with_the_field_named() -> None:
    target = {"kind": "level", "comparator": "range", "low": 5, "high": 3, "year": 2030}
    cases = [
        (target, "target.low (5) is above target.high (3)"),
        (
            dict(target, low=1, comparator="nope"),
            "target.comparator must be one of range, at_least, more_than, at_most, less_than, equal, about, "
            "not 'nope'",
        ),
        (dict(target, low=1, year="x"), "target.year must be a year such as 2030, not 'x'"),
        (
            dict(target, low=1, baseline={"value": 3, "year": "y"}),
            "target.baseline.year must be a year such as 2030, not 'y'",
        ),
    ]
    for doc, message in cases:
        with pytest.raises(ProgressInputError) as caught:
            parse_input({"target": doc, "series": {"2020": 1}})
        assert str(caught.value) == message
    assert parse_input({"target": dict(target, low=1, unit="percent"), "series": {}}).target.unit == "percent"
    assert parse_input({"target": dict(target, low=1), "series": {}}).target.unit == ""


def test_a_bad_first_year_of_a_period_is_named() -> None:
    doc = {"kind": "average_growth", "comparator": "at_least", "low": 7, "period": ["x", 2025]}
    with pytest.raises(ProgressInputError) as caught:
        parse_input({"target": doc, "series": {}})
    assert str(caught.value) == "target.period[0] must be a year such as 2030, not 'x'"

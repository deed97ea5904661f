"""The lines a target chart draws end where the assessment says: path, projection, needed from now."""

from __future__ import annotations

import pytest

from nqtrack.charts.data import XY, TargetBand, interpolate, segments, target_lines, yearly_changes
from nqtrack.domain.progress import SeriesKind, assess
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind


def xy(point: XY) -> tuple[object, ...]:
    """A point as a plain tuple, to compare with ``pytest.approx`` inside."""
    return point.year, point.value


FOREST = Target(kind=TargetKind.LEVEL, comparator=Comparator.AT_LEAST, low=37.0, high=None, year=2030)


def test_a_level_target_goes_from_the_base_to_the_bound_and_from_the_latest_figure_on() -> None:
    a = assess(FOREST, {2020: 35.5, 2024: 36.0}, base_year=2020)
    lines = target_lines(FOREST, a, growth_rates=False)
    assert lines.band == TargetBand(37.0, None, 2030)
    assert [p.year for p in lines.path] == list(range(2020, 2031))
    assert lines.path[0] == XY(2020, 35.5)
    assert xy(lines.path[-1]) == (2030, pytest.approx(37.0))
    # compound: every year the same growth
    steps = {round(b.value / a_.value, 12) for a_, b in zip(lines.path, lines.path[1:], strict=False)}
    assert len(steps) == 1
    assert [p.year for p in lines.projection] == list(range(2024, 2031))
    assert lines.projection[-1].value == pytest.approx(a.projected_value)
    assert lines.needed[0] == XY(2024, 36.0)
    yearly = (lines.needed[1].value / lines.needed[0].value - 1) * 100
    assert a.required_per_year.low is not None
    assert yearly == pytest.approx(a.required_per_year.low)


def test_a_met_target_draws_its_threat_and_no_falling_required_path() -> None:
    # 37,4 ≥ 37 today; the trend from 2020 takes it to 35,81 in 2030 (docs/progress.md: at risk).
    a = assess(FOREST, {2020: 38.5, 2024: 37.4}, base_year=2020)
    lines = target_lines(FOREST, a, growth_rates=False)
    assert (lines.path, lines.needed) == ((), ())
    assert [p.year for p in lines.projection] == list(range(2024, 2031))
    assert lines.projection[-1].value == pytest.approx(35.81, abs=0.005)


def test_a_final_verdict_draws_nothing_still_needed() -> None:
    a = assess(FOREST, {2020: 35.5, 2030: 36.0})
    lines = target_lines(FOREST, a, growth_rates=False)
    assert (lines.path, lines.needed, lines.projection) == ((), (), ())


def test_a_growth_rate_target_draws_flat_lines_at_the_bound_the_average_and_the_need() -> None:
    target = Target(
        kind=TargetKind.AVERAGE_GROWTH, comparator=Comparator.ABOUT, low=15.0, high=16.0, period=(2021, 2030)
    )
    rates = {2021: 7.82, 2022: 19.3, 2023: 13.45, 2024: 13.85}
    a = assess(target, rates, series_kind=SeriesKind.GROWTH_RATE)
    lines = target_lines(target, a, growth_rates=True)
    assert lines.band == TargetBand(15.0, 16.0, 2030)
    assert lines.path == (XY(2021, 15.0), XY(2030, 15.0))
    assert a.achieved_average == pytest.approx(13.5323, abs=1e-4)
    assert [xy(p) for p in lines.projection] == [(2024, a.achieved_average), (2030, a.achieved_average)]
    assert a.required_per_year.low == pytest.approx(15.99, abs=0.005)
    need = a.required_per_year.low
    assert [xy(p) for p in lines.needed] == [(2025, need), (2030, need)]


def test_an_average_growth_target_on_levels_becomes_the_level_it_leads_to() -> None:
    target = Target(
        kind=TargetKind.AVERAGE_GROWTH,
        comparator=Comparator.MORE_THAN,
        low=18.0,
        high=None,
        period=(2021, 2030),
    )
    a = assess(target, {2020: 100.0, 2022: 130.0})
    lines = target_lines(target, a, growth_rates=False)
    goal = 100.0 * 1.18**10
    band: tuple[object, ...] = (lines.band.low, lines.band.high, lines.band.year)
    assert band == (pytest.approx(goal), None, 2030)
    assert lines.path[0] == XY(2020, 100.0)
    assert lines.path[-1].value == pytest.approx(goal)
    assert lines.needed[0] == XY(2022, 130.0)
    assert xy(lines.needed[-1]) == (2030, pytest.approx(goal))
    assert a.achieved_average is not None
    assert lines.projection[-1].value == pytest.approx(130.0 * (1 + a.achieved_average / 100) ** 8)


def test_an_annual_change_target_draws_the_yearly_change_against_its_band() -> None:
    # "giảm 1–1,5 điểm/năm": the band is 1–1,5 points a year, not a level; 12 → 9 over 3 years is
    # 1 point a year on average (flat from 2023); the rest must bring (1,0×10 − 3) / 7 = 1 point a year.
    target = Target(
        kind=TargetKind.ANNUAL_CHANGE,
        comparator=Comparator.RANGE,
        low=1.0,
        high=1.5,
        direction=Direction.LOWER,
        period=(2021, 2030),
    )
    a = assess(target, {2020: 12.0, 2023: 9.0})
    lines = target_lines(target, a, growth_rates=False)
    assert lines.band == TargetBand(1.0, 1.5, 2030)
    assert lines.path == (XY(2021, 1.0), XY(2030, 1.0))
    assert [xy(p) for p in lines.projection] == [(2023, pytest.approx(1.0)), (2030, pytest.approx(1.0))]
    assert [xy(p) for p in lines.needed] == [(2024, pytest.approx(1.0)), (2030, pytest.approx(1.0))]


def test_yearly_changes_and_segments_never_cross_a_gap_or_a_break() -> None:
    poverty = {2019: 5.01, 2020: 3.14, 2021: 5.27, 2022: 3.81, 2023: 2.63, 2024: 1.73}
    changes = yearly_changes(poverty, lower_is_better=True, series_break=2021)
    # 2021 − 2020 crosses the break: no change for 2021.
    assert {y: round(v, 2) for y, v in changes.items()} == {2020: 1.87, 2022: 1.46, 2023: 1.18, 2024: 0.9}
    assert segments([2019, 2020, 2021, 2022], 2021) == [0, 0, 1, 1]
    assert segments([2016, 2017, 2019, 2021], None) == [0, 0, 1, 2]


def test_without_a_base_nothing_but_the_target_is_drawn() -> None:
    a = assess(FOREST, {})
    lines = target_lines(FOREST, a, growth_rates=False)
    assert (lines.band, lines.path, lines.projection, lines.needed) == (
        TargetBand(37.0, None, 2030),
        (),
        (),
        (),
    )


def test_interpolation_is_compound_for_positive_ends_and_straight_otherwise() -> None:
    assert [xy(p) for p in interpolate(XY(2020, 100.0), XY(2022, 121.0))] == [
        (2020, 100.0),
        (2021, pytest.approx(110.0)),
        (2022, pytest.approx(121.0)),
    ]
    assert interpolate(XY(2020, 0.0), XY(2022, 2.0)) == (XY(2020, 0.0), XY(2021, 1.0), XY(2022, 2.0))
    assert interpolate(XY(2022, 1.0), XY(2022, 2.0)) == ()

"""Property tests of the progress engine: never raises, monotone in the latest figure, scale-free."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from nqtrack.domain.progress import (
    Assessment,
    Method,
    SeriesKind,
    Status,
    assess,
    assessment_to_dict,
    status_rank,
)
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

finite = st.floats(allow_nan=False, allow_infinity=False)
years = st.integers(min_value=1990, max_value=2040)
optional_finite = st.none() | finite
# Moderate positive figures: scaling them by 2**±8 stays far from overflow and subnormals.
moderate = st.floats(min_value=0.01, max_value=1e4, allow_nan=False)

targets = st.builds(
    Target,
    kind=st.sampled_from(TargetKind),
    comparator=st.sampled_from(Comparator),
    low=optional_finite,
    high=optional_finite,
    direction=st.sampled_from(Direction),
    year=st.none() | years,
    period=st.none() | st.tuples(years, years),
    unit=st.sampled_from(["", "percent", "billion_vnd", "percent_per_year"]),
    tolerance=st.none() | st.floats(min_value=-1, max_value=2, allow_nan=False),
    base_year=st.none() | years,
    baseline=optional_finite,
)


# deadline=None throughout: an example that runs slowly on a loaded machine is no failure (timing belongs
# to the benchmarks, not to the tests).
@settings(max_examples=600, deadline=None)
@given(
    target=targets,
    series=st.dictionaries(years, finite, max_size=8),
    method=st.sampled_from(Method),
    series_kind=st.sampled_from(SeriesKind),
    base_year=st.none() | years,
    as_of=st.none() | years,
    series_unit=st.none() | st.sampled_from(["percent", "billion_vnd", "persons"]),
)
def test_assess_never_raises_and_is_json_ready(
    target: Target,
    series: dict[int, float],
    method: Method,
    series_kind: SeriesKind,
    base_year: int | None,
    as_of: int | None,
    series_unit: str | None,
) -> None:
    a = assess(
        target,
        series,
        method=method,
        series_kind=series_kind,
        base_year=base_year,
        as_of=as_of,
        series_unit=series_unit,
    )
    assert isinstance(a, Assessment)
    assert a.explanation_vi
    assert a.explanation_en
    if a.status is Status.INSUFFICIENT_DATA:
        assert a.reason
        assert a.reason_en
    json.dumps(assessment_to_dict(a), allow_nan=False)


# --- a better latest value never gives a worse status --------------------------------------------------

HIGHER_COMPARATORS = [
    Comparator.AT_LEAST,
    Comparator.MORE_THAN,
    Comparator.RANGE,
    Comparator.ABOUT,
    Comparator.EQUAL,
]
LOWER_COMPARATORS = [
    Comparator.AT_MOST,
    Comparator.LESS_THAN,
    Comparator.RANGE,
    Comparator.ABOUT,
    Comparator.EQUAL,
]


@st.composite
def level_targets(draw: st.DrawFn) -> Target:
    higher = draw(st.booleans())
    comparator = draw(st.sampled_from(HIGHER_COMPARATORS if higher else LOWER_COMPARATORS))
    a, b = sorted((draw(moderate), draw(moderate)))
    low, high = (a, b) if comparator in (Comparator.RANGE, Comparator.ABOUT) else (a, a)
    return Target(
        TargetKind.LEVEL,
        comparator,
        low,
        high,
        direction=Direction.HIGHER if higher else Direction.LOWER,
        year=draw(st.integers(2022, 2035)),
        tolerance=draw(st.none() | st.floats(0, 0.2)),
    )


def _better_worse(target: Target, v1: float, v2: float) -> tuple[float, float]:
    small, large = sorted((v1, v2))
    higher = target.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN) or (
        target.comparator not in (Comparator.AT_MOST, Comparator.LESS_THAN)
        and target.direction is Direction.HIGHER
    )
    return (large, small) if higher else (small, large)


@settings(max_examples=400, deadline=None)
@given(
    target=level_targets(),
    base=moderate,
    middle=st.none() | moderate,
    v1=moderate,
    v2=moderate,
    base_year=st.integers(2010, 2020),
    gap=st.integers(1, 12),
    method=st.sampled_from(Method),
)
def test_better_latest_value_never_gives_worse_status(
    target: Target,
    base: float,
    middle: float | None,
    v1: float,
    v2: float,
    base_year: int,
    gap: int,
    method: Method,
) -> None:
    latest_year = min(base_year + gap, target.end_year)
    better, worse = _better_worse(target, v1, v2)

    def status(latest: float) -> Status:
        series = {base_year: base, latest_year: latest}
        if middle is not None and latest_year - base_year > 1:
            series[base_year + 1] = middle
        return assess(target, series, method=method, base_year=base_year).status

    good, bad = status(better), status(worse)
    assert status_rank(good) <= status_rank(bad), (good, bad)


@settings(max_examples=300, deadline=None)
@given(
    rates=st.lists(st.floats(-20, 40), min_size=0, max_size=8),
    r1=st.floats(-50, 60),
    r2=st.floats(-50, 60),
    comparator=st.sampled_from(
        [Comparator.RANGE, Comparator.ABOUT, Comparator.AT_LEAST, Comparator.MORE_THAN]
    ),
)
def test_average_growth_better_latest_rate_never_worse(
    rates: list[float], r1: float, r2: float, comparator: Comparator
) -> None:
    target = Target(TargetKind.AVERAGE_GROWTH, comparator, 15, 16, period=(2021, 2030))
    first = {2021 + i: g for i, g in enumerate(rates)}
    latest_year = 2021 + len(rates)
    worse, better = sorted((r1, r2))

    def status(rate: float) -> Status:
        series = {**first, latest_year: rate}
        return assess(target, series, series_kind=SeriesKind.GROWTH_RATE).status

    assert status_rank(status(better)) <= status_rank(status(worse))


@settings(max_examples=300, deadline=None)
@given(
    base=st.floats(0, 30),
    v1=st.floats(0, 30),
    v2=st.floats(0, 30),
    latest_year=st.integers(2021, 2027),
    comparator=st.sampled_from(
        [Comparator.RANGE, Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.ABOUT]
    ),
)
def test_annual_change_lower_latest_rate_never_worse(
    base: float, v1: float, v2: float, latest_year: int, comparator: Comparator
) -> None:
    target = Target(
        TargetKind.ANNUAL_CHANGE, comparator, 1.0, 1.5, direction=Direction.LOWER, period=(2021, 2025)
    )
    better, worse = sorted((v1, v2))

    def status(latest: float) -> Status:
        return assess(target, {2020: base, latest_year: latest}).status

    assert status_rank(status(better)) <= status_rank(status(worse))


# --- scaling every figure and bound by the same factor changes nothing ----------------------------------


def _scaled(target: Target, k: float) -> Target:
    def times(x: float | None) -> float | None:
        return None if x is None else x * k

    return Target(
        target.kind,
        target.comparator,
        times(target.low),
        times(target.high),
        direction=target.direction,
        year=target.year,
        period=target.period,
        tolerance=target.tolerance,
    )


@settings(max_examples=400, deadline=None)
@given(
    target=level_targets(),
    values=st.lists(moderate, min_size=2, max_size=6),
    exponent=st.integers(-8, 8),
    method=st.sampled_from(Method),
)
def test_scaling_by_a_positive_factor_changes_nothing(
    target: Target, values: list[float], exponent: int, method: Method
) -> None:
    # Powers of two scale floats exactly, so the comparison can be exact (a decimal factor such as 10
    # would round, and could tip a figure sitting exactly on a threshold).
    k = 2.0**exponent
    series = {2015 + i: v for i, v in enumerate(values)}
    plain = assess(target, series, method=method)
    scaled = assess(_scaled(target, k), {y: v * k for y, v in series.items()}, method=method)
    assert scaled.status is plain.status
    assert scaled.ratio == plain.ratio
    assert scaled.observed_growth == plain.observed_growth


@settings(max_examples=200, deadline=None)
@given(base=moderate, latest=moderate, exponent=st.integers(-8, 8), latest_year=st.integers(2021, 2025))
def test_scaling_annual_change_changes_nothing(
    base: float, latest: float, exponent: int, latest_year: int
) -> None:
    k = 2.0**exponent
    target = Target(
        TargetKind.ANNUAL_CHANGE, Comparator.RANGE, 1.0, 1.5, direction=Direction.LOWER, period=(2021, 2025)
    )
    plain = assess(target, {2020: base, latest_year: latest})
    scaled = assess(_scaled(target, k), {2020: base * k, latest_year: latest * k})
    assert scaled.status is plain.status
    assert scaled.ratio == plain.ratio

"""Vietnamese number formatting: a dot between thousands, a comma before decimals."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nqtrack.domain.vnnumbers import format_en_number, format_vn_number, parse_vn_number


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (0.2028, 2, "0,20"),
        (155876.0, 0, "155.876"),
        (1234567.891, 2, "1.234.567,89"),
        (-1234.5, 1, "-1.234,5"),
        (2.675, 2, "2,68"),  # half-up on the written value, not half-even on the binary one
        (-0.04, 1, "0,0"),  # no "-0,0"
        (37.0, 1, "37,0"),
        (999.95, 1, "1.000,0"),
    ],
)
def test_format_vn_number(x: float, decimals: int, expected: str) -> None:
    assert format_vn_number(x, decimals) == expected


def test_format_vn_number_default_is_one_decimal() -> None:
    assert format_vn_number(1234.5) == "1.234,5"


def test_trim_drops_trailing_zeros() -> None:
    assert format_vn_number(37.0, 2, trim=True) == "37"
    assert format_vn_number(2.50, 2, trim=True) == "2,5"
    assert format_vn_number(1000.0, 1, trim=True) == "1.000"
    assert format_en_number(1234.50, 2, trim=True) == "1,234.5"


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="non-finite"):
        format_vn_number(math.nan)
    with pytest.raises(ValueError, match="decimals"):
        format_vn_number(1.0, -1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,5", 1.5),
        ("9.800", 9800.0),
        ("1.234,5", 1234.5),
        ("640", 640.0),
        ("-2,3", -2.3),
        ("\u22122,3", -2.3),
        ("15%", 15.0),
        (" 99,5 % ", 99.5),
        ("1 922 000", 1922000.0),
        ("155.876,0", 155876.0),
    ],
)
def test_parse_vn_number(text: str, expected: float) -> None:
    assert parse_vn_number(text) == expected


@pytest.mark.parametrize("text", ["1.5", "1,234.5", "", "abc", "1.23.456", "9.800.", "1..000"])
def test_parse_vn_number_refuses_what_is_not_vietnamese(text: str) -> None:
    with pytest.raises(ValueError, match="not a Vietnamese number"):
        parse_vn_number(text)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 3))
def test_format_then_parse_round_trips(x: float, decimals: int) -> None:
    text = format_vn_number(x, decimals)
    # Half-up rounding of the decimal text (…,2925 → …,293) may differ from round()'s half-even on the
    # binary value by one unit in the last decimal; allow that unit plus the float's own error.
    assert parse_vn_number(text) == pytest.approx(x, abs=10**-decimals * 0.5 + abs(x) * 1e-15)

"""The edges of Vietnamese number writing: signs, zero, rounding, grouping and the exact refusals."""

from __future__ import annotations

import math

import pytest

from nqtrack.domain.vnnumbers import format_en_number, format_vn_number, parse_vn_number


@pytest.mark.parametrize(
    ("x", "decimals", "trim", "vn", "en"),
    [
        (-0.04, 1, False, "0,0", "0.0"),
        (-0.05, 1, False, "-0,1", "-0.1"),
        (2.675, 2, False, "2,68", "2.68"),
        (1234567.0, 0, False, "1.234.567", "1,234,567"),
        (0.0, 0, True, "0", "0"),
        (100.0, 0, True, "100", "100"),
        (1000.5, 1, True, "1.000,5", "1,000.5"),
        (-2.50, 2, True, "-2,5", "-2.5"),
        (12.0, 3, False, "12,000", "12.000"),
        (1e21, 0, False, "1.000.000.000.000.000.000.000", "1,000,000,000,000,000,000,000"),
    ],
)
def test_numbers_are_written_in_both_languages(x: float, decimals: int, trim: bool, vn: str, en: str) -> None:
    assert format_vn_number(x, decimals, trim=trim) == vn
    assert format_en_number(x, decimals, trim=trim) == en


def test_default_english_form_has_one_decimal_untrimmed() -> None:
    assert format_en_number(37.0) == "37.0"
    assert format_vn_number(37.0) == "37,0"


def test_non_finite_and_negative_decimals_are_refused_with_their_reason() -> None:
    with pytest.raises(ValueError, match="non-finite") as caught:
        format_en_number(math.inf)
    assert str(caught.value) == "cannot format a non-finite number: inf"
    with pytest.raises(ValueError, match="non-finite") as caught:
        format_en_number(-math.inf, 0)
    assert str(caught.value) == "cannot format a non-finite number: -inf"
    with pytest.raises(ValueError, match="decimals") as caught:
        format_en_number(1.0, -1)
    assert str(caught.value) == "decimals must be zero or more"
    assert format_en_number(1.0, 0) == "1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+5", 5.0),
        ("+ 5", 5.0),
        ("- 5", -5.0),
        ("\u20135", -5.0),
        ("5 %", 5.0),
        ("1\u00a0234", 1234.0),
        ("1\u202f234,5", 1234.5),
        ("1.234.567", 1234567.0),
        ("12.345,678", 12345.678),
        ("0,5", 0.5),
    ],
)
def test_signs_spaces_and_groups_are_read(text: str, expected: float) -> None:
    assert parse_vn_number(text) == expected


@pytest.mark.parametrize("text", ["1.234 567", "12.34", "1234.567", "+", "-", "%", "1,5,5", "1 23", "5-"])
def test_mixed_or_broken_groups_are_refused_with_the_rule(text: str) -> None:
    with pytest.raises(ValueError, match="is not a Vietnamese number") as caught:
        parse_vn_number(text)
    assert str(caught.value) == (
        f"{text!r} is not a Vietnamese number: write thousands with dots (9.800) and decimals with a comma "
        "(1,5)"
    )

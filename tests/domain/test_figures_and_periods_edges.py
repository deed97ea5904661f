"""The edges of typed figures and DHIS2 periods: signs, grouping, size limits, year bounds, period ends."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nqtrack.domain.figures import (
    MAX_DECIMALS,
    MAX_INTEGER_DIGITS,
    FigureError,
    Reading,
    canonical,
    check_figure_size,
    parse_figure,
)
from nqtrack.domain.periods import FIRST_YEAR, LAST_YEAR, Period, PeriodError, PeriodKind, parse_period


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("+5", Decimal("5")),
        ("+ 5", Decimal("5")),
        ("- 5", Decimal("-5")),
        ("–7", Decimal("-7")),
        ("1,234,567", Decimal("1234567")),
        ("1,234,567.25", Decimal("1234567.25")),
        ("1.234.567,25", Decimal("1234567.25")),
        ("12", Decimal("12")),
        ("1\u00a0234", Decimal("1234")),
        ("1\u202f234,5", Decimal("1234.5")),
        ("１２", Decimal("12")),
        ("50%", Decimal("50")),
    ],
)
def test_file_reading_of_signs_groups_and_spaces(text: str, value: Decimal) -> None:
    parsed = parse_figure(text)
    assert parsed == value
    assert str(parsed) == str(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234.567", Decimal("1234567")),
        ("+1.234", Decimal("1234")),
        ("12", Decimal("12")),
        ("1.234.567,5", Decimal("1234567.5")),
        ("0,25", Decimal("0.25")),
        ("1234.5", Decimal("1234.5")),
    ],
)
def test_vn_reading_of_groups(text: str, value: Decimal) -> None:
    parsed = parse_figure(text, reading=Reading.VN)
    assert parsed == value
    assert str(parsed) == str(value)


BAD_GROUPS = "không phải là số: dấu phân cách hàng nghìn sai chỗ"


@pytest.mark.parametrize(
    ("text", "reading", "message"),
    [
        ("1,2,3", Reading.VN, f"'1,2,3' {BAD_GROUPS}"),
        ("12.34.5", Reading.VN, f"'12.34.5' {BAD_GROUPS}"),
        ("1,23,4", Reading.FILE, f"'1,23,4' {BAD_GROUPS}"),
        ("1.2,3", Reading.FILE, f"'1.2,3' {BAD_GROUPS}"),
        ("1e5", Reading.FILE, "'1e5' không phải là số"),
        (".", Reading.FILE, "'.' không phải là số"),
        (",", Reading.VN, f"',' {BAD_GROUPS}"),
        ("+", Reading.FILE, "'+' không phải là số"),
        ("-", Reading.FILE, "'-' không phải là số"),
        ("  %  ", Reading.FILE, "'%' không phải là số"),
        ("5-", Reading.FILE, "'5-' không phải là số"),
    ],
)
def test_badly_written_figures_are_refused(text: str, reading: Reading, message: str) -> None:
    with pytest.raises(FigureError) as caught:
        parse_figure(text, reading=reading)
    assert str(caught.value) == message


def test_the_size_limits_are_exact() -> None:
    assert (MAX_DECIMALS, MAX_INTEGER_DIGITS) == (6, 18)
    assert parse_figure("1,123456") == Decimal("1.123456")
    assert parse_figure("9" * 18) == Decimal("9" * 18)
    assert parse_figure("-" + "9" * 18) == Decimal("-" + "9" * 18)
    check_figure_size("x", Decimal("1E+17"))
    with pytest.raises(FigureError) as caught:
        check_figure_size("10^18", Decimal(10) ** 18)
    assert str(caught.value) == "'10^18' quá lớn (tối đa 18 chữ số phần nguyên)"
    with pytest.raises(FigureError) as caught:
        check_figure_size("-10^18", -(Decimal(10) ** 18))
    assert str(caught.value) == "'-10^18' quá lớn (tối đa 18 chữ số phần nguyên)"
    with pytest.raises(FigureError) as caught:
        check_figure_size("0,0000001", Decimal("0.0000001"))
    assert str(caught.value) == "'0,0000001' có quá 6 chữ số thập phân"


def test_the_stored_text_is_plain_digits() -> None:
    assert canonical(Decimal("-0")) == "0"
    assert canonical(Decimal("0")) == "0"
    assert canonical(Decimal("1E+3")) == "1000"
    assert canonical(Decimal("-2.50")) == "-2.50"
    assert canonical(Decimal("-0.0")) == "-0.0"


@pytest.mark.parametrize(
    ("text", "code", "start", "end"),
    [
        ("1900", "1900", date(1900, 1, 1), date(1900, 12, 31)),
        ("2100", "2100", date(2100, 1, 1), date(2100, 12, 31)),
        (" 2024s1 ", "2024S1", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024Q2", "2024Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024Q3", "2024Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("202401", "202401", date(2024, 1, 1), date(2024, 1, 31)),
        ("202311", "202311", date(2023, 11, 1), date(2023, 11, 30)),
        ("202312", "202312", date(2023, 12, 1), date(2023, 12, 31)),
        ("2023S2", "2023S2", date(2023, 7, 1), date(2023, 12, 31)),
    ],
)
def test_period_bounds_and_codes(text: str, code: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.code, str(period), period.start, period.end) == (code, code, start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1899", "năm 1899 nằm ngoài khoảng 1900–2100"),
        ("2101", "năm 2101 nằm ngoài khoảng 1900–2100"),
        ("1000Q1", "năm 1000 nằm ngoài khoảng 1900–2100"),
        ("2024Q0", "kỳ '2024Q0' không tồn tại: quý phải từ Q1 đến Q4"),
        ("2024S0", "kỳ '2024S0' không tồn tại: nửa năm phải là S1 hoặc S2"),
        ("2024Q12", "kỳ '2024Q12' không tồn tại: quý phải từ Q1 đến Q4"),
        (
            "2024x",
            "'2024x' không phải kỳ hợp lệ; dùng 2024 (năm), 2024Q1 (quý), 2024S1 (6 tháng), 202403 (tháng)",
        ),
    ],
)
def test_periods_out_of_bounds_are_refused(text: str, message: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert str(caught.value) == message


def test_a_period_knows_whether_it_is_a_year_and_orders_by_year() -> None:
    assert (FIRST_YEAR, LAST_YEAR) == (1900, 2100)
    assert parse_period("2024").is_year
    assert not parse_period("2024Q1").is_year
    assert not parse_period("202401").is_year
    assert parse_period("2024") == Period(2024, PeriodKind.YEAR, 1)
    assert parse_period("2023Q4") < parse_period("2024Q1")
    assert [parse_period("2024Q1").first_month, parse_period("2024Q4").first_month] == [1, 10]
    assert parse_period("2024S2").first_month == 7
    assert parse_period("202409").first_month == 9

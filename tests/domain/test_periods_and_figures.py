"""DHIS2 periods and typed figures (pure helpers, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nqtrack.domain.figures import FigureError, Reading, canonical, parse_figure
from nqtrack.domain.periods import PeriodError, PeriodKind, parse_period


@pytest.mark.parametrize(
    ("text", "kind", "year", "start", "end"),
    [
        ("2024", PeriodKind.YEAR, 2024, date(2024, 1, 1), date(2024, 12, 31)),
        ("2024Q1", PeriodKind.QUARTER, 2024, date(2024, 1, 1), date(2024, 3, 31)),
        ("2024q4", PeriodKind.QUARTER, 2024, date(2024, 10, 1), date(2024, 12, 31)),
        ("2024S1", PeriodKind.HALF, 2024, date(2024, 1, 1), date(2024, 6, 30)),
        ("2024S2", PeriodKind.HALF, 2024, date(2024, 7, 1), date(2024, 12, 31)),
        ("202403", PeriodKind.MONTH, 2024, date(2024, 3, 1), date(2024, 3, 31)),
        ("202402", PeriodKind.MONTH, 2024, date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_it_reads_the_four_dhis2_period_forms(
    text: str, kind: PeriodKind, year: int, start: date, end: date
) -> None:
    period = parse_period(text)
    assert (period.kind, period.year, period.start, period.end) == (kind, year, start, end)
    assert period.code == text.upper()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024Q5", "kỳ '2024Q5' không tồn tại: quý phải từ Q1 đến Q4"),
        ("202413", "kỳ '202413' không tồn tại: tháng phải từ 01 đến 12"),
        ("2024S3", "kỳ '2024S3' không tồn tại: nửa năm phải là S1 hoặc S2"),
        ("202400", "kỳ '202400' không tồn tại: tháng phải từ 01 đến 12"),
        ("24", "'24' không phải kỳ hợp lệ; dùng 2024 (năm), 2024Q1 (quý), 2024S1 (6 tháng), 202403 (tháng)"),
        (
            "2024-03",
            "'2024-03' không phải kỳ hợp lệ; dùng 2024 (năm), 2024Q1 (quý), 2024S1 (6 tháng), 202403 (tháng)",
        ),
        ("3024", "năm 3024 nằm ngoài khoảng 1900–2100"),
    ],
)
def test_a_period_that_does_not_exist_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("37,8", Decimal("37.8")),
        ("37.8", Decimal("37.8")),
        ("2.675", Decimal("2.675")),  # files: one dot is a decimal point
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234.567", Decimal("1234567")),
        ("16,10", Decimal("16.10")),
        ("-2,5", Decimal("-2.5")),
        ("−2,5", Decimal("-2.5")),
        ("45 %", Decimal("45")),
        ("209 150", Decimal("209150")),
    ],
)
def test_a_file_may_use_a_decimal_comma_or_dot(text: str, value: Decimal) -> None:
    assert parse_figure(text, reading=Reading.FILE) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9.800", Decimal("9800")),
        ("1.234,5", Decimal("1234.5")),
        ("37.8", Decimal("37.8")),
        ("37,8", Decimal("37.8")),
    ],
)
def test_the_grid_reads_numbers_the_vietnamese_way(text: str, value: Decimal) -> None:
    assert parse_figure(text, reading=Reading.VN) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "'abc' không phải là số"),
        ("1,2,3.4.5", "'1,2,3.4.5' không phải là số: dấu phân cách hàng nghìn sai chỗ"),
        ("12.34.5", "'12.34.5' không phải là số: dấu phân cách hàng nghìn sai chỗ"),
        ("1,1234567", "'1,1234567' có quá 6 chữ số thập phân"),
        ("1" * 19, f"'{'1' * 19}' quá lớn (tối đa 18 chữ số phần nguyên)"),
        ("", "'' không phải là số"),
    ],
)
def test_text_that_is_not_a_number_is_refused(text: str, message: str) -> None:
    with pytest.raises(FigureError) as caught:
        parse_figure(text)
    assert str(caught.value) == message


def test_the_stored_text_keeps_the_decimals_typed() -> None:
    assert [canonical(parse_figure(t)) for t in ("16,10", "1.234,50", "7", "-0")] == [
        "16.10",
        "1234.50",
        "7",
        "0",
    ]

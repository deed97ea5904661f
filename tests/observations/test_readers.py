"""The published-statistics CSV reader: every cell checked, facts from the note read (no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nqtrack.observations.readers import RowError, read_statistics_csv
from tests.seed import SEED_STATISTICS

HEADER = "indicator,year,value,unit,status,source_url,published,quote,note\r\n"


def test_it_reads_every_row_of_the_shipped_file() -> None:
    result = read_statistics_csv(SEED_STATISTICS.read_bytes())
    assert result.errors == []
    assert len(result.rows) == 144
    first = result.rows[0]
    assert (first.row, first.key, first.period, first.value, first.status) == (
        2,
        "grdp_growth",
        "2016",
        Decimal("10.73"),
        "unknown",
    )
    assert first.published == date(2019, 10, 22)
    assert first.quote == "Năm 2016 … 10,73"


def test_it_reads_period_unit_and_bound_from_the_note() -> None:
    rows = {(r.key, r.value_text): r for r in read_statistics_csv(SEED_STATISTICS.read_bytes()).rows}
    assert rows[("grdp_growth", "14.02")].period == "2025Q1"  # "Q1 only"
    assert rows[("budget_revenue", "10111.7")].period == "2024S1"  # "First half only"
    partial = rows[("budget_revenue_domestic", "10600")]
    assert (partial.period, partial.partial) == ("2023", True)  # "To 16 Oct only"
    assert rows[("forest_cover_district", "71.8")].unit_code == "220"  # "district code 220"
    assert rows[("urbanisation_rate", "45")].bound == "low"
    assert rows[("urbanisation_rate", "59")].bound == "high"
    undated = rows[("clean_water_households", "54.81")]
    assert (undated.period, undated.year) == ("", None)


def test_it_keeps_published_precision() -> None:
    rows = read_statistics_csv(SEED_STATISTICS.read_bytes()).rows
    assert [r.value_text for r in rows if r.key == "grdp_growth" and r.year == 2019] == ["16.10"]


def test_it_accepts_a_bom_a_decimal_comma_and_explicit_columns() -> None:
    text = "\ufeffindicator,year,value,unit,status,source_url,published,quote,note,unit_code,period\r\n"
    text += 'forest_cover,2023,"37,8",percent,official,http://x,2024-01-05,q,,215,2023Q4\r\n'
    result = read_statistics_csv(text.encode("utf-8"))
    assert result.errors == []
    [row] = result.rows
    assert (row.value, row.unit_code, row.period, row.year) == (Decimal("37.8"), "215", "2023Q4", 2023)


def test_it_reports_each_bad_cell_with_row_and_column() -> None:
    text = HEADER
    text += "forest_cover,2023,abc,percent,official,http://x,2024-01-05,,\r\n"
    text += "forest_cover,20x3,37.8,percent,final,http://x,05/01/2024,,\r\n"
    result = read_statistics_csv(text)
    assert result.rows == []
    assert result.errors == [
        RowError(2, "value", "'abc' không phải là số"),
        RowError(
            3, "status", "'final' không hợp lệ; cho phép plan, estimate, preliminary, official, unknown"
        ),
        RowError(3, "published", "'05/01/2024' không phải ngày dạng YYYY-MM-DD"),
        RowError(3, "year", "'20x3' không phải năm (4 chữ số)"),
    ]
    assert str(result.errors[0]) == "dòng 2, cột 'value': 'abc' không phải là số"


def test_it_names_missing_columns() -> None:
    result = read_statistics_csv("indicator,year,value\r\nforest_cover,2023,37\r\n")
    assert result.rows == []
    assert result.errors == [
        RowError(1, "unit, status, source_url, published, quote, note", "thiếu cột bắt buộc")
    ]

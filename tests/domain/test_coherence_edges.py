"""Coherence checks: every boundary and refusal, with the exact sentences in both languages."""

from __future__ import annotations

import math

import pytest

from nqtrack.domain.coherence import (
    CoherenceWarning,
    check_grdp_per_head,
    check_structure_shares,
    check_vnd_usd,
    implied_exchange_rate,
)

NOT_POSITIVE = (
    "not_checkable",
    "Không kiểm tra được: các số phải dương.",
    "Cannot check: all figures must be positive.",
)


def test_inverted_bounds_are_named_and_the_sums_still_checked() -> None:
    assert check_structure_shares({"a": (60.0, 50.0), "b": (45.0, 50.0), "c": (1.0, 0.0)}) == [
        CoherenceWarning(
            "share_bounds_inverted",
            "Cận dưới lớn hơn cận trên ở: a, c.",
            "Low bound above high bound for: a, c.",
            {"low_sum": 106.0, "high_sum": 100.0, "tolerance": 1.0},
        ),
        CoherenceWarning(
            "shares_low_sum_above_100",
            "Tổng cận dưới các tỷ trọng là 106%, vượt 100%: không thể cùng đạt.",
            "The low bounds of the shares add up to 106%, above 100%: they cannot all be met.",
            {"low_sum": 106.0, "high_sum": 100.0, "tolerance": 1.0},
        ),
    ]


def test_equal_bounds_are_not_inverted() -> None:
    assert check_structure_shares({"a": (50.0, 50.0), "b": (50.0, 50.0)}) == []


def test_the_sums_are_checked_against_100_plus_or_minus_the_tolerance() -> None:
    assert check_structure_shares({"a": (70.0, 72.0), "b": (31.0, None)}) == []  # lows 101: at the edge
    assert check_structure_shares({"a": (70.0, 72.0), "b": (31.5, None)}) == [
        CoherenceWarning(
            "shares_low_sum_above_100",
            "Tổng cận dưới các tỷ trọng là 101,5%, vượt 100%: không thể cùng đạt.",
            "The low bounds of the shares add up to 101.5%, above 100%: they cannot all be met.",
            {"low_sum": 101.5, "high_sum": 172.0, "tolerance": 1.0},
        )
    ]
    assert check_structure_shares({"a": (None, 50.0), "b": (None, 49.0)}) == []  # highs 99: at the edge
    assert check_structure_shares({"a": (50.0, 50.0), "b": (40.0, 40.5)}) == [
        CoherenceWarning(
            "shares_high_sum_below_100",
            "Tổng cận trên các tỷ trọng chỉ là 90,5%, chưa tới 100%: cơ cấu thiếu một phần.",
            "The high bounds of the shares add up to only 90.5%, short of 100%: part of the economy is "
            "missing.",
            {"low_sum": 90.0, "high_sum": 90.5, "tolerance": 1.0},
        )
    ]
    assert check_structure_shares({"a": (None, 50.0), "b": (None, 48.0)}, tolerance=2.0) == []
    assert check_structure_shares({"a": (52.0, None), "b": (50.0, None)}, tolerance=2.0) == []
    assert check_structure_shares({}, tolerance=0.0)[0].numbers == {
        "low_sum": 0.0,
        "high_sum": 0.0,
        "tolerance": 0.0,
    }


def test_non_finite_shares_cannot_be_checked() -> None:
    assert check_structure_shares({"a": (math.inf, None)}) == [
        CoherenceWarning(
            "share_bounds_inverted",
            "Cận dưới lớn hơn cận trên ở: a.",
            "Low bound above high bound for: a.",
            {"low_sum": math.inf, "high_sum": 100.0, "tolerance": 1.0},
        ),
        CoherenceWarning(
            "not_checkable",
            "Không kiểm tra được: tỷ trọng không phải số hữu hạn.",
            "Cannot check: shares are not finite.",
            {"high_sum": 100.0, "tolerance": 1.0},
        ),
    ]
    [warning] = check_structure_shares({"a": (10.0, math.inf)})
    assert warning == CoherenceWarning(
        "not_checkable",
        "Không kiểm tra được: tỷ trọng không phải số hữu hạn.",
        "Cannot check: shares are not finite.",
        {"low_sum": 10.0, "tolerance": 1.0},
    )


def test_grdp_per_head_mismatch_is_written_out() -> None:
    assert check_grdp_per_head(207000, 100, 1_922_000) == [
        CoherenceWarning(
            "grdp_per_head_mismatch",
            "GRDP 207.000 tỷ đồng chia cho 1.922.000 người là 107,7 triệu đồng/người, lệch 7,7% so với "
            "100 triệu đồng/người đã nêu.",
            "GRDP of 207,000 billion VND over 1,922,000 people is 107.7 million VND a head, 7.7% off the "
            "stated 100 million VND.",
            {
                "grdp_billion_vnd": 207000.0,
                "per_head_million_vnd": 100.0,
                "population_persons": 1922000.0,
                "implied_per_head_million_vnd": 207000 * 1000 / 1922000,
                "relative_difference": 207000 * 1000 / 1922000 / 100 - 1,
            },
        )
    ]


def test_grdp_per_head_tolerance_is_inclusive_both_ways() -> None:
    # 125 billion × 1000 / 1000 persons = 125 million a head: 25 % above 100, exactly the tolerance
    assert check_grdp_per_head(125, 100, 1000, tolerance=0.25) == []
    assert check_grdp_per_head(75, 100, 1000, tolerance=0.25) == []
    [above] = check_grdp_per_head(126, 100, 1000, tolerance=0.25)
    assert above.numbers["relative_difference"] == 126 / 100 - 1
    [below] = check_grdp_per_head(74, 100, 1000, tolerance=0.25)
    assert below.message_vi == (
        "GRDP 74 tỷ đồng chia cho 1.000 người là 74 triệu đồng/người, lệch -26% so với "
        "100 triệu đồng/người đã nêu."
    )
    assert below.message_en == (
        "GRDP of 74 billion VND over 1,000 people is 74 million VND a head, -26% off the stated 100 "
        "million VND."
    )
    assert check_grdp_per_head(104, 100, 1000) == []  # default tolerance 5 %
    assert len(check_grdp_per_head(106, 100, 1000)) == 1


def test_grdp_per_head_needs_positive_finite_figures() -> None:
    for figures in [
        (0, 100, 1000),
        (207000, 0, 1000),
        (207000, 100, 0),
        (-1, 100, 1000),
        (207000, 100, math.nan),
    ]:
        [warning] = check_grdp_per_head(*figures)
        assert (warning.code, warning.message_vi, warning.message_en) == NOT_POSITIVE
    [warning] = check_grdp_per_head(207000, 100, math.nan)
    assert warning.numbers == {"grdp_billion_vnd": 207000.0, "per_head_million_vnd": 100.0}


def test_implied_exchange_rate_refuses_what_is_not_computable() -> None:
    assert implied_exchange_rate(1, 40) == 25_000.0
    assert implied_exchange_rate(275, 0) is None
    assert implied_exchange_rate(275, -9800) is None
    assert implied_exchange_rate(math.nan, 9800) is None
    assert implied_exchange_rate(275, math.inf) is None
    assert implied_exchange_rate(0, 9800) is None
    assert implied_exchange_rate(-275, 9800) is None
    assert implied_exchange_rate(1e308, 1e-300) is None  # overflows to infinity


def test_vnd_usd_mismatch_is_written_out() -> None:
    implied = 275 * 1_000_000 / 9800
    assert check_vnd_usd(275, 9800, 23500) == [
        CoherenceWarning(
            "vnd_usd_rate_mismatch",
            "275 triệu đồng tương đương 9.800 USD nghĩa là tỷ giá 28.061 đồng/USD, lệch 19,4% so với tỷ giá "
            "23.500 đồng/USD.",
            "275 million VND stated as 9,800 USD implies 28,061 VND per USD, 19.4% off the rate of "
            "23,500 VND per USD.",
            {
                "per_head_million_vnd": 275.0,
                "per_head_usd": 9800.0,
                "exchange_rate_vnd_per_usd": 23500.0,
                "implied_rate_vnd_per_usd": implied,
                "relative_difference": implied / 23500 - 1,
            },
        )
    ]


def test_vnd_usd_tolerance_is_inclusive_both_ways() -> None:
    # 1 million VND = 40 USD: 25 000 VND per USD
    assert check_vnd_usd(1, 40, 20000, tolerance=0.25) == []
    assert check_vnd_usd(1, 40, 100000 / 3, tolerance=0.25) == []  # 25 000 / 33 333 - 1 = -25 %
    assert len(check_vnd_usd(1, 40, 19999, tolerance=0.25)) == 1
    [below] = check_vnd_usd(1, 40, 50000, tolerance=0.25)
    assert below.message_vi == (
        "1 triệu đồng tương đương 40 USD nghĩa là tỷ giá 25.000 đồng/USD, lệch -50% so với tỷ giá 50.000 "
        "đồng/USD."
    )
    assert check_vnd_usd(1, 40, 24000) == []  # default 5 %


def test_vnd_usd_needs_a_positive_finite_rate() -> None:
    for rate in (0.0, -23500.0, math.inf, math.nan):
        [warning] = check_vnd_usd(275, 9800, rate)
        assert (warning.code, warning.message_vi, warning.message_en) == NOT_POSITIVE
    [warning] = check_vnd_usd(275, 9800, 0)
    assert warning.numbers == {
        "per_head_million_vnd": 275.0,
        "per_head_usd": 9800.0,
        "exchange_rate_vnd_per_usd": 0.0,
    }
    [warning] = check_vnd_usd(275, 0, 23500)
    assert (warning.code, warning.message_vi, warning.message_en) == NOT_POSITIVE


def test_grdp_with_decimals_is_written_without_them() -> None:
    [warning] = check_grdp_per_head(74.4, 100, 1000, tolerance=0.25)
    assert warning.message_vi == (
        "GRDP 74 tỷ đồng chia cho 1.000 người là 74,4 triệu đồng/người, lệch -25,6% so với "
        "100 triệu đồng/người đã nêu."
    )
    assert warning.message_en == (
        "GRDP of 74 billion VND over 1,000 people is 74.4 million VND a head, -25.6% off the stated "
        "100 million VND."
    )


def test_an_implied_rate_below_one_dong_is_still_a_rate() -> None:
    assert implied_exchange_rate(1e-7, 1) == pytest.approx(0.1, rel=1e-12)

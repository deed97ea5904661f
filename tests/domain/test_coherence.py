"""Coherence checks between targets, with the arithmetic written out."""

from __future__ import annotations

import pytest

from nqtrack.domain.coherence import (
    check_grdp_per_head,
    check_structure_shares,
    check_vnd_usd,
    implied_exchange_rate,
)


def test_structure_shares_that_can_add_up_to_100() -> None:
    # lows 60 + 25 + 8 + 5 = 98 <= 101; highs 62 + 27 + 9 + 6 = 104 >= 99
    shares = {"industry_construction": (60.0, 62.0), "services": (25.0, 27.0), "agriculture": (8.0, 9.0),
              "product_taxes": (5.0, 6.0)}  # fmt: skip
    assert check_structure_shares(shares) == []


def test_structure_shares_whose_highs_fall_short() -> None:
    # highs 52 + 27 + 9 + 6 = 94 < 100 - 1
    shares = {"industry_construction": (50.0, 52.0), "services": (25.0, 27.0), "agriculture": (8.0, 9.0),
              "product_taxes": (5.0, 6.0)}  # fmt: skip
    [warning] = check_structure_shares(shares)
    assert warning.code == "shares_high_sum_below_100"
    assert warning.numbers["high_sum"] == 94.0
    assert "94%" in warning.message_vi
    assert "94%" in warning.message_en


def test_structure_shares_whose_lows_exceed_100() -> None:
    # lows 70 + 30 + 5 = 105 > 101
    [warning] = check_structure_shares({"a": (70.0, 72.0), "b": (30.0, None), "c": (5.0, 6.0)})
    assert warning.code == "shares_low_sum_above_100"
    assert warning.numbers["low_sum"] == 105.0


def test_structure_shares_open_bounds_mean_0_and_100() -> None:
    # "trên 30 %" is (30, None) -> up to 100; "dưới 10 %" is (None, 10) -> from 0
    assert check_structure_shares({"a": (30.0, None), "b": (None, 10.0)}) == []


def test_structure_shares_tolerance() -> None:
    shares = {"a": (50.0, 50.0), "b": (49.5, 49.5)}  # 99.5: within 1 point of 100
    assert check_structure_shares(shares) == []
    assert check_structure_shares(shares, tolerance=0.1)[0].code == "shares_high_sum_below_100"


def test_structure_shares_inverted_bounds() -> None:
    codes = [w.code for w in check_structure_shares({"a": (60.0, 50.0), "b": (45.0, 50.0)})]
    assert "share_bounds_inverted" in codes


def test_grdp_per_head_consistent() -> None:
    # 207 000 billion VND * 1000 / 1 922 000 persons = 107.70 million VND a head; 107.7 stated: 0 % off
    assert check_grdp_per_head(207000, 107.7, 1_922_000) == []


def test_grdp_per_head_mismatch() -> None:
    # implied 107.70; stated 100 -> 107.70 / 100 - 1 = 7.7 % > 5 %
    [warning] = check_grdp_per_head(207000, 100, 1_922_000)
    assert warning.code == "grdp_per_head_mismatch"
    assert warning.numbers["implied_per_head_million_vnd"] == pytest.approx(107.7003, abs=1e-4)
    assert warning.numbers["relative_difference"] == pytest.approx(0.0770, abs=1e-4)
    assert "107,7 triệu đồng/người" in warning.message_vi
    assert "207.000 tỷ đồng" in warning.message_vi


def test_grdp_per_head_not_checkable() -> None:
    assert check_grdp_per_head(207000, 100, 0)[0].code == "not_checkable"


def test_vnd_usd_implied_rate() -> None:
    # "275 triệu đồng (tương đương 9.800 USD)": 275 000 000 / 9 800 = 28 061.2 VND per USD
    assert implied_exchange_rate(275, 9800) == pytest.approx(28061.2245, abs=1e-4)
    # against 23 500 VND per USD: 28 061.2 / 23 500 - 1 = 19.4 % off
    [warning] = check_vnd_usd(275, 9800, 23500)
    assert warning.code == "vnd_usd_rate_mismatch"
    assert warning.numbers["implied_rate_vnd_per_usd"] == pytest.approx(28061.2245, abs=1e-4)
    assert "28.061 đồng/USD" in warning.message_vi
    assert "19,4%" in warning.message_vi
    assert "28,061 VND per USD" in warning.message_en


def test_vnd_usd_consistent_and_not_checkable() -> None:
    assert check_vnd_usd(275, 9800, 27500) == []  # 2 % off, within 5 %
    assert check_vnd_usd(275, 0, 23500)[0].code == "not_checkable"
    assert implied_exchange_rate(275, 0) is None

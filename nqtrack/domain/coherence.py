"""Coherence checks between targets that must fit together (pure functions, no I/O).

- the 2030 economic structure: the shares of the sectors must be able to add up to 100 %;
- GRDP per head against GRDP and population;
- a per-head figure stated both in VND and in USD: the exchange rate it implies.

Each check returns a list of CoherenceWarning (empty when coherent): a stable `code`, a sentence in
Vietnamese and in English, and the numbers behind it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from nqtrack.domain.vnnumbers import format_en_number, format_vn_number

__all__ = [
    "CoherenceWarning",
    "check_grdp_per_head",
    "check_structure_shares",
    "check_vnd_usd",
    "implied_exchange_rate",
]


@dataclass(frozen=True, slots=True)
class CoherenceWarning:
    code: str
    message_vi: str
    message_en: str
    numbers: dict[str, float] = field(default_factory=dict)


def _vn(x: float, decimals: int = 1) -> str:
    return format_vn_number(x, decimals, trim=True)


def _en(x: float, decimals: int = 1) -> str:
    return format_en_number(x, decimals, trim=True)


def _not_checkable(what_vi: str, what_en: str, numbers: dict[str, float]) -> CoherenceWarning:
    return CoherenceWarning(
        "not_checkable",
        f"Không kiểm tra được: {what_vi}.",
        f"Cannot check: {what_en}.",
        {k: v for k, v in numbers.items() if math.isfinite(v)},
    )


# --- economic structure -------------------------------------------------------------------------------


def _share_bounds(shares: Mapping[str, tuple[float | None, float | None]]) -> tuple[float, float, list[str]]:
    """Sums of the lowest and highest shares each sector may take; a missing bound means 0 or 100."""
    low_sum = high_sum = 0.0
    inverted: list[str] = []
    for name, (low, high) in shares.items():
        lo = 0.0 if low is None else float(low)
        hi = 100.0 if high is None else float(high)
        if lo > hi:
            inverted.append(name)
        low_sum += lo
        high_sum += hi
    return low_sum, high_sum, inverted


def check_structure_shares(
    shares: Mapping[str, tuple[float | None, float | None]], tolerance: float = 1.0
) -> list[CoherenceWarning]:
    """Can the target shares of the sectors (in percent, disjoint, covering the whole) add up to 100?

    `shares` maps each sector to (low, high): (40, 42) for "40-42 %", (30, None) for "trên 30 %",
    (None, 10) for "dưới 10 %", (50, 50) for "khoảng 50 %". Coherent when the sum of the lows is at most
    100 + tolerance and the sum of the highs at least 100 − tolerance (points). Nested parts (industry
    within industry-construction) must not be passed together with their whole.
    """
    low_sum, high_sum, inverted = _share_bounds(shares)
    numbers = {"low_sum": low_sum, "high_sum": high_sum, "tolerance": float(tolerance)}
    warnings: list[CoherenceWarning] = []
    if inverted:
        warnings.append(
            CoherenceWarning(
                "share_bounds_inverted",
                f"Cận dưới lớn hơn cận trên ở: {', '.join(inverted)}.",
                f"Low bound above high bound for: {', '.join(inverted)}.",
                numbers,
            )
        )
    if not math.isfinite(low_sum) or not math.isfinite(high_sum):
        return [*warnings, _not_checkable("tỷ trọng không phải số hữu hạn", "shares are not finite", numbers)]
    if low_sum > 100 + tolerance:
        warnings.append(
            CoherenceWarning(
                "shares_low_sum_above_100",
                f"Tổng cận dưới các tỷ trọng là {_vn(low_sum)}%, vượt 100%: không thể cùng đạt.",
                f"The low bounds of the shares add up to {_en(low_sum)}%, above 100%: they cannot all be "
                "met.",
                numbers,
            )
        )
    if high_sum < 100 - tolerance:
        warnings.append(
            CoherenceWarning(
                "shares_high_sum_below_100",
                f"Tổng cận trên các tỷ trọng chỉ là {_vn(high_sum)}%, chưa tới 100%: cơ cấu thiếu một phần.",
                f"The high bounds of the shares add up to only {_en(high_sum)}%, short of 100%: part of "
                "the economy is missing.",
                numbers,
            )
        )
    return warnings


# --- GRDP per head ------------------------------------------------------------------------------------


def check_grdp_per_head(
    grdp_billion_vnd: float,
    per_head_million_vnd: float,
    population_persons: float,
    tolerance: float = 0.05,
) -> list[CoherenceWarning]:
    """Does GRDP / population match the stated GRDP per head (relative `tolerance`)?

    GRDP in billion VND × 1000 / persons gives million VND per head.
    """
    numbers = {
        "grdp_billion_vnd": float(grdp_billion_vnd),
        "per_head_million_vnd": float(per_head_million_vnd),
        "population_persons": float(population_persons),
    }
    if not all(math.isfinite(v) and v > 0 for v in numbers.values()):
        return [_not_checkable("các số phải dương", "all figures must be positive", numbers)]
    implied = grdp_billion_vnd * 1000 / population_persons
    difference = implied / per_head_million_vnd - 1
    numbers |= {"implied_per_head_million_vnd": implied, "relative_difference": difference}
    if abs(difference) <= tolerance:
        return []
    return [
        CoherenceWarning(
            "grdp_per_head_mismatch",
            f"GRDP {_vn(grdp_billion_vnd, 0)} tỷ đồng chia cho {_vn(population_persons, 0)} người là "
            f"{_vn(implied)} triệu đồng/người, lệch {_vn(difference * 100)}% so với "
            f"{_vn(per_head_million_vnd)} triệu đồng/người đã nêu.",
            f"GRDP of {_en(grdp_billion_vnd, 0)} billion VND over {_en(population_persons, 0)} people is "
            f"{_en(implied)} million VND a head, {_en(difference * 100)}% off the stated "
            f"{_en(per_head_million_vnd)} million VND.",
            numbers,
        )
    ]


# --- VND and USD --------------------------------------------------------------------------------------


def implied_exchange_rate(per_head_million_vnd: float, per_head_usd: float) -> float | None:
    """VND per USD implied by one amount stated in both currencies; None when not computable."""
    if not (math.isfinite(per_head_million_vnd) and math.isfinite(per_head_usd)) or per_head_usd <= 0:
        return None
    rate = per_head_million_vnd * 1_000_000 / per_head_usd
    return rate if math.isfinite(rate) and rate > 0 else None


def check_vnd_usd(
    per_head_million_vnd: float,
    per_head_usd: float,
    exchange_rate_vnd_per_usd: float,
    tolerance: float = 0.05,
) -> list[CoherenceWarning]:
    """Report the exchange rate implied by "275 triệu đồng (tương đương 9.800 USD)" when it differs from
    `exchange_rate_vnd_per_usd` by more than the relative `tolerance`.
    """
    numbers = {
        "per_head_million_vnd": float(per_head_million_vnd),
        "per_head_usd": float(per_head_usd),
        "exchange_rate_vnd_per_usd": float(exchange_rate_vnd_per_usd),
    }
    implied = implied_exchange_rate(per_head_million_vnd, per_head_usd)
    if implied is None or not (math.isfinite(exchange_rate_vnd_per_usd) and exchange_rate_vnd_per_usd > 0):
        return [_not_checkable("các số phải dương", "all figures must be positive", numbers)]
    difference = implied / exchange_rate_vnd_per_usd - 1
    numbers |= {"implied_rate_vnd_per_usd": implied, "relative_difference": difference}
    if abs(difference) <= tolerance:
        return []
    return [
        CoherenceWarning(
            "vnd_usd_rate_mismatch",
            f"{_vn(per_head_million_vnd)} triệu đồng tương đương {_vn(per_head_usd, 0)} USD nghĩa là tỷ giá "
            f"{_vn(implied, 0)} đồng/USD, lệch {_vn(difference * 100)}% so với tỷ giá "
            f"{_vn(exchange_rate_vnd_per_usd, 0)} đồng/USD.",
            f"{_en(per_head_million_vnd)} million VND stated as {_en(per_head_usd, 0)} USD implies "
            f"{_en(implied, 0)} VND per USD, {_en(difference * 100)}% off the rate of "
            f"{_en(exchange_rate_vnd_per_usd, 0)} VND per USD.",
            numbers,
        )
    ]

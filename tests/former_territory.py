"""The former territory after the merger, set up for tests: its 58 communes and their 2026 GRDP figures.

Shared by the tests of the former territory's series (tests/observations/test_former_territory_series.py),
of ``nqtrack assess --programme`` and of the dashboard's years, so that each module reads the same setup
without importing another test module.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import former_territory_units
from nqtrack.programmes.models import Indicator, Programme

TARGET = "grdp_current_prices_2030"
HOW = "tổng của 58 xã, phường thuộc địa bàn cũ"
TOTAL = 100 * 58 * 59 // 2  # 100, 200 … 5.800 tỷ đồng for the 58 communes: 171.100
MISSING_ONE = "chưa đủ số liệu: thiếu 1 trên 58 xã, phường thuộc địa bàn cũ"


def territory_communes() -> list[AdminUnit]:
    """The communes and wards that cover Bắc Giang's former territory in 2026 (58)."""
    return list(former_territory_units(code="24", on=date(2026, 12, 31), level=UnitLevel.COMMUNE))


def enter_2026(
    programme: Programme,
    communes: list[AdminUnit],
    *,
    review_state: ReviewState = ReviewState.APPROVED,
    first: int = 1,
) -> None:
    """A 2026 GRDP figure for each of ``communes``: 100 tỷ đồng times its place (from ``first``) in the list
    of ``territory_communes``, reported and in ``review_state``. Written in bulk: no signal is sent."""
    grdp = Indicator.objects.get(programme=programme, code="grdp_current_prices")
    Observation.objects.bulk_create(
        Observation(
            indicator=grdp,
            unit=commune,
            period="2026",
            year=2026,
            value=Decimal(100 * number),
            value_text=str(100 * number),
            measure_unit="billion_vnd",
            status="official",
            origin=Origin.REPORTED,
            review_state=review_state,
        )
        for number, commune in enumerate(communes, start=first)
    )

"""Numbers in pages are written the Vietnamese way: thousands dot, decimal comma."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nqtrack.web.templatetags.vn import vn_number


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("16.10", None, "16,10"),  # published precision kept
        ("155876.0", None, "155.876,0"),
        ("1803950", None, "1.803.950"),
        (37.0, None, "37"),
        (1.5, None, "1,5"),
        (640000.0, None, "640.000"),
        (Decimal("1234.5"), None, "1.234,5"),
        (1234.5678, 2, "1.234,57"),
        (-0.9, None, "-0,9"),
        (None, None, ""),
    ],
)
def test_it_formats_numbers_the_vietnamese_way(value: object, decimals: int | None, expected: str) -> None:
    assert vn_number(value, decimals) == expected

"""Template filters that write numbers the Vietnamese way (1.234,5)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from nqtrack.domain.vnnumbers import format_vn_number

register = template.Library()


@register.filter
def vn_number(value: object, decimals: int | None = None) -> str:
    """Format a number with a thousands dot and a decimal comma.

    A published text ("16.10") keeps its precision; a float shows the decimals it needs (37.0 → "37");
    ``decimals`` fixes the number of decimals.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        number = Decimal(value)
        places = len(value.split(".", 1)[1]) if "." in value else 0
    else:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
        places = max(0, -int(number.normalize().as_tuple().exponent))
    if decimals is not None:
        places = decimals
    return format_vn_number(float(number), places)

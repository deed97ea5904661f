"""Template filters that write numbers the Vietnamese way (1.234,5), or the English way on English pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from nqtrack.assessments.presenters import english
from nqtrack.domain.vnnumbers import format_en_number, format_vn_number

register = template.Library()


def _places(value: object) -> tuple[float, int] | None:
    """The number and the decimals it shows: a published text keeps its precision, a float what it needs."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        number = Decimal(value)
        places = len(value.split(".", 1)[1]) if "." in value else 0
    else:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
        places = max(0, -int(number.normalize().as_tuple().exponent))
    return float(number), places


@register.filter
def vn_number(value: object, decimals: int | None = None) -> str:
    """Format a number with a thousands dot and a decimal comma.

    A published text ("16.10") keeps its precision; a float shows the decimals it needs (37.0 → "37");
    ``decimals`` fixes the number of decimals.
    """
    found = _places(value)
    if found is None:
        return ""
    number, places = found
    return format_vn_number(number, places if decimals is None else decimals)


@register.filter
def num(value: object, decimals: int | None = None) -> str:
    """Like ``vn_number``, in the active language's way (1.234,5 in Vietnamese, 1,234.5 in English)."""
    found = _places(value)
    if found is None:
        return ""
    number, places = found
    fmt = format_en_number if english() else format_vn_number
    return fmt(number, places if decimals is None else decimals)

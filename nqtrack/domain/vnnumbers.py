"""Numbers written the Vietnamese way: a dot between thousands, a comma before decimals ("1.234,5").

Pure helpers used by the progress explanations and the coherence messages. Rounding is half-up on the
shortest decimal form of the float (2,675 → "2,68"), as people round by hand, not half-even on the binary
value.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = ["format_en_number", "format_vn_number", "parse_vn_number"]

# Separators people use between thousands: dot (standard), plain, no-break and narrow no-break spaces.
_GROUP_SEPARATORS = ".\u0020\u00a0\u202f"
_GROUPED = re.compile(r"\d{1,3}(?P<sep>[" + _GROUP_SEPARATORS + r"])\d{3}(?:(?P=sep)\d{3})*(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")
_MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign, and the en dash that word processors produce


def _rounded_en(x: float, decimals: int) -> str:
    """`x` rounded half-up, with "," between thousands and "." before decimals."""
    if not math.isfinite(x):
        raise ValueError(f"cannot format a non-finite number: {x!r}")
    if decimals < 0:
        raise ValueError("decimals must be zero or more")
    with localcontext() as ctx:
        ctx.prec = 1000  # enough digits for any finite float, so quantize never fails
        value = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{value:,.{decimals}f}"
    if value == 0:  # no "-0,0" for a small negative number rounded to zero
        text = text.lstrip("-")
    return text


def _trimmed(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_en_number(x: float, decimals: int = 1, *, trim: bool = False) -> str:
    """English form of a number: 1234.5 → "1,234.5". `trim` drops trailing zeros (37.0 → "37")."""
    text = _rounded_en(x, decimals)
    return _trimmed(text) if trim else text


def format_vn_number(x: float, decimals: int = 1, *, trim: bool = False) -> str:
    """Vietnamese form of a number: 1234.5 → "1.234,5"; -0.25 with 2 decimals → "-0,25".

    `trim` drops trailing decimal zeros (37.0 → "37", 2.50 → "2,5"). Raises ValueError for NaN or
    infinity, which have no written form.
    """
    text = format_en_number(x, decimals, trim=trim)
    return text.translate(str.maketrans(",.", ".,"))


def parse_vn_number(text: str) -> float:
    """Read a number written the Vietnamese way: "1,5" → 1.5, "9.800" → 9800.0, "1.234,5" → 1234.5.

    A sign ("-", "−") may lead and "%" may follow. Thousands may be grouped by dots or spaces, in groups
    of three. A dot not followed by exactly three digits ("1.5") is refused: in Vietnamese it cannot be
    a decimal point, and guessing would silently multiply or divide by a thousand.
    """
    cleaned = text.strip()
    has_sign = cleaned[:1] in _MINUS_SIGNS or cleaned[:1] == "+"
    sign = -1.0 if cleaned[:1] in _MINUS_SIGNS else 1.0
    body = cleaned[1:].lstrip() if has_sign else cleaned
    body = body.removesuffix("%").rstrip()
    match = _GROUPED.fullmatch(body)
    if match is not None:
        digits = body.replace(match.group("sep"), "")
    elif _PLAIN.fullmatch(body) is not None:
        digits = body
    else:
        raise ValueError(
            f"{text!r} is not a Vietnamese number: write thousands with dots (9.800) and decimals with a "
            "comma (1,5)"
        )
    return sign * float(digits.replace(",", "."))

"""Figures as people type them: in a file (decimal comma or dot) or in the Vietnamese entry grid.

Pure helpers (no Django). Values are kept as ``Decimal`` with the precision typed ("16,10" stays 16.10);
``canonical`` gives the text stored beside the value (a dot before decimals, no thousands separator, as in
data/bac-giang-statistics.csv).

Two readings, because one text can mean two numbers ("1.500"):

- ``FILE``: one dot or one comma is the decimal separator ("37.8", "37,8"); with both, the last one is
  ("1.234,5", "1,234.5"); several of the same are thousands ("1.234.567"). CSV files written by nqtrack
  and by DHIS2 use a decimal dot, so "2.675" must stay 2,675.
- ``VN``: the Vietnamese way, as the grid shows numbers: a dot between thousands, a comma before decimals
  ("9.800" is 9 800; "1.234,5"). A dot not followed by exactly three digits can only be a decimal point
  ("37.8") and is read so.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import StrEnum

__all__ = [
    "MAX_DECIMALS",
    "MAX_INTEGER_DIGITS",
    "FigureError",
    "Reading",
    "canonical",
    "check_figure_size",
    "parse_figure",
]

MAX_DECIMALS = 6  # the database keeps six decimals
MAX_INTEGER_DIGITS = 18
_MINUS = "-\u2212\u2013"
_SPACES = " \u00a0\u202f\u2009"
_DIGITS_AND_SEPARATORS = re.compile(r"^[0-9.,]+$")


class Reading(StrEnum):
    FILE = "file"
    VN = "vn"


class FigureError(ValueError):
    """Text that is not a number, or one the database cannot keep; the message is in Vietnamese."""


def parse_figure(text: str, *, reading: Reading = Reading.FILE) -> Decimal:
    """The number ``text`` stands for; a trailing "%" and spaces between thousands are allowed."""
    body, negative = _sign(unicodedata.normalize("NFKC", text).strip())
    body = body.removesuffix("%").strip()
    for space in _SPACES:
        body = body.replace(space, "")
    if not body or _DIGITS_AND_SEPARATORS.match(body) is None:
        raise FigureError(f"'{text.strip()}' không phải là số")
    plain = _plain_vn(body) if reading is Reading.VN else _plain_file(body)
    if plain is None:
        raise FigureError(f"'{text.strip()}' không phải là số: dấu phân cách hàng nghìn sai chỗ")
    try:
        value = Decimal(plain)
    except InvalidOperation as error:  # "." or "," alone
        raise FigureError(f"'{text.strip()}' không phải là số") from error
    check_figure_size(text.strip(), value)
    return -value if negative else value


def canonical(value: Decimal) -> str:
    """The stored text of a value: plain digits, a dot before the decimals typed, no exponent."""
    text = format(value, "f")
    return "0" if text in {"-0", "+0"} else text


def _sign(text: str) -> tuple[str, bool]:
    if text[:1] in _MINUS:
        return text[1:].lstrip(), True
    if text[:1] == "+":
        return text[1:].lstrip(), False
    return text, False


def _plain_file(body: str) -> str | None:
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, _, decimals = body.rpartition(decimal_mark)
        return _ungrouped(whole, group_mark, decimals)
    mark = "." if dots else ","
    count = dots or commas
    if count == 0:
        return body
    if count == 1:
        return body.replace(",", ".")
    return _ungrouped(body, mark, "")


def _plain_vn(body: str) -> str | None:
    if "," in body:
        whole, _, decimals = body.rpartition(",")
        if "," in whole:
            return None
        return _ungrouped(whole, ".", decimals)
    if body.count(".") == 1 and not re.fullmatch(r"\d{1,3}\.\d{3}", body):
        return body  # "37.8": a dot not followed by three digits is a decimal point
    return _ungrouped(body, ".", "")


def _ungrouped(whole: str, mark: str, decimals: str) -> str | None:
    """Digits of ``whole`` grouped by ``mark`` in threes, then the decimals; None when badly grouped."""
    if mark in whole and re.fullmatch(r"\d{1,3}(?:" + re.escape(mark) + r"\d{3})+", whole) is None:
        return None
    digits = whole.replace(mark, "")
    if not digits.isdigit() or (decimals and not decimals.isdigit()):
        return None
    return f"{digits}.{decimals}" if decimals else digits


def check_figure_size(text: str, value: Decimal) -> None:
    """Refuse (``FigureError``) a value the database cannot keep as typed: more than ``MAX_DECIMALS``
    decimals (it would be rounded, -1e-320 to 0) or more than ``MAX_INTEGER_DIGITS`` integer digits;
    ``text`` is the value as written, for the message."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise FigureError(f"'{text}' có quá {MAX_DECIMALS} chữ số thập phân")
    if abs(value) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise FigureError(f"'{text}' quá lớn (tối đa {MAX_INTEGER_DIGITS} chữ số phần nguyên)")

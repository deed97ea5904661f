"""Whole numbers read from a request (query string, form fields), checked one way everywhere.

Only the ASCII digits 0–9 make a number here: ``str.isdigit()`` is true for "²" and ``int()`` reads "٣"
(an Arabic-Indic three), so a check built on them either lets a crash through (``int("²")`` fails) or
reads a value nobody typed on a Vietnamese keyboard. The number of digits is bounded before ``int()``
runs (``int()`` refuses more than 4,300 digits, and the database refuses integers above 63 bits), and
each kind of value has its range: a year 1900–2100, an id or a counter a positive 63-bit integer.

A page that reads a value calls ``given_year`` or ``given_number``: absent or empty is "not given"
(None), anything else that is not a number in range raises ``BadParameter``, which Django answers with
HTTP 400 and the page ``web/bad_request.html`` showing the Vietnamese message (nqtrack/web/errors.py).
A page that already reports a bad value and ignores it (the dashboard's filters) calls ``year_or_none``.
Forms use ``AsciiIntegerField``, and ``AsciiIdMultipleChoiceField`` for objects chosen by id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

YEAR_MIN = 1900
YEAR_MAX = 2100
ID_MAX = 2**63 - 1  # every primary key, version and counter of the database fits in a signed 64-bit integer
SMALL_MAX = 2**15 - 1  # a group or section number (a small integer field)
SHOWN_CHARS = 40  # of a bad value, echoed in the message

_DIGITS = re.compile(r"[0-9]{1,19}")  # 19 digits hold ID_MAX
_SIGNED = re.compile(r"[-+]?[0-9]{1,19}")


class BadParameter(BadRequest):
    """A value of the request that is not what the page reads; the message says so in Vietnamese."""


def ascii_int(text: object, *, low: int = 0, high: int = ID_MAX) -> int | None:
    """The number ``text`` writes in ASCII digits (spaces around allowed), when it is within
    [``low``, ``high``]; None for anything else (absent, empty, "²", "٣", "-1", "1e3", 20 digits…)."""
    if not isinstance(text, str) or _DIGITS.fullmatch(text.strip()) is None:
        return None
    value = int(text.strip())
    return value if low <= value <= high else None


def year_or_none(text: object) -> int | None:
    """A year from ``YEAR_MIN`` to ``YEAR_MAX`` written in ASCII digits, or None."""
    return ascii_int(text, low=YEAR_MIN, high=YEAR_MAX)


def shown(text: str) -> str:
    """A bad value as a message quotes it: control characters as "�", at most ``SHOWN_CHARS``."""
    clean = "".join("�" if not character.isprintable() else character for character in text)
    return clean if len(clean) <= SHOWN_CHARS else clean[: SHOWN_CHARS - 1] + "…"


def given_year(params: Mapping[str, Any], name: str) -> int | None:
    """The year ``params[name]`` names; None when it is absent or empty; ``BadParameter`` otherwise."""
    text = params.get(name)
    if text is None or not str(text).strip():
        return None
    year = year_or_none(text)
    if year is None:
        raise BadParameter(
            _(
                "Năm “%(text)s” (ô “%(name)s”) không hợp lệ: hãy ghi năm bằng chữ số 0–9, "
                "từ %(low)s đến %(high)s."
            )
            % {"text": shown(str(text)), "name": name, "low": YEAR_MIN, "high": YEAR_MAX}
        )
    return year


def given_number(params: Mapping[str, Any], name: str, *, low: int = 1, high: int = ID_MAX) -> int | None:
    """The whole number ``params[name]`` writes, from ``low`` to ``high`` (an id, a group number, a
    version); None when it is absent or empty; ``BadParameter`` otherwise."""
    text = params.get(name)
    if text is None or not str(text).strip():
        return None
    number = ascii_int(text, low=low, high=high)
    if number is None:
        limits = {"text": shown(str(text)), "name": name, "low": low, "high": high}
        raise BadParameter(
            _("Giá trị “%(text)s” (ô “%(name)s”) không hợp lệ: hãy ghi số nguyên bằng chữ số 0–9.") % limits
            if high == ID_MAX
            else _(
                "Giá trị “%(text)s” (ô “%(name)s”) không hợp lệ: hãy ghi số nguyên bằng chữ số 0–9, "
                "từ %(low)s đến %(high)s."
            )
            % limits
        )
    return number


class AsciiIntegerField(forms.IntegerField):
    """A form's whole number in ASCII digits (a sign allowed): "²", "٣", "12.5" or a number of more than 19
    digits is invalid, as any other text; ``min_value`` and ``max_value`` still apply."""

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        if _SIGNED.fullmatch(text) is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


if TYPE_CHECKING:  # the field classes are generic only in the type stubs
    _ModelMultiple = forms.ModelMultipleChoiceField
else:

    class _ModelMultiple[M: Model](forms.ModelMultipleChoiceField):
        pass


class AsciiIdMultipleChoiceField[M: Model](_ModelMultiple[M]):
    """Objects chosen by primary key, each key checked before the database sees it: ASCII digits within
    the 63-bit bound. Django's own field reads "٣" as 3, and a key above 63 bits makes the database fail in
    the ``pk__in`` lookup that finds the objects (a 500, not a form error)."""

    def clean(self, value: Any) -> QuerySet[M]:
        for pk in value if isinstance(value, list | tuple) else ():
            if ascii_int(str(pk), low=1) is None:
                raise ValidationError(
                    _("Mã “%(pk)s” không hợp lệ: hãy chọn trong danh sách."),
                    code="invalid_pk_value",
                    params={"pk": shown(str(pk))},
                )
        return super().clean(value)


if TYPE_CHECKING:
    _ModelSingle = forms.ModelChoiceField
else:

    class _ModelSingle[M: Model](forms.ModelChoiceField):
        pass


class AsciiIdChoiceField[M: Model](_ModelSingle[M]):
    """One object chosen by primary key, checked as ``AsciiIdMultipleChoiceField`` checks each of its keys:
    Django's own field reads "٣" as 3 and fails in the database on a key above 63 bits."""

    def to_python(self, value: Any) -> M | None:
        if value in self.empty_values:
            return None
        if not isinstance(value, Model) and ascii_int(str(value), low=1) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

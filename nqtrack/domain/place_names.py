"""Find the administrative units a text names ("đình chùa Thổ Hà, huyện Việt Yên"). Pure.

Used to place the programme's key projects: a project whose name mentions a district is located there.
A unit counts only where the text names it as a unit: after a unit word ("huyện", "thành phố", "thị
xã", "quận"), alone or in the list that follows ("huyện Sơn Động, Lục Nam"). A bare name elsewhere is
not a unit: "sông Lục Nam" is the river, "Trường Cao đẳng … Bắc Giang" is not the city.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["NamedUnit", "units_named_in"]

_UNIT_WORD = re.compile(r"(?<!\w)(?:huyện|thành phố|thị xã|quận)\s+")
_LIST_SEPARATOR = re.compile(r",\s*|\s+và\s+")


@dataclass(frozen=True, slots=True)
class NamedUnit:
    code: str
    name: str  # as published: "Huyện Việt Yên"
    unit_type: str  # "Huyện"

    @property
    def bare_name(self) -> str:
        prefix = self.unit_type + " "
        return self.name[len(prefix) :] if self.name.startswith(prefix) else self.name


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def _starts_with_name(element: str, name: str) -> bool:
    return re.match(rf"{re.escape(name)}(?!\w)", element) is not None


def units_named_in(text: str, units: Iterable[NamedUnit]) -> list[str]:
    """The codes of ``units`` that ``text`` names as units, in the order of ``units``."""
    candidates = [(u.code, _norm(u.bare_name)) for u in units]
    haystack = _norm(text)
    found: set[str] = set()
    for match in _UNIT_WORD.finditer(haystack):
        for element in _LIST_SEPARATOR.split(haystack[match.end() :]):
            code = next((c for c, name in candidates if _starts_with_name(element, name)), None)
            if code is None:
                break
            found.add(code)
    return [code for code, _ in candidates if code in found]

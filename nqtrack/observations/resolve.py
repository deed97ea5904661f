"""Matching what a row names (indicator and unit, by code or by name) to the stored rows.

Codes win over names. A name matches an indicator's name, or a unit's name with or without its type
("Huyện Sơn Động" or "Sơn Động"); a name that fits several is refused with the candidates listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from django.db.models import Q

from nqtrack.observations.vocabulary import words
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme

_UNIT_TYPES = re.compile(r"^(tỉnh|thành phố|huyện|thị xã|thị trấn|quận|phường|xã)\s+", re.IGNORECASE)


class NotFound(LookupError):
    """The row names nothing, or several things; the message is in Vietnamese."""


class Resolver:
    """Looks up indicators and units for one import (caches what it reads)."""

    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self._indicators = {
            i.code: i for i in Indicator.objects.filter(programme=programme).select_related("group")
        }
        self._indicator_names: dict[str, list[Indicator]] = defaultdict(list)
        for indicator in self._indicators.values():
            self._indicator_names[words(indicator.name)].append(indicator)
        self._units: dict[tuple[str, int], AdminUnit | None] = {}
        self._unit_names: dict[int, tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]] = {}

    def indicator(self, text: str) -> Indicator:
        if not text:
            raise NotFound("thiếu mã hoặc tên chỉ tiêu")
        if text in self._indicators:
            return self._indicators[text]
        found = self._indicator_names.get(words(text), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFound(f"tên chỉ tiêu '{text}' trùng với nhiều chỉ tiêu: {_codes(found)}")
        raise NotFound(f"mã chỉ tiêu '{text}' không có trong chương trình")

    def unit(self, text: str, year: int) -> AdminUnit:
        if not text:
            raise NotFound("thiếu mã hoặc tên đơn vị hành chính")
        if text.isdigit():
            return self._unit_by_code(text, year)
        full, short = self._names(year)
        found = full.get(words(text)) or short.get(words(_UNIT_TYPES.sub("", text))) or {}
        if len(found) == 1:
            return self._unit_by_code(next(iter(found)), year)
        if found:
            listed = ", ".join(f"{name} ({code})" for code, name in sorted(found.items()))
            raise NotFound(f"tên đơn vị '{text}' trùng với nhiều đơn vị năm {year}: {listed}; hãy ghi mã")
        raise NotFound(f"không có đơn vị hành chính tên '{text}' trong năm {year}")

    def _unit_by_code(self, code: str, year: int) -> AdminUnit:
        if (code, year) not in self._units:
            self._units[(code, year)] = unit_for_period(code=code, year=year)
        unit = self._units[(code, year)]
        if unit is not None:
            return unit
        if AdminUnit.objects.filter(code=code).exists():
            raise NotFound(f"đơn vị hành chính mã '{code}' không tồn tại trong năm {year}")
        raise NotFound(f"mã đơn vị hành chính '{code}' không tồn tại")

    def _names(self, year: int) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
        """Unit names valid during ``year``: full name → {code: name}, and the same without the type."""
        if year not in self._unit_names:
            first, last = date(year, 1, 1), date(year, 12, 31)
            valid = AdminUnit.objects.filter(
                (Q(valid_from__isnull=True) | Q(valid_from__lte=last))
                & (Q(valid_to__isnull=True) | Q(valid_to__gt=first))
            ).values_list("code", "name")
            full: dict[str, dict[str, str]] = defaultdict(dict)
            short: dict[str, dict[str, str]] = defaultdict(dict)
            for code, name in valid:
                full[words(name)][code] = name
                short[words(_UNIT_TYPES.sub("", name))][code] = name
            self._unit_names[year] = (full, short)
        return self._unit_names[year]


def _codes(indicators: list[Indicator]) -> str:
    return ", ".join(sorted(i.code for i in indicators))

"""Matching what a row names (indicator and unit, by code or by name) to the stored rows.

Codes win over names. A name matches an indicator's name, or a unit's name with or without its type
("Huyện Sơn Động" or "Sơn Động"); a name that fits several is refused with the candidates listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from django.db.models import Q

from nqtrack.domain.periods import PeriodError
from nqtrack.observations.vocabulary import words
from nqtrack.places.models import AdminUnit
from nqtrack.places.versions import (
    Formed,
    VersionError,
    name_fits,
    short_date,
    span_of,
    split_version_key,
    started_from_predecessors,
    version_for_period,
)
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
        self._units: dict[tuple[str, str, str, date | None], AdminUnit | str] = {}
        self._versions: dict[str, list[AdminUnit]] = {}
        self._formed: Formed | None = None
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

    def unit(self, text: str, period: str, *, name: str = "") -> AdminUnit:
        """The unit version a figure for ``period`` belongs to (``nqtrack.places.versions``).

        ``text``: a code, a version key ("24@2025-07-01") or a name; ``name``: the name a row gives
        beside its code, which chooses among the code's versions (a name that fits none of them is
        ignored: the code wins)."""
        if not text:
            raise NotFound("thiếu mã hoặc tên đơn vị hành chính")
        year = int(period[:4])
        key = split_version_key(text)
        if key is not None:
            code, first_day = key
            return self._unit_by_code(code, period, name, first_day)
        full, short = self._names(year)
        found = full.get(words(text)) or short.get(words(_UNIT_TYPES.sub("", text))) or {}
        if len(found) == 1:
            return self._unit_by_code(next(iter(found)), period, text, None)
        if found:
            listed = ", ".join(f"{name} ({code})" for code, name in sorted(found.items()))
            raise NotFound(f"tên đơn vị '{text}' trùng với nhiều đơn vị năm {year}: {listed}; hãy ghi mã")
        raise NotFound(f"không có đơn vị hành chính tên '{text}' trong năm {year}")

    def _unit_by_code(self, code: str, period: str, name: str, first_day: date | None) -> AdminUnit:
        cache_key = (code, period, name, first_day)
        if cache_key not in self._units:
            self._units[cache_key] = self._version(code, period, name, first_day)
        found = self._units[cache_key]
        if isinstance(found, str):
            raise NotFound(found)
        return found

    def _version(self, code: str, period: str, name: str, first_day: date | None) -> AdminUnit | str:
        if code not in self._versions:
            self._versions[code] = list(AdminUnit.objects.filter(code=code).select_related("parent"))
        versions = self._versions[code]
        if not versions:
            return f"mã đơn vị hành chính '{code}' không tồn tại"
        if first_day is not None:
            versions = [v for v in versions if v.valid_from == first_day]
            if not versions:
                return f"đơn vị hành chính mã '{code}' không có phiên bản từ {short_date(first_day)}"
            name = versions[0].name
        elif name and not any(name_fits(v, name) for v in versions):
            name = ""
        if self._formed is None:
            self._formed = started_from_predecessors()
        try:
            return version_for_period(versions, span_of(period), formed=self._formed, name=name)
        except (VersionError, PeriodError) as refused:
            return str(refused)

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

"""Reporting periods written as DHIS2 writes them: ``2024`` (year), ``2024Q1`` (quarter), ``2024S1``
(half year, January–June) and ``202403`` (month).

Pure helpers (no Django). ``parse_period`` refuses a period that does not exist ("2024Q5", "202413") with a
Vietnamese message that names what is allowed; it never guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = ["FIRST_YEAR", "LAST_YEAR", "Period", "PeriodError", "PeriodKind", "parse_period"]

FIRST_YEAR = 1900
LAST_YEAR = 2100
_SHAPE = re.compile(r"^(?P<year>\d{4})(?:(?P<quarter>Q\d+)|(?P<half>S\d+)|(?P<month>\d{2}))?$")
ALLOWED = "2024 (năm), 2024Q1 (quý), 2024S1 (6 tháng), 202403 (tháng)"


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"


_MONTHS = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}


class PeriodError(ValueError):
    """A period that is not written right or does not exist; the message is in Vietnamese."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """One reporting period: its kind, year and number within the year (1 for a year)."""

    year: int
    kind: PeriodKind
    number: int = 1

    @property
    def code(self) -> str:
        """The DHIS2 form: "2024", "2024S1", "2024Q1", "202403"."""
        match self.kind:
            case PeriodKind.YEAR:
                return str(self.year)
            case PeriodKind.HALF:
                return f"{self.year}S{self.number}"
            case PeriodKind.QUARTER:
                return f"{self.year}Q{self.number}"
            case PeriodKind.MONTH:
                return f"{self.year}{self.number:02d}"

    @property
    def is_year(self) -> bool:
        return self.kind is PeriodKind.YEAR

    @property
    def first_month(self) -> int:
        return (self.number - 1) * _MONTHS[self.kind] + 1

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        """The last day of the period."""
        after = self.first_month + _MONTHS[self.kind]
        following = date(self.year + 1, 1, 1) if after > 12 else date(self.year, after, 1)
        return following - timedelta(days=1)

    def __str__(self) -> str:
        return self.code


def parse_period(text: str) -> Period:
    """Read a period in the DHIS2 form; raise ``PeriodError`` for anything else or a period that does
    not exist."""
    cleaned = text.strip().upper()
    match = _SHAPE.match(cleaned)
    if match is None:
        raise PeriodError(f"'{text}' không phải kỳ hợp lệ; dùng {ALLOWED}")
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}")
    if match["quarter"]:
        return Period(
            year, PeriodKind.QUARTER, _number(text, match["quarter"][1:], 4, "quý phải từ Q1 đến Q4")
        )
    if match["half"]:
        return Period(
            year, PeriodKind.HALF, _number(text, match["half"][1:], 2, "nửa năm phải là S1 hoặc S2")
        )
    if match["month"]:
        return Period(year, PeriodKind.MONTH, _number(text, match["month"], 12, "tháng phải từ 01 đến 12"))
    return Period(year, PeriodKind.YEAR)


def _number(text: str, digits: str, highest: int, rule: str) -> int:
    number = int(digits)
    if not 1 <= number <= highest:
        raise PeriodError(f"kỳ '{text}' không tồn tại: {rule}")
    return number

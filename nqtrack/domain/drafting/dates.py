"""Dates of a programme's text: "đến năm 2025", "trước năm 2027", "trong tháng 9/2022", "Quý II/2023",
"trước ngày 15 tháng 6", "định kỳ 6 tháng". Pure.

A due is written the way programme files write it: a year ("2025"), a month ("2022-09") or a day
("2023-06-15"). "Trước năm 2027" is due in 2026; a quarter is due in its last month.
"""

from __future__ import annotations

import re

__all__ = ["due_in", "reporting_in", "year_in"]

_YEAR = r"(?P<y>(?:19|20)\d{2})"
_QUARTERS = {"I": 3, "II": 6, "III": 9, "IV": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_DAY = re.compile(
    r"(?:trước|đến|trong|vào|chậm nhất|hạn)?\s*ngày\s+(?P<d>\d{1,2})"
    r"(?:\s*/\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)" + _YEAR,
    re.IGNORECASE,
)
_MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)" + _YEAR, re.IGNORECASE)
_QUARTER = re.compile(r"quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s*/\s*|\s+năm\s+)" + _YEAR, re.IGNORECASE)
_BEFORE_YEAR = re.compile(r"trước\s+năm\s+" + _YEAR, re.IGNORECASE)
_IN_YEAR = re.compile(r"(?<![-–\d])(?:năm|đến năm|vào năm|trong năm)\s+" + _YEAR + r"(?!\s*[-–]\s*\d)")
_RECURRING = re.compile(
    r"định kỳ|hằng năm|hàng năm|hằng quý|hàng quý|hằng tháng|hàng tháng|thường xuyên|sơ kết|tổng kết|"
    r"mỗi năm|6 tháng|sáu tháng",
    re.IGNORECASE,
)
_REPORT_DAY = re.compile(
    r"ngày\s+(?P<d>\d{1,2})(?:\s*/\s*|\s+tháng\s+)(?P<m>\d{1,2})(?!\s*(?:/|năm)\s*\d{4})", re.IGNORECASE
)
_CYCLE = re.compile(r"(?:định kỳ\s+)?(hằng|hàng)?\s*(năm|quý|tháng)|(6|sáu)\s+tháng", re.IGNORECASE)


def year_in(text: str) -> int | None:
    """The year a text names ("đến năm 2030", "năm 2025"), not one that starts or ends a period."""
    match = _IN_YEAR.search(text)
    return int(match["y"]) if match is not None else None


def due_in(text: str) -> str | None:
    """The due a text sets, most precise first: a day, a month, a quarter, then a year."""
    match = _DAY.search(text)
    if match is not None:
        return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
    match = _MONTH.search(text)
    if match is not None:
        return f"{match['y']}-{int(match['m']):02d}"
    match = _QUARTER.search(text)
    if match is not None:
        return f"{match['y']}-{_QUARTERS[match['q'].upper()]:02d}"
    match = _BEFORE_YEAR.search(text)
    if match is not None:
        return str(int(match["y"]) - 1)
    year = year_in(text)
    return str(year) if year is not None else None


def reporting_in(text: str) -> str | None:
    """A reporting duty in words: "định kỳ 6 tháng, hằng năm báo cáo …, trước ngày 15 tháng 6"."""
    if not re.search(r"báo cáo", text, re.IGNORECASE) or _RECURRING.search(text) is None:
        return None
    parts = []
    if re.search(r"6 tháng|sáu tháng", text, re.IGNORECASE):
        parts.append("6 tháng")
    if re.search(r"hằng năm|hàng năm|định kỳ hằng năm|mỗi năm", text, re.IGNORECASE):
        parts.append("hằng năm")
    if re.search(r"hằng quý|hàng quý", text, re.IGNORECASE):
        parts.append("hằng quý")
    if re.search(r"sơ kết", text, re.IGNORECASE):
        parts.append("sơ kết")
    if re.search(r"tổng kết", text, re.IGNORECASE):
        parts.append("tổng kết")
    days = [f"trước ngày {int(m['d'])}/{int(m['m'])}" for m in _REPORT_DAY.finditer(text)]
    return ", ".join(parts + days) or "định kỳ"

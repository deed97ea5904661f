"""Words the files and the grid use for statuses and measurement units, in Vietnamese and as codes."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.observations.models import Status

# Statuses a reporter may give (the published-only "unknown" is accepted from files too).
STATUS_LABELS: dict[str, str] = {
    Status.PLAN: "Kế hoạch",
    Status.ESTIMATE: "Ước",
    Status.PRELIMINARY: "Sơ bộ",
    Status.OFFICIAL: "Chính thức",
    Status.UNKNOWN: "Không rõ",
}
_STATUS_WORDS = {
    **{unicodedata.normalize("NFC", label).casefold(): code for code, label in STATUS_LABELS.items()},
    **{str(code): str(code) for code in STATUS_LABELS},
    "ước tính": Status.ESTIMATE,
    "uoc": Status.ESTIMATE,
    "so bo": Status.PRELIMINARY,
    "chinh thuc": Status.OFFICIAL,
    "ke hoach": Status.PLAN,
}

UNIT_LABELS: dict[str, str] = {
    "percent": "%",
    "percentage_points": "điểm %",
    "billion_vnd": "tỷ đồng",
    "million_vnd": "triệu đồng",
    "usd": "USD",
    "billion_usd": "tỷ USD",
    "persons": "người",
    "households": "hộ",
    "hectares": "ha",
    "count": "số lượng",
    "rank": "thứ hạng",
    "beds_per_10000": "giường bệnh/vạn dân",
    "doctors_per_10000": "bác sĩ/vạn dân",
    "percent_per_year": "%/năm",
    "percentage_points_per_year": "điểm %/năm",
    "districts": "huyện",
    "percent_of_target": "% kế hoạch",
}


def words(text: str) -> str:
    """Text compared the way people mean it: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def status_code(text: str) -> str | None:
    """The status code a file or the grid means by ``text`` ("Chính thức", "official"); None if none."""
    return _STATUS_WORDS.get(words(text))


def unit_matches(text: str, unit: str) -> bool:
    """Whether ``text`` names the measurement unit ``unit`` (its code or its Vietnamese label)."""
    given = words(text)
    return given in {unit.casefold(), words(UNIT_LABELS.get(unit, unit))}


def vn_text(value_text: str) -> str:
    """A stored value text ("1234.50") the Vietnamese way, keeping its decimals ("1.234,50")."""
    try:
        number = Decimal(value_text)
    except (InvalidOperation, ValueError):
        return value_text
    if not number.is_finite():
        return value_text
    exponent = number.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_vn_number(float(number), places)

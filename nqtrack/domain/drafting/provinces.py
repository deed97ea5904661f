"""The province a programme document is about, with its GSO code (the 63 provinces of the 2022 frame).

A document names its province many times ("tỉnh Bắc Giang", "Bắc Giang là cực tăng trưởng"); the most
named province is the document's. Pure.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["PROVINCES", "province_in"]

# GSO code → name, as the names are written in running text.
PROVINCES: dict[str, str] = {
    "01": "Hà Nội", "02": "Hà Giang", "04": "Cao Bằng", "06": "Bắc Kạn", "08": "Tuyên Quang",
    "10": "Lào Cai", "11": "Điện Biên", "12": "Lai Châu", "14": "Sơn La", "15": "Yên Bái",
    "17": "Hòa Bình", "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh", "24": "Bắc Giang",
    "25": "Phú Thọ", "26": "Vĩnh Phúc", "27": "Bắc Ninh", "30": "Hải Dương", "31": "Hải Phòng",
    "33": "Hưng Yên", "34": "Thái Bình", "35": "Hà Nam", "36": "Nam Định", "37": "Ninh Bình",
    "38": "Thanh Hóa", "40": "Nghệ An", "42": "Hà Tĩnh", "44": "Quảng Bình", "45": "Quảng Trị",
    "46": "Thừa Thiên Huế", "48": "Đà Nẵng", "49": "Quảng Nam", "51": "Quảng Ngãi", "52": "Bình Định",
    "54": "Phú Yên", "56": "Khánh Hòa", "58": "Ninh Thuận", "60": "Bình Thuận", "62": "Kon Tum",
    "64": "Gia Lai", "66": "Đắk Lắk", "67": "Đắk Nông", "68": "Lâm Đồng", "70": "Bình Phước",
    "72": "Tây Ninh", "74": "Bình Dương", "75": "Đồng Nai", "77": "Bà Rịa - Vũng Tàu",
    "79": "Hồ Chí Minh", "80": "Long An", "82": "Tiền Giang", "83": "Bến Tre", "84": "Trà Vinh",
    "86": "Vĩnh Long", "87": "Đồng Tháp", "89": "An Giang", "91": "Kiên Giang", "92": "Cần Thơ",
    "93": "Hậu Giang", "94": "Sóc Trăng", "95": "Bạc Liêu", "96": "Cà Mau",
}  # fmt: skip
# Old and new spellings of the same tone marks ("Hoà"/"Hòa", "Thanh Hoá").
_VARIANTS = {"òa": "(?:òa|oà)", "óa": "(?:óa|oá)", "ỏa": "(?:ỏa|oả)", "ọa": "(?:ọa|oạ)"}


def _pattern(name: str) -> re.Pattern[str]:
    escaped = re.escape(name)
    for plain, either in _VARIANTS.items():
        escaped = escaped.replace(plain, either)
    # "Thái Bình Dương" (the Pacific) is neither Thái Bình nor Bình Dương.
    return re.compile(rf"(?<!\w)(?<!Thái ){escaped}(?!\w)(?!\s+Dương)")


_PATTERNS = {code: _pattern(name) for code, name in PROVINCES.items()}
# The last word of each name, as plain text: a quick test before the exact pattern is run.
_LAST_WORDS = {code: name.split()[-1][1:] for code, name in PROVINCES.items()}


def province_in(text: str) -> tuple[str, str] | None:
    """``(code, name)`` of the province named most often in ``text`` (at least twice), else ``None``."""
    counts: Counter[str] = Counter()
    for code, pattern in _PATTERNS.items():
        if _LAST_WORDS[code] in text:  # "Thái Bình Dương" is not Thái Bình: the exact pattern decides
            counts[code] = len(pattern.findall(text))
    if not counts:
        return None
    code, count = counts.most_common(1)[0]
    if count < 2:
        return None
    return code, PROVINCES[code]

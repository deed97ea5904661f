"""The value of a target as Vietnamese writes it: "đạt khoảng 15-16%", "trên 18%/năm", "8/9 huyện",
"640 nghìn tỷ đồng (tương đương 9.800 USD)", "≥ 95%", "giảm xuống dưới 3‰". Pure.

``find_values`` finds every figure of a clause that can be a target's value, skipping the numbers that
are years, periods, dates, document numbers, ranks ("nhóm 15 tỉnh") or ordinals. ``read_value`` reads one
such figure with its comparator, bounds, unit and scale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NUMBER", "Value", "find_values", "parse_number", "read_value"]

# A Vietnamese number: thousands grouped by dots in threes, decimals after a comma (1.234,5; 9.800; 1,5).
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DASH = r"(?:-|–|—|đến|tới)"
_FIGURE = re.compile(
    rf"(?<![\w./-])(?P<low>{NUMBER})(?:/(?P<out_of>\d+)(?![\d/]))?\s*(?P<pct1>%|‰)?"
    rf"(?:\s*{_DASH}\s*(?:khoảng\s+|trên\s+)?(?P<high>{NUMBER})(?![\w/]))?"
    r"\s*(?P<pct2>%|‰)?"
)
_YEAR = r"(?:19|20)\d{2}"
# Numbers that are not values: years and periods, dates, document numbers, ranks and ordinals.
_NOT_VALUES = re.compile(
    rf"(?:năm|kỳ|đoạn|khóa|khoá|nhiệm kỳ|Quý|quý)\s+(?:[IVX]+/)?{_YEAR}(?:\s*[-–]\s*{_YEAR})?"
    rf"|(?<!\d){_YEAR}\s*[-–]\s*{_YEAR}(?!\d)"
    rf"|\b(?:ngày|tháng)\s+\d{{1,2}}(?:\s*/\s*\d{{1,2}})?(?:\s*/\s*{_YEAR})?"
    rf"|\b(?:ngày|tháng)\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}(?:\s+năm\s+{_YEAR})?"
    rf"|\btháng\s+\d{{1,2}}\s+năm\s+{_YEAR}"
    rf"|\d+(?:/\d{{4}})?[/-][A-ZĐ][A-Za-zĐđ]*(?:[/-][A-ZĐ0-9]+)*"  # 11-NQ/TW, 14/NQ-CP, 81/2023/QH15
    r"|(?:nhóm|top|thứ|số|lần|loại|khu vực|vùng|Chương trình|Đề án|Dự án|mục|điểm|khoản|Điều)\s+\d+"
    r"|\b[A-ZĐ]{1,4}\d+\b"  # QL37, QL279
    r"|(?:bình quân|trong|sau|trước|mỗi|hằng|hàng)\s+\d+\s+năm"
    r"|\(\d+\)"  # list numbers
    r"|(?:trên|/)\s*1\s+(?:ha|héc\s*-?\s*ta|vạn dân|km|đơn vị)(?!\w)"  # "trên 1 ha đất", "/1 vạn dân"
    # an age that qualifies whom the indicator counts: "trẻ em dưới 5 tuổi", "người từ 60 tuổi trở lên"
    r"|(?:trẻ em|trẻ|người|dân số|phụ nữ|nam|nữ|học sinh|lao động)\s+(?:dưới|trên|từ|đủ)?\s*\d+"
    r"(?:\s*[-–]\s*\d+)?\s+tuổi(?:\s+trở\s+(?:lên|xuống))?"
)
_VALUE_WORDS = {
    "about": ("khoảng", "xấp xỉ", "gần", "~", "quanh mức"),
    "at_least": ("ít nhất", "tối thiểu", "không dưới", "không thấp hơn", "không ít hơn", "≥", ">="),
    "at_most": ("tối đa", "không quá", "không vượt quá", "không cao hơn", "không hơn", "≤", "<="),
    "more_than": ("trên", "hơn", "vượt", "cao hơn", ">"),
    "less_than": ("dưới", "thấp hơn", "ít hơn", "<"),
}
_MONEY = r"(?:đồng|USD|đô la Mỹ|đô la)"
_PEOPLE = r"(?:lượt\s+)?(?:khách|người|lao động|học sinh|sinh viên|đảng viên|đoàn viên|hội viên)"
# What follows a figure, longest first: (pattern, unit code, factor). "640 nghìn tỷ đồng" is 640.000 tỷ đồng.
_UNITS: tuple[tuple[re.Pattern[str], str, float], ...] = tuple(
    (re.compile(pattern), unit, factor)
    for pattern, unit, factor in (
        (r"(?:nghìn|ngàn)\s+t[ỷỉ]\s+đồng", "billion_vnd", 1000.0),
        (r"triệu\s+t[ỷỉ]\s+đồng", "billion_vnd", 1_000_000.0),
        (r"t[ỷỉ]\s+đồng", "billion_vnd", 1.0),
        (r"triệu\s+đồng", "million_vnd", 1.0),
        (r"(?:nghìn|ngàn)\s+đồng", "million_vnd", 0.001),
        (r"t[ỷỉ]\s+(?:USD|đô la Mỹ|đô la)", "billion_usd", 1.0),
        (r"triệu\s+(?:USD|đô la Mỹ|đô la)", "million_usd", 1.0),
        (r"(?:USD|đô la Mỹ|đô la)", "usd", 1.0),
        (r"đồng", "vnd", 1.0),
        (rf"triệu\s+{_PEOPLE}", "persons", 1_000_000.0),
        (rf"(?:nghìn|ngàn)\s+{_PEOPLE}", "persons", 1000.0),
        (_PEOPLE, "persons", 1.0),
        (r"giường(?:\s+bệnh)?\s*/\s*(?:1\s+)?vạn\s+dân", "beds_per_10000", 1.0),
        (r"bác\s+s[ỹĩ]\s*/\s*(?:1\s+)?vạn\s+dân", "doctors_per_10000", 1.0),
        (r"giường(?:\s+bệnh)?", "beds_per_10000?", 1.0),
        (r"bác\s+s[ỹĩ]", "doctors_per_10000?", 1.0),
        (r"(?:nghìn|ngàn)\s+hộ", "households", 1000.0),
        (r"hộ(?!\w)", "households", 1.0),
        (r"(?:nghìn|ngàn)\s+ha(?!\w)", "hectares", 1000.0),
        (r"(?:ha|héc\s*-?\s*ta|hecta)(?!\w)", "hectares", 1.0),
        (r"triệu\s+tấn", "tonnes", 1_000_000.0),
        (r"(?:nghìn|ngàn)\s+tấn", "tonnes", 1000.0),
        (r"tấn(?!\w)", "tonnes", 1.0),
        (r"km(?!\w)", "km", 1.0),
        (r"tuổi", "years", 1.0),
        (r"năm(?!\w)", "years", 1.0),
        (r"huyện", "districts", 1.0),
        (r"xã(?!\w)", "communes", 1.0),
        (r"lần(?!\w)", "times", 1.0),
        (r"con(?!\w)", "children", 1.0),
        (r"triệu(?!\w)", "count", 1_000_000.0),
        (r"(?:nghìn|ngàn)(?!\w)", "count", 1000.0),
        (r"t[ỷỉ](?!\w)", "count", 1_000_000_000.0),
    )
)


# Words after a figure that do not name what it counts.
_NOT_NOUNS = frozenset(
    {
        "và",
        "hoặc",
        "so",
        "trở",
        "đến",
        "tới",
        "trên",
        "dưới",
        "là",
        "của",
        "trong",
        "với",
        "theo",
        "thì",
        "để",
        "mà",
    }
)


@dataclass(frozen=True, slots=True)
class Value:
    """A figure of a clause: where it is, its bounds as written (scaled), its comparator and unit."""

    start: int
    end: int
    comparator: str  # a Comparator value, or "" when the words give none
    low: float
    high: float | None
    unit: str  # "percent", "per_mille", a unit code, "count" or "" (a bare number)
    out_of: int | None = None
    equivalent: tuple[float, str] | None = None  # "(tương đương 9.800 USD)"
    per_year: bool = False  # "%/năm", "hằng năm"


def parse_number(text: str) -> float:
    """ "1.234,5" → 1234.5; "9.800" → 9800; "03" → 3."""
    return float(text.replace(".", "").replace(",", "."))


def _excluded(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _NOT_VALUES.finditer(text)]


def find_values(text: str) -> list[re.Match[str]]:
    """Every figure of ``text`` that can be a target's value, in order."""
    excluded = _excluded(text)
    found = []
    for match in _FIGURE.finditer(text):
        if any(start <= match.start("low") < end for start, end in excluded):
            continue
        found.append(match)
    return found


def _comparator_before(before: str) -> str:
    """The comparator that the words right before a figure give ("đạt trên" → more_than)."""
    tail = before.rstrip().casefold()
    tail = re.sub(r"(?:\s*(?:đạt|là|ở mức|mức|còn|xuống|lên|tới|đến|phấn đấu|từ))+$", "", tail).rstrip()
    best = ("", 0)
    for comparator, words in _VALUE_WORDS.items():
        for word in words:
            if tail.endswith(word) and (len(word) > best[1]):
                edge = len(tail) - len(word)
                if edge == 0 or not tail[edge - 1].isalnum() or not word[0].isalnum():
                    best = (comparator, len(word))
    return best[0]


def _unit_after(after: str) -> tuple[str, float, int]:
    """The unit after a figure, the factor of its scale word and how many characters they take."""
    text = after.lstrip()
    skipped = len(after) - len(text)
    for pattern, unit, factor in _UNITS:
        match = pattern.match(text)
        if match is not None:
            return unit, factor, skipped + match.end()
    word = re.match(r"\w+", text)
    if word is not None and text[:1].islower() and word.group(0) not in _NOT_NOUNS:
        return "count", 1.0, skipped  # a counted noun: "03 khu du lịch", "ít nhất 8 cơ sở"
    return "", 1.0, 0


def read_value(text: str, match: re.Match[str], *, segment_start: int = 0) -> Value:
    """Read the figure ``match`` of ``text``: comparator (from the words before), bounds, unit, scale."""
    low = parse_number(match["low"])
    high = parse_number(match["high"]) if match["high"] else None
    percent = match["pct1"] or match["pct2"]
    before = text[segment_start : match.start()]
    comparator = _comparator_before(before)
    end = match.end()
    if percent:
        unit = "per_mille" if percent == "‰" else "percent"
        factor = 1.0
    else:
        unit, factor, used = _unit_after(text[match.end() :])
        end = match.end() + used
    low *= factor
    high = high * factor if high is not None else None
    after = text[end:]
    per_year = re.match(r"\s*/\s*năm", after) is not None
    if per_year:
        end += re.match(r"\s*/\s*năm", after).end()  # type: ignore[union-attr]
    if re.match(r"\s*trở\s+lên", text[end:]):
        comparator = comparator or "at_least"
    elif re.match(r"\s*trở\s+xuống", text[end:]):
        comparator = comparator or "at_most"
    if comparator == "" and before.rstrip().casefold().endswith("từ") and high is not None:
        comparator = "range"
    if unit in ("beds_per_10000?", "doctors_per_10000?"):
        unit = unit[:-1] if re.search(r"/\s*(?:1\s+)?vạn\s+dân", text[end : end + 60]) else "count"
    equivalent = _equivalent(text[end:])
    out_of = int(match["out_of"]) if match["out_of"] else None
    return Value(match.start(), end, comparator, low, high, unit, out_of, equivalent, per_year)


def _equivalent(after: str) -> tuple[float, str] | None:
    found = re.match(
        rf"\s*\(\s*(?:tương đương|khoảng|tương ứng)\s+(?P<n>{NUMBER})\s*(?P<rest>[^)]*)\)", after
    )
    if found is None:
        return None
    unit, factor, _ = _unit_after(" " + found["rest"])
    return parse_number(found["n"]) * factor, unit or "count"

"""Vietnamese phrases of the review report: dates, the heading block, periods, goals and figures.

Dates follow Nghị định 30/2020/NĐ-CP (Phụ lục I): days below 10 and the months January and February are
written with a leading zero ("ngày 05 tháng 01 năm 2025"). Numbers use the decimal comma and the
thousands dot ("155.876,0").
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from nqtrack.domain.progress.text import counts_points
from nqtrack.domain.report_content import Header, ReportKind, ReportPeriod
from nqtrack.domain.targets import Comparator, Direction, TargetKind
from nqtrack.domain.vnnumbers import format_vn_number

__all__ = [
    "TO_COMPLETE_MARK",
    "ReportInputError",
    "capitalised",
    "due_date",
    "due_text",
    "figure_text",
    "goal_text",
    "intro_text",
    "number_text",
    "party_header",
    "programme_reference",
    "report_period",
    "shorten",
    "state_header",
    "subject_text",
    "to_complete",
    "unit_text",
    "vn_date",
    "vn_short_date",
]


class ReportInputError(ValueError):
    """A report cannot be made from these choices; the message says why, in Vietnamese."""


# Every place the officer must write starts with this mark: it can be searched for in Word, the renderer
# highlights it and counts it ("12 chỗ cần hoàn thiện"); a bare "…" could be neither.
TO_COMPLETE_MARK = "[Cần bổ sung"


def to_complete(what: str) -> str:
    """A marked place the officer fills: '[Cần bổ sung: nguyên nhân chủ quan]'."""
    return f"{TO_COMPLETE_MARK}: {what}]"


def capitalised(text: str) -> str:
    """The sentence with its first letter upper case ('hoàn thành …' → 'Hoàn thành …'), the rest kept."""
    stripped = text.lstrip()
    return stripped[:1].upper() + stripped[1:] if stripped else text


UNIT_SUFFIX: dict[str, str] = {
    "percent": "%",
    "percentage_points": " điểm %",
    "percent_per_year": "%/năm",
    "percentage_points_per_year": " điểm %/năm",
    "billion_vnd": " tỷ đồng",
    "million_vnd": " triệu đồng",
    "usd": " USD",
    "billion_usd": " tỷ USD",
    "persons": " người",
    "households": " hộ",
    "hectares": " ha",
    "beds_per_10000": " giường bệnh/vạn dân",
    "doctors_per_10000": " bác sĩ/vạn dân",
    "districts": " huyện",
    "percent_of_target": "% kế hoạch",
}


def unit_text(unit: str) -> str:
    """The unit as written after a figure ('%', 'tỷ đồng'), without the leading space."""
    return UNIT_SUFFIX.get(unit, "").strip()


def figures_unit_text(figures_unit: str | None, target_unit: str) -> str:
    """The unit of the figures an annex row shows: the target's, unless every figure is in another unit —
    then theirs, so a row never puts "huyện" over a count of district-level units (the city and towns
    among them) that the target cannot be judged on."""
    if figures_unit is None or figures_unit == target_unit:
        return unit_text(target_unit)
    if {figures_unit, target_unit} == {"count", "districts"}:
        return "đơn vị cấp huyện"
    return unit_text(figures_unit) or "đơn vị khác"


def vn_date(day: date) -> str:
    """'ngày 05 tháng 01 năm 2025': the date line of an administrative document."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def vn_short_date(day: date) -> str:
    """'22/10/2019'."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def number_text(x: float, decimals: int = 2) -> str:
    """A computed number in Vietnamese, trailing zeros dropped: 15.989 → '15,99', 37.0 → '37'."""
    return format_vn_number(x, decimals, trim=True)


def figure_text(published: str) -> str:
    """A published figure in Vietnamese, keeping its precision: '155876.0' → '155.876,0'."""
    decimals = len(published.split(".", 1)[1]) if "." in published else 0
    return format_vn_number(float(published), decimals)


def _bounds(low: float | None, high: float | None, comparator: Comparator) -> str:
    lo = "?" if low is None else number_text(low)
    hi = "?" if high is None else number_text(high)
    if comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return hi
    if comparator in (Comparator.RANGE, Comparator.ABOUT) and high is not None:
        return f"{lo}–{hi}"
    return lo


_COMPARATOR_WORDS: dict[Comparator, str] = {
    Comparator.AT_LEAST: "từ {} trở lên",
    Comparator.MORE_THAN: "trên {}",
    Comparator.AT_MOST: "không quá {}",
    Comparator.LESS_THAN: "dưới {}",
    Comparator.EQUAL: "{}",
    Comparator.RANGE: "{}",
    Comparator.ABOUT: "khoảng {}",
}


def goal_text(
    *,
    kind: TargetKind,
    comparator: Comparator,
    low: float | None,
    high: float | None,
    unit: str,
    direction: Direction,
    year: int | None,
    period: tuple[int, int] | None,
    out_of: int | None = None,
) -> str:
    """The goal in words: 'khoảng 15–16%/năm (bình quân 2021–2030)', 'từ 37% trở lên (năm 2030)'."""
    amount = _bounds(low, high, comparator) + (f"/{out_of}" if out_of else "")
    suffix = UNIT_SUFFIX.get(unit, "")
    if kind is TargetKind.ANNUAL_CHANGE:
        # A yearly change: points of a rate in percent, else the levels' unit, each a year.
        suffix = UNIT_SUFFIX["percentage_points_per_year"] if counts_points(unit) else f"{suffix}/năm"
    phrase = _COMPARATOR_WORDS[comparator].format(amount + suffix)
    if kind is TargetKind.ANNUAL_CHANGE:
        verb = "giảm" if direction is Direction.LOWER else "tăng"
        return f"{verb} {phrase} (bình quân {period[0]}–{period[1]})" if period else f"{verb} {phrase}"
    if period is not None:
        return f"{phrase} (bình quân {period[0]}–{period[1]})"
    return f"{phrase} (năm {year})" if year is not None else phrase


def due_date(due: str) -> date | None:
    """The last day of a due period: '2025' → 31/12/2025, '2022-09' → 30/09/2022; None when unreadable."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", due.strip())
    if match is None:
        return None
    year = int(match.group(1))
    month, day = (int(g) if g else None for g in match.groups()[1:])
    try:
        if month is None:
            return date(year, 12, 31)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day)
    except ValueError:
        return None


def due_text(due: str, *, recurring: bool) -> str:
    """'tháng 9/2022', 'năm 2025', '30/09/2022'; 'Thường xuyên' for a recurring task with no date."""
    day = due_date(due) if due else None
    if day is None:
        return "Thường xuyên" if recurring else ""
    parts = due.strip().split("-")
    if len(parts) == 1:
        return f"năm {day.year}"
    if len(parts) == 2:
        return f"tháng {day.month}/{day.year}"
    return vn_short_date(day)


def report_period(*, kind: ReportKind, as_of: date, first_year: int) -> ReportPeriod:
    """The years a report covers; a review ("sơ kết", "tổng kết") runs from ``first_year`` to as-of."""
    if kind is ReportKind.ANNUAL:
        return ReportPeriod(kind=kind, first_year=as_of.year, last_year=as_of.year)
    if first_year >= as_of.year:
        raise ReportInputError(
            f"Báo cáo {'sơ kết' if kind is ReportKind.SO_KET else 'tổng kết'} cần ít nhất một năm thực "
            f"hiện: năm bắt đầu {first_year}, ngày số liệu {vn_short_date(as_of)}."
        )
    return ReportPeriod(kind=kind, first_year=first_year, last_year=as_of.year)


def subject_text(period: ReportPeriod, programme_title: str) -> str:
    """The subject line under "BÁO CÁO": 'Sơ kết 3 năm thực hiện Chương trình hành động …'."""
    if period.kind is ReportKind.SO_KET:
        return f"Sơ kết {period.span} năm thực hiện {programme_title}"
    if period.kind is ReportKind.TONG_KET:
        return f"Tổng kết thực hiện {programme_title} (giai đoạn {period.first_year}–{period.last_year})"
    # "Kết quả năm 2025 thực hiện …": the year before the title, whose own end ("tầm nhìn đến năm 2045")
    # would otherwise run into it ("… năm 2045 năm 2025").
    return f"Kết quả năm {period.last_year} thực hiện {programme_title}"


# Leading words of an issuer that name a body of the organ, not the organ: "Ban Thường vụ Tỉnh ủy X"
# issues under the name "TỈNH ỦY X" (Hướng dẫn 36-HD/VPTW, tên cơ quan ban hành).
_PARTY_BODIES = ("Ban Thường vụ ", "Ban Chấp hành ", "Thường trực ")
# Party organ → the abbreviation after "BC/" in the number; state organ → after "BC-".
_PARTY_ABBREVIATIONS = (("Tỉnh ủy", "TU"), ("Thành ủy", "TU"), ("Huyện ủy", "HU"), ("Đảng ủy", "ĐU"))
_STATE_NAMES = (("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"))
_STATE_ABBREVIATIONS = (("Ủy ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"))
_PLACE_AFTER = re.compile(r"(?:Tỉnh ủy|Thành ủy|Huyện ủy|tỉnh|thành phố|huyện)\s+(.+)$", re.IGNORECASE)


def place_of(issuer: str) -> str:
    """The place named by an issuer: 'Ban Thường vụ Tỉnh ủy Bắc Giang' → 'Bắc Giang'."""
    match = _PLACE_AFTER.search(issuer)
    return match.group(1).strip() if match else ""


def _place_date(issuer: str, day: date) -> str:
    place = place_of(issuer)
    return f"{place}, {vn_date(day)}" if place else f"…, {vn_date(day)}"


def party_header(*, issuer: str, day: date) -> Header:
    """The Party heading (Hướng dẫn 36-HD/VPTW) for a report of ``issuer``."""
    organ = issuer
    for body in _PARTY_BODIES:
        organ = organ.removeprefix(body)
    abbreviation = next((a for name, a in _PARTY_ABBREVIATIONS if name.lower() in organ.lower()), "…")
    return Header(
        party=True,
        organ_parent="",
        organ=organ.upper(),
        organ_mark="*",
        number=f"Số …-BC/{abbreviation}",
        reference=f"Báo cáo số …-BC/{abbreviation} ngày {vn_short_date(day)}",
        national="ĐẢNG CỘNG SẢN VIỆT NAM",
        motto="",
        place_date=_place_date(issuer, day),
    )


def state_header(*, issuer: str, day: date) -> Header:
    """The state heading (Nghị định 30/2020/NĐ-CP) for a report of ``issuer``."""
    organ = issuer
    for short, full in _STATE_NAMES:
        organ = organ.replace(short, full)
    abbreviation = next((a for name, a in _STATE_ABBREVIATIONS if name.lower() in organ.lower()), "…")
    return Header(
        party=False,
        organ_parent="",
        organ=organ.upper(),
        organ_mark="",
        number=f"Số: …/BC-{abbreviation}",
        reference=f"Báo cáo số …/BC-{abbreviation} ngày {vn_short_date(day)}",
        national="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        motto="Độc lập - Tự do - Hạnh phúc",
        place_date=_place_date(issuer, day),
    )


def programme_reference(*, title: str, issuer: str, number: str = "", day: str = "") -> str:
    """The programme as a report cites it, with its number and date, or a marked place for them:
    'Chương trình hành động số 17-CTr/TU ngày 05/5/2022 của Ban Thường vụ Tỉnh ủy X thực hiện …'."""
    head, found, rest = title.partition(" thực hiện ")
    if number and day:
        slot = f"số {number} ngày {day}"
    elif number:
        slot = f"số {number} ngày {to_complete('ngày ban hành Chương trình')}"
    else:
        slot = to_complete("số, ngày ban hành Chương trình")
    tail = f" thực hiện {rest}" if found else ""
    return f"{head} {slot} của {issuer}{tail}"


def intro_text(period: ReportPeriod, *, title: str, issuer: str, number: str = "", day: str = "") -> str:
    """The opening sentence: what is implemented (the programme with its number and date), who reports,
    and on what."""
    if period.kind is ReportKind.SO_KET:
        what = f"sơ kết {period.span} năm thực hiện ({period.first_year}–{period.last_year})"
    elif period.kind is ReportKind.TONG_KET:
        what = f"tổng kết thực hiện giai đoạn {period.first_year}–{period.last_year}"
    else:
        what = f"kết quả thực hiện năm {period.last_year}"
    reference = programme_reference(title=title, issuer=issuer, number=number, day=day)
    return f"Thực hiện {reference}, {issuer} báo cáo {what} như sau:"


def shorten(text: str) -> str:
    """The first sentence of a paragraph, whole: never cut mid-phrase (a "…" would read as a gap)."""
    sentence = text.strip()
    end = sentence.find(". ")
    return sentence[: end + 1] if end != -1 else sentence

"""One plain sentence per language saying where a target stands, why, and what it now takes.

Vietnamese figures use the decimal comma and the thousands dot ("1.234,5"); English ones the usual
"1,234.5". The sentences only read an Assessment and its Target: no rule is decided here.
"""

from __future__ import annotations

from nqtrack.domain.progress.model import Assessment, Method, Status
from nqtrack.domain.progress.rules import higher_is_better
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind
from nqtrack.domain.vnnumbers import format_en_number, format_vn_number

__all__ = ["explain"]

_LABELS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("Đã đạt mục tiêu", "Target achieved"),
    Status.ON_TRACK: ("Đúng hướng, có khả năng đạt mục tiêu", "On track"),
    Status.AT_RISK: ("Đang đạt nhưng có nguy cơ không giữ được", "Met now but at risk"),
    Status.NEEDS_ACCELERATION: ("Cần đẩy nhanh tiến độ", "Needs acceleration"),
    Status.LIMITED_PROGRESS: ("Tiến bộ còn hạn chế", "Limited progress"),
    Status.MOVING_AWAY: ("Đang đi ngược mục tiêu", "Moving away from the target"),
    Status.INSUFFICIENT_DATA: ("Chưa đủ số liệu để đánh giá", "Insufficient data to assess"),
}

_UNITS: dict[str, tuple[str, str]] = {
    "percent": ("%", "%"),
    "percentage_points": (" điểm %", " points"),
    "billion_vnd": (" tỷ đồng", " billion VND"),
    "million_vnd": (" triệu đồng", " million VND"),
    "usd": (" USD", " USD"),
    "billion_usd": (" tỷ USD", " billion USD"),
    "persons": (" người", " people"),
    "households": (" hộ", " households"),
    "hectares": (" ha", " ha"),
    "beds_per_10000": (" giường/vạn dân", " beds per 10,000 people"),
    "doctors_per_10000": (" bác sĩ/vạn dân", " doctors per 10,000 people"),
    "percent_per_year": ("%", "%"),
    "percentage_points_per_year": (" điểm %", " points"),
}


def _digits(x: float) -> int:
    """Decimals worth showing (trailing zeros are trimmed): 3,86 and 23,96, 640,5, 155.876."""
    size = abs(x)
    return 2 if size < 100 else 1 if size < 1000 else 0


def _vi(x: float, decimals: int | None = None) -> str:
    return format_vn_number(x, _digits(x) if decimals is None else decimals, trim=True)


def _en(x: float, decimals: int | None = None) -> str:
    return format_en_number(x, _digits(x) if decimals is None else decimals, trim=True)


def _unit(target: Target) -> tuple[str, str]:
    """Unit suffix; rate targets default to the unit their kind implies (docs/programme-format.md)."""
    default = {
        TargetKind.AVERAGE_GROWTH: "percent_per_year",
        TargetKind.ANNUAL_CHANGE: "percentage_points_per_year",
    }.get(target.kind, "")
    return _UNITS.get(target.unit or default, ("", ""))


def _bound_texts(target: Target, lang: int) -> tuple[str, str]:
    fmt = _vi if lang == 0 else _en
    suffix = _unit(target)[lang]
    low = "?" if target.low is None else fmt(target.low) + suffix
    high = "?" if target.high is None else fmt(target.high) + suffix
    if target.low is not None and target.high is not None:
        low = fmt(target.low)  # "15–16%": the unit once, after the range
    return low, high


def _goal_phrase(target: Target, lang: int) -> str:
    low, high = _bound_texts(target, lang)
    span = f"{low}–{high}" if target.low is not None and target.high is not None else low
    words: dict[Comparator, tuple[str, str]] = {
        Comparator.AT_LEAST: (f"từ {low} trở lên", f"at least {low}"),
        Comparator.MORE_THAN: (f"trên {low}", f"more than {low}"),
        Comparator.AT_MOST: (f"không quá {high}", f"at most {high}"),
        Comparator.LESS_THAN: (f"dưới {high}", f"less than {high}"),
        Comparator.EQUAL: (low, low),
        Comparator.RANGE: (f"{low}–{high}", f"{low}–{high}"),
        Comparator.ABOUT: (f"khoảng {span}", f"about {span}"),
    }
    return words[target.comparator][lang]


def _growth_words(growth: float, lang: int, *, noun: bool = False) -> str:
    """ "tăng 0,2%/năm"; in English "grew 0.2% a year", or as a noun "growth of 0.2% a year"."""
    if lang == 0:
        return f"{'tăng' if growth >= 0 else 'giảm'} {_vi(abs(growth), 2)}%/năm"
    size = _en(abs(growth), 2)
    if noun:
        return f"growth of {size}% a year" if growth >= 0 else f"a fall of {size}% a year"
    return f"{'grew' if growth >= 0 else 'fell'} {size}% a year"


def _ratio_words(a: Assessment, lang: int) -> str:
    if a.ratio is None or a.status in (Status.ACHIEVED, Status.AT_RISK):
        return ""  # met today: the pace "needed" from the base says nothing useful
    share = _vi(a.ratio * 100, 0) if lang == 0 else _en(a.ratio * 100, 0)
    if a.ratio < 0:
        return ", ngược chiều với yêu cầu" if lang == 0 else ", the opposite way to what is needed"
    if a.method is Method.PROJECTION:
        return f", bằng {share}% mức thay đổi cần có" if lang == 0 else f", {share}% of the change needed"
    needed = "" if a.required_growth is None else f" ({_growth_words(a.required_growth, lang, noun=True)})"
    if lang == 0:
        return f", bằng {share}% tốc độ cần thiết{needed}"
    return f", {share}% of the pace needed{needed}"


def _slack_words(need: float, year: int, lang: int) -> str:
    if lang == 0:
        verb = "giảm" if need < 0 else "tăng"
        return f"; từ nay mỗi năm không được {verb} quá {_vi(abs(need), 2)}% đến năm {year}"
    verb = "fall" if need < 0 else "rise"
    return f"; from now on it can {verb} by no more than {_en(abs(need), 2)}% a year to {year}"


def _still_needed(a: Assessment, target: Target, lang: int) -> str:
    """What each remaining year must bring to end on the decisive bound."""
    if a.status is Status.ACHIEVED or a.latest_year is None or a.target_year is None:
        return ""
    higher = higher_is_better(target)
    first, second = (a.required_per_year.low, a.required_per_year.high)[:: 1 if higher else -1]
    need = first if first is not None else second  # the decisive bound: low if higher is better
    if need is None:
        return ""
    if need != 0 and (need < 0) == higher:  # slack: room to move the wrong way
        return _slack_words(need, a.target_year, lang)
    if lang == 0:
        return f"; từ nay cần {_growth_words(need, 0)} đến năm {a.target_year}"
    return f"; from now on it needs {_growth_words(need, 1, noun=True)} to {a.target_year}"


def _level(a: Assessment, target: Target) -> tuple[str, str]:
    vi_label, en_label = _LABELS[a.status]
    unit_vi, unit_en = _unit(target)
    latest = a.latest_value if a.latest_value is not None else 0.0
    vi = f"{vi_label}: năm {a.latest_year} đạt {_vi(latest)}{unit_vi}, mục tiêu {_goal_phrase(target, 0)}"
    en = f"{en_label}: {_en(latest)}{unit_en} in {a.latest_year} against a target of "
    vi += f" vào năm {a.target_year}"
    en += f"{_goal_phrase(target, 1)} by {a.target_year}"
    if a.observed_growth is not None and a.base_year is not None and a.base_value is not None:
        base_vi, base_en = _vi(a.base_value) + unit_vi, _en(a.base_value) + unit_en
        vi += f"; từ năm {a.base_year} ({base_vi}) bình quân {_growth_words(a.observed_growth, 0)}"
        en += f"; since {a.base_year} ({base_en}) it {_growth_words(a.observed_growth, 1)}"
        vi += _ratio_words(a, 0)
        en += _ratio_words(a, 1)
    if a.projected_value is not None and a.latest_year != a.target_year and a.observed_growth is not None:
        vi += f", theo đà này năm {a.target_year} đạt khoảng {_vi(a.projected_value)}{unit_vi}"
        en += f", and at that pace it would be about {_en(a.projected_value)}{unit_en} in {a.target_year}"
    return vi + _still_needed(a, target, 0) + ".", en + _still_needed(a, target, 1) + "."


def _average_growth(a: Assessment, target: Target) -> tuple[str, str]:
    vi_label, en_label = _LABELS[a.status]
    first = (a.base_year or 0) + 1
    period = target.period or (first, a.target_year or first)
    average = a.achieved_average
    avg_vi = "?" if average is None else _vi(average, 2)
    avg_en = "?" if average is None else _en(average, 2)
    vi = (
        f"{vi_label}: tăng trưởng bình quân {first}–{a.latest_year} đạt {avg_vi}%/năm, mục tiêu "
        f"{_goal_phrase(target, 0)}/năm cho thời kỳ {period[0]}–{period[1]}"
    )
    en = (
        f"{en_label}: average growth {first}–{a.latest_year} was {avg_en}% a year against a target of "
        f"{_goal_phrase(target, 1)} a year for {period[0]}–{period[1]}"
    )
    if a.gap_years:
        gaps = ", ".join(str(y) for y in a.gap_years)
        vi += f" (thiếu số liệu năm {gaps})"
        en += f" (no figure for {gaps})"
    return vi + _rest_of_period(a, target, 0) + ".", en + _rest_of_period(a, target, 1) + "."


def _rest_of_period(a: Assessment, target: Target, lang: int) -> str:
    need = a.required_per_year
    parts: list[str] = []
    for value, bound in ((need.low, target.low), (need.high, target.high)):
        if value is None or bound is None:
            continue
        if lang == 0:
            parts.append(f"{_vi(value, 2)}%/năm để cả thời kỳ đạt {_vi(bound, 2)}%")
        else:
            parts.append(f"{_en(value, 2)}% a year to average {_en(bound, 2)}%")
    if not parts:
        return ""
    if lang == 0:
        return "; những năm còn lại mỗi năm cần tăng " + " và ".join(parts)
    return "; each remaining year now needs " + " and ".join(parts)


def _annual_change(a: Assessment, target: Target) -> tuple[str, str]:
    vi_label, en_label = _LABELS[a.status]
    falls = target.direction is Direction.LOWER
    goal_vi = "giảm" if falls else "tăng"
    observed = a.observed_growth if a.observed_growth is not None else 0.0
    moved_down = (observed > 0) == falls  # observed is signed in the good direction
    verb_vi, verb_en = ("giảm", "fell") if moved_down else ("tăng", "rose")
    vi = (
        f"{vi_label}: từ năm {a.base_year} ({_vi(a.base_value or 0.0)}) đến năm {a.latest_year} "
        f"({_vi(a.latest_value or 0.0)}) bình quân mỗi năm {verb_vi} {_vi(abs(observed), 2)} điểm, mục tiêu "
        f"{goal_vi} {_goal_phrase(target, 0)}/năm đến năm {a.target_year}"
    )
    en = (
        f"{en_label}: from {a.base_year} ({_en(a.base_value or 0.0)}) to {a.latest_year} "
        f"({_en(a.latest_value or 0.0)}) it {verb_en} {_en(abs(observed), 2)} points a year on average, "
        f"against a target of {'a fall' if falls else 'a rise'} of {_goal_phrase(target, 1)} a year to "
        f"{a.target_year}"
    )
    need = a.required_per_year.low if a.required_per_year.low is not None else a.required_per_year.high
    if need is not None and a.status is not Status.ACHIEVED:
        vi += f"; những năm còn lại mỗi năm cần {goal_vi} {_vi(need, 2)} điểm"
        en += f"; each remaining year now needs {'a fall' if falls else 'a rise'} of {_en(need, 2)} points"
    return vi + ".", en + "."


def _with_method_note(a: Assessment, sentences: tuple[str, str]) -> tuple[str, str]:
    if a.method_note is None or a.method_note_en is None:
        return sentences
    vi, en = (s.removesuffix(".") for s in sentences)
    return f"{vi} ({a.method_note}).", f"{en} ({a.method_note_en})."


def explain(a: Assessment, target: Target) -> tuple[str, str]:
    """(Vietnamese sentence, English sentence) for an assessment of `target`."""
    if a.status is Status.INSUFFICIENT_DATA:
        vi_label, en_label = _LABELS[a.status]
        vi = f"{vi_label}: {a.reason or 'không rõ lý do'}."
        return vi, f"{en_label}: {a.reason_en or 'no reason given'}."
    if target.kind is TargetKind.AVERAGE_GROWTH:
        return _average_growth(a, target)
    if target.kind is TargetKind.ANNUAL_CHANGE:
        return _with_method_note(a, _annual_change(a, target))
    return _level(a, target)

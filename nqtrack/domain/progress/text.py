"""One plain sentence per language saying where a target stands, why, and what it now takes.

Vietnamese figures use the decimal comma and the thousands dot ("1.234,5"); English ones the usual
"1,234.5". The sentences only read an Assessment and its Target: no rule is decided here.

Precision, one rule for each kind of number (the tables of the pages and reports use the same,
``derived_decimals``): a published figure keeps the precision it is read with (trailing zeros dropped:
"62,3%", "155.876"); every number the engine derives (growth, change, projection, margin) has a fixed
number of decimals for its unit — 2 for percentages, rates and points ("12,60%/năm", "3,26–5,31%/năm"),
none for billions of đồng, people and households, 1 for millions of đồng, 2 otherwise. Every number
derived from a range is given for both ends. Units are said in words, never as code words.
"""

from __future__ import annotations

from collections.abc import Sequence

from nqtrack.domain.progress.model import Assessment, Method, Status
from nqtrack.domain.progress.rules import higher_is_better
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind
from nqtrack.domain.vnnumbers import format_en_number, format_vn_number

__all__ = [
    "STATUS_LABELS",
    "UNIT_WORDS",
    "change_amount",
    "change_unit",
    "counts_points",
    "derived_decimals",
    "explain",
    "level_amount",
    "single_figure_reason",
    "unit_mismatch_reason",
    "unit_words",
]

# The words of each status, the same on every page, report and export (the pages' badges read these
# msgids through the English catalogue: nqtrack.assessments.presenters.STATUS_LOOK, checked by a test).
STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("Đã đạt", "Achieved"),
    Status.NOT_ACHIEVED: ("Không đạt", "Not achieved"),
    Status.ON_TRACK: ("Đúng hướng, có khả năng đạt", "On track"),
    Status.AT_RISK: ("Đã đạt nhưng có nguy cơ không giữ được", "Met, but at risk of slipping"),
    Status.NEEDS_ACCELERATION: ("Cần đẩy nhanh", "Needs acceleration"),
    Status.LIMITED_PROGRESS: ("Tiến triển hạn chế", "Limited progress"),
    Status.MOVING_AWAY: ("Đi ngược mục tiêu", "Moving away from the target"),
    Status.INSUFFICIENT_DATA: ("Chưa đủ số liệu", "Not enough data"),
}


# The suffix written after a number of each unit (Vietnamese, English).
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
    "districts": (" huyện", " districts"),
    "count": (" đơn vị", " units"),
    "percent_of_target": ("% kế hoạch", "% of the plan"),
}

# What a unit counts or measures, said in words (for sentences that compare units).
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "percent": ("tỷ lệ phần trăm", "a percentage"),
    "percentage_points": ("điểm phần trăm", "percentage points"),
    "billion_vnd": ("tỷ đồng", "billion VND"),
    "million_vnd": ("triệu đồng", "million VND"),
    "usd": ("đô la Mỹ", "US dollars"),
    "billion_usd": ("tỷ đô la Mỹ", "billion US dollars"),
    "persons": ("số người", "people"),
    "households": ("số hộ", "households"),
    "hectares": ("héc-ta", "hectares"),
    "beds_per_10000": ("số giường bệnh trên một vạn dân", "beds per 10,000 people"),
    "doctors_per_10000": ("số bác sĩ trên một vạn dân", "doctors per 10,000 people"),
    "percent_per_year": ("phần trăm mỗi năm", "percent a year"),
    "percentage_points_per_year": ("điểm phần trăm mỗi năm", "percentage points a year"),
    "districts": ("số huyện", "a number of districts (huyện)"),
    "count": ("số đơn vị đếm được", "a count of units"),
    "rank": ("thứ hạng", "a rank"),
    "percent_of_target": ("phần trăm kế hoạch", "percent of the plan"),
}

_PERCENT_LIKE = frozenset(
    {"percent", "percent_per_year", "percentage_points", "percentage_points_per_year", "percent_of_target"}
)
_WHOLE_UNITS = frozenset({"billion_vnd", "persons", "households", "districts", "count", "rank"})


def unit_words(unit: str, lang: int) -> str:
    """A unit in words ("số huyện"); an unknown unit is named as "đơn vị khác" rather than by its code."""
    return UNIT_WORDS.get(unit, ("một đơn vị khác", "another unit"))[lang]


def unit_mismatch_reason(series_unit: str, target_unit: str) -> tuple[str, str]:
    """Why a series cannot be judged against a target of another unit, in plain words."""
    if {series_unit, target_unit} == {"count", "districts"}:
        return (
            "số liệu đếm các đơn vị hành chính cấp huyện (có thể gồm cả thành phố, thị xã), còn mục tiêu "
            "đếm số huyện; chưa biết trong số liệu có bao nhiêu huyện nên không so sánh được",
            "the figures are a number of district-level units (which may include the city and towns) while "
            "the target is a number of districts (huyện); how many of those units are districts is not "
            "known, so they cannot be compared",
        )
    vi = (
        f"số liệu tính bằng {unit_words(series_unit, 0)}, còn mục tiêu tính bằng "
        f"{unit_words(target_unit, 0)}, nên không so sánh được"
    )
    en = (
        f"the figures are in {unit_words(series_unit, 1)} and the target in {unit_words(target_unit, 1)}, "
        "so they cannot be compared"
    )
    return vi, en


def derived_decimals(unit: str) -> int:
    """Decimals of a number the engine derives in `unit` (see the module docstring)."""
    if unit in _PERCENT_LIKE:
        return 2
    if unit in _WHOLE_UNITS:
        return 0
    return 1 if unit == "million_vnd" else 2


def _digits(x: float) -> int:
    """Decimals worth reading a published figure with (trailing zeros are trimmed): 3,86, 640,5, 155.876."""
    size = abs(x)
    return 2 if size < 100 else 1 if size < 1000 else 0


def _fmt(x: float, lang: int, decimals: int | None = None, *, trim: bool = True) -> str:
    fmt = format_vn_number if lang == 0 else format_en_number
    return fmt(x, _digits(x) if decimals is None else decimals, trim=trim)


def _figure(x: float, lang: int) -> str:
    """A published figure, at the precision it is read with."""
    return _fmt(x, lang)


def _rate(x: float, lang: int) -> str:
    """A derived rate (percent a year, points a year): always two decimals."""
    return _fmt(x, lang, 2, trim=False)


def _unit_code(target: Target) -> str:
    default = {
        TargetKind.AVERAGE_GROWTH: "percent_per_year",
        TargetKind.ANNUAL_CHANGE: "percentage_points_per_year",
    }.get(target.kind, "")
    return target.unit or default


def _derived(x: float, target: Target, lang: int) -> str:
    """A number derived in the target's unit (projection, margin, moved bound), with its unit."""
    code = _unit_code(target)
    return _fmt(x, lang, derived_decimals(code), trim=False) + _unit(target)[lang]


def _unit(target: Target) -> tuple[str, str]:
    """Unit suffix; rate targets default to the unit their kind implies (docs/programme-format.md)."""
    return _UNITS.get(_unit_code(target), ("", ""))


# The units an annual-change target on a rate in percent may carry (stated, the indicator's, or none).
_POINTS_UNITS = frozenset({"", "percent", "percentage_points", "percentage_points_per_year"})


def counts_points(unit: str | None) -> bool:
    """Whether the yearly changes of an annual-change target in ``unit`` (the target's or, unstated, its
    indicator's) are points of a rate in percent; otherwise they are counted in the unit of the levels."""
    return (unit or "") in _POINTS_UNITS


def _counts_points(target: Target) -> bool:
    return target.kind is TargetKind.ANNUAL_CHANGE and counts_points(target.unit)


def _level_unit(target: Target) -> tuple[str, str]:
    """The unit of the levels an annual-change target reads: a rate in percent changes by points."""
    return ("%", "%") if _counts_points(target) else _unit(target)


def change_amount(values: Sequence[float], unit: str | None, lang: int) -> str:
    """Yearly changes of an annual-change target in ``unit``, joined by a dash, with their unit once after
    them: points of a rate in percent ("0,29–0,50 điểm"), else the unit of its levels ("1.250 hộ"), each
    number at that unit's precision."""
    if counts_points(unit):
        return "–".join(_rate(x, lang) for x in values) + change_unit(unit, lang)
    code = unit or ""
    return "–".join(_fmt(x, lang, derived_decimals(code), trim=False) for x in values) + change_unit(
        unit, lang
    )


def change_unit(unit: str | None, lang: int) -> str:
    """The suffix of a yearly change of an annual-change target in ``unit``: " điểm" for a rate in
    percent, else the unit of its levels (" hộ")."""
    if counts_points(unit):
        return (" điểm", " points")[lang]
    return _UNITS.get(unit or "", ("", ""))[lang]


def level_amount(x: float, target: Target, lang: int) -> str:
    """A level an annual-change target reads, with its unit ("5,27%", "12.400 hộ")."""
    return _figure(x, lang) + _level_unit(target)[lang]


def _bound_texts(target: Target, lang: int) -> tuple[str, str]:
    suffix = _unit(target)[lang]
    low = "?" if target.low is None else _figure(target.low, lang) + suffix
    high = "?" if target.high is None else _figure(target.high, lang) + suffix
    if target.low is not None and target.high is not None:
        low = _figure(target.low, lang)  # "15–16%": the unit once, after the range
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


def _tolerance_words(a: Assessment, target: Target, lang: int) -> str:
    """Where a stated tolerance moves the bound, the sentence says so and from which figure it counts."""
    if a.tolerance is None or a.threshold is None:
        return ""
    share = _fmt(a.tolerance * 100, lang, 2)
    moved = _derived(a.threshold, target, lang)
    if lang == 0:
        return f" (tính từ {moved}: dung sai {share}%)"
    return f" (counted from {moved}: a tolerance of {share}%)"


def _short_goal(target: Target, lang: int) -> str:
    """The goal for "chưa đạt …"/"đã đạt …": "66–67%", "37%", "dưới 2%"."""
    low, high = _bound_texts(target, lang)
    if target.comparator in (Comparator.RANGE, Comparator.ABOUT) and target.high is not None:
        return f"{low}–{high}"
    if target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.MORE_THAN):
        return _goal_phrase(target, lang)
    return low


def single_figure_reason(target: Target, year: int, value: float, *, met: bool) -> tuple[str, str]:
    """One figure, one rule: where it stands against the target, and that no trend can be read."""
    unit_vi, unit_en = _unit(target)
    if met:
        vi_state, en_state = f"đã đạt {_short_goal(target, 0)}", f"meeting {_short_goal(target, 1)}"
    else:
        vi_state, en_state = f"chưa đạt {_short_goal(target, 0)}", f"short of {_short_goal(target, 1)}"
    vi = f"năm {year}: {_figure(value, 0)}{unit_vi}, {vi_state}; chưa đủ số liệu để đánh giá xu hướng"
    en = f"{year}: {_figure(value, 1)}{unit_en}, {en_state}; not enough figures to judge a trend"
    return vi, en


def _growth_words(growth: float, lang: int, *, noun: bool = False) -> str:
    """ "tăng 0,20%/năm"; in English "grew 0.20% a year", or as a noun "growth of 0.20% a year"."""
    if lang == 0:
        return f"{'tăng' if growth >= 0 else 'giảm'} {_rate(abs(growth), 0)}%/năm"
    size = _rate(abs(growth), 1)
    if noun:
        return f"growth of {size}% a year" if growth >= 0 else f"a fall of {size}% a year"
    return f"{'grew' if growth >= 0 else 'fell'} {size}% a year"


def _ratio_words(a: Assessment, lang: int) -> str:
    if a.ratio is None or a.status in (Status.ACHIEVED, Status.AT_RISK, Status.NOT_ACHIEVED):
        return ""  # met, or the deadline is over: a pace "needed" from the base says nothing useful
    share = _fmt(a.ratio * 100, lang, 0)
    if a.ratio < 0:
        return ", ngược chiều với yêu cầu" if lang == 0 else ", the opposite way to what is needed"
    if a.method is Method.PROJECTION:
        return f", bằng {share}% mức thay đổi cần có" if lang == 0 else f", {share}% of the change needed"
    needed = "" if a.required_growth is None else f" ({_growth_words(a.required_growth, lang, noun=True)})"
    if lang == 0:
        return f", bằng {share}% tốc độ cần thiết{needed}"
    return f", {share}% of the pace needed{needed}"


def _needs(a: Assessment, target: Target) -> list[float]:
    """The yearly growth still needed, decisive bound first, both ends of a range."""
    higher = higher_is_better(target)
    ordered = (a.required_per_year.low, a.required_per_year.high)[:: 1 if higher else -1]
    values = [v for v in ordered if v is not None]
    if len(values) == 2 and abs(values[0] - values[1]) < 0.005:
        values = values[:1]
    return values


def _still_needed(a: Assessment, target: Target, lang: int) -> str:
    """What each remaining year must bring to end on the bounds (both ends of a range)."""
    if a.latest_year is None or a.target_year is None:
        return ""
    needs = _needs(a, target)
    if not needs:
        return ""
    if all(v >= 0 for v in needs) or all(v <= 0 for v in needs):
        sizes = sorted(abs(v) for v in needs)
        span = "–".join(_rate(v, lang) for v in sizes)
        if lang == 0:
            return f"; từ nay cần {'tăng' if needs[0] >= 0 else 'giảm'} {span}%/năm đến năm {a.target_year}"
        noun = "growth" if needs[0] >= 0 else "a fall"
        return f"; from now on it needs {noun} of {span}% a year to {a.target_year}"
    span = "–".join(_rate(v, lang) for v in needs)
    if lang == 0:
        return f"; từ nay tốc độ mỗi năm cần nằm trong khoảng {span}%/năm đến năm {a.target_year}"
    return f"; from now on its yearly growth must stay within {span}% a year to {a.target_year}"


def _margin_words(a: Assessment, target: Target, lang: int) -> str:
    if a.margin is None:
        return ""
    higher = higher_is_better(target)
    size = _derived(a.margin, target, lang)
    if lang == 0:
        return f"; {'cao hơn' if higher else 'thấp hơn'} mức cần đạt {size}"
    return f"; {size} {'above' if higher else 'below'} the bar"


def _threat_words(a: Assessment, target: Target, lang: int) -> str:
    """A target met before its year: where its trend from the base would take it by the target year."""
    if a.final or a.projected_value is None or a.base_year is None or a.latest_year == a.target_year:
        return ""
    projected = _derived(a.projected_value, target, lang)
    if lang == 0:
        if a.status is Status.AT_RISK:
            return (
                f"; theo xu hướng từ năm {a.base_year}, năm {a.target_year} chỉ còn khoảng {projected}, "
                "không giữ được mục tiêu"
            )
        return f"; theo xu hướng từ năm {a.base_year}, năm {a.target_year} đạt khoảng {projected}"
    if a.status is Status.AT_RISK:
        return (
            f"; on its trend since {a.base_year} it would be only about {projected} in {a.target_year}, "
            "losing the target"
        )
    return f"; on its trend since {a.base_year} it would be about {projected} in {a.target_year}"


def _late_words(a: Assessment, target: Target, lang: int) -> str:
    """A final verdict: which figure it was judged on, and the figure after the target year."""
    unit = _unit(target)[lang]
    parts: list[str] = []
    if a.latest_year is not None and a.target_year is not None and a.latest_year < a.target_year:
        if lang == 0:
            parts.append(
                f"năm {a.target_year} chưa có số liệu nên đánh giá theo số liệu gần nhất trước đó "
                f"(năm {a.latest_year})"
            )
        else:
            parts.append(
                f"there is no figure for {a.target_year}, so the latest before it ({a.latest_year}) decides"
            )
    if a.later_year is not None and a.later_value is not None:
        value = _figure(a.later_value, lang) + unit
        if a.later_met:
            parts.append(
                f"đạt muộn, năm {a.later_year}: {value}"
                if lang == 0
                else f"met late, in {a.later_year}: {value}"
            )
        elif lang == 0:
            parts.append(f"năm {a.later_year}: {value}, vẫn chưa đạt")
        else:
            parts.append(f"{a.later_year}: {value}, still short")
    return "".join(f"; {part}" for part in parts)


def _level(a: Assessment, target: Target) -> tuple[str, str]:
    vi_label, en_label = STATUS_LABELS[a.status]
    unit_vi, unit_en = _unit(target)
    latest = a.latest_value if a.latest_value is not None else 0.0
    goal_vi = _goal_phrase(target, 0) + _tolerance_words(a, target, 0)
    goal_en = _goal_phrase(target, 1) + _tolerance_words(a, target, 1)
    vi = f"{vi_label}: năm {a.latest_year} đạt {_figure(latest, 0)}{unit_vi}, mục tiêu {goal_vi}"
    en = f"{en_label}: {_figure(latest, 1)}{unit_en} in {a.latest_year} against a target of "
    vi += f" vào năm {a.target_year}"
    en += f"{goal_en} by {a.target_year}"
    if a.final:
        return (
            vi + _late_words(a, target, 0) + _margin_words(a, target, 0) + ".",
            en + _late_words(a, target, 1) + _margin_words(a, target, 1) + ".",
        )
    if a.margin is not None:  # met before its year: the margin and the threat of its trend
        return (
            vi + _margin_words(a, target, 0) + _threat_words(a, target, 0) + ".",
            en + _margin_words(a, target, 1) + _threat_words(a, target, 1) + ".",
        )
    if a.observed_growth is not None and a.base_year is not None and a.base_value is not None:
        base_vi, base_en = _figure(a.base_value, 0) + unit_vi, _figure(a.base_value, 1) + unit_en
        vi += f"; từ năm {a.base_year} ({base_vi}) bình quân {_growth_words(a.observed_growth, 0)}"
        en += f"; since {a.base_year} ({base_en}) it {_growth_words(a.observed_growth, 1)}"
        vi += _ratio_words(a, 0)
        en += _ratio_words(a, 1)
    if a.projected_value is not None and a.latest_year != a.target_year and a.observed_growth is not None:
        vi += f", theo đà này năm {a.target_year} đạt khoảng {_derived(a.projected_value, target, 0)}"
        projected_en = _derived(a.projected_value, target, 1)
        en += f", and at that pace it would be about {projected_en} in {a.target_year}"
    return vi + _still_needed(a, target, 0) + ".", en + _still_needed(a, target, 1) + "."


def _average_growth(a: Assessment, target: Target) -> tuple[str, str]:
    vi_label, en_label = STATUS_LABELS[a.status]
    first = (a.base_year or 0) + 1
    period = target.period or (first, a.target_year or first)
    average = a.achieved_average
    avg_vi = "?" if average is None else _rate(average, 0)
    avg_en = "?" if average is None else _rate(average, 1)
    vi = (
        f"{vi_label}: tăng trưởng bình quân {first}–{a.latest_year} đạt {avg_vi}%/năm, mục tiêu "
        f"{_goal_phrase(target, 0)}/năm cho thời kỳ {period[0]}–{period[1]}{_tolerance_words(a, target, 0)}"
    )
    en = (
        f"{en_label}: average growth {first}–{a.latest_year} was {avg_en}% a year against a target of "
        f"{_goal_phrase(target, 1)} a year for {period[0]}–{period[1]}{_tolerance_words(a, target, 1)}"
    )
    if a.gap_years:
        gaps = ", ".join(str(y) for y in a.gap_years)
        vi += f" (thiếu số liệu năm {gaps})"
        en += f" (no figure for {gaps})"
    return vi + _rest_of_period(a, target, 0) + ".", en + _rest_of_period(a, target, 1) + "."


def _moved(bound: float, target: Target, side: int, a: Assessment) -> float:
    """A bound as the numbers use it: moved outwards by a stated tolerance (docs/progress.md)."""
    if a.tolerance is None:
        return bound
    return bound - abs(bound) * a.tolerance if side == 0 else bound + abs(bound) * a.tolerance


def _rest_of_period(a: Assessment, target: Target, lang: int) -> str:
    need = a.required_per_year
    parts: list[str] = []
    for side, (value, bound) in enumerate(((need.low, target.low), (need.high, target.high))):
        if value is None or bound is None:
            continue
        moved = _rate(_moved(bound, target, side, a), lang)
        if lang == 0:
            parts.append(f"{_rate(value, 0)}%/năm để cả thời kỳ đạt {moved}%")
        else:
            parts.append(f"{_rate(value, 1)}% a year to average {moved}%")
    if not parts:
        return ""
    if lang == 0:
        return "; những năm còn lại mỗi năm cần tăng " + " và ".join(parts)
    return "; each remaining year now needs " + " and ".join(parts)


def _annual_change(a: Assessment, target: Target) -> tuple[str, str]:
    vi_label, en_label = STATUS_LABELS[a.status]
    falls = target.direction is Direction.LOWER
    goal_vi = "giảm" if falls else "tăng"
    observed = a.observed_growth if a.observed_growth is not None else 0.0
    moved_down = (observed > 0) == falls  # observed is signed in the good direction
    verb_vi, verb_en = ("giảm", "fell") if moved_down else ("tăng", "rose")
    base, latest = a.base_value or 0.0, a.latest_value or 0.0
    vi = (
        f"{vi_label}: từ năm {a.base_year} ({level_amount(base, target, 0)}) đến năm {a.latest_year} "
        f"({level_amount(latest, target, 0)}) bình quân mỗi năm {verb_vi} "
        f"{change_amount([abs(observed)], target.unit, 0)}, mục tiêu {goal_vi} {_goal_phrase(target, 0)}/năm "
        f"đến năm {a.target_year}"
    )
    fall_en = "a fall" if falls else "a rise"
    en = (
        f"{en_label}: from {a.base_year} ({level_amount(base, target, 1)}) to {a.latest_year} "
        f"({level_amount(latest, target, 1)}) it {verb_en} {change_amount([abs(observed)], target.unit, 1)} "
        f"a year on average, against a target of {fall_en} of {_goal_phrase(target, 1)} a year to "
        f"{a.target_year}"
    )
    needs = sorted(v for v in (a.required_per_year.low, a.required_per_year.high) if v is not None)
    if len(needs) == 2 and abs(needs[0] - needs[1]) < 0.005:
        needs = needs[:1]
    if needs and a.status is not Status.ACHIEVED:
        vi += f"; những năm còn lại mỗi năm cần {goal_vi} {change_amount(needs, target.unit, 0)}"
        en += f"; each remaining year now needs {fall_en} of {change_amount(needs, target.unit, 1)}"
    return vi + ".", en + "."


def _with_method_note(a: Assessment, sentences: tuple[str, str]) -> tuple[str, str]:
    if a.method_note is None or a.method_note_en is None:
        return sentences
    vi, en = (s.removesuffix(".") for s in sentences)
    return f"{vi} ({a.method_note}).", f"{en} ({a.method_note_en})."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def explain(a: Assessment, target: Target) -> tuple[str, str]:
    """(Vietnamese sentence, English sentence) for an assessment of `target`."""
    if a.status is Status.INSUFFICIENT_DATA:
        if a.reason_code == "single_year" and a.latest_year is not None and a.reason and a.reason_en:
            return f"{_capital(a.reason)}.", f"{_capital(a.reason_en)}."
        vi_label, en_label = STATUS_LABELS[a.status]
        vi = f"{vi_label}: {a.reason or 'không rõ lý do'}."
        return vi, f"{en_label}: {a.reason_en or 'no reason given'}."
    if target.kind is TargetKind.AVERAGE_GROWTH:
        return _average_growth(a, target)
    if target.kind is TargetKind.ANNUAL_CHANGE:
        return _with_method_note(a, _annual_change(a, target))
    return _level(a, target)

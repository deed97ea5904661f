"""Reading the targets and dated milestones of an item of a programme's target list. Pure.

An item ("(5) 8/9 huyện đạt chuẩn huyện nông thôn mới; 95% số xã đạt chuẩn nông thôn mới, trong đó
khoảng 60% số xã …") is cut into sentences, clauses (at ";") and pieces (at "," and "và"); a piece
without a figure belongs to its neighbour ("nông, lâm nghiệp và thủy sản chiếm khoảng 6-7%" is one
piece). Every piece with a figure is a target; a clause without one that says something is reached
("trở thành thị xã", "thoát khỏi tình trạng nghèo", "đứng trong nhóm 15 tỉnh") is a milestone.

The rules (docs/programme-drafts.md lists them with what they miss):

- comparator: "khoảng" about; "trên" more than; "dưới" less than; "ít nhất", "tối thiểu", "không dưới",
  "từ X trở lên", "≥" at least; "tối đa", "không quá", "≤" at most; "X-Y" and "từ X đến Y" a range;
  a bare "100%" or "không còn" equal; otherwise ("đạt 37%", "duy trì … 99%", "30% số xã") at least, or at
  most when the indicator falls; a figure in brackets inside a target takes that target's comparator
  ("… chiếm khoảng 66-67% (công nghiệp chiếm 60%)").
- kind: "tăng/giảm … bình quân …%/năm" is an average growth, or, for a rate ("tỷ lệ …"), a change in
  percentage points a year; "chiếm" or "tỷ trọng" a share; anything else a level.
- year: "năm 2025" in the piece, else the last one earlier in the sentence ("Cơ cấu kinh tế năm 2030:",
  "Đến năm 2030, …"), else the year of the list's heading or of the programme; a period "giai đoạn
  2021-2030", "thời kỳ …" likewise.
- a piece without its own indicator ("…, đến năm 2030 đạt 80%") carries the one before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nqtrack.domain.drafting.clauses import Span, sentences, split_top, trim
from nqtrack.domain.drafting.dates import due_in, year_in
from nqtrack.domain.drafting.values import Value, find_values, read_value

__all__ = ["ItemReading", "MilestoneDraft", "TargetDraft", "read_item", "read_ranking_milestones"]

_PERIOD = re.compile(
    r"(?:thời kỳ|giai đoạn|nhiệm kỳ|trong|từ năm|cả giai đoạn)?\s*"
    r"(?P<a>(?:19|20)\d{2})\s*(?:-|–|đến)\s*(?:năm\s+)?(?P<b>(?:19|20)\d{2})"
)
_CLAUSE = re.compile(r";")
_PIECE = re.compile(r",\s+|\s+và\s+|\s+với\s+")
_GROWTH = re.compile(r"(?<!\w)(?:tăng trưởng|tăng|giảm)(?!\w)", re.IGNORECASE)
_AVERAGE = re.compile(r"bình quân|trung bình|hằng năm|hàng năm|mỗi năm|/năm", re.IGNORECASE)
_FALLS = re.compile(r"(?<!\w)giảm(?!\w)", re.IGNORECASE)
_RATE = re.compile(r"^(?:tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng|mức giảm tỷ lệ|mức sinh)", re.IGNORECASE)
_RATE_OR_COUNT = re.compile(r"^(?:tỷ lệ|tỉ lệ|tốc độ|số|quy mô|tổng|thu|chi|giá trị)\b", re.IGNORECASE)
_SHARE = re.compile(r"(?<!\w)chiếm(?!\w)|^(?:tỷ trọng|tỉ trọng|cơ cấu)", re.IGNORECASE)
_GROWTH_NAME = re.compile(r"^(?:tốc độ tăng|tăng trưởng)", re.IGNORECASE)
# Indicators where less is better: poverty, unemployment, deaths, malnutrition, pollution, informality.
_LOWER_IS_BETTER = re.compile(
    r"nghèo|thất nghiệp|tử vong|suy dinh dưỡng|ô nhiễm|phi chính thức|tai nạn|tội phạm|tiêu hao|"
    r"nông, lâm|nông lâm|lao động nông nghiệp|sinh con thứ ba|chênh lệch|mất cân bằng|nợ xấu|nợ công|"
    r"bội chi|lạm phát|thời gian (?:xử lý|thông quan)|chi phí|khu vực I(?![IV])",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(
    r"^(?:(?:đến|vào|tới|trong|đến hết|đến cuối)\s+năm\s+\d{4}\s*,?\s*|phấn đấu\s+|duy trì\s+(?:ổn định\s+)?|"
    r"đạt\s+|trong đó\s*:?\s*|riêng\s+|bảo đảm\s+|đảm bảo\s+|giữ vững\s+|nâng\s+|về kinh tế\s*:\s*|"
    r"về xã hội\s*:\s*|về môi trường\s*:\s*|có\s+)+",
    re.IGNORECASE,
)
_MILESTONE = re.compile(
    r"trở thành|đạt tiêu chí|đạt chuẩn|đô thị loại|thoát khỏi|thoát nghèo|ra khỏi danh sách|hoàn thành|"
    r"đứng trong nhóm|nằm trong nhóm|thuộc nhóm|đứng đầu|được công nhận|đưa vào (?:sử dụng|vận hành)|"
    r"xây dựng xong|thông xe|khởi công",
    re.IGNORECASE,
)
_RANKING = re.compile(r"(?:đứng trong|nằm trong|thuộc|vào) nhóm \d+|đứng thứ \d+|top \d+", re.IGNORECASE)


@dataclass(slots=True)
class TargetDraft:
    """A target read from a piece of text, before it gets codes."""

    name: str
    kind: str
    comparator: str
    low: float | None
    high: float | None
    unit: str
    source: Span  # of the source text, in the item's text
    source_text: str
    year: int | None = None
    period: tuple[int, int] | None = None
    direction: str = "higher"
    out_of: int | None = None
    equivalent: tuple[float, str] | None = None
    series_kind: str = "level"
    parent: int | None = None  # index of the target this one is a part of ("trong đó", brackets)
    carries: int | None = None  # index of the target whose indicator this one carries on
    doubts: list[str] = field(default_factory=list)
    defaulted: bool = False  # no word gave the comparator


@dataclass(slots=True)
class MilestoneDraft:
    text: str
    source: Span
    due: str
    kind: str = ""
    doubts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ItemReading:
    targets: list[TargetDraft] = field(default_factory=list)
    milestones: list[MilestoneDraft] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Context:
    """What the surroundings say: the year of the list (its heading, the plan) and the plan's period."""

    year: int
    period: tuple[int, int]
    year_stated: bool = True  # the year is written in a heading or the title, not assumed


def _values(text: str, start: int, end: int) -> list[Value]:
    """The figures of ``text[start:end]`` that can be values; those of a stated equivalent are not.

    A unit may be read past ``end`` ("có 10 bác sĩ và 30 giường bệnh/1 vạn dân").
    """
    rest = text[start:]
    found = [_shift(read_value(rest, match), start) for match in find_values(text[start:end])]
    kept: list[Value] = []
    for value in found:
        if any(v.equivalent is not None and v.end < value.start <= _paren_end(text, v.end) for v in kept):
            continue
        kept.append(value)
    return kept


def _shift(value: Value, by: int) -> Value:
    return Value(
        value.start + by,
        value.end + by,
        value.comparator,
        value.low,
        value.high,
        value.unit,
        value.out_of,
        value.equivalent,
        value.per_year,
    )


def _paren_end(text: str, start: int) -> int:
    close = text.find(")", start)
    return len(text) if close < 0 else close


def _has_values(text: str, span: Span) -> bool:
    return bool(find_values(text[span[0] : span[1]]))


_YEAR_ONLY = re.compile(
    r"^(?:(?:đến|vào|tới|trong|đến hết|đến cuối)\s+)?năm\s+(?:19|20)\d{2}$"
    r"|^(?:thời kỳ|giai đoạn|nhiệm kỳ|trong giai đoạn)\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}$",
    re.IGNORECASE,
)
# Words that frame a list of targets rather than name one: "về kinh tế", "trong đó" on its own, "Nghị
# quyết đề ra mục tiêu …", "Chương trình đặt mục tiêu đến năm 2030", "Mục tiêu đến năm 2030".
_FRAMING = re.compile(
    r"^(?:trong đó|về kinh tế|về xã hội|về môi trường|cụ thể|theo đó|cụ thể như sau)$"
    r"|^(?:mục tiêu|nghị quyết|chương trình|kế hoạch|chính phủ|đại hội|quy hoạch)\b"
    r"|(?:đặt|đề ra|nêu|xác định)\s+mục tiêu",
    re.IGNORECASE,
)
_FRAMING_WORDS = 20  # syllables: a clause this long before the first figure frames the list
# A piece may open with the words that frame it: "phấn đấu", "nghị quyết đề ra mục tiêu phấn đấu".
_OPENING = re.compile(
    r"^(?:(?:nghị quyết|chương trình|kế hoạch|chính phủ)\s+)?(?:đề ra|đặt|nêu|xác định)\s+mục tiêu\s+"
    r"(?:là\s+)?(?:phấn đấu\s+)?|^phấn đấu\s+",
    re.IGNORECASE,
)


def _merge_pieces(text: str, pieces: list[Span], cursor: _Cursor) -> list[Span]:
    """Join each piece without a figure to the next piece with one (or, at the end, to the one before).

    A piece that only dates ("Đến năm 2025", "Giai đoạn 2031 - 2050") or, before the first figure, frames
    the list ("về kinh tế", "Chương trình đặt mục tiêu đến năm 2030", a long clause) joins nothing; its
    year or period holds for what follows.
    """
    merged: list[Span] = []
    pending: int | None = None
    for start, end in pieces:
        fragment = text[start:end]
        if _has_values(text, (start, end)):
            merged.append((pending if pending is not None else start, end))
            pending = None
            continue
        framing = not merged and (_FRAMING.search(fragment) or len(fragment.split()) > _FRAMING_WORDS)
        if _YEAR_ONLY.match(fragment) or framing:
            _note_time(fragment, cursor)
            pending = None
            continue
        if pending is None:
            pending = start
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], pieces[-1][1])
        else:
            merged.append((pending, pieces[-1][1]))
    return merged


def _note_time(fragment: str, cursor: _Cursor) -> None:
    year = year_in(fragment)
    if year is not None:
        cursor.year = year
    period = _PERIOD.search(fragment)
    if period is not None:
        cursor.period = (int(period["a"]), int(period["b"]))


def _trailing_bracket(text: str, span: Span) -> tuple[Span, Span | None]:
    """Split off a closing bracket that holds targets of its own: "đạt 92% (trong đó: … 100%; …)"."""
    start, end = span
    if not text[start:end].endswith(")"):
        return span, None
    depth = 0
    for index in range(end - 1, start - 1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                inner = (index + 1, end - 1)
                body = text[inner[0] : inner[1]].lstrip().casefold()
                if body.startswith(("tương đương", "tương ứng")) or not _has_values(text, inner):
                    return span, None
                return trim(text, start, index), inner
    return span, None


def _name_before(text: str, start: int, value: Value) -> str:
    before = text[start : value.start]
    before = re.sub(
        r"\s*(?:(?:đạt|là|ở mức|mức|còn|xuống|lên|tới|đến|từ|khoảng|trên|dưới|ít nhất|tối thiểu|tối đa|"
        r"không dưới|không quá|không vượt quá|không thấp hơn|chiếm|bằng|tăng|giảm|bình quân|trung bình|"
        r"hằng năm|hàng năm|≥|≤|>|<|~)\s*)+$",
        "",
        before,
        flags=re.IGNORECASE,
    )
    before = _PERIOD.sub("", before)
    before = re.sub(r"\s*(?:(?:đến|vào|trong|tới)\s+)?năm\s+\d{4}\s*", " ", before)
    before = _LEAD_WORDS.sub("", before.strip(" ,:;")).strip(" ,:;")
    return " ".join(before.split())


def _name_after(text: str, value: Value, end: int) -> str:
    rest = text[value.end : end].strip(" ,:;")
    rest = re.sub(r"^(?:số|các|tổng số)\s+", "", rest, flags=re.IGNORECASE)
    rest = re.sub(r"\s*(?:(?:đến|vào|trong)\s+)?năm\s+\d{4}\s*$", "", rest)
    return " ".join(rest.split())


def _counted_noun(text: str, value: Value) -> str:
    """The noun a figure counts, as written after it ("huyện", "giường bệnh/vạn dân"), if any."""
    if value.unit in ("percent", "per_mille", "", "count", "vnd", "usd") or value.unit.endswith(
        ("_vnd", "_usd")
    ):
        return ""
    figure = re.match(r"[\d.,]+(?:/\d+)?\s*", text[value.start : value.end])
    noun = text[value.start + (figure.end() if figure else 0) : value.end].strip()
    return "" if re.match(r"(?:triệu|tỷ|nghìn|ngàn)(?!\w)", noun) else noun


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(slots=True)
class _Cursor:
    """The reading position's context inside a sentence."""

    year: int | None = None
    period: tuple[int, int] | None = None


def _kind(name: str, piece: str, value: Value) -> tuple[str, bool]:
    """The target's kind, and whether the indicator falls ("giảm")."""
    falls = _FALLS.search(piece) is not None
    growth = value.per_year or (_GROWTH.search(piece) is not None and _AVERAGE.search(piece) is not None)
    if _GROWTH_NAME.match(name) and year_in(piece) is None and value.unit == "percent":
        growth = True  # "Tốc độ tăng năng suất lao động từ 7,0 đến 7,5%": a rate over the plan's years
    if growth and value.unit in ("percent", ""):
        if _RATE.match(name) and not name.casefold().startswith("tốc độ"):
            return "annual_change", falls
        return "average_growth", falls
    if _SHARE.search(piece[: max(0, value.start)]) or _SHARE.search(name):
        return "share", falls
    if value.unit == "percent" and re.match(r"\s*(?:GDP|GRDP|tổng)(?!\w)", piece[value.end :]):
        return "share", falls  # "kinh tế số đạt khoảng 20% GDP", "chiếm 20 - 22% tổng vốn đầu tư"
    return "level", falls


def _unit(kind: str, value: Value, name: str = "") -> str:
    if value.unit == "count" and re.search(r"/\s*(?:1\s+)?vạn dân", name):
        # "Số bác sĩ/vạn dân: 15 bác sĩ": the name says what the count is per.
        return "doctors_per_10000" if re.search(r"bác s[ỹĩ]", name) else "beds_per_10000"
    if kind == "average_growth":
        return "percent_per_year"
    if kind == "annual_change":
        return "percentage_points_per_year"
    if value.unit == "communes":
        return "count"
    return value.unit or "index"


def _comparator(
    value: Value, piece: str, name: str, falls: bool, parent: TargetDraft | None
) -> tuple[str, list[str]]:
    doubts: list[str] = []
    if value.comparator == "about" or value.comparator == "range":
        return value.comparator, doubts
    if value.comparator:
        return value.comparator, doubts
    if value.high is not None:
        return "range", doubts
    if re.search(r"không còn", piece, re.IGNORECASE):
        return "equal", doubts
    if value.low == 100 and value.unit == "percent":
        return "equal", doubts
    if parent is not None and parent.comparator not in ("range", "equal"):
        doubts.append(f"so sánh lấy theo chỉ tiêu chứa nó ({parent.comparator})")
        return parent.comparator, doubts
    if falls or _LOWER_IS_BETTER.search(name):
        doubts.append("không có từ so sánh; chỉ tiêu giảm nên đọc là 'không quá'")
        return "at_most", doubts
    return "at_least", doubts


_DEFAULTS = ("at_least", "at_most")


def _bounds(comparator: str, value: Value) -> tuple[float | None, float | None]:
    if comparator in ("at_most", "less_than"):
        return None, value.high if value.high is not None else value.low
    return value.low, value.high


def _choose_value(text: str, values: list[Value], doubts: list[str]) -> Value:
    value = values[0]
    if len(values) > 1:
        later = values[-1]
        if re.search(r"(?<!\w)lên(?!\w)", text[value.end : later.start]):
            return later  # "từ 50% năm 2020 lên 70% năm 2025": the target is where it goes
        doubts.append("đoạn có nhiều số; lấy số đầu tiên")
    return value


def _piece_name(text: str, start: int, end: int, value: Value) -> str:
    name = _name_before(text, start, value)
    if name:
        return name
    name = _name_after(text, value, end)
    counted = _counted_noun(text, value)
    if counted:  # "8/9 huyện đạt chuẩn …", "40 giường bệnh/vạn dân": the number of …
        return " ".join(("Số", counted, name)).strip()
    if value.unit == "percent" and name and not _RATE.match(name):
        return "Tỷ lệ " + name
    return name


def _shrinking(
    comparator: str, low: float | None, high: float | None
) -> tuple[str, float | None, float | None]:
    """ "giảm bình quân 2%/năm": the indicator shrinks; as a growth rate its bounds are negative."""
    flipped = {"more_than": "less_than", "at_least": "at_most", "less_than": "more_than"}.get(
        comparator, comparator
    )
    bounds = sorted(-b for b in (low, high) if b is not None)
    if flipped in ("at_most", "less_than"):
        return flipped, None, bounds[0]
    return flipped, bounds[0], bounds[1] if len(bounds) == 2 else None


def _source_span(text: str, span: Span, value: Value) -> Span:
    """The target's own words: without a joining "trong đó" before a figure, or a framing "phấn đấu"."""
    start, end = span
    piece = text[start:end]
    lead = re.match(r"trong đó\s*:?\s+", piece, re.IGNORECASE)
    if lead is not None and not _name_before(text, start + lead.end(), value):
        # "trong đó khoảng 60% số xã …": the words before the figure only join it to the target before.
        span = (start + lead.end(), end)
    opening = _OPENING.match(piece)
    if opening is not None and opening.end() < value.start - start:
        span = (start + opening.end(), end)
    return span


def _date(target: TargetDraft, context: Context, cursor: _Cursor) -> None:
    if target.kind in ("average_growth", "annual_change"):
        target.period = cursor.period or context.period
        if cursor.period is None:
            target.doubts.append("không nêu giai đoạn; lấy giai đoạn của chương trình")
        if target.kind == "average_growth" and re.search(
            r"tăng trưởng|tốc độ tăng", target.name, re.IGNORECASE
        ):
            target.series_kind = "growth_rate"
        return
    target.year = cursor.year or context.year
    if cursor.year is None and not context.year_stated:
        target.doubts.append("không nêu năm; lấy năm cuối của chương trình")


def _read_piece(
    text: str, span: Span, context: Context, cursor: _Cursor, parent: TargetDraft | None
) -> TargetDraft | None:
    start, end = span
    values = _values(text, start, end)
    if not values:
        return None
    doubts: list[str] = []
    value = _choose_value(text, values, doubts)
    piece = text[start:end]
    _note_time(piece, cursor)
    name = _piece_name(text, start, end, value)
    kind, falls = _kind(name, piece, _shift(value, -start))
    comparator, more_doubts = _comparator(value, piece, name, falls, parent)
    defaulted = not value.comparator and value.high is None and comparator in _DEFAULTS
    doubts += more_doubts
    low, high = _bounds(comparator, value)
    if kind == "average_growth" and falls:
        comparator, low, high = _shrinking(comparator, low, high)
        doubts.append("chỉ tiêu giảm: tốc độ tăng âm")
    lower = falls or comparator in ("at_most", "less_than") or _LOWER_IS_BETTER.search(name) is not None
    source = _source_span(text, span, value)
    target = TargetDraft(
        name=_first_upper(name) if name else "",
        kind=kind,
        comparator=comparator,
        low=low,
        high=high,
        unit=_unit(kind, value, name),
        source=source,
        source_text=text[source[0] : source[1]],
        direction="lower" if lower else "higher",
        out_of=value.out_of,
        equivalent=value.equivalent,
        doubts=doubts,
        defaulted=defaulted,
    )
    _date(target, context, cursor)
    if not value.unit:
        target.doubts.append("số không có đơn vị")
    return target


def _bracket_targets(
    text: str, inner: Span, context: Context, cursor: _Cursor, parent: TargetDraft
) -> list[TargetDraft]:
    found = []
    for clause in split_top(text, inner[0], inner[1], _CLAUSE):
        start, end = clause
        lead = re.match(r"\s*trong đó\s*:\s*", text[start:end], re.IGNORECASE)
        if lead is not None:
            start += lead.end()
        pieces = split_top(text, start, end, _PIECE)
        while pieces and not _has_values(text, pieces[0]):
            pieces = pieces[1:]  # "(theo giá hiện hành, tăng từ 12,5 đến 13,5%/năm)": a qualifier first
        for piece in _merge_pieces(text, pieces, cursor):
            target = _read_piece(text, piece, context, cursor, parent)
            if target is not None:
                found.append(target)
    return found


def _milestone(text: str, span: Span, cursor: _Cursor, context: Context) -> MilestoneDraft | None:
    clause = text[span[0] : span[1]]
    if _MILESTONE.search(clause) is None:
        return None
    due = due_in(clause)
    doubts = []
    if due is None:
        due = str(cursor.year or context.year)
        if cursor.year is None and not context.year_stated:
            doubts.append("không nêu thời hạn; lấy năm cuối của chương trình")
    return MilestoneDraft(clause, span, due, _milestone_kind(clause), doubts)


def _milestone_kind(text: str) -> str:
    lowered = text.casefold()
    if "nghèo" in lowered:
        return "poverty_exit"
    if re.search(r"đô thị loại|thị xã|thành phố|thị trấn", lowered):
        return "urban_upgrade"
    if _RANKING.search(lowered) or "đứng đầu" in lowered:
        return "ranking"
    if "ban hành" in lowered:
        return "plan_issued"
    return ""


def _lead_in(text: str, clause: Span, cursor: _Cursor) -> Span:
    """Drop a lead-in ending with a colon ("Cơ cấu kinh tế năm 2030:"), keeping the year it gives."""
    start, end = clause
    colon = text.find(":", start, end)
    if colon < 0 or _has_values(text, (start, colon)):
        return clause
    after = trim(text, colon + 1, end)
    figures = _values(text, after[0], after[1])
    if figures and not _name_before(text, after[0], figures[0]):
        return clause  # "GRDP bình quân/người: từ 8.300 đến 8.500 USD": the indicator, then its figure
    if text[start:colon].count("(") != text[start:colon].count(")"):
        return clause
    year = year_in(text[start:colon])
    if year is not None:
        cursor.year = year
    return trim(text, colon + 1, end)


def read_item(text: str, context: Context) -> ItemReading:
    """The targets and milestones of one item of a target list (spans are offsets into ``text``)."""
    reading = ItemReading()
    for sentence in sentences(text):
        cursor = _Cursor()
        for clause in split_top(text, sentence[0], sentence[1], _CLAUSE):
            clause = _lead_in(text, clause, cursor)
            none_left = _none_left(text, clause, context, cursor)
            if none_left is not None:
                reading.targets.append(none_left)
                continue
            if not _has_values(text, clause):
                milestone = _milestone(text, clause, cursor, context)
                if milestone is not None:
                    reading.milestones.append(milestone)
                year = year_in(text[clause[0] : clause[1]])
                if year is not None and milestone is None:
                    cursor.year = year
                continue
            _read_clause(text, clause, context, cursor, reading)
    return reading


_NONE_LEFT = re.compile(r"(?<!\w)không còn\s+(?P<what>[^,;.]+)", re.IGNORECASE)


def _none_left(text: str, clause: Span, context: Context, cursor: _Cursor) -> TargetDraft | None:
    """ "không còn hộ nghèo", "không còn xã đặc biệt khó khăn": none left, a count equal to 0."""
    body = text[clause[0] : clause[1]]
    match = _NONE_LEFT.search(body)
    if match is None or _has_values(text, clause):
        return None
    year = year_in(body)
    if year is not None:
        cursor.year = year
    what = re.sub(r"\s*(?:(?:đến|vào|trong)\s+)?năm\s+\d{4}.*$", "", match["what"]).strip()
    return TargetDraft(
        name=f"Số {what}",
        kind="level",
        comparator="equal",
        low=0.0,
        high=None,
        unit="count",
        source=clause,
        source_text=body,
        year=cursor.year or context.year,
        direction="lower",
    )


def _read_clause(text: str, clause: Span, context: Context, cursor: _Cursor, reading: ItemReading) -> None:
    first_in_clause = len(reading.targets)
    for piece in _merge_pieces(text, split_top(text, clause[0], clause[1], _PIECE), cursor):
        own, inner = _trailing_bracket(text, piece)
        target = _read_piece(text, own, context, cursor, None)
        if target is None:
            continue
        siblings = reading.targets[first_in_clause:]
        if (
            target.kind == "level"
            and siblings
            and siblings[-1].kind == "share"
            and not _RATE_OR_COUNT.match(target.name)
        ):
            target.kind = (
                "share"  # "Tỷ trọng … dịch vụ đạt trên 50%, khu vực công nghiệp - xây dựng trên 40%"
            )
        if not target.name and reading.targets:
            target.carries = len(reading.targets) - 1
            target.doubts.append("chỉ tiêu không nêu tên; tiếp chỉ tiêu trước")
            carried = reading.targets[target.carries]
            if target.defaulted and target.comparator == "at_least" and carried.direction == "lower":
                # "… suy dinh dưỡng … 50% vào năm 2025, đến năm 2030 đạt 30%": the carried indicator falls.
                target.comparator, target.low, target.high = "at_most", None, target.low
            target.direction = carried.direction
        previous_parent = _inline_parent(text, piece, reading)
        if previous_parent is not None:
            target.parent = previous_parent
        reading.targets.append(target)
        if inner is not None:
            parent_index = len(reading.targets) - 1
            for child in _bracket_targets(text, inner, context, cursor, target):
                child.parent = parent_index
                reading.targets.append(child)


def _inline_parent(text: str, piece: Span, reading: ItemReading) -> int | None:
    """ "…, trong đó …": the part of the target before it (the latest one without a parent)."""
    if not re.match(r"\s*trong đó", text[piece[0] : piece[1]], re.IGNORECASE):
        return None
    for index in range(len(reading.targets) - 1, -1, -1):
        if reading.targets[index].parent is None:
            return index
    return None


def read_ranking_milestones(text: str, context: Context) -> list[MilestoneDraft]:
    """Ranks a general objective sets ("quy mô GRDP đứng trong nhóm 15 tỉnh …"): dated milestones."""
    found = []
    for sentence in sentences(text):
        cursor = _Cursor()
        for clause in split_top(text, sentence[0], sentence[1], _CLAUSE):
            year = year_in(text[clause[0] : clause[1]])
            if year is not None:
                cursor.year = year
            pieces = split_top(text, clause[0], clause[1], re.compile(r",\s+"))
            for start, _ in pieces:
                if _RANKING.search(text[start : clause[1]].split(",")[0]):
                    span = (start, clause[1])
                    due = due_in(text[clause[0] : clause[1]]) or str(cursor.year or context.year)
                    found.append(MilestoneDraft(text[span[0] : span[1]], span, due, "ranking"))
                    break
    return found

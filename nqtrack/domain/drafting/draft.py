"""A programme file drafted from a programme document's text. Pure.

``draft_programme(text)`` reads the document's parts (``document.layout``), its header, its targets and
milestones (``targets.read_item``), its tasks and its organisation section (``organisation``) and
returns a ``Draft``: the programme file's data (docs/programme-format.md) and, for every drafted item, the
span of the document it came from and whether its reading is uncertain, with the reasons.
``Draft.to_yaml()`` writes the file with each item's span and doubts as a comment above its last key, so
that the file loads as it is (``nqtrack load-programme``) and a person reviewing it sees where every item
came from.

Everything the text says is read as text: a sentence that addresses its reader ("bỏ qua các chỉ tiêu …")
is one more sentence of a paragraph, never a direction to the drafter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml

from nqtrack.domain.drafting.clauses import Span
from nqtrack.domain.drafting.dates import year_in
from nqtrack.domain.drafting.document import Block, Layout, Section, layout, marker_number, strip_marker
from nqtrack.domain.drafting.organisation import (
    deadline_in,
    organisation_kind,
    read_assignment,
    slug,
)
from nqtrack.domain.drafting.provinces import province_in
from nqtrack.domain.drafting.tables import read_table
from nqtrack.domain.drafting.targets import (
    Context,
    ItemReading,
    MilestoneDraft,
    TargetDraft,
    read_item,
    read_ranking_milestones,
)
from nqtrack.domain.drafting.text import Paragraph, Source, paragraphs

__all__ = ["Draft", "Note", "draft_programme"]

_TITLE_KINDS = re.compile(r"^(?:CHƯƠNG TRÌNH|KẾ HOẠCH|NGHỊ QUYẾT|ĐỀ ÁN|QUYẾT ĐỊNH|CHIẾN LƯỢC)\b")
_NOT_TITLE = re.compile(r"CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập|ĐỘC LẬP|^Số\b|^SỐ\b")
_DOC_NUMBER = r"\d{1,5}(?:/\d{4})?[-/][A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ0-9]+)*"
_CITED = re.compile(
    rf"(?P<kind>(?i:Nghị quyết|Kết luận|Chỉ thị|Kế hoạch|Quyết định|Chương trình|Thông báo))\s+(?:số\s+)?"
    rf"(?P<number>{_DOC_NUMBER})"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2} năm \d{4}))?"
    r"(?:\s+của\s+(?P<issuer>.+?))?(?=\s+về\s+|\s*[,;(]|$)(?:\s+(?P<about>về\s+.+))?"
)
_OWN_NUMBER = re.compile(rf"^Số\s*:?\s*(?P<number>{_DOC_NUMBER})", re.IGNORECASE)
_OWN_DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_ISSUERS = re.compile(
    r"(?P<issuer>Ban Thường vụ Tỉnh ủy|Ban Thường vụ Thành ủy|Ban Chấp hành Đảng bộ tỉnh|Tỉnh ủy|Thành ủy|"
    r"Ủy ban nhân dân tỉnh|UBND tỉnh|Hội đồng nhân dân tỉnh|HĐND tỉnh|Chính phủ|Thủ tướng Chính phủ|"
    r"Bộ Chính trị|Quốc hội)\s+(?:xây dựng|ban hành|quyết nghị|đề ra|thống nhất)"
)
_HEADER_ISSUERS = (
    (re.compile(r"^CHÍNH PHỦ$"), "Chính phủ", "state"),
    (re.compile(r"^THỦ TƯỚNG CHÍNH PHỦ$"), "Thủ tướng Chính phủ", "state"),
    (re.compile(r"^QUỐC HỘI$"), "Quốc hội", "state"),
    (re.compile(r"^(?:ỦY|UỶ) BAN NHÂN DÂN(?: TỈNH)?\b"), "Ủy ban nhân dân tỉnh", "state"),
    (re.compile(r"^HỘI ĐỒNG NHÂN DÂN(?: TỈNH)?\b"), "Hội đồng nhân dân tỉnh", "state"),
    (re.compile(r"^(?:TỈNH ỦY|TỈNH UỶ)\b"), "Tỉnh ủy", "party"),
)
_SIGNATURE = re.compile(r"^(?:T/M|TM\.?|KT\.?|Q\.|TL\.?)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Note:
    """Where a drafted item came from and how sure the reading is."""

    span: Span  # offsets into the document's text (NFC)
    line: int
    uncertain: bool
    reasons: tuple[str, ...] = ()  # why the reading is uncertain
    details: tuple[str, ...] = ()  # what the file has no key for (a reporting duty)

    def comment(self) -> str:
        parts = [f"nguồn: dòng {self.line}, ký tự {self.span[0]}–{self.span[1]}", *self.details]
        if self.uncertain:
            parts.append(f"CHƯA CHẮC: {'; '.join(self.reasons)}")
        return "; ".join(parts)


@dataclass(slots=True)
class Draft:
    """The drafted programme file's data and a note for every drafted item (by its path in the file)."""

    data: dict[str, Any]  # each item's "_note" names its note
    notes: dict[str, Note] = field(default_factory=dict)

    def programme(self) -> dict[str, Any]:
        """The programme file's data, as ``to_yaml`` writes it (without the notes)."""
        return _plain(self.data)  # type: ignore[no-any-return]

    def note_of(self, item: dict[str, Any]) -> Note:
        return self.notes[item["_note"]]

    def items(self, kind: str) -> list[dict[str, Any]]:
        """Every drafted item of ``kind``: targets, milestones, tasks or assignments, in order."""
        groups = self.data["indicator_groups"]
        if kind == "targets":
            return [t for g in groups for i in g["indicators"] for t in i["targets"]]
        if kind == "milestones":
            return [m for g in groups for m in g.get("milestones", [])]
        if kind == "tasks":
            return [t for g in self.data["task_groups"] for t in g["tasks"]]
        if kind == "assignments":
            return list(self.data["assignments"])
        raise ValueError(kind)

    def to_yaml(self) -> str:
        """The programme file, with each item's note as a comment inside it."""
        marked = _with_markers(self.data, self.notes)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, when installed: ten times faster
        text = yaml.dump(marked, Dumper=dumper, allow_unicode=True, sort_keys=False, width=110)

        def comment(match: re.Match[str]) -> str:
            return f"{match['indent']}# {self.notes[match['key']].comment()}"

        return re.sub(r"(?m)^(?P<indent>\s*)__note__: (?P<key>\S+)$", comment, text)


def _with_markers(value: Any, notes: dict[str, Note]) -> Any:
    if isinstance(value, dict):
        result = {k: _with_markers(v, notes) for k, v in value.items() if k != "_note"}
        if "_note" in value and value["_note"] in notes:
            result["__note__"] = value["_note"]
        return result
    if isinstance(value, list):
        return [_with_markers(v, notes) for v in value]
    return value


def _plain(value: Any) -> Any:
    """The data without the note keys (what the file holds once the comments are read as comments)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "_note"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# -- the drafter --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Drafter:
    source: Source
    parts: Layout
    notes: dict[str, Note] = field(default_factory=dict)
    codes: Counter[str] = field(default_factory=Counter)
    organisations: dict[str, dict[str, Any]] = field(default_factory=dict)

    def note(
        self, key: str, paragraph: Paragraph, span: Span, reasons: list[str], details: tuple[str, ...] = ()
    ) -> str:
        first, last = paragraph.span(*span)
        line = self.source.line_of(first)
        self.notes[key] = Note((first, last), line, bool(reasons), tuple(reasons), details)
        return key

    def unique(self, code: str) -> str:
        self.codes[code] += 1
        return code if self.codes[code] == 1 else f"{code}_{self.codes[code]}"

    def sections(self, kind: str) -> list[Section]:
        return [s for s in self.parts.sections if s.kind == kind]


def draft_programme(text: str) -> Draft:
    """Draft a programme file from the text of a programme document (see the module's docstring)."""
    source, items = paragraphs(text)
    drafter = _Drafter(source, layout(items))
    identity, header_notes = _identity(drafter, items)
    first, last = identity["period"]
    context = Context(last, (first, last), year_stated=year_in(identity["title"]) is not None)
    general, vision = _objectives(drafter)
    groups = _indicator_groups(drafter, context, general)
    data: dict[str, Any] = {
        "format": "nqtrack-programme/1",
        "code": _programme_code(identity),
        "identity": identity,
    }
    preamble = _preamble(drafter)
    if preamble:
        data["preamble"] = preamble
    purposes = _purposes(drafter)
    if purposes:
        data["purposes"] = purposes
    data["general_objective"] = [p.text for p in general]
    if vision is not None:
        data["vision"] = vision
    data["indicator_groups"] = groups
    data["task_groups"] = _task_groups(drafter)
    data["assignments"] = _assignments(drafter)
    data["organisations"] = list(drafter.organisations.values())
    documents = header_notes.pop("_documents", [])
    if documents:
        data["documents"] = documents
    return Draft(data, drafter.notes)


# -- header -------------------------------------------------------------------------------------------


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _lower_words(text: str) -> str:
    """Capitals to lower case, except document numbers and abbreviations with digits ("30-NQ/TW")."""
    return " ".join(word if any(c.isdigit() for c in word) else word.lower() for word in text.split())


_CAPITALS_DOUBT = "tên văn bản viết hoa; chữ hoa của tên riêng cần kiểm tra"


def _title_lead(text: str) -> tuple[str, str, bool]:
    """ "CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện …" → ("Chương trình hành động", "thực hiện …", long in capitals)."""
    words = text.split()
    count = 0
    for word in words:
        if not (word.isupper() or not any(c.isalpha() for c in word)):
            break
        count += 1
    lead = " ".join(words[:count])
    return lead[:1] + lead[1:].lower(), " ".join(words[count:]), count > 4


def _title_tail(following: list[Paragraph], doubts: list[str]) -> list[str]:
    """The subject lines after the title: in lower case, or printed in capitals as well."""
    tail = []
    for paragraph in following:
        if paragraph.text[:1].islower():
            tail.append(paragraph.text)
        elif _in_capitals(paragraph.text) and not _NOT_TITLE.search(paragraph.text):
            # "BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG …": the subject line printed in capitals.
            tail.append(_lower_words(paragraph.text))
            if _CAPITALS_DOUBT not in doubts:
                doubts.append(_CAPITALS_DOUBT)
        else:
            break
    return tail


def _title(header: list[Paragraph]) -> tuple[str, list[str]]:
    for index, paragraph in enumerate(header):
        if _TITLE_KINDS.match(paragraph.text) and not _NOT_TITLE.search(paragraph.text):
            title, rest, in_capitals = _title_lead(paragraph.text)
            doubts = [_CAPITALS_DOUBT] if in_capitals else []
            tail = ([rest] if rest else []) + _title_tail(header[index + 1 :], doubts)
            return " ".join([title, *tail]).strip(), doubts
    if header:
        return header[0].text[:300], ["không tìm thấy tên văn bản; lấy đoạn đầu tiên"]
    return "Chương trình", ["không tìm thấy tên văn bản"]


def _identity(drafter: _Drafter, items: list[Paragraph]) -> tuple[dict[str, Any], dict[str, Any]]:
    header = drafter.parts.header if drafter.parts.sections else items[:12]
    whole = "\n".join(p.text for p in items)
    title, doubts = _title(header)
    issuer, issuer_kind, issuer_doubts = _issuer(header, whole)
    province = province_in(whole)
    doubts += issuer_doubts
    if province is None:
        doubts.append("không xác định được tỉnh")
    elif issuer.endswith("tỉnh") or issuer in (
        "Tỉnh ủy",
        "Ban Thường vụ Tỉnh ủy",
        "Ban Chấp hành Đảng bộ tỉnh",
    ):
        issuer = f"{issuer} {province[1]}"
    cited = _CITED.search(title)
    implements = cited["number"] if cited else ""
    if not implements:
        doubts.append("tên văn bản không nêu văn bản được thực hiện")
    period, period_doubts = _period(drafter, title, whole)
    doubts += period_doubts
    identity: dict[str, Any] = {
        "title": title,
        "short_title": _short_title(title, cited),
        "issuer": issuer,
        "issuer_kind": issuer_kind,
        "number": _own_number(header),
        "date": _own_date(header),
        "implements": implements,
        "province_code": province[0] if province else "",
        "period": list(period),
    }
    signed = _signed_by(drafter.parts.closing or items[-12:])
    if signed is not None:
        identity["signed_by"] = signed
    anchor = header[0] if header else items[0] if items else Paragraph("", ())
    identity["_note"] = drafter.note("identity", anchor, (0, len(anchor.text)), doubts)
    extra: dict[str, Any] = {}
    if cited is not None:
        extra["_documents"] = [_document(cited)]
    return identity, extra


def _document(cited: re.Match[str]) -> dict[str, Any]:
    date = cited["date"]
    iso = None
    if date:
        numbers = [int(n) for n in re.findall(r"\d+", date)]
        iso = f"{numbers[2]:04d}-{numbers[1]:02d}-{numbers[0]:02d}"
    about = (cited["about"] or "").strip().rstrip(".")
    return {
        "code": cited["number"],
        "kind": cited["kind"][:1].upper() + cited["kind"][1:],
        "number": cited["number"],
        "date": iso,
        "issuer": (cited["issuer"] or "").strip(),
        "title": about or cited.group(0),
    }


def _short_title(title: str, cited: re.Match[str] | None) -> str:
    if cited is None:
        return title[:80]
    end = title.find(cited["number"]) + len(cited["number"])
    return title[:end]


def _issuer(header: list[Paragraph], whole: str) -> tuple[str, str, list[str]]:
    found = _ISSUERS.search(whole)
    if found is not None:
        name = found["issuer"]
        kind = "party" if re.search(r"ủy|Đảng|Bộ Chính trị", name) else "state"
        return name, kind, []
    for paragraph in header:
        for pattern, name, kind in _HEADER_ISSUERS:
            if pattern.match(paragraph.text):
                return name, kind, []
    return "", "state", ["không tìm thấy cơ quan ban hành"]


def _own_number(header: list[Paragraph]) -> str | None:
    for paragraph in header:
        match = _OWN_NUMBER.match(paragraph.text)
        if match is not None:
            return match["number"]
    return None


def _own_date(header: list[Paragraph]) -> str | None:
    for paragraph in header:
        match = _OWN_DATE.search(paragraph.text)
        if match is not None and not paragraph.text.startswith(("Căn cứ", "Thực hiện")):
            return f"{int(match['y']):04d}-{int(match['m']):02d}-{int(match['d']):02d}"
    return None


def _period(drafter: _Drafter, title: str, whole: str) -> tuple[tuple[int, int], list[str]]:
    """The period of the targets: the year of the target list's heading or the title, and the start."""
    end: int | None = None
    for section in drafter.sections("objectives"):
        for block in section.blocks:
            if block.heading is not None and re.search(r"chỉ tiêu|cụ thể", block.title, re.IGNORECASE):
                end = year_in(block.title)
    spans = [(int(a), int(b)) for a, b in re.findall(r"((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})", whole)]
    titled = re.search(r"(?:giai đoạn|thời kỳ|nhiệm kỳ)\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})", title)
    if end is None and titled is not None:
        return (int(titled[1]), int(titled[2])), []
    if end is None:
        end = year_in(title)
    doubts: list[str] = []
    if end is None:
        years = Counter(b for _, b in spans)
        if years:
            end = years.most_common(1)[0][0]
        else:
            found = year_in(whole)
            end = found if found is not None else 2030
            doubts.append("không rõ năm cuối của các chỉ tiêu")
    starts = Counter(a for a, b in spans if b == end and a < end)
    if starts:
        return (starts.most_common(1)[0][0], end), doubts
    doubts.append("không rõ năm đầu của giai đoạn")
    # "kế hoạch 5 năm": five years; not the month of a date ("ngày 05 tháng 5 năm 2022"), nor "15 năm".
    five_years = re.search(r"(?<![\w/])(?<!tháng )(?:5|năm) năm", whole)
    return (end - 4 if five_years else end - 9, end), doubts


def _signed_by(closing: list[Paragraph]) -> dict[str, str] | None:
    for index, paragraph in enumerate(closing):
        if _SIGNATURE.match(paragraph.text):
            titles = [paragraph.text]
            for following in closing[index + 1 :]:
                letters = [c for c in following.text if c.isalpha()]
                if letters and all(c.isupper() for c in letters):
                    titles.append(following.text)
                    continue
                if len(following.text.split()) <= 5:
                    return {"title": ", ".join(titles), "name": following.text}
                break
    return None


def _programme_code(identity: dict[str, Any]) -> str:
    parts = []
    province = identity["issuer"].split(" tỉnh ")[-1] if " tỉnh " in identity["issuer"] else ""
    for word in ("Tỉnh ủy ", "Thành ủy "):
        if word in identity["issuer"]:
            province = identity["issuer"].split(word)[-1]
    if province:
        parts.append(slug(province, separator="-"))
    cited = re.sub(
        r"(?<=[A-Za-zĐđ])[/-](?=[A-Za-zĐđ])", "", identity["implements"] or identity["number"] or ""
    )
    parts.append(slug(cited or identity["title"], separator="-"))
    return "-".join(p for p in parts if p)[:60].strip("-") or "chuong-trinh"


def _preamble(drafter: _Drafter) -> str:
    for paragraph in drafter.parts.header:
        if paragraph.text.startswith(("Thực hiện", "Căn cứ", "Triển khai")):
            return paragraph.text
    return ""


def _purposes(drafter: _Drafter) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for section in drafter.sections("purposes"):
        for block in section.blocks:
            for paragraph in block.paragraphs:
                found.append({"number": len(found) + 1, "text": strip_marker(paragraph).text})
    return found


# -- objectives and targets ---------------------------------------------------------------------------


def _objectives(drafter: _Drafter) -> tuple[list[Paragraph], dict[str, Any] | None]:
    general: list[Paragraph] = []
    vision = None
    for section in drafter.sections("objectives"):
        for block in section.blocks:
            if block.heading is not None and re.search(
                r"tổng quát|mục tiêu chung", block.title, re.IGNORECASE
            ):
                general.extend(block.paragraphs)
            elif block.heading is not None and re.search(r"tầm nhìn", block.title, re.IGNORECASE):
                year = year_in(block.title)
                text = " ".join(p.text for p in block.paragraphs)
                if year is not None and text:
                    vision = {"year": year, "text": text}
    return general, vision


def _target_blocks(drafter: _Drafter) -> list[Block]:
    blocks = []
    for section in drafter.sections("objectives"):
        for block in section.blocks:
            if block.heading is None or not re.search(r"tổng quát|tầm nhìn", block.title, re.IGNORECASE):
                if block.heading is None or re.search(
                    r"chỉ tiêu|cụ thể|mục tiêu", block.title, re.IGNORECASE
                ):
                    blocks.append(block)
    if blocks:
        return blocks
    # No objectives section: every paragraph of the document may hold targets.
    everything = [p for s in drafter.parts.sections for b in s.blocks for p in b.paragraphs]
    if not drafter.parts.sections:
        everything = drafter.parts.header
    return [Block(None, "", None, everything)]


def _indicator_groups(drafter: _Drafter, context: Context, general: list[Paragraph]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for block in _target_blocks(drafter):
        block_year = year_in(block.title) if block.title else None
        stated = block_year is not None or context.year_stated
        block_context = Context(block_year or context.year, context.period, stated)
        table: list[Paragraph] = []
        for paragraph in [*block.paragraphs, Paragraph("", ())]:
            if paragraph.table_row is not None:
                table.append(paragraph)
                continue
            if table:
                for row, reading in read_table(table, block_context):
                    groups.append(_group(drafter, row, reading, len(groups) + 1))
                table = []
            if not paragraph.text:
                continue
            item = strip_marker(paragraph)
            reading = read_item(item.text, block_context)
            if not reading.targets and not reading.milestones:
                continue
            groups.append(_group(drafter, item, reading, len(groups) + 1))
    _place_ranking_milestones(drafter, context, general, groups)
    return groups


def _group(drafter: _Drafter, item: Paragraph, reading: ItemReading, number: int) -> dict[str, Any]:
    group: dict[str, Any] = {"number": number, "text": item.text, "indicators": []}
    indicators: list[dict[str, Any]] = []
    codes: list[str] = []
    for index, target in enumerate(reading.targets):
        indicator = _indicator_for(drafter, reading, index, indicators)
        spec = _target(drafter, item, target, indicator, reading, codes)
        codes.append(spec["code"])
        indicator["targets"].append(spec)
    group["indicators"] = indicators
    milestones = [_milestone(drafter, item, m) for m in reading.milestones]
    if milestones:
        group["milestones"] = milestones
    group["_note"] = drafter.note(f"group:{number}", item, (0, len(item.text)), [])
    return group


def _indicator_for(
    drafter: _Drafter, reading: ItemReading, index: int, indicators: list[dict[str, Any]]
) -> dict[str, Any]:
    target = reading.targets[index]
    if target.carries is not None:
        carried_code = reading.targets[target.carries].name
        for indicator in indicators:
            if indicator["name"] == carried_code:
                return indicator
    name = target.name
    if target.parent is not None and target.kind == "level":
        parent = reading.targets[target.parent]
        if parent.name and not re.match(r"(?:Tỷ lệ|Tỉ lệ|Số|Tốc độ|Quy mô|Tổng)\b", name):
            name = f"{parent.name} {name[:1].lower()}{name[1:]}"
    name = name or "Chỉ tiêu chưa rõ tên"
    indicator = {
        "code": drafter.unique(slug(_indicator_code_words(name))),
        "name": name,
        "unit": target.unit,
        "direction": target.direction,
        "targets": [],
    }
    target.name = name
    indicators.append(indicator)
    return indicator


def _indicator_code_words(name: str) -> str:
    words = re.sub(r"\([^)]*\)", " ", name).split()
    return " ".join(words[:8])


def _target(
    drafter: _Drafter,
    item: Paragraph,
    target: TargetDraft,
    indicator: dict[str, Any],
    reading: ItemReading,
    codes: list[str],
) -> dict[str, Any]:
    when = target.period if target.period is not None else target.year
    suffix = f"{when[0]}_{when[1]}" if isinstance(when, tuple) else str(when)
    spec: dict[str, Any] = {
        "code": drafter.unique(f"{indicator['code']}_{suffix}"),
        "kind": target.kind,
        "comparator": target.comparator,
    }
    if target.low is not None:
        spec["low"] = _number(target.low)
    if target.high is not None:
        spec["high"] = _number(target.high)
    if target.unit != indicator["unit"]:
        spec["unit"] = target.unit
    if target.period is not None:
        spec["period"] = list(target.period)
    else:
        spec["year"] = target.year
    if target.direction != indicator["direction"]:
        spec["direction"] = target.direction
    if target.out_of is not None:
        spec["out_of"] = target.out_of
    if target.equivalent is not None:
        spec["equivalent"] = {"value": _number(target.equivalent[0]), "unit": target.equivalent[1]}
    if target.series_kind != "level":
        spec["series_kind"] = target.series_kind
    if (
        target.parent is not None
        and target.kind == "share"
        and reading.targets[target.parent].kind == "share"
    ):
        spec["part_of"] = codes[target.parent]
    spec["source_text"] = target.source_text
    spec["_note"] = drafter.note(f"target:{spec['code']}", item, target.source, target.doubts)
    return spec


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


def _milestone(drafter: _Drafter, item: Paragraph, milestone: MilestoneDraft) -> dict[str, Any]:
    code = drafter.unique(slug(" ".join(milestone.text.split()[:7])))
    entry: dict[str, Any] = {"code": code, "text": milestone.text, "due": milestone.due}
    if milestone.kind:
        entry["kind"] = milestone.kind
    entry["_note"] = drafter.note(f"milestone:{code}", item, milestone.source, milestone.doubts)
    return entry


def _place_ranking_milestones(
    drafter: _Drafter, context: Context, general: list[Paragraph], groups: list[dict[str, Any]]
) -> None:
    """A rank the general objective sets goes with the target item that shares most of its words."""
    if not groups:
        return
    for paragraph in general:
        for milestone in read_ranking_milestones(paragraph.text, context):
            words = _bigrams(milestone.text)
            best = max(groups, key=lambda g: len(words & _bigrams(g["text"])))
            entry = _milestone(drafter, paragraph, milestone)
            best.setdefault("milestones", []).insert(0, entry)


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = re.findall(r"\w+", text.casefold())
    return set(zip(words, words[1:], strict=False))


# -- tasks and assignments ----------------------------------------------------------------------------


def _task_groups(drafter: _Drafter) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for section in drafter.sections("tasks"):
        for block in section.blocks:
            if not block.paragraphs:
                continue
            number = len(groups) + 1
            title = block.title or section.title[:1] + section.title[1:].lower()
            tasks: list[dict[str, Any]] = []
            for paragraph in block.paragraphs:
                item = strip_marker(paragraph)
                code = f"{section.numeral}.{number}.{len(tasks) + 1}"
                task: dict[str, Any] = {"code": code, "text": item.text}
                due = deadline_in(item.text)
                task["kind"] = "one_off" if due else "recurring"
                if due:
                    task["due"] = due
                task["_note"] = drafter.note(f"task:{code}", item, (0, len(item.text)), [])
                tasks.append(task)
            groups.append({"number": number, "title": title, "tasks": tasks})
    return groups


def _assignments(drafter: _Drafter) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for section in drafter.sections("assignments"):
        for block in section.blocks:
            for paragraph in block.paragraphs:
                if marker_number(paragraph) is None and found and not paragraph.text.startswith(("-", "+")):
                    # A paragraph without its own number continues the assignment before it.
                    continue
                item = strip_marker(paragraph)
                draft = read_assignment(item.text)
                entry: dict[str, Any] = {
                    "number": len(found) + 1,
                    "text": item.text,
                    "lead": [_organisation(drafter, name) for name in draft.lead],
                    "cooperating": [_organisation(drafter, name) for name in draft.cooperating],
                }
                if draft.due is not None:
                    entry["due"] = draft.due
                entry["recurring"] = draft.recurring
                details = (f"báo cáo: {draft.reporting}",) if draft.reporting is not None else ()
                entry["_note"] = drafter.note(
                    f"assignment:{entry['number']}", item, (0, len(item.text)), draft.doubts, details
                )
                found.append(entry)
    return found


def _organisation(drafter: _Drafter, name: str) -> str:
    key = name.casefold()
    if key not in drafter.organisations:
        code = slug(name)
        while any(o["code"] == code for o in drafter.organisations.values()):
            code += "_2"
        drafter.organisations[key] = {
            "code": code,
            "name": name,
            "kind": organisation_kind(name),
            "parent": None,
        }
    return str(drafter.organisations[key]["code"])

"""The parts of a programme document: header, sections, their headings and paragraphs. Pure.

A programme document is laid out the same way whoever issues it: a header (issuer, number, place and
date, the title in capitals and its subject line), an opening paragraph ("Thực hiện …", "Căn cứ …"),
sections numbered in Roman numerals (I- MỤC ĐÍCH, YÊU CẦU; II- MỤC TIÊU; III- NHIỆM VỤ, GIẢI PHÁP;
IV- TỔ CHỨC THỰC HIỆN), numbered headings inside them, then "Nơi nhận" and the signature. Sections are
known by their words, not by their number; a document without them (a list of targets, a news page) is
read as one list of targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nqtrack.domain.drafting.text import Paragraph, looks_like_heading

__all__ = ["Block", "Layout", "Section", "layout"]

_ROMAN_HEADING = re.compile(r"^(?P<n>I|II|III|IV|V|VI|VII|VIII|IX|X)\s*[.\-–/]\s*(?P<title>.+)$")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s+(?P<rest>.+)$")
_MARKER = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zđ][.)]|[-+•–])\s+")
_END = re.compile(r"^(?:Nơi nhận|NƠI NHẬN)\b")

KINDS = {
    "purposes": re.compile(r"mục đích|yêu cầu", re.IGNORECASE),
    "objectives": re.compile(r"mục tiêu|chỉ tiêu|quan điểm", re.IGNORECASE),
    "tasks": re.compile(r"nhiệm vụ|giải pháp", re.IGNORECASE),
    "assignments": re.compile(r"tổ chức thực hiện|phân công", re.IGNORECASE),
}
SUBKINDS = {
    "general": re.compile(r"tổng quát|mục tiêu chung", re.IGNORECASE),
    "targets": re.compile(r"chỉ tiêu|cụ thể", re.IGNORECASE),
    "vision": re.compile(r"tầm nhìn", re.IGNORECASE),
}


@dataclass(slots=True)
class Block:
    """A heading with the paragraphs under it."""

    number: int | None
    title: str
    heading: Paragraph | None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    numeral: str
    title: str
    kind: str  # purposes | objectives | tasks | assignments | other
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    header: list[Paragraph]
    sections: list[Section]
    closing: list[Paragraph]  # from "Nơi nhận" on: recipients and the signature


def _section_kind(title: str) -> str:
    for kind, pattern in KINDS.items():
        if pattern.search(title):
            return kind
    return "other"


def _is_subheading(paragraph: Paragraph) -> re.Match[str] | None:
    match = _NUMBERED.match(paragraph.text)
    if match is None or not looks_like_heading(paragraph.text):
        return None
    return match


def layout(items: list[Paragraph]) -> Layout:
    """Cut the paragraphs into header, Roman-numbered sections (with their numbered blocks) and closing."""
    header: list[Paragraph] = []
    sections: list[Section] = []
    closing: list[Paragraph] = []
    for index, paragraph in enumerate(items):
        if _END.match(paragraph.text):
            closing = items[index:]
            break
        roman = _ROMAN_HEADING.match(paragraph.text)
        if roman is not None and looks_like_heading(paragraph.text):
            title = roman["title"].strip()
            sections.append(Section(roman["n"], title, _section_kind(title), [Block(None, "", None)]))
            continue
        if not sections:
            header.append(paragraph)
            continue
        section = sections[-1]
        sub = _is_subheading(paragraph) if section.kind in ("objectives", "tasks", "other") else None
        if sub is not None:
            section.blocks.append(Block(int(sub["n"]), sub["rest"].strip(), paragraph))
            continue
        section.blocks[-1].paragraphs.append(paragraph)
    for section in sections:
        section.blocks = [b for b in section.blocks if b.paragraphs or b.heading is not None]
    return Layout(header, sections, closing)


def strip_marker(paragraph: Paragraph) -> Paragraph:
    """The paragraph without its list marker ("(1) ", "- ", "a) ", "2. ")."""
    match = _MARKER.match(paragraph.text)
    if match is None:
        return paragraph
    return Paragraph(paragraph.text[match.end() :], paragraph.positions[match.end() :], paragraph.table_row)


def marker_number(paragraph: Paragraph) -> int | None:
    match = re.match(r"^\(?(\d{1,2})[.)]\s", paragraph.text)
    return int(match[1]) if match else None

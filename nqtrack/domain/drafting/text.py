"""A programme document as paragraphs, each remembering where every character came from. Pure.

The text a document reader hands over is what the document says, with the artefacts of its conversion:
Markdown emphasis (``*…*``, ``**…**``), short stray marks of a scan wrapped in asterisks (``*2**``),
lines broken inside a paragraph (PDF text layers, scans), and paragraphs broken across blank lines in the
middle of a sentence. ``paragraphs`` undoes those, and keeps for every character of a paragraph its offset
in the original text, so that every drafted item can name the span it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Paragraph", "Source", "looks_like_heading", "paragraphs"]

# A mark of the scan: one or two characters wrapped in asterisks ("*2**", "*M*"). Longer wrapped text is
# emphasis ("*(báo cáo)*") and keeps its words.
_STRAY_MARK = re.compile(r"\*+[^*\s]{1,2}\*+")
_ENDS_SENTENCE = re.compile(r"[.;:!?…)\]”\"»]\s*$")
_ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
_LIST_START = re.compile(
    rf"^(?:{_ROMAN}[.\-–]\s|\d+(?:\.\d+)*[.)]\s|\(\d+\)\s|[a-zđ][.)]\s|[-+•–]\s|#+\s|\|)"
)
_LONG_PARAGRAPH = 300
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


@dataclass(frozen=True, slots=True)
class Source:
    """The original text and its line starts, to turn offsets into line numbers."""

    text: str
    line_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Source:
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        return cls(text, tuple(starts))

    def line_of(self, offset: int) -> int:
        """The 1-based line number of ``offset``."""
        low, high = 0, len(self.line_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.line_starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph's clean text and, for each of its characters, the offset in the original text."""

    text: str
    positions: tuple[int, ...]
    table_row: tuple[str, ...] | None = None  # the cells, when the paragraph is a row of a table

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span ``[first, last)`` of the paragraph's characters ``start``…``end - 1``."""
        if not self.positions:
            return (0, 0)
        start = max(0, min(start, len(self.positions) - 1))
        end = max(start + 1, min(end, len(self.positions)))
        return (self.positions[start], self.positions[end - 1] + 1)


def looks_like_heading(text: str) -> bool:
    """A title or a numbered heading: no sentence ends it and it is short, or it is written in capitals."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    if _ENDS_SENTENCE.search(text):
        return False
    return _LIST_START.match(text) is not None and len(text) < 220


_PLAIN_LINE = re.compile(r"^[^*\u00ad\s](?:[^*\u00ad\s]| (?! ))*(?<! )$")


def _clean_line(raw: str, offset: int) -> tuple[str, list[int]]:
    """The line without emphasis marks and stray scan marks, and each kept character's offset."""
    stripped = raw.strip()
    if _PLAIN_LINE.match(stripped):  # most lines: nothing to drop, single spaces
        first = offset + raw.index(stripped[0])
        return stripped, list(range(first, first + len(stripped)))
    drop = [False] * len(raw)
    for match in _STRAY_MARK.finditer(raw):
        for index in range(match.start(), match.end()):
            drop[index] = True
    chars: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(raw):
        if drop[index] or char == "*" or char == "\u00ad":  # emphasis, soft hyphen
            continue
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        positions.append(offset + index)
    while chars and chars[-1] == " ":
        chars.pop()
        positions.pop()
    return "".join(chars), positions


def _strip_markdown_heading(text: str, positions: list[int]) -> tuple[str, list[int]]:
    match = re.match(r"^#+\s+", text)
    if match is None:
        return text, positions
    return text[match.end() :], positions[match.end() :]


def _table_cells(text: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in text.strip().strip("|").split("|"))


def _should_join(previous: str, following: str, *, after_blank: bool) -> bool:
    """Whether ``following`` continues ``previous`` (a line or paragraph broken mid-sentence).

    Across a blank line the break must look like a scan's: the next part starts in lower case, or the
    paragraph before is a long one cut off in its last word (a title block before the preamble is short).
    """
    if not previous or not following:
        return False
    if previous.startswith("|") or following.startswith("|"):
        return False
    if _ENDS_SENTENCE.search(previous) or looks_like_heading(previous):
        return False
    if _LIST_START.match(following) is not None or looks_like_heading(following):
        return False
    return not after_blank or following[0].islower() or len(previous) > _LONG_PARAGRAPH


def paragraphs(text: str) -> tuple[Source, list[Paragraph]]:
    """The document's paragraphs, broken paragraphs joined, each with the offsets of its characters.

    The text is read in NFC (the offsets are those of the NFC text). A line that does not end a
    sentence and is not a heading continues on the next line, across blank lines too: a scan breaks
    paragraphs mid-sentence and a PDF text layer breaks every line.
    """
    text = unicodedata.normalize("NFC", text)
    source = Source.of(text)
    result: list[Paragraph] = []
    current_text = ""
    current_positions: list[int] = []
    offset = 0
    after_blank = False
    for raw in text.split("\n"):
        line, positions = _clean_line(raw, offset)
        offset += len(raw) + 1
        line, positions = _strip_markdown_heading(line, positions)
        if not line or _TABLE_RULE.match(line):
            after_blank = after_blank or not line
            continue
        joins = current_text and _should_join(current_text, line, after_blank=after_blank)
        after_blank = False
        if joins:
            current_positions.append(current_positions[-1])  # the joining space stands for the break
            current_text += " " + line
            current_positions.extend(positions)
            continue
        if current_text:
            result.append(_paragraph(current_text, current_positions))
        current_text, current_positions = line, positions
    if current_text:
        result.append(_paragraph(current_text, current_positions))
    return source, result


def _paragraph(text: str, positions: list[int]) -> Paragraph:
    row = _table_cells(text) if text.startswith("|") else None
    return Paragraph(text, tuple(positions), row)

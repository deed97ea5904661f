"""Cutting Vietnamese text into sentences, clauses and pieces, never inside parentheses. Pure.

Spans are ``(start, end)`` offsets into the text given; a cut never separates a parenthesis from its
contents, and whitespace and a final full stop are trimmed from every span.
"""

from __future__ import annotations

import re

__all__ = ["Span", "split_top", "trim"]

Span = tuple[int, int]

# A full stop before a capital or the end, or a list number inside a paragraph ("… 8,0%/năm. (2) Cơ cấu",
# "… trở lên.(9) Giá trị").
_SENTENCE_END = re.compile(r"\.?\s*\(\d{1,2}\)\s+|(?:\.|…|\.\.\.)(?=\s+[A-ZĐÀ-Ỹ(“\"]|\s*$)")


def trim(text: str, start: int, end: int) -> Span:
    """``(start, end)`` without surrounding spaces and without a closing full stop or comma."""
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t.,;…":
        end -= 1
    return start, end


def _depths(text: str, start: int, end: int) -> list[int]:
    depth = 0
    result = []
    for char in text[start:end]:
        if char in "([":
            depth += 1
        result.append(depth)
        if char in ")]" and depth > 0:
            depth -= 1
    return result


def split_top(text: str, start: int, end: int, separator: re.Pattern[str] | str) -> list[Span]:
    """The parts of ``text[start:end]`` between separators that are outside parentheses, trimmed."""
    pattern = re.compile(separator) if isinstance(separator, str) else separator
    depths = _depths(text, start, end)
    parts: list[Span] = []
    cursor = start
    for match in pattern.finditer(text, start, end):
        if depths[match.start() - start] != 0:
            continue
        parts.append(trim(text, cursor, match.start()))
        cursor = match.end()
    parts.append(trim(text, cursor, end))
    return [(s, e) for s, e in parts if e > s]


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences of ``text[start:end]``: cut after a full stop followed by a capital or the end."""
    return split_top(text, start, len(text) if end is None else end, _SENTENCE_END)

"""A small reader of .po catalogues for tests (msgctxt, plurals, multi-line strings, flags)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    plurals: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def read_po(path: Path) -> list[Entry]:
    """Every entry but the header."""
    entries: list[Entry] = []
    current: Entry | None = None
    key: str | int = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current = None
            continue
        current = current or Entry()
        if line.startswith("#,"):
            current.flags += [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif match := _LINE.match(line):
            value = ast.literal_eval(match.group(3))
            key = int(match.group(2)) if match.group(2) else match.group(1)
            _append(current, key, value)
        elif line.startswith('"'):
            _append(current, key, ast.literal_eval(line))
    if current is not None:
        entries.append(current)
    return [e for e in entries if e.msgid]


def _append(entry: Entry, key: str | int, value: str) -> None:
    if isinstance(key, int):
        entry.plurals[key] = entry.plurals.get(key, "") + value
    elif key == "msgid":
        entry.msgid += value
    elif key == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    elif key == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    else:
        entry.msgstr += value

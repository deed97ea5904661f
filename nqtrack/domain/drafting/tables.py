"""Targets given in a table: a row per indicator, a column per year (or one "Mục tiêu" column). Pure.

A header row names the columns: the indicator ("Chỉ tiêu", "Nội dung"), its unit ("Đơn vị", "ĐVT"),
the years ("2025", "2030", "2021-2025"). A cell holds a figure as running text writes it ("≥ 95",
"khoảng 15-16", "trên 90") or two of them with their years ("95% (2025); 100% (2030)"). Each row is
read as the sentence it stands for ("<chỉ tiêu> đạt <ô> <đơn vị>"); the source text of a target is the
indicator's cell and the figure's cell, as printed.
"""

from __future__ import annotations

import re

from nqtrack.domain.drafting.targets import Context, ItemReading, read_item
from nqtrack.domain.drafting.text import Paragraph

__all__ = ["read_table"]

_YEAR_HEADER = re.compile(
    r"^(?:năm\s+)?(?P<a>(?:19|20)\d{2})(?:\s*[-–]\s*(?P<b>(?:19|20)\d{2}))?$", re.IGNORECASE
)
_NAME_HEADER = re.compile(r"chỉ tiêu|nội dung|tên", re.IGNORECASE)
_UNIT_HEADER = re.compile(r"đơn vị|đvt", re.IGNORECASE)
_TARGET_HEADER = re.compile(r"mục tiêu|kế hoạch|phấn đấu", re.IGNORECASE)
_ORDER_HEADER = re.compile(r"^(?:stt|tt|số tt)$", re.IGNORECASE)
# A figure of a cell, not a year: the unit of the unit column goes after it.
_NUMBER = re.compile(r"(?<!năm )(?<![\d.,])\d+(?:[.,]\d+)*(?![\d.,%‰])")
_EMPTY = re.compile(r"^[\s\-–—x/]*$")


def _columns(header: tuple[str, ...]) -> tuple[int | None, int | None, dict[int, Context | None]]:
    name = unit = None
    figures: dict[int, Context | None] = {}
    for index, cell in enumerate(header):
        year = _YEAR_HEADER.match(cell.strip())
        if year is not None:
            last = int(year["b"] or year["a"])
            first = int(year["a"]) if year["b"] else last
            figures[index] = Context(last, (first, last))
        elif _UNIT_HEADER.search(cell) and unit is None:
            unit = index
        elif _NAME_HEADER.search(cell) and name is None:
            name = index
        elif _TARGET_HEADER.search(cell):
            figures[index] = None
        elif _ORDER_HEADER.match(cell.strip()):
            continue
    return name, unit, figures


def _unit_text(unit: str) -> str:
    unit = unit.strip()
    return unit if unit in ("%", "‰") else f" {unit}" if unit else ""


def _row_name(cells: tuple[str, ...], name_column: int | None) -> str:
    if name_column is not None and name_column < len(cells):
        return cells[name_column]
    return next((c for c in cells if re.search(r"[^\W\d_]{3}", c)), "")


def _cell_targets(name: str, cell: str, unit: str, context: Context) -> ItemReading:
    """The targets of one cell, read as "<chỉ tiêu> đạt <ô> <đơn vị>"."""
    figure = re.sub(r"\(\s*((?:19|20)\d{2})\s*\)", r" năm \1", cell)
    if unit and unit.strip() not in cell:
        suffix = _unit_text(unit)
        figure = _NUMBER.sub(lambda m: m.group(0) + suffix, figure)
    return read_item(f"{name} đạt {figure}", context)


def read_table(rows: list[Paragraph], context: Context) -> list[tuple[Paragraph, ItemReading]]:
    """Each data row of a table of targets with what it reads as."""
    if len(rows) < 2 or rows[0].table_row is None:
        return []
    name_column, unit_column, figures = _columns(rows[0].table_row)
    if not figures:
        return []
    found = []
    for row in rows[1:]:
        cells = row.table_row or ()
        name = _row_name(cells, name_column)
        unit = cells[unit_column] if unit_column is not None and unit_column < len(cells) else ""
        reading = ItemReading()
        for column, column_context in figures.items():
            cell = cells[column] if column < len(cells) else ""
            if not name or _EMPTY.match(cell):
                continue
            for target in _cell_targets(name, cell, unit, column_context or context).targets:
                target.source_text = f"{name}: {cell}"
                target.source = (0, len(row.text))
                if reading.targets or target.carries is not None:
                    target.carries = 0  # the row's indicator, in another column or the same cell
                target.name = target.name or name
                target.doubts.append("đọc từ bảng")
                reading.targets.append(target)
        if reading.targets:
            found.append((row, reading))
    return found

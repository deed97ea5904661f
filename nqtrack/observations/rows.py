"""The neutral row every reader of reported figures produces (grid, Excel/CSV template, DHIS2).

Readers check what they can see in one cell (a number, a date); the entry service resolves codes and
names, periods, locks and validation rules for all channels alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from nqtrack.domain.text_limits import FIGURE_COMMENT, FIGURE_SOURCE, FIGURE_SOURCE_URL
from nqtrack.observations.readers import RowError

__all__ = ["EntryRead", "EntryRow", "RowError", "text_overflows"]


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One figure to write.

    ``row`` is the line in the file (header = 1), or the index of the value in a DHIS2 document, or the
    cell's position in the grid. ``value`` None with ``delete`` False means "nothing to enter" (an empty
    cell). ``status`` None keeps the stored status (or uses the import's default for a new figure).
    ``source`` or ``comment`` None keeps the stored text (the file has no such column).
    ``keep_value`` (DHIS2: a value given only a comment or a follow-up flag) changes the stored figure's
    other facts and keeps its value; with nothing stored the row is skipped.
    ``seen_version`` is the version the user saw (0: the cell was empty); None when the channel cannot
    know it (a file), in which case the version read when the file is checked is used.
    """

    row: int
    indicator: str
    unit: str
    period: str
    value: Decimal | None
    value_text: str = ""
    status: str | None = None
    source: str | None = None
    comment: str | None = None
    measure_unit: str = ""
    delete: bool = False
    followup: bool | None = None
    seen_version: int | None = None
    keep_value: bool = False
    unit_name: str = ""  # names the unit version where the code has two ("Tỉnh Bắc Giang", "Tỉnh Bắc Ninh")


@dataclass(slots=True)
class EntryRead:
    """What a reader found: rows, cell errors, and the label of each field's column for messages."""

    rows: list[EntryRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    warnings: list[RowError] = field(default_factory=list)

    def label(self, name: str) -> str:
        return self.labels.get(name, name)


def text_overflows(row: EntryRow) -> list[tuple[str, int, int]]:
    """(field, length, limit) of each free text of ``row`` longer than may be stored: the comment, and the
    source (a web address goes to ``source_url``, any other text to ``source_document``). Whatever the
    channel (grid, file, DHIS2), the entry service refuses such a row with its column."""
    found: list[tuple[str, int, int]] = []
    if row.source is not None:
        limit = FIGURE_SOURCE_URL if row.source.startswith(("http://", "https://")) else FIGURE_SOURCE
        if len(row.source) > limit:
            found.append(("source", len(row.source), limit))
    if row.comment is not None and len(row.comment) > FIGURE_COMMENT:
        found.append(("comment", len(row.comment), FIGURE_COMMENT))
    return found

"""Reading the entry grid's form: which cells changed, as rows for the entry service."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.http import QueryDict

from nqtrack.core.params import given_number
from nqtrack.domain.figures import FigureError, Reading, canonical, parse_figure
from nqtrack.observations.rows import EntryRow, RowError
from nqtrack.observations.selectors import Grid, GridCell
from nqtrack.observations.vocabulary import status_code
from nqtrack.places.versions import version_key


@dataclass(frozen=True, slots=True)
class CellInput:
    """What the form says of one cell."""

    key: str  # "<indicator id>-<year>"
    value: str
    status: str
    source: str
    comment: str
    version: int


def cell_key(indicator_id: int, year: int) -> str:
    return f"{indicator_id}-{year}"


def posted_cells(data: QueryDict, grid: Grid) -> list[tuple[GridCell, CellInput]]:
    """The grid's cells the form carries (the page's script sends only the edited ones); a version that
    is not a whole number raises ``BadParameter`` (400, nothing saved)."""
    found: list[tuple[GridCell, CellInput]] = []
    for group in grid.groups:
        for row in group.rows:
            for cell in row.cells:
                key = cell_key(row.indicator.pk, cell.year)
                if f"v-{key}" not in data:
                    continue
                found.append(
                    (
                        cell,
                        CellInput(
                            key=key,
                            value=data.get(f"v-{key}", "").strip(),
                            status=data.get(f"s-{key}", "").strip(),
                            source=data.get(f"src-{key}", "").strip(),
                            comment=data.get(f"n-{key}", "").strip(),
                            version=given_number(data, f"ver-{key}", low=0) or 0,
                        ),
                    )
                )
    return found


def entry_rows(
    cells: list[tuple[GridCell, CellInput]],
) -> tuple[list[EntryRow], dict[int, str], list[RowError]]:
    """Rows for the cells whose content differs from what is stored, the cell key of each row, and the
    cells whose value is not a number."""
    rows: list[EntryRow] = []
    keys: dict[int, str] = {}
    errors: list[RowError] = []
    for position, (cell, given) in enumerate(cells, start=1):
        if not _changed(cell, given):
            continue
        try:
            value = parse_figure(given.value, reading=Reading.VN) if given.value else None
        except FigureError as error:
            errors.append(RowError(position, given.key, str(error)))
            continue
        keys[position] = given.key
        rows.append(_row(position, cell, given, value))
    return rows, keys, errors


def _row(position: int, cell: GridCell, given: CellInput, value: Decimal | None) -> EntryRow:
    return EntryRow(
        row=position,
        indicator=cell.indicator.code,
        unit=version_key(cell.unit) if cell.unit is not None else "",
        period=str(cell.year),
        value=value,
        value_text=canonical(value) if value is not None else "",
        status=given.status or None,
        source=given.source,
        comment=given.comment,
        delete=value is None and cell.reported is not None,
        seen_version=given.version,
    )


def _changed(cell: GridCell, given: CellInput) -> bool:
    stored = cell.reported
    if stored is None:
        return bool(given.value)
    if given.version != stored.version or not given.value:
        return True
    try:
        value = parse_figure(given.value, reading=Reading.VN)
    except FigureError:
        return True
    return (
        value != stored.value
        or (status_code(given.status) or stored.status) != stored.status
        or given.source != (stored.source_document or stored.source_url)
        or given.comment != stored.comment
    )

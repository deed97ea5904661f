"""What the entry grid's template shows for each cell (display only: no queries, no decisions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode

from nqtrack.observations.forms import CellInput, cell_key
from nqtrack.observations.models import ReviewState
from nqtrack.observations.selectors import Grid, GridCell
from nqtrack.observations.vocabulary import STATUS_LABELS, UNIT_LABELS, vn_text
from nqtrack.programmes.models import Indicator

STATE_LABELS = {
    "": "Chưa nhập",
    ReviewState.DRAFT: "Nháp",
    ReviewState.SUBMITTED: "Chờ duyệt",
    ReviewState.APPROVED: "Đã duyệt",
}


@dataclass(slots=True)
class CellResult:
    """What saving did to a cell: ``changed`` or ``failed``, with messages."""

    outcome: str
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CellView:
    key: str
    label: str
    value: str
    original: str
    status: str
    original_status: str
    status_label: str
    source: str
    original_source: str
    comment: str
    original_comment: str
    version: int
    editable: bool
    lock: str
    published: str
    history_url: str
    result: CellResult | None


@dataclass(frozen=True, slots=True)
class RowView:
    indicator: Indicator
    unit_label: str
    cells: list[CellView]


@dataclass(frozen=True, slots=True)
class GroupView:
    label: str
    rows: list[RowView]


def grid_view(grid: Grid, results: dict[str, CellResult], typed: dict[str, CellInput]) -> list[GroupView]:
    """The grid's groups, rows and cells ready to show; a failed cell keeps what the user typed."""
    return [
        GroupView(
            label=group.label,
            rows=[
                RowView(
                    indicator=row.indicator,
                    unit_label=UNIT_LABELS.get(row.indicator.unit, row.indicator.unit),
                    cells=[_cell(grid, cell, results, typed) for cell in row.cells],
                )
                for row in group.rows
            ],
        )
        for group in grid.groups
    ]


def _cell(
    grid: Grid, cell: GridCell, results: dict[str, CellResult], typed: dict[str, CellInput]
) -> CellView:
    key = cell_key(cell.indicator.pk, cell.year)
    stored = cell.reported
    value = vn_text(stored.value_text) if stored else ""
    status = stored.status if stored else "official"
    source = (stored.source_document or stored.source_url) if stored else ""
    comment = stored.comment if stored else ""
    mine = typed.get(key)
    return CellView(
        key=key,
        label=f"{cell.indicator.name}, năm {cell.year}",
        value=mine.value if mine else value,
        original=value,
        status=mine.status if mine and mine.status else status,
        original_status=status,
        status_label=STATUS_LABELS.get(status, status) if stored else "",
        source=mine.source if mine else source,
        original_source=source,
        comment=mine.comment if mine else comment,
        original_comment=comment,
        version=cell.version,
        editable=cell.editable,
        lock=_lock(cell),
        published=_published(cell),
        history_url=reverse("observations:audit")
        + "?"
        + urlencode({"don_vi": grid.unit_code, "chi_tieu": cell.indicator.code, "ky": str(cell.year)}),
        result=results.get(key),
    )


def _lock(cell: GridCell) -> str:
    if cell.unit is None:
        return "Đơn vị chưa tồn tại năm này"
    if cell.closed_on is not None:
        return f"Năm đã khoá sổ từ {cell.closed_on:%d/%m/%Y}"
    if cell.state == ReviewState.APPROVED:
        return "Đã duyệt, đang khoá"
    if cell.state == ReviewState.SUBMITTED:
        return "Đang chờ duyệt"
    return ""


def _published(cell: GridCell) -> str:
    if cell.published is None:
        return ""
    status = STATUS_LABELS.get(cell.published.status, cell.published.status).lower()
    return f"công bố: {vn_text(cell.published.value_text)} ({status})"

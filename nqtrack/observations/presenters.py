"""What the entry grid's template shows for each cell, and the file check for each row (display only: no
queries, no decisions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode

from nqtrack.observations.entries import EntrySummary, Outcome
from nqtrack.observations.forms import CellInput, cell_key
from nqtrack.observations.models import ReviewState
from nqtrack.observations.rows import RowError
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


# -- the file check -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutcomeView:
    """One row of the file check: what it is about, the stored and the new value written the Vietnamese
    way (91,37), what it would do and why."""

    row: int
    action: str
    indicator: str
    unit: str
    period: str
    old: str
    new: str
    label: str
    errors: list[RowError]
    warnings: list[RowError]


def outcome_views(summary: EntrySummary) -> list[OutcomeView]:
    """The rows of the check as the page shows them.

    The old value is the outcome's stored figure: the import leaves out a figure the user may not read
    (``entries._forget_unreadable``), so nothing here decides what is shown.
    """
    return [_outcome(o) for o in summary.outcomes]


def _outcome(outcome: Outcome) -> OutcomeView:
    entry = outcome.entry
    new = (outcome.new.value_text if outcome.new is not None else "") or entry.value_text
    return OutcomeView(
        row=outcome.row,
        action=str(outcome.action),
        indicator=outcome.indicator.code if outcome.indicator is not None else entry.indicator,
        unit=outcome.unit.code if outcome.unit is not None else entry.unit,
        period=outcome.period.code if outcome.period is not None else entry.period,
        old=vn_text(outcome.stored.value_text) if outcome.stored is not None else "",
        new=vn_text(new) if new else "",
        label=outcome.label,
        errors=outcome.errors,
        warnings=outcome.warnings,
    )

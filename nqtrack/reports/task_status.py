"""How each task and key project stands, for the report: the one place that reads the tracking app.

Task status comes from nqtrack.tracking (tracked items, their progress updates, ``statuses_on``), judged
on the report's as-of date, so a report for an earlier date shows the work as it stood then. A programme
whose items are not tracked yet (``tracking_sync`` never run) gives None: the report then lists every
task with its lead organisation and due date and says that task status is not tracked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import translation

from nqtrack.domain.deadlines import DONE_STATUSES, LATE_STATUSES, ItemStatus
from nqtrack.programmes.models import Programme
from nqtrack.tracking.facts import statuses_on
from nqtrack.tracking.models import ItemOrganisation, ProjectTracking, Role, Status, TrackedItem

NOT_TRACKED = "Chưa theo dõi"
NOT_UPDATED = "Chưa cập nhật"  # tracked, but nothing known for this task


@dataclass(frozen=True, slots=True)
class TaskState:
    status: str  # in Vietnamese: "Hoàn thành", "Quá hạn" …
    done: bool
    late: bool
    lead: str = ""  # the organisations leading the item, as tracking assigns them


def _words(status: ItemStatus) -> str:
    with translation.override("vi"):  # the report is written in Vietnamese whatever the page language
        return str(Status(status.value).label)


def _leads(item: TrackedItem) -> str:
    return ", ".join(r.organisation.name for r in item.roles.all() if r.role == Role.LEAD)


def task_states(*, programme: Programme, as_of: date) -> dict[str, TaskState] | None:
    """Task code ("III.2.5", "IV.2") → its state on ``as_of``; None while tasks are not tracked."""
    roles = ItemOrganisation.objects.select_related("organisation").order_by("position")
    items = list(
        TrackedItem.objects.filter(programme=programme).prefetch_related(Prefetch("roles", queryset=roles))
    )
    if not items:
        return None
    statuses = statuses_on(items, as_of)  # an item split per district takes its parts' combined status
    return {
        item.code: TaskState(
            status=_words(statuses[item.pk]),
            done=statuses[item.pk] in DONE_STATUSES,
            late=statuses[item.pk] in LATE_STATUSES,
            lead=_leads(item),
        )
        for item in items
        if item.parent_id is None
    }


def project_states(*, programme: Programme) -> dict[int, str] | None:
    """Key project id → how it is going ("Đang thực hiện" …); None while projects are not tracked."""
    rows = ProjectTracking.objects.filter(key_project__task__group__programme=programme)
    if not rows.exists():
        return None
    with translation.override("vi"):
        return {row.key_project_id: str(row.get_status_display()) for row in rows}

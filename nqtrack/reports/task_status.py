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

from nqtrack.domain.deadlines import DONE_STATUSES, LATE_STATUSES, ItemStatus, period_label
from nqtrack.domain.report_text import vn_short_date
from nqtrack.programmes.models import Programme
from nqtrack.tracking.facts import statuses_on
from nqtrack.tracking.models import (
    ItemOrganisation,
    ProgressUpdate,
    ProjectTracking,
    Role,
    Status,
    TrackedItem,
    UpdateState,
)

NOT_TRACKED = "Chưa theo dõi"
NOT_UPDATED = "Chưa báo cáo"  # tracked, but nothing known for this task (Status.NOT_REPORTED's words)


@dataclass(frozen=True, slots=True)
class TaskState:
    status: str  # in Vietnamese: "Hoàn thành", "Chậm tiến độ" …
    done: bool
    late: bool
    lead: str = ""  # the organisations leading the item, as tracking assigns them
    result: str = ""  # what its latest report says, "năm 2024: …"; empty when nothing is reported
    reported: bool = False  # a report was received (every part of an item split into sub-tasks)


def _words(status: ItemStatus) -> str:
    with translation.override("vi"):  # the report is written in Vietnamese whatever the page language
        return str(Status(status.value).label)


def _leads(item: TrackedItem) -> str:
    return ", ".join(r.organisation.name for r in item.roles.all() if r.role == Role.LEAD)


def _when(update: ProgressUpdate) -> str:
    return period_label(update.period) if update.period else f"ngày {vn_short_date(update.posted_on)}"


def _latest_reports(items: list[TrackedItem], as_of: date) -> dict[int, str]:
    """Item id → its latest standing report by ``as_of`` ("năm 2024: …"); an item split into sub-tasks
    gets each part's latest, with the organisation that sent it. Returned reports do not count, as in
    the status."""
    updates = (
        ProgressUpdate.objects.filter(item__in=[i.pk for i in items], posted_on__lte=as_of)
        .exclude(state=UpdateState.RETURNED)
        .select_related("organisation")
        .order_by("-posted_on", "-id")
    )
    latest: dict[int, ProgressUpdate] = {}
    for posted in updates:
        latest.setdefault(posted.item_id, posted)
    parent_of = {i.pk: i.parent_id for i in items}
    results: dict[int, list[str]] = {}
    for item in items:  # in position order, so the districts of a split item keep their order
        update = latest.get(item.pk)
        if update is None:
            continue
        words = " ".join(update.narrative.split())
        parent = parent_of[item.pk]
        if parent is None:
            results.setdefault(item.pk, []).insert(0, f"{_when(update)}: {words}")
        else:
            results.setdefault(parent, []).append(f"{update.organisation.name} ({_when(update)}): {words}")
    return {pk: "; ".join(lines) for pk, lines in results.items()}


def task_states(*, programme: Programme, as_of: date) -> dict[str, TaskState] | None:
    """Task code ("III.2.5", "IV.2") → its state on ``as_of``; None while tasks are not tracked."""
    roles = ItemOrganisation.objects.select_related("organisation").order_by("position")
    items = list(
        TrackedItem.objects.filter(programme=programme).prefetch_related(Prefetch("roles", queryset=roles))
    )
    if not items:
        return None
    statuses = statuses_on(items, as_of)  # an item split per district takes its parts' combined status
    reports = _latest_reports(items, as_of)
    return {
        item.code: TaskState(
            status=_words(statuses[item.pk]),
            done=statuses[item.pk] in DONE_STATUSES,
            late=statuses[item.pk] in LATE_STATUSES,
            lead=_leads(item),
            result=reports.get(item.pk, ""),
            reported=statuses[item.pk] is not ItemStatus.NOT_REPORTED,
        )
        for item in items
        if item.parent_id is None
    }


UNKNOWN_PROJECT = "Chưa có thông tin"  # ProjectStatus.UNKNOWN's words: nothing is known of the project


def project_states(*, programme: Programme) -> dict[int, str] | None:
    """Key project id → how it is going ("Đang thực hiện", "Chưa có thông tin" …); None while projects
    are not tracked."""
    rows = ProjectTracking.objects.filter(key_project__task__group__programme=programme)
    if not rows.exists():
        return None
    with translation.override("vi"):
        return {row.key_project_id: str(row.get_status_display()) for row in rows}

"""Reads of tracking: the task list and its filters, the board, a task's page, "my organisation", tiles.

What a user may read is decided by :mod:`nqtrack.accounts.scopes` (docs/security.md), applied here:

- any signed-in user reads the programme's own text of the work: items with their organisations,
  schedules and statuses, sub-tasks, the document register, key projects, and accepted updates
  (narrative, percent, period, recording document);
- the internal parts — updates not yet accepted (or returned), review comments and evidence — only a user
  whose view scope covers the organisation the update was posted for
  (:func:`nqtrack.accounts.scopes.can_view_organisation`).

Selectors return only what the user may read, so a template cannot show more.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet

from nqtrack.accounts import scopes
from nqtrack.core.params import SMALL_MAX, ascii_int, shown
from nqtrack.domain.deadlines import (
    DONE_STATUSES,
    LATE_STATUSES,
    ItemStatus,
    Period,
    due_range,
    ended_periods,
    missing_periods,
    period_containing,
    reportable_periods,
)
from nqtrack.domain.deadlines import Cycle as DomainCycle
from nqtrack.programmes import models as pm
from nqtrack.tracking import permissions
from nqtrack.tracking.facts import facts_by_item, schedule_of, statuses_on
from nqtrack.tracking.models import (
    DocumentLink,
    Evidence,
    ItemOrganisation,
    Kind,
    ProgressUpdate,
    ProjectTracking,
    RegisteredDocument,
    Role,
    Status,
    TrackedItem,
    UpdateState,
)

if TYPE_CHECKING:
    from nqtrack.tracking.permissions import AnyUser
else:
    AnyUser = Any

GROUP_IV = "IV"


def _items(programme: pm.Programme) -> QuerySet[TrackedItem]:
    roles = ItemOrganisation.objects.select_related("organisation").order_by("position")
    return (
        TrackedItem.objects.filter(programme=programme)
        .select_related("task__group", "parent")
        .prefetch_related(Prefetch("roles", queryset=roles))
    )


@dataclass(frozen=True, slots=True)
class ItemFilters:
    """The task list's filters, as given in the query string (empty: no filter)."""

    group: str = ""  # "1"…"6" (section III) or "IV"
    organisation: str = ""  # organisation code: items it leads or cooperates on
    status: str = ""
    due: str = ""  # a year, month or day ("2022-09"): the deadline falls in it


class FilterError(ValueError):
    """A filter value that cannot be read; the message is Vietnamese."""


def _filter_due(items: QuerySet[TrackedItem], text: str) -> QuerySet[TrackedItem]:
    try:
        first, last = due_range(text)
    except ValueError as error:
        raise FilterError(str(error)) from None
    return items.filter(due__gte=first, due__lte=last)


def _group_number(text: str) -> int:
    """The number of a section III group ("1"…"6") in ASCII digits; ``FilterError`` for anything else."""
    number = ascii_int(text, low=0, high=SMALL_MAX)
    if number is None:
        raise FilterError(
            f"Nhóm nhiệm vụ “{shown(text)}” không đúng: chọn một nhóm của mục III (1, 2, …) hoặc {GROUP_IV}."
        )
    return number


def items_list(*, user: AnyUser, programme: pm.Programme, filters: ItemFilters) -> list[TrackedItem]:
    """The items matching ``filters``, sub-tasks right after their parent. Raises ``FilterError``."""
    items = _items(programme)
    if filters.group == GROUP_IV:
        items = items.filter(task__isnull=True)
    elif filters.group:
        items = items.filter(task__group__number=_group_number(filters.group))
    if filters.organisation:
        items = items.filter(roles__organisation__code=filters.organisation).distinct()
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.due:
        items = _filter_due(items, filters.due)
    return sorted(items, key=lambda i: (i.parent.position if i.parent else i.position, i.position))


def filter_choices(*, programme: pm.Programme) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers: groups, organisations with a role, statuses."""
    groups = [(str(g.number), f"III.{g.number}. {g.title}") for g in programme.task_groups.order_by("number")]
    groups.append((GROUP_IV, "IV. Tổ chức thực hiện"))
    with_roles = ItemOrganisation.objects.filter(item__programme=programme).values("organisation_id")
    organisations = programme.organisations.filter(pk__in=with_roles).order_by("position")
    return {
        "groups": groups,
        "organisations": [(o.code, o.name) for o in organisations],
        "statuses": [(str(v), str(label)) for v, label in Status.choices],
    }


def items_board(*, user: AnyUser, programme: pm.Programme) -> list[tuple[str, str, list[TrackedItem]]]:
    """Items by status, one column per status in the order of ``Status`` (empty columns kept)."""
    items = sorted(
        _items(programme), key=lambda i: (i.parent.position if i.parent else i.position, i.position)
    )
    return [
        (str(value), str(label), [i for i in items if i.status == value]) for value, label in Status.choices
    ]


@dataclass(frozen=True, slots=True)
class UpdateRow:
    """A progress update as one user may read it: the internal parts are empty unless ``internal``."""

    pk: int
    state: str
    state_label: str
    posted_on: date
    organisation: pm.Organisation
    period: str
    percent: int | None
    completes: bool
    narrative: str
    document: RegisteredDocument | None
    internal: bool  # the reader's view scope covers the organisation
    evidence: list[Evidence] = field(default_factory=list)
    review_comment: str = ""
    reviewer: str = ""
    can_review: bool = False  # the reader may accept or return it now


def _update_row(user: AnyUser, update: ProgressUpdate) -> UpdateRow:
    internal = permissions.sees_internals(user=user, update=update)
    shown = UpdateRow(
        pk=update.pk,
        state=update.state,
        state_label=str(update.get_state_display()),
        posted_on=update.posted_on,
        organisation=update.organisation,
        period=update.period,
        percent=update.percent,
        completes=update.completes,
        narrative=update.narrative,
        document=update.document,
        internal=internal,
    )
    if not internal:
        return shown
    return replace(
        shown,
        evidence=list(update.evidence.all()),
        review_comment=update.review_comment,
        reviewer=update.reviewed_by.get_username() if update.reviewed_by else "",
        can_review=update.state == UpdateState.SUBMITTED and permissions.can_review(user=user, update=update),
    )


def updates_readable(*, user: AnyUser, item: TrackedItem) -> list[UpdateRow]:
    """The item's updates the user may read: all of those of organisations in their view scope, the
    accepted ones of other organisations (without evidence or review comment), newest first."""
    updates = item.updates.select_related(
        "organisation", "author", "document", "reviewed_by"
    ).prefetch_related("evidence")
    rows = [_update_row(user, u) for u in updates]
    return [r for r in rows if r.internal or r.state == UpdateState.ACCEPTED]


@dataclass(frozen=True)
class ItemPage:
    """Everything a task's page shows."""

    item: TrackedItem
    leads: list[pm.Organisation]
    cooperating: list[pm.Organisation]
    subitems: list[TrackedItem]
    updates: list[UpdateRow]
    documents: list[DocumentLink]
    projects: list[ProjectTracking]
    missing: list[Period]
    periods: list[Period]
    posting_organisation: pm.Organisation | None
    can_manage: bool
    indicators: list[pm.Indicator] = field(default_factory=list)
    milestones: list[pm.Milestone] = field(default_factory=list)


def item_get(*, programme: pm.Programme, code: str) -> TrackedItem | None:
    return _items(programme).filter(code=code).first()


def item_page(*, user: AnyUser, item: TrackedItem, today: date) -> ItemPage:
    """A task's page: organisations, sub-tasks, updates with evidence, documents, key projects."""
    roles = list(item.roles.all())
    facts = facts_by_item([item]).get(item.pk, [])
    return ItemPage(
        item=item,
        leads=[r.organisation for r in roles if r.role == Role.LEAD],
        cooperating=[r.organisation for r in roles if r.role == Role.COOPERATING],
        subitems=list(_items(item.programme).filter(parent=item).order_by("position")),
        updates=updates_readable(user=user, item=item),
        documents=list(item.document_links.select_related("document").order_by("-document__date")),
        projects=list(
            ProjectTracking.objects.filter(item=item)
            .select_related("key_project", "responsible")
            .prefetch_related("locations", "milestones")
        ),
        missing=missing_periods(schedule_of(item), facts, today),
        periods=list(reversed(reportable_periods(schedule_of(item), today))),
        posting_organisation=permissions.posting_organisation(user=user, item=item),
        can_manage=permissions.can_manage_schedule(user=user),
        indicators=list(item.indicators.all()),
        milestones=list(item.milestones.all()),
    )


def next_deadline(item: TrackedItem, today: date) -> date | None:
    """The next day something is due: a one-off's due day, a recurring item's current period end."""
    if item.kind == Kind.ONE_OFF:
        return item.due
    if item.start is None or today < item.start or (item.due is not None and today > item.due):
        return None
    return period_containing(DomainCycle(item.cycle), today).end


def _month(today: date) -> tuple[date, date]:
    first = today.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _due_this_month(items: Iterable[TrackedItem], today: date) -> list[TrackedItem]:
    """Items with something due this month and not yet done (recurring: this period not yet reported)."""
    first, last = _month(today)
    leaves = list(items)
    facts = facts_by_item(leaves)
    due: list[TrackedItem] = []
    for item in leaves:
        deadline = next_deadline(item, today)
        if deadline is None or not first <= deadline <= last or item.status in DONE_STATUSES:
            continue
        if item.kind == Kind.RECURRING:
            key = period_containing(DomainCycle(item.cycle), today).key
            if any(f.period == key for f in facts.get(item.pk, [])):
                continue
        due.append(item)
    return due


def _leaves(programme: pm.Programme) -> list[TrackedItem]:
    return list(TrackedItem.objects.filter(programme=programme, subitems__isnull=True))


def task_tiles(*, programme: pm.Programme, today: date) -> dict[str, int]:
    """Counts for the dashboard: items done, late, not reported and due this month, out of the total.

    Counted over the units of work: tasks and assignments, with an assignment split into sub-tasks
    counted as its sub-tasks (IV.2 counts as its ten district plans). Statuses are the stored ones;
    call ``tracking_refresh_statuses`` first for a day other than the last refresh.
    """
    leaves = _leaves(programme)
    statuses = [ItemStatus(i.status) for i in leaves]
    return {
        "total": len(leaves),
        "done": sum(s in DONE_STATUSES for s in statuses),
        "late": sum(s in LATE_STATUSES for s in statuses),
        "not_reported": sum(s is ItemStatus.NOT_REPORTED for s in statuses),
        "due_this_month": len(_due_this_month(leaves, today)),
    }


@dataclass(frozen=True)
class MyOrganisation:
    """What one organisation has on its plate."""

    organisation: pm.Organisation
    due: list[TrackedItem]  # not done, something due in the next 30 days
    late: list[TrackedItem]
    waiting: list[ProgressUpdate]  # its updates waiting for review (internal: empty outside the view scope)
    returned: list[ProgressUpdate]  # its updates returned, to be corrected (internal, likewise)
    all_items: list[TrackedItem]


def my_organisations(*, user: AnyUser, programme: pm.Programme, today: date) -> list[MyOrganisation]:
    """For each organisation the user works for: what is due, late and waiting for review.

    Membership only chooses the organisations listed; their updates waiting or returned (with the
    reviewer's comment) are listed only when the user's view scope covers the organisation.
    """
    result = []
    for org_id in sorted(permissions.member_organisation_ids(user=user)):
        organisation = programme.organisations.filter(pk=org_id).first()
        if organisation is None:
            continue
        items = list(
            _items(programme).filter(roles__organisation=organisation).distinct().order_by("position")
        )
        horizon = today + timedelta(days=30)
        updates = ProgressUpdate.objects.filter(organisation=organisation, item__programme=programme)
        if not scopes.can_view_organisation(user=user, organisation=organisation):
            updates = updates.none()
        updates = updates.select_related("item").order_by("-posted_on")
        result.append(
            MyOrganisation(
                organisation=organisation,
                due=[
                    i
                    for i in items
                    if i.status not in DONE_STATUSES
                    and (d := next_deadline(i, today)) is not None
                    and today <= d <= horizon
                ],
                late=[i for i in items if i.status in LATE_STATUSES],
                waiting=list(updates.filter(state=UpdateState.SUBMITTED)),
                returned=list(updates.filter(state=UpdateState.RETURNED)),
                all_items=items,
            )
        )
    return result


def updates_waiting(*, user: AnyUser, programme: pm.Programme) -> list[ProgressUpdate]:
    """Updates waiting for the user's review: within their remit, not their own (none for others)."""
    if not user.is_authenticated:
        return []
    return list(
        ProgressUpdate.objects.filter(
            item__programme=programme,
            state=UpdateState.SUBMITTED,
            organisation__in=scopes.task_review_organisations(user=user),
        )
        .exclude(author_id=user.pk)
        .select_related("item", "organisation")
        .order_by("posted_on")
    )


def evidence_downloadable(*, user: AnyUser, evidence: Evidence) -> bool:
    """Whether the user may download ``evidence``: their view scope covers its update's organisation."""
    return permissions.sees_internals(user=user, update=evidence.update)


def can_register_documents(*, user: AnyUser) -> bool:
    """Whether the register page offers the user its form."""
    return permissions.can_register_documents(user=user)


def documents_register(
    *, user: AnyUser, programme: pm.Programme, query: str = ""
) -> list[RegisteredDocument]:
    """The register: every document with the items it assigns, completes, reports on or is cited by.

    Any signed-in user reads it: a document number, date and issuer are the official record.
    """
    documents = RegisteredDocument.objects.filter(programme=programme)
    if query.strip():
        q = query.strip()
        documents = documents.filter(Q(number__icontains=q) | Q(title__icontains=q) | Q(issuer__icontains=q))
    links = DocumentLink.objects.select_related("item").order_by("item__position")
    return list(documents.prefetch_related(Prefetch("links", queryset=links)).order_by("-date", "number"))


@dataclass(frozen=True)
class ProjectPage:
    """A key project's page: the project, and whether the user may update it or reassign it."""

    project: ProjectTracking
    can_edit: bool
    can_reassign: bool


def project_page(*, user: AnyUser, pk: int) -> ProjectPage | None:
    project = (
        ProjectTracking.objects.select_related("key_project", "item__programme", "responsible")
        .prefetch_related("locations", "milestones")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        return None
    return ProjectPage(
        project=project,
        can_edit=permissions.can_edit_project(user=user, project=project),
        can_reassign=permissions.can_reassign_project(user=user),
    )


def projects_list(*, user: AnyUser, programme: pm.Programme) -> list[ProjectTracking]:
    """The programme's key projects with status, location, responsible organisation and milestones."""
    return list(
        ProjectTracking.objects.filter(item__programme=programme)
        .select_related("key_project", "item", "responsible")
        .prefetch_related("locations", "milestones")
    )


@dataclass(frozen=True, slots=True)
class ItemState:
    """An item's standing on a day, for the review report."""

    status: str  # an ItemStatus value
    label: str  # in Vietnamese: "Hoàn thành muộn", "Chậm tiến độ" …
    done: bool
    late: bool
    lead: str  # the lead organisations' names


def item_states(*, programme: pm.Programme, as_of: date) -> dict[str, ItemState]:
    """Item code ("III.2.5", "IV.2", "IV.2-215") → its state on ``as_of``, from the updates posted by then.

    Pure read: the stored statuses are not touched, so a report can be written for any past day.
    """
    items = list(_items(programme))
    statuses = statuses_on(items, as_of)
    labels = dict(Status.choices)
    return {
        i.code: ItemState(
            status=str(statuses[i.pk]),
            label=str(labels[str(statuses[i.pk])]),
            done=statuses[i.pk] in DONE_STATUSES,
            late=statuses[i.pk] in LATE_STATUSES,
            lead="; ".join(r.organisation.name for r in i.roles.all() if r.role == Role.LEAD),
        )
        for i in items
    }


def late_items(*, programme: pm.Programme) -> list[TrackedItem]:
    """Items late by their last report (stored statuses), sub-tasks included."""
    late = [str(s) for s in LATE_STATUSES]
    return list(_items(programme).filter(status__in=late).order_by("position"))


def unreported_items(*, programme: pm.Programme, today: date) -> list[TrackedItem]:
    """Items whose report was due by ``today`` and never came (stored statuses): not late, not known.

    A one-off item past its due with no report, a recurring one whose latest ended period has none.
    """
    items = _items(programme).filter(status=ItemStatus.NOT_REPORTED.value).order_by("position")
    return [
        i
        for i in items
        if (i.kind == Kind.ONE_OFF and i.due is not None and i.due < today)
        or (i.kind == Kind.RECURRING and ended_periods(schedule_of(i), today))
    ]

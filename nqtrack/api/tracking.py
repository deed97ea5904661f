"""Tasks and their progress updates, through the selectors and services of the task pages: every
signed-in user reads the items and the accepted updates; the internal parts (updates waiting for review,
review comments, evidence) only where the view scope covers the organisation; posting follows the capture
scope."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from nqtrack.api.common import Body, Paged, answers, the_programme
from nqtrack.api.errors import ApiError
from nqtrack.api.security import SIGNED_IN
from nqtrack.tracking import selectors, services
from nqtrack.tracking.models import Role, TrackedItem
from nqtrack.tracking.selectors import UpdateRow

router = Router(tags=["tasks"], auth=SIGNED_IN)


class OrganisationOut(Schema):
    code: str
    name: str


class TaskOut(Schema):
    code: str
    title: str
    kind: str
    cycle: str
    start: dt.date | None
    due: dt.date | None
    status: str
    status_on: dt.date | None = Field(description="the day the status was last computed for")
    parent: str | None
    leads: list[OrganisationOut]
    cooperating: list[OrganisationOut]


class UpdateOut(Schema):
    id: int
    state: str
    posted_on: dt.date
    organisation: OrganisationOut
    period: str
    percent: int | None
    completes: bool
    narrative: str
    document: str | None
    internal: bool = Field(description="the caller's view scope covers the organisation: comments shown")
    review_comment: str
    reviewer: str
    evidence: list[str]


class TaskDetailOut(TaskOut):
    subtasks: list[str]
    updates: list[UpdateOut]
    periods: list[str] = Field(description="the periods an update may be posted for now")
    posting_organisation: OrganisationOut | None = Field(
        description="the organisation the caller posts for; null: the caller may not post"
    )


class TaskFilters(Schema):
    programme: str = Field("", max_length=100)
    group: str = Field("", max_length=10, description="a section III group (1, 2, …) or IV")
    organisation: str = Field("", max_length=100, description="organisation code: items it leads or joins")
    status: str = Field("", max_length=20)
    due: str = Field("", max_length=10, description="a year, month or day (2025, 2025-09)")


def _org(organisation: object) -> OrganisationOut:
    return OrganisationOut(code=getattr(organisation, "code", ""), name=getattr(organisation, "name", ""))


def _task_fields(item: TrackedItem) -> dict[str, object]:
    roles = list(item.roles.all())
    return {
        "code": item.code,
        "title": item.title,
        "kind": item.kind,
        "cycle": item.cycle,
        "start": item.start,
        "due": item.due,
        "status": item.status,
        "status_on": item.status_on,
        "parent": item.parent.code if item.parent else None,
        "leads": [_org(r.organisation) for r in roles if r.role == Role.LEAD],
        "cooperating": [_org(r.organisation) for r in roles if r.role == Role.COOPERATING],
    }


def _update_out(row: UpdateRow) -> UpdateOut:
    return UpdateOut(
        id=row.pk,
        state=row.state,
        posted_on=row.posted_on,
        organisation=_org(row.organisation),
        period=row.period,
        percent=row.percent,
        completes=row.completes,
        narrative=row.narrative,
        document=str(row.document) if row.document else None,
        internal=row.internal,
        review_comment=row.review_comment,
        reviewer=row.reviewer,
        evidence=[e.url or e.name for e in row.evidence],
    )


@router.get("/tasks", response=answers(list[TaskOut]), url_name="tasks")
@paginate(Paged)
def tasks(request: HttpRequest, filters: Query[TaskFilters]) -> list[dict[str, object]]:
    """The programme's tasks, sub-tasks right after their parent, filtered as the task list is."""
    programme = the_programme(filters.programme)
    chosen = selectors.ItemFilters(
        group=filters.group, organisation=filters.organisation, status=filters.status, due=filters.due
    )
    try:
        items = selectors.items_list(user=request.user, programme=programme, filters=chosen)
    except selectors.FilterError as error:
        raise ApiError(400, str(error)) from error
    return [_task_fields(item) for item in items]


def _item(programme_code: str, code: str) -> TrackedItem:
    item = selectors.item_get(programme=the_programme(programme_code), code=code)
    if item is None:
        raise ApiError(404, gettext_lazy("Không có nhiệm vụ này."))
    return item


@router.get("/tasks/{code}", response=answers(TaskDetailOut), url_name="task")
def task(request: HttpRequest, code: str, programme: str = "") -> TaskDetailOut:
    """One task with its sub-tasks and the updates the caller may read."""
    item = _item(programme, code)
    page = selectors.item_page(user=request.user, item=item, today=timezone.localdate())
    posting = page.posting_organisation
    return TaskDetailOut(
        **_task_fields(item),  # type: ignore[arg-type]
        subtasks=[s.code for s in page.subitems],
        updates=[_update_out(u) for u in page.updates],
        periods=[p.key for p in page.periods],
        posting_organisation=_org(posting) if posting is not None else None,
    )


class UpdateIn(Body):
    narrative: str = Field(max_length=20000)
    period: str = Field("", max_length=8, description="the reporting period (recurring tasks)")
    percent: int | None = Field(None, ge=0, le=100)
    completes: bool = False
    document: str = Field("", max_length=500, description="the document that records it")
    issuer: str = Field("", max_length=300)
    links: list[str] = Field([], max_length=20, description="evidence links")


@router.post("/tasks/{code}/updates", response=answers(UpdateOut, 201), url_name="task_update_post")
def task_update_post(
    request: HttpRequest, code: str, payload: UpdateIn, programme: str = ""
) -> Status[UpdateOut]:
    """Post a progress update for the organisation the caller reports for (evidence files: on the page)."""
    item = _item(programme, code)
    data = services.UpdateInput(
        narrative=payload.narrative,
        period=payload.period,
        percent=payload.percent,
        completes=payload.completes,
        document=payload.document,
        issuer=payload.issuer,
        links=tuple(payload.links),
    )
    update = services.update_post(user=request.user, item=item, data=data)
    [row] = [r for r in selectors.updates_readable(user=request.user, item=item) if r.pk == update.pk]
    return Status(201, _update_out(row))

"""Figures: read within the user's view scope (published figures for everybody), written within the
capture scope through the entry service of the grid, and the review steps of a batch."""

import datetime as dt
import re

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from nqtrack.api.common import Body, Paged, answers, the_programme
from nqtrack.api.errors import ApiError, Message, both, joined
from nqtrack.api.security import PUBLIC_OR_SIGNED_IN, SIGNED_IN
from nqtrack.domain.figures import FigureError, canonical, parse_figure
from nqtrack.observations.entries import Action, observations_save_cells
from nqtrack.observations.models import Channel, Observation, ReviewState, Status, is_published
from nqtrack.observations.permissions import view_filter_observations
from nqtrack.observations.review import REVIEW_STEPS, Batch, ReviewRefused
from nqtrack.observations.rows import EntryRow
from nqtrack.observations.selectors import visible
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import IndicatorGroup

router = Router(tags=["figures"])

# DHIS2's NUMBER: no sign but a minus, no leading zero, a dot before any number of decimals.
NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")


class FigureOut(Schema):
    id: int
    indicator: str
    unit: str
    unit_name: str
    period: str
    year: int | None
    value: str = Field(description="as published or entered, a dot before the decimals")
    measure_unit: str
    status: str
    origin: str
    review_state: str
    published: bool
    source_url: str
    source_document: str
    comment: str
    version: int
    updated_at: dt.datetime

    @staticmethod
    def resolve_indicator(obj: Observation) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_unit(obj: Observation) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj: Observation) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_value(obj: Observation) -> str:
        return obj.value_text

    @staticmethod
    def resolve_published(obj: Observation) -> bool:
        return is_published(obj)


class FigureFilters(Schema):
    programme: str = Field("", max_length=100)
    unit: str = Field("", max_length=10, description="unit code (every version of it)")
    indicator: str = Field("", max_length=100, description="indicator code")
    group: int | None = Field(None, ge=0, le=1000, description="indicator group number")
    start_year: int | None = Field(None, ge=1900, le=2100)
    end_year: int | None = Field(None, ge=1900, le=2100)
    include_drafts: bool = Field(
        False, description="also the unpublished figures of the caller's view scope (drafts, submitted)"
    )


def readable_figures(request: HttpRequest, filters: FigureFilters) -> QuerySet[Observation]:
    """The figures of the filters the caller may read: published ones, and with ``include_drafts`` those
    of their view scope too (``observations.permissions.view_filter_observations``)."""
    programme = the_programme(filters.programme)
    rows = Observation.objects.filter(indicator__programme=programme)
    if filters.unit:
        rows = rows.filter(unit__code=filters.unit)
    if filters.indicator:
        rows = rows.filter(indicator__code=filters.indicator)
    if filters.group is not None:
        rows = rows.filter(indicator__group__number=filters.group)
    if filters.start_year is not None:
        rows = rows.filter(year__gte=filters.start_year)
    if filters.end_year is not None:
        rows = rows.filter(year__lte=filters.end_year)
    rows = (
        view_filter_observations(user=request.user, queryset=rows)
        if filters.include_drafts
        else visible(rows)
    )
    return rows.select_related("indicator", "unit").order_by(
        "indicator__position", "unit__code", "period", "id"
    )


@router.get("/figures", response=answers(list[FigureOut]), auth=PUBLIC_OR_SIGNED_IN, url_name="figures")
@paginate(Paged)
def figures(request: HttpRequest, filters: Query[FigureFilters]) -> QuerySet[Observation]:
    """Stored figures, published ones for everybody; ``include_drafts`` adds those of the view scope."""
    return readable_figures(request, filters)


class FigureIn(Body):
    indicator: str = Field(max_length=100)
    unit: str = Field(max_length=10)
    period: str = Field(max_length=10, description="the year, e.g. 2024")
    value: str | None = Field(
        None, max_length=40, description="a number with a dot before decimals (DHIS2's NUMBER); null deletes"
    )
    status: Status | None = None
    comment: str | None = Field(None, max_length=2000)
    version: int | None = Field(
        None, ge=0, le=2**31, description="the version read (0: none stored); a changed figure is refused"
    )


class FiguresIn(Body):
    programme: str = Field("", max_length=100)
    figures: list[FigureIn] = Field(max_length=500)


class RowProblem(Schema):
    row: int
    field: str
    code: str
    message: Message


class RowOutcome(Schema):
    row: int
    indicator: str
    unit: str
    period: str
    action: str
    errors: list[RowProblem]


class SaveOut(Schema):
    created: int
    updated: int
    deleted: int
    unchanged: int
    rejected: int
    rows: list[RowOutcome]


def _entry_row(position: int, given: FigureIn) -> EntryRow:
    value = None
    if given.value is not None:
        text = given.value.strip()
        if NUMBER.fullmatch(text) is None:
            raise ApiError(
                400,
                gettext_lazy("Giá trị phải là một số viết với dấu chấm trước phần thập phân (ví dụ 1234.5)."),
            )
        try:
            value = parse_figure(text)
        except FigureError as error:
            raise ApiError(400, str(error)) from error
    return EntryRow(
        row=position,
        indicator=given.indicator.strip(),
        unit=given.unit.strip(),
        period=given.period.strip(),
        value=value,
        value_text=canonical(value) if value is not None else "",
        status=given.status.value if given.status else None,
        comment=given.comment,
        delete=value is None,
        seen_version=given.version,
    )


@router.post("/figures", response=answers(SaveOut), auth=SIGNED_IN, url_name="figures_save")
def figures_save(request: HttpRequest, payload: FiguresIn) -> SaveOut:
    """Enter figures as the entry grid does: each good one is saved, each bad one is answered with its
    reason and left as it was. Only the caller's capture scope may be written."""
    programme = the_programme(payload.programme)
    rows = [_entry_row(n, given) for n, given in enumerate(payload.figures, start=1)]
    summary = observations_save_cells(user=request.user, programme=programme, rows=rows, channel=Channel.API)
    problems: dict[int, list[RowProblem]] = {}
    for error in summary.errors:
        problems.setdefault(error.row, []).append(
            RowProblem(row=error.row, field=error.column, code=error.code, message=both(error.message, 400))
        )
    outcomes = [
        RowOutcome(
            row=o.row,
            indicator=o.entry.indicator,
            unit=o.entry.unit,
            period=o.entry.period,
            action=str(o.action),
            errors=problems.get(o.row, []),
        )
        for o in summary.outcomes
    ]
    return SaveOut(
        created=summary.count(Action.CREATE),
        updated=summary.count(Action.UPDATE),
        deleted=summary.count(Action.DELETE),
        unchanged=summary.count(Action.UNCHANGED),
        rejected=summary.count(Action.REJECT),
        rows=outcomes,
    )


class ReviewStepIn(Body):
    programme: str = Field("", max_length=100)
    unit: str = Field(max_length=10)
    year: int = Field(ge=1900, le=2100)
    group: int | None = Field(None, ge=0, le=1000, description="indicator group; null: supporting indicators")
    step: str = Field(
        description="submit, approve, return or unlock", pattern="^(submit|approve|return|unlock)$"
    )
    reason: str = Field("", max_length=5000, description="needed to return or unlock")


class ReviewStepOut(Schema):
    step: str
    figures: int
    state: str
    message: Message


_STATE_AFTER = {
    "submit": ReviewState.SUBMITTED,
    "approve": ReviewState.APPROVED,
    "return": ReviewState.DRAFT,
    "unlock": ReviewState.DRAFT,
}


def _done(msgid: str, count: int, batch: Batch) -> Message:
    """What the step did, in both languages (the batch's label is built in each)."""
    said = {}
    for language in ("vi", "en"):
        with translation.override(language):
            said[language] = translation.gettext(msgid) % {"n": count, "batch": batch.label}
    return Message(vi=said["vi"], en=said["en"])


@router.post("/review-steps", response=answers(ReviewStepOut), auth=SIGNED_IN, url_name="review_step")
def review_step(request: HttpRequest, payload: ReviewStepIn) -> ReviewStepOut:
    """Submit, approve, return or unlock one batch (a unit's figures of one indicator group for a year),
    as the grid's review buttons do."""
    programme = the_programme(payload.programme)
    unit = unit_for_period(code=payload.unit, year=payload.year)
    if unit is None:
        raise ApiError(404, gettext_lazy("Không có đơn vị hoặc năm này."))
    group = None
    if payload.group:
        group = IndicatorGroup.objects.filter(programme=programme, number=payload.group).first()
        if group is None:
            raise ApiError(404, gettext_lazy("Không có nhóm chỉ tiêu này."))
    batch = Batch(programme=programme, unit=unit, year=payload.year, group=group)
    step = REVIEW_STEPS[payload.step]
    try:
        count = step.take(user=request.user, batch=batch, reason=payload.reason, channel=Channel.API)
    except ReviewRefused as refused:
        said = joined([refused.message, *refused.problems], 409)
        raise ApiError(409, said.vi, code="review_refused", english=said.en) from refused
    return ReviewStepOut(
        step=step.name,
        figures=count,
        state=str(_STATE_AFTER[step.name]),
        message=_done(step.done, count, batch),
    )

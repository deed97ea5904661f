"""The programme as data: programmes, indicator groups, targets with their assessments, and the
administrative units with their history. All public, as on the dashboard: assessments are read on the
published figures only (through the same selectors as the dashboard and the target page)."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from nqtrack.api.common import Paged, answers, the_programme
from nqtrack.api.errors import ApiError
from nqtrack.api.security import PUBLIC_OR_SIGNED_IN
from nqtrack.assessments.selectors import TargetRow, programme_overview, target_row
from nqtrack.domain.progress.model import Assessment
from nqtrack.places.models import AdminUnit, UnitLevel, UnitSuccession
from nqtrack.places.selectors import units_valid_on
from nqtrack.programmes.models import IndicatorGroup, Programme, Target
from nqtrack.programmes.selectors import TargetNotFound, target_get

router = Router(tags=["programme"], auth=PUBLIC_OR_SIGNED_IN)


class ProgrammeOut(Schema):
    code: str
    title: str
    short_title: str
    issuer: str
    number: str
    date: str
    province_code: str
    period_start: int
    period_end: int
    base_year: int | None


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    direction: str


class GroupOut(Schema):
    number: int
    text: str
    indicators: list[IndicatorOut]


class AssessmentOut(Schema):
    status: str
    method: str
    explanation_vi: str
    explanation_en: str
    ratio: float | None
    projected_value: float | None
    base_year: int | None
    base_value: float | None
    latest_year: int | None
    latest_value: float | None
    target_year: int | None
    threshold: float | None
    observed_growth: float | None
    required_growth: float | None
    final: bool | None


class TargetOut(Schema):
    code: str
    indicator: str
    group: int | None
    kind: str
    comparator: str
    unit: str
    year: int | None
    period_start: int | None
    period_end: int | None
    text: str
    assessment: AssessmentOut


class YearValue(Schema):
    year: int
    value: str
    measure_unit: str


class TargetDetailOut(TargetOut):
    series: list[YearValue] = Field(description="the province's figure used for each year (published)")


def _programme_out(programme: Programme) -> ProgrammeOut:
    return ProgrammeOut(
        code=programme.code,
        title=programme.title,
        short_title=programme.short_title,
        issuer=programme.issuer,
        number=programme.number,
        date=programme.date,
        province_code=programme.province_code,
        period_start=programme.period_start,
        period_end=programme.period_end,
        base_year=programme.base_year,
    )


def _assessment_out(assessment: Assessment) -> AssessmentOut:
    return AssessmentOut(
        status=str(assessment.status),
        method=str(assessment.method),
        explanation_vi=assessment.explanation_vi,
        explanation_en=assessment.explanation_en,
        ratio=assessment.ratio,
        projected_value=assessment.projected_value,
        base_year=assessment.base_year,
        base_value=assessment.base_value,
        latest_year=assessment.latest_year,
        latest_value=assessment.latest_value,
        target_year=assessment.target_year,
        threshold=assessment.threshold,
        observed_growth=assessment.observed_growth,
        required_growth=assessment.required_growth,
        final=assessment.final,
    )


def _target_fields(target: Target, assessment: Assessment) -> dict[str, object]:
    return {
        "code": target.code,
        "indicator": target.indicator.code,
        "group": target.indicator.group.number if target.indicator.group else None,
        "kind": target.kind,
        "comparator": target.comparator,
        "unit": target.unit,
        "year": target.year,
        "period_start": target.period_start,
        "period_end": target.period_end,
        "text": target.source_text,
        "assessment": _assessment_out(assessment),
    }


@router.get("/programmes", response=answers(list[ProgrammeOut]), url_name="programmes")
def programmes(request: HttpRequest) -> list[ProgrammeOut]:
    """Every loaded programme."""
    return [_programme_out(p) for p in Programme.objects.order_by("id")]


@router.get("/programmes/{code}", response=answers(ProgrammeOut), url_name="programme")
def programme(request: HttpRequest, code: str) -> ProgrammeOut:
    """One programme."""
    found = Programme.objects.filter(code=code).first()
    if found is None:
        raise ApiError(404, gettext_lazy("Không có chương trình này."))
    return _programme_out(found)


@router.get(
    "/programmes/{code}/indicator-groups", response=answers(list[GroupOut]), url_name="indicator_groups"
)
def indicator_groups(request: HttpRequest, code: str) -> list[GroupOut]:
    """The programme's indicator groups in order, each with its indicators."""
    found = Programme.objects.filter(code=code).first()
    if found is None:
        raise ApiError(404, gettext_lazy("Không có chương trình này."))
    groups = IndicatorGroup.objects.filter(programme=found).prefetch_related("indicators").order_by("number")
    return [
        GroupOut(
            number=g.number,
            text=g.text,
            indicators=[
                IndicatorOut(code=i.code, name=i.name, unit=i.unit, direction=i.direction)
                for i in sorted(g.indicators.all(), key=lambda i: i.position)
            ],
        )
        for g in groups
    ]


class TargetFilters(Schema):
    programme: str = Field("", max_length=100, description="programme code (default: the first loaded)")
    group: int | None = Field(None, ge=0, le=1000, description="indicator group number")
    unit: str = Field("", max_length=10, description="unit code: that unit's figures (default: the province)")
    as_of: int | None = Field(None, ge=1900, le=2100, description="assess on the figures up to this year")


@router.get("/targets", response=answers(list[TargetOut]), url_name="targets")
@paginate(Paged)
def targets(request: HttpRequest, filters: Query[TargetFilters]) -> list[dict[str, object]]:
    """The programme's targets in order, each assessed as the dashboard assesses it."""
    found = the_programme(filters.programme)
    overview = programme_overview(programme=found, as_of=filters.as_of, unit_code=filters.unit or None)
    rows: list[TargetRow] = [
        row
        for group in overview.groups
        if filters.group is None or group.group.number == filters.group
        for row in group.targets
    ]
    return [_target_fields(row.target, row.assessment) for row in rows]


@router.get("/targets/{code}", response=answers(TargetDetailOut), url_name="target")
def target(request: HttpRequest, code: str) -> TargetDetailOut:
    """One target for the province: its assessment and the published figure used for each year."""
    try:
        found = target_get(code=code)
    except TargetNotFound as error:
        raise ApiError(404, gettext_lazy("Không có chỉ tiêu này.")) from error
    row, _values = target_row(target=found)
    series = [
        YearValue(year=year, value=obs.value_text, measure_unit=obs.measure_unit)
        for year, obs in sorted(row.series.items())
    ]
    return TargetDetailOut(**_target_fields(found, row.assessment), series=series)  # type: ignore[arg-type]


# -- administrative units -----------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    code: str
    name: str
    unit_type: str
    level: str
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class SuccessionOut(Schema):
    date: dt.date
    kind: str
    predecessor: UnitOut
    successor: UnitOut


class UnitHistoryOut(Schema):
    code: str
    versions: list[UnitOut]
    successions: list[SuccessionOut]


class UnitFilters(Schema):
    on: dt.date | None = Field(None, description="the versions valid on this day (default: today)")
    level: UnitLevel | None = None
    under: str = Field("", max_length=10, description="only the units below this unit code")


def _unit_out(unit: AdminUnit) -> UnitOut:
    return UnitOut(
        id=unit.pk,
        code=unit.code,
        name=unit.name,
        unit_type=unit.unit_type,
        level=unit.level,
        parent_code=unit.parent.code if unit.parent else None,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
    )


@router.get("/units", response=answers(list[UnitOut]), url_name="units", tags=["units"])
@paginate(Paged)
def units(request: HttpRequest, filters: Query[UnitFilters]) -> list[UnitOut]:
    """The unit versions valid on a day, by code."""
    on = filters.on or timezone.localdate()
    under = None
    if filters.under:
        under = AdminUnit.objects.filter(code=filters.under).order_by("-valid_from").first()
        if under is None:
            raise ApiError(404, gettext_lazy("Không có đơn vị hành chính này."))
    found = units_valid_on(on=on, under=under, level=filters.level.value if filters.level else None)
    return [_unit_out(u) for u in found.select_related("parent").order_by("code", "valid_from")]


@router.get("/units/{code}", response=answers(UnitHistoryOut), url_name="unit", tags=["units"])
def unit(request: HttpRequest, code: str) -> UnitHistoryOut:
    """Every version of a unit code and the successions (mergers, splits, renamings) in and out of them."""
    versions = list(AdminUnit.objects.filter(code=code).select_related("parent").order_by("valid_from"))
    if not versions:
        raise ApiError(404, gettext_lazy("Không có đơn vị hành chính này."))
    ids = [v.pk for v in versions]
    edges = (
        UnitSuccession.objects.filter(predecessor_id__in=ids)
        | UnitSuccession.objects.filter(successor_id__in=ids)
    ).select_related("predecessor__parent", "successor__parent")
    return UnitHistoryOut(
        code=code,
        versions=[_unit_out(v) for v in versions],
        successions=[
            SuccessionOut(
                date=e.date,
                kind=e.kind,
                predecessor=_unit_out(e.predecessor),
                successor=_unit_out(e.successor),
            )
            for e in edges.order_by("date", "id")
        ],
    )

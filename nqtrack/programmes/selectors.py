"""Reads of programmes."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from nqtrack.domain import programme as spec
from nqtrack.domain.progress.model import Method
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_version_on
from nqtrack.programmes import models as m


def programme_frame_day(*, programme: m.Programme) -> date:
    """The day of the unit list that frames the programme's territory (``territory_as_of``, else 1 January
    of its first year)."""
    if programme.territory_as_of:
        return date.fromisoformat(programme.territory_as_of)
    return date(programme.period_start, 1, 1)


def programme_territory(*, programme: m.Programme) -> AdminUnit | None:
    """The unit version the programme covers: its province on its frame day (Tỉnh Bắc Giang for the seed,
    not the new Bắc Ninh that carries code 24 from 1/7/2025); None when no such version is loaded."""
    return unit_version_on(code=programme.province_code, on=programme_frame_day(programme=programme))


class ProgrammeNotFound(LookupError):
    """No programme with that code is loaded."""


def programme_get(*, code: str | None = None) -> m.Programme:
    """The programme with ``code``, or the only/first loaded one when no code is given."""
    programmes = m.Programme.objects.order_by("id")
    row = programmes.filter(code=code).first() if code else programmes.first()
    if row is None:
        raise ProgrammeNotFound(f"Chưa nạp chương trình '{code}'." if code else "Chưa nạp chương trình nào.")
    return row


def programmes_all() -> list[m.Programme]:
    """Every loaded programme, the default one (the first loaded, ``programme_get`` without a code) first."""
    return list(m.Programme.objects.order_by("id"))


def default_programme_code() -> str | None:
    """The code of the default programme, the first loaded (``programme_get`` without a code): the one
    today's short URLs (``/``, ``/so-sanh-don-vi/``) lead to, under ``/ct/<code>/`` like every other."""
    return m.Programme.objects.order_by("id").values_list("code", flat=True).first()


def programme_targets(*, programme: m.Programme) -> list[m.Target]:
    """Every target of the programme with its indicator, group and programme, in document order.

    Assessing a target reads the programme's method and base year (``target.indicator.programme``), a
    query per target if it were left to load itself. The programme given is set on every indicator
    rather than joined: a join would fetch and decode the programme's wide row (preamble, purposes …)
    once per target, which costs more than the rest of the query.
    """
    targets = list(
        m.Target.objects.filter(indicator__programme=programme)
        .select_related("indicator__group")
        .order_by("indicator__group__number", "position")
    )
    for target in targets:
        target.indicator.programme = programme
    return targets


def domain_target(target: m.Target) -> Target:
    """The pure-domain target of a stored target, the indicator's unit and direction filled in where the
    target leaves them: the one conversion every assessment, page and report uses.

    A re-based target (``rebased``, e.g. a district-level count after the districts ended) is judged on its
    new terms (``Target.judged``).
    """
    target = target.judged
    return Target(
        kind=TargetKind(target.kind),
        comparator=Comparator(target.comparator),
        low=target.low,
        high=target.high,
        direction=Direction(target.direction or target.indicator.direction),
        year=target.year,
        period=target.period,
        unit=target.unit or target.indicator.unit,
        tolerance=target.tolerance,
        base_year=target.base_year,
        baseline=target.baseline_value,
        series_break=target.series_break,
    )


def programme_as_domain(*, programme: m.Programme) -> spec.Programme:
    """Rebuild the programme file's structure from the database (for export)."""
    return spec.Programme(
        format="nqtrack-programme/1",
        code=programme.code,
        identity=_identity(programme),
        preamble=programme.preamble,
        purposes=tuple(spec.NumberedText(number=p["number"], text=p["text"]) for p in programme.purposes),
        general_objective=tuple(programme.general_objective),
        vision=spec.Vision(year=programme.vision_year, text=programme.vision_text)
        if programme.vision_year
        else None,
        indicator_groups=_indicator_groups(programme),
        supporting_indicators=tuple(
            _indicator(i) for i in _indicators_with_targets(programme).filter(group__isnull=True)
        ),
        task_groups=_task_groups(programme),
        assignments=_assignments(programme),
        organisations=tuple(
            spec.Organisation(
                code=o.code,
                name=o.name,
                kind=o.kind,  # type: ignore[arg-type]  # stored from a validated literal
                parent=o.parent.code if o.parent else None,
                unit_code=o.unit_code or None,
            )
            for o in programme.organisations.select_related("parent")
        ),
        documents=tuple(
            spec.Document(
                code=d.code,
                title=d.title,
                kind=d.kind,
                number=d.number or None,
                date=d.date or None,
                issuer=d.issuer,
            )
            for d in programme.documents.all()
        ),
    )


def _identity(programme: m.Programme) -> spec.Identity:
    signed = (
        spec.SignedBy(title=programme.signed_by_title, name=programme.signed_by_name)
        if programme.signed_by_title or programme.signed_by_name
        else None
    )
    return spec.Identity(
        title=programme.title,
        short_title=programme.short_title,
        issuer=programme.issuer,
        issuer_kind=programme.issuer_kind,  # type: ignore[arg-type]  # stored from a validated literal
        number=programme.number or None,
        date=programme.date or None,
        implements=programme.implements,
        province_code=programme.province_code,
        period=(programme.period_start, programme.period_end),
        base_year=programme.base_year,
        signed_by=signed,
        progress_method=Method(programme.progress_method),
        usd_exchange_rate=programme.usd_exchange_rate,
        territory_as_of=programme.territory_as_of or None,
    )


def _indicators_with_targets(programme: m.Programme) -> QuerySet[m.Indicator]:
    return programme.indicators.prefetch_related(
        Prefetch("targets", queryset=m.Target.objects.order_by("position"))
    )


def _indicator_groups(programme: m.Programme) -> tuple[spec.IndicatorGroup, ...]:
    groups = programme.indicator_groups.prefetch_related(
        Prefetch("indicators", queryset=_indicators_with_targets(programme)), "milestones"
    )
    return tuple(
        spec.IndicatorGroup(
            number=g.number,
            text=g.text,
            indicators=tuple(_indicator(i) for i in g.indicators.all()),
            milestones=tuple(
                spec.Milestone(code=ms.code, text=ms.text, due=ms.due, units=tuple(ms.units), kind=ms.kind)
                for ms in g.milestones.all()
            ),
        )
        for g in groups
    )


def _indicator(indicator: m.Indicator) -> spec.Indicator:
    return spec.Indicator(
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        direction=Direction(indicator.direction),
        statistics_keys=tuple(
            spec.StatisticsKey(key=k["key"], unit_code=k.get("unit_code")) for k in indicator.statistics_keys
        ),
        targets=tuple(_target(t) for t in indicator.targets.all()),
    )


def _target(t: m.Target) -> spec.TargetSpec:
    return spec.TargetSpec(
        code=t.code,
        kind=TargetKind(t.kind),
        comparator=Comparator(t.comparator),
        source_text=t.source_text,
        low=t.low,
        high=t.high,
        unit=t.unit or None,
        year=t.year,
        period=t.period,
        direction=Direction(t.direction) if t.direction else None,
        tolerance=t.tolerance,
        base_year=t.base_year,
        series_break=t.series_break,
        baseline=spec.Baseline(year=t.baseline_year, value=t.baseline_value)
        if t.baseline_year is not None and t.baseline_value is not None
        else None,
        out_of=t.out_of,
        equivalent=spec.Equivalent(value=t.equivalent_value, unit=t.equivalent_unit)
        if t.equivalent_value is not None
        else None,
        series_kind=t.series_kind,  # type: ignore[arg-type]  # stored from a validated literal
        part_of=t.part_of or None,
        method=Method(t.method) if t.method else None,
        rebased=spec.rebased_from_dict(t.rebased) if t.rebased else None,
    )


def _task_groups(programme: m.Programme) -> tuple[spec.TaskGroup, ...]:
    groups = programme.task_groups.prefetch_related(
        "tasks__key_projects",
        Prefetch("tasks__taskdocument_set", queryset=m.TaskDocument.objects.select_related("document")),
    )
    return tuple(
        spec.TaskGroup(
            number=g.number,
            title=g.title,
            tasks=tuple(
                spec.Task(
                    code=t.code,
                    text=t.text,
                    kind=t.kind,  # type: ignore[arg-type]  # stored from a validated literal
                    due=t.due or None,
                    key_projects=tuple(
                        spec.KeyProject(code=p.code, name=p.name, kind=p.kind) for p in t.key_projects.all()
                    ),
                    documents=tuple(td.document.code for td in t.taskdocument_set.all()),
                )
                for t in g.tasks.all()
            ),
        )
        for g in groups
    )


def _assignments(programme: m.Programme) -> tuple[spec.Assignment, ...]:
    rows = programme.assignments.prefetch_related(
        Prefetch("roles", queryset=m.AssignmentOrganisation.objects.select_related("organisation"))
    )
    return tuple(
        spec.Assignment(
            number=a.number,
            text=a.text,
            lead=tuple(r.organisation.code for r in a.roles.all() if r.role == m.AssignmentRole.LEAD),
            cooperating=tuple(
                r.organisation.code for r in a.roles.all() if r.role == m.AssignmentRole.COOPERATING
            ),
            due=a.due or None,
            recurring=a.recurring,
        )
        for a in rows
    )


class TargetNotFound(LookupError):
    """No target with that code (in that programme, when one is given)."""


def target_get(*, code: str, programme: m.Programme | None = None) -> m.Target:
    """The target with ``code`` (codes are unique across programmes), with its indicator, group and
    programme; raise TargetNotFound when there is none (or when it is not ``programme``'s)."""
    targets = m.Target.objects.select_related("indicator__programme", "indicator__group").filter(code=code)
    if programme is not None:
        targets = targets.filter(indicator__programme=programme)
    target = targets.first()
    if target is None:
        raise TargetNotFound(f"Không có chỉ tiêu mã '{code}'.")
    return target

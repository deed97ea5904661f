"""Reads for the programme overview: every target with its province series and its assessment.

Assessments are computed from the values in use (best status, latest publication; plans, partial
periods and range ends left out) with the pure progress engine (docs/progress.md). Where the store of
assessments (``StoredAssessment``, written by ``services.assessments_refresh``) holds the answer for a
(target, unit, as-of year), it is read from there instead of being computed: the same answer
(tests/assessments/test_stored_pages.py), without running the engine on every page view. A stored
answer is current by construction: every change to what it reads either refreshes it (figures written:
``observations.signals.figures_changed``) or removes it in the same transaction (a programme reloaded
with changed definitions: ``programmes.signals.definitions_changed``); an answer not stored is computed
here, so a programme never refreshed still shows correct pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from nqtrack.assessments.codec import assessment_decode
from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.plans import last_year_over, target_plan
from nqtrack.domain.coherence import (
    CoherenceWarning,
    check_grdp_per_head,
    check_structure_shares,
    check_vnd_usd,
)
from nqtrack.domain.progress import STATUS_ORDER, Assessment, Status, count_by_status, group_status
from nqtrack.domain.targets import TargetKind
from nqtrack.observations.models import Observation
from nqtrack.observations.models import Status as FigureStatus
from nqtrack.observations.selectors import (
    best_by_year,
    observations_for,
    province_series,
    series_unit,
    visible,
)
from nqtrack.observations.territory import other_bearers_q, with_former_territory
from nqtrack.places.models import AdminUnit
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import domain_target, programme_targets

# Indicator codes the cross-target checks read (the names used by the shipped programme file).
GRDP_CODE = "grdp_current_prices"
GRDP_PER_HEAD_CODE = "grdp_per_capita"
POPULATION_CODE = "population"


@dataclass(frozen=True, slots=True)
class TargetRow:
    target: pm.Target
    series: dict[int, Observation]  # year → the value used, for the province
    assessment: Assessment

    @property
    def latest(self) -> Observation | None:
        return self.series[max(self.series)] if self.series else None


@dataclass(frozen=True, slots=True)
class GroupRow:
    group: pm.IndicatorGroup
    targets: list[TargetRow] = field(default_factory=list)
    milestones: list[pm.Milestone] = field(default_factory=list)

    @property
    def status(self) -> Status:
        """The group's status: the worst of its targets (Destatis)."""
        return group_status([row.assessment for row in self.targets])


@dataclass(frozen=True, slots=True)
class Overview:
    programme: pm.Programme
    groups: list[GroupRow]
    counts: dict[Status, int]
    warnings: list[CoherenceWarning]


def programme_overview(
    *,
    programme: pm.Programme,
    as_of: int | None = None,
    unit_code: str | None = None,
) -> Overview:
    """The indicator groups in order, each target assessed on the values up to ``as_of``.

    The values are the province's, or those of the unit ``unit_code`` (a district or commune: every
    version of that code, so a 2022 figure stays on its 2022 unit). The coherence checks always read
    the province's figures: they compare the programme's own targets. Each assessment is the stored one
    when the store holds it, otherwise computed from the values.
    """
    [overview] = programme_overviews(programme=programme, as_of_years=[as_of], unit_code=unit_code)
    return overview


def programme_overviews(
    *,
    programme: pm.Programme,
    as_of_years: Sequence[int | None],
    unit_code: str | None = None,
) -> list[Overview]:
    """``programme_overview`` for each of ``as_of_years`` (in that order), from one read of the figures,
    targets and groups (the dashboard shows three: every figure, and the two years it compares)."""
    # After the merger a year with no figure of its own takes the former territory's sum (additive only).
    province = with_former_territory(programme=programme, series=province_series(programme=programme))
    series = (
        province
        if unit_code in (None, programme.province_code)
        else unit_series(programme=programme, code=unit_code or "")
    )
    groups = list(programme.indicator_groups.prefetch_related("milestones"))
    targets = programme_targets(programme=programme)
    warnings = coherence_warnings(
        programme=programme, targets=targets, population=_latest_population(programme, province)
    )
    sub_unit = series is not province
    overviews = []
    for as_of in as_of_years:
        stored = stored_assessments(programme=programme, unit_code=unit_code, as_of=as_of)
        rows: dict[int, GroupRow] = {
            g.pk: GroupRow(group=g, milestones=list(g.milestones.all())) for g in groups
        }
        for target in targets:
            values = _up_to(series.get(target.indicator_id, {}), as_of)
            assessment = stored.get(target.pk)
            if assessment is None:
                assessment = target_assessment(target=target, series=values, sub_unit=sub_unit)
            if target.indicator.group_id is not None:
                rows[target.indicator.group_id].targets.append(
                    TargetRow(target=target, series=values, assessment=assessment)
                )
        assessments = [row.assessment for group in rows.values() for row in group.targets]
        overviews.append(
            Overview(
                programme=programme,
                groups=list(rows.values()),
                counts=count_by_status(assessments),
                warnings=list(warnings),
            )
        )
    return overviews


def programme_warnings(*, programme: pm.Programme) -> list[CoherenceWarning]:
    """The programme's coherence warnings alone, as ``programme_overview`` gives them (the target page
    shows those that concern its target): the targets and the province's population, nothing assessed."""
    rows = visible(Observation.objects.all()).filter(
        indicator__programme=programme, indicator__code=POPULATION_CODE, unit__code=programme.province_code
    )
    values = best_by_year(list(rows.exclude(other_bearers_q(programme=programme))))
    return coherence_warnings(
        programme=programme,
        targets=programme_targets(programme=programme),
        population=float(values[max(values)].value) if values else None,
    )


def target_row(*, target: pm.Target) -> tuple[TargetRow, list[Observation]]:
    """One target for the province: the row (values used per year, assessment) and every approved value.

    The assessment is the stored one when the store holds it, otherwise computed from the values.
    ``target`` should come with its indicator and programme selected.
    """
    programme = target.indicator.programme
    units = list(AdminUnit.objects.filter(code=programme.province_code))
    # The programme's province is its territory's versions of the code, never the unit that took the code
    # later (the new Bắc Ninh): as for the dashboard's series (``province_series``).
    shown = observations_for(indicator=target.indicator, units=units)
    values = list(shown.exclude(other_bearers_q(programme=programme)))
    merged = with_former_territory(programme=programme, series={target.indicator_id: best_by_year(values)})
    series = merged.get(target.indicator_id, {})
    # The former territory's sums are shown among the values, with how they were obtained.
    values += [obs for obs in series.values() if obs.pk is None]
    assessment = stored_assessment(target=target)
    if assessment is None:
        assessment = target_assessment(target=target, series=series)
    return TargetRow(target=target, series=series, assessment=assessment), values


def unit_series(*, programme: pm.Programme, code: str) -> dict[int, dict[int, Observation]]:
    """For every indicator of the programme: year → the value used, for the unit ``code`` (all versions)."""
    rows = (
        visible(Observation.objects.all())
        .filter(indicator__programme=programme, unit__code=code)
        .select_related("unit")
    )
    grouped: dict[int, list[Observation]] = defaultdict(list)
    for obs in rows:
        grouped[obs.indicator_id].append(obs)
    return {indicator_id: best_by_year(values) for indicator_id, values in grouped.items()}


def target_assessment(
    *, target: pm.Target, series: dict[int, Observation], as_of: int | None = None, sub_unit: bool = False
) -> Assessment:
    """Assess one target on a series of chosen values (year → observation), for the province or, with
    ``sub_unit``, for a district or commune (``plans.TargetPlan.assess``)."""
    return target_plan(target).assess(
        {year: float(obs.value) for year, obs in series.items()},
        series_unit=series_unit(series),
        sub_unit=sub_unit,
        as_of=as_of,
    )


def coherence_warnings(
    *, programme: pm.Programme, targets: list[pm.Target], population: float | None
) -> list[CoherenceWarning]:
    """Checks across the programme's targets: structure shares, GRDP vs per head (with the province's
    latest ``population``), VND vs USD."""
    warnings: list[CoherenceWarning] = []
    shares = [t for t in targets if t.kind == TargetKind.SHARE and not t.part_of]
    if shares:
        warnings += check_structure_shares(
            {t.code: (t.low, t.high if t.high is not None else t.low) for t in shares}
        )
    by_indicator = {t.indicator.code: t for t in targets}
    grdp, per_head = by_indicator.get(GRDP_CODE), by_indicator.get(GRDP_PER_HEAD_CODE)
    if grdp and per_head and grdp.low and per_head.low and population:
        warnings += check_grdp_per_head(grdp.low, per_head.low, population)
    if per_head and per_head.low and per_head.equivalent_value and programme.usd_exchange_rate:
        warnings += check_vnd_usd(per_head.low, per_head.equivalent_value, programme.usd_exchange_rate)
    return warnings


def _latest_population(programme: pm.Programme, series: dict[int, dict[int, Observation]]) -> float | None:
    indicator = pm.Indicator.objects.filter(programme=programme, code=POPULATION_CODE).first()
    values = series.get(indicator.pk, {}) if indicator else {}
    return float(values[max(values)].value) if values else None


def _up_to(values: dict[int, Observation], as_of: int | None) -> dict[int, Observation]:
    return values if as_of is None else {year: obs for year, obs in values.items() if year <= as_of}


def measured_years(*, programme: pm.Programme, today: date | None = None) -> list[int]:
    """The years with a measured figure for the programme's indicators, newest first: the years to judge
    "as of" (the dashboard's year filter, the store's as-of years).

    Plans ("kế hoạch": a 2030 goal published as a row), figures not yet approved and years after this one
    are not measured figures.
    """
    this_year = (today or timezone.localdate()).year
    indicator_ids = list(pm.Indicator.objects.filter(programme=programme).values_list("id", flat=True))
    years = (
        visible(Observation.objects.all())
        # The programme's indicator ids rather than a join to them: joined, the query walks every figure
        # of every programme (about 1 s for a million on SQLite); by ids it uses the indicator index.
        .filter(indicator_id__in=indicator_ids, year__isnull=False, year__lte=this_year)
        .exclude(status=FigureStatus.PLAN)
        .order_by()  # without the model's ordering, DISTINCT runs over the years only
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted({y for y in years if y is not None}, reverse=True)


# -- the store of assessments -----------------------------------------------------------------------------


def stored_assessments(
    *, programme: pm.Programme, unit_code: str | None = None, as_of: int | None = None
) -> dict[int, Assessment]:
    """Target id → the stored assessment of ``unit_code`` (default: the province) as of ``as_of``.

    Empty when nothing is stored for that unit and year (never refreshed, or a year not kept): the caller
    then assesses live. One query; the explanation texts are written here, for these targets only.
    """
    rows = StoredAssessment.objects.filter(
        programme=programme, unit_code=unit_code or programme.province_code
    ).select_related("target__indicator")
    rows = _as_of(rows, as_of)
    return {row.target_id: assessment_decode(row.result, domain_target(row.target)) for row in rows}


def _as_of(rows: QuerySet[StoredAssessment], as_of: int | None) -> QuerySet[StoredAssessment]:
    """The stored answers as of ``as_of``; on every figure (None), only those computed since this year's
    1 January: an older one was judged before the calendar closed last year, when a deadline of that year
    was still ahead (``plans.last_year_over``), and the caller assesses live until a refresh."""
    if as_of is not None:
        return rows.filter(as_of=as_of)
    this_year = datetime.combine(
        date(last_year_over() + 1, 1, 1), time.min, tzinfo=timezone.get_current_timezone()
    )
    return rows.filter(as_of__isnull=True, computed_at__gte=this_year)


def stored_status_counts(*, programme: pm.Programme, as_of: int | None = None) -> dict[Status, int]:
    """How many stored (target, unit) assessments of ``programme`` have each status, every status listed
    (best first, insufficient data last); counted by the database, nothing decoded."""
    rows = _as_of(StoredAssessment.objects.filter(programme=programme), as_of)
    counted = dict(rows.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return {status: counted.get(status.value, 0) for status in (*STATUS_ORDER, Status.INSUFFICIENT_DATA)}


def assessed_unit_codes(*, programme: pm.Programme) -> set[str]:
    """The unit codes with stored assessments: the programme's province and every unit with a figure.

    For the dashboard's unit filter: one indexed query over a few thousand rows, where reading the codes
    of every commune figure scans all of the programme's figures (millions, nationwide).
    """
    rows = StoredAssessment.objects.filter(programme=programme, as_of__isnull=True)
    return set(rows.values_list("unit_code", flat=True).distinct())


def stored_version(*, programme: pm.Programme) -> str:
    """A stamp that changes whenever a refresh changes a stored assessment of ``programme`` (for caching a
    rendered page: a figure that changes an input changes the stamp); empty when nothing is stored."""
    found = StoredAssessment.objects.filter(programme=programme).aggregate(
        n=Count("id"), last=Max("computed_at")
    )
    return "" if not found["n"] else f"{found['n']}@{found['last'].isoformat()}"


def stored_assessment(
    *, target: pm.Target, unit_code: str | None = None, as_of: int | None = None
) -> Assessment | None:
    """The stored assessment of one target for ``unit_code`` (default: the province), or None."""
    programme = target.indicator.programme
    rows = StoredAssessment.objects.filter(target=target, unit_code=unit_code or programme.province_code)
    row = _as_of(rows, as_of).first()
    return None if row is None else assessment_decode(row.result, domain_target(target))

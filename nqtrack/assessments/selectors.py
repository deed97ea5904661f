"""Reads for the programme overview: every target with its province series and its assessment.

Assessments are computed from the values in use (best status, latest publication; plans, partial
periods and range ends left out) with the pure progress engine (docs/progress.md). Where the store of
assessments (``nqtrack.progress_store``) holds the answer for a (target, unit, as-of year), it is read
from there instead of being computed: the same answer (tests/assessments/test_stored_pages.py), without
running the engine on every page view. A stored answer is current by construction: every change to what
it reads either refreshes it (figures written, ``assessments_refresh_later``) or removes it in the same
transaction (a programme reloaded with changed definitions, ``programmes.services.programme_load``); an
answer not stored is computed here, so a programme never refreshed still shows correct pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from nqtrack.domain.coherence import (
    CoherenceWarning,
    check_grdp_per_head,
    check_structure_shares,
    check_vnd_usd,
)
from nqtrack.domain.progress import (
    Assessment,
    Method,
    SeriesKind,
    Status,
    assess,
    count_by_status,
    group_status,
)
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind
from nqtrack.observations.models import Observation
from nqtrack.observations.selectors import best_by_year, observations_for, province_series, visible
from nqtrack.places.models import AdminUnit
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import programme_targets

# The module, not its names: nqtrack.progress_store.selectors imports this module (for domain_target).
from nqtrack.progress_store import selectors as store

# Indicator codes the cross-target checks read (the names used by the shipped programme file).
GRDP_CODE = "grdp_current_prices"
GRDP_PER_HEAD_CODE = "grdp_per_capita"
POPULATION_CODE = "population"


# Units of figures that do not add up over units (rates, per head): a district can be judged against them.
INTENSIVE_UNITS = frozenset(
    {
        "percent",
        "percent_per_year",
        "percentage_points",
        "percentage_points_per_year",
        "beds_per_10000",
        "doctors_per_10000",
        "million_vnd",
        "usd",
    }
)

_PROVINCE_TOTAL = Assessment(
    status=Status.INSUFFICIENT_DATA,
    method=Method.RATIO,
    reason="Chỉ tiêu là tổng của cả tỉnh: không đánh giá cho một huyện hay xã.",
    reason_en="The target is a province total: it is not assessed for a district or commune.",
    reason_code="province_total",
)


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
    from_store: bool = True,
) -> Overview:
    """The indicator groups in order, each target assessed on the values up to ``as_of``.

    The values are the province's, or those of the unit ``unit_code`` (a district or commune: every
    version of that code, so a 2022 figure stays on its 2022 unit). The coherence checks always read
    the province's figures: they compare the programme's own targets. Each assessment is the stored one
    when the store holds it, otherwise computed from the values (``from_store=False``: every one computed
    here, which the tests comparing the store with the engine need).
    """
    [overview] = programme_overviews(
        programme=programme, as_of_years=[as_of], unit_code=unit_code, from_store=from_store
    )
    return overview


def programme_overviews(
    *,
    programme: pm.Programme,
    as_of_years: Sequence[int | None],
    unit_code: str | None = None,
    from_store: bool = True,
) -> list[Overview]:
    """``programme_overview`` for each of ``as_of_years`` (in that order), from one read of the figures,
    targets and groups (the dashboard shows three: every figure, and the two years it compares)."""
    province = province_series(programme=programme)
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
        stored = (
            store.stored_assessments(programme=programme, unit_code=unit_code, as_of=as_of)
            if from_store
            else {}
        )
        rows: dict[int, GroupRow] = {
            g.pk: GroupRow(group=g, milestones=list(g.milestones.all())) for g in groups
        }
        for target in targets:
            values = _up_to(series.get(target.indicator_id, {}), as_of)
            assessment = stored.get(target.pk)
            if assessment is None:
                assessment = (
                    _PROVINCE_TOTAL
                    if sub_unit and not applies_to_sub_unit(target)
                    else target_assessment(target=target, series=values)
                )
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
    values = best_by_year(list(rows))
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
    values = list(observations_for(indicator=target.indicator, units=units))
    series = best_by_year(values)
    assessment = store.stored_assessment(target=target)
    if assessment is None:
        assessment = target_assessment(target=target, series=series)
    return TargetRow(target=target, series=series, assessment=assessment), values


def applies_to_sub_unit(target: pm.Target) -> bool:
    """Whether a province target can judge a district's or commune's figures.

    Rates, shares, per-head and per-10,000 figures and growth targets can; totals (GRDP in billion VND,
    people, households, counts) are the province's sum and cannot.
    """
    if target.kind in (TargetKind.AVERAGE_GROWTH, TargetKind.ANNUAL_CHANGE):
        return True
    return (target.unit or target.indicator.unit) in INTENSIVE_UNITS


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
    *, target: pm.Target, series: dict[int, Observation], as_of: int | None = None
) -> Assessment:
    """Assess one target on a series of chosen values (year → observation)."""
    programme = target.indicator.programme
    units = {obs.measure_unit for obs in series.values()}
    return assess(
        domain_target(target),
        {year: float(obs.value) for year, obs in series.items()},
        method=Method(target.method or programme.progress_method),
        series_kind=SeriesKind(target.series_kind),
        base_year=target.base_year or programme.effective_base_year,
        as_of=as_of,
        series_unit=units.pop() if len(units) == 1 else None,
    )


def domain_target(target: pm.Target) -> Target:
    """The pure-domain target of a stored target (indicator defaults filled in)."""
    return Target(
        kind=TargetKind(target.kind),
        comparator=Comparator(target.comparator),
        low=target.low,
        high=target.high,
        direction=Direction(target.direction or target.indicator.direction),
        year=target.year,
        period=(target.period_start, target.period_end)
        if target.period_start is not None and target.period_end is not None
        else None,
        unit=target.unit or target.indicator.unit,
        tolerance=target.tolerance,
        base_year=target.base_year,
        baseline=target.baseline_value,
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

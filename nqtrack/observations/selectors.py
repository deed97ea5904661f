"""Reads of observations: the values of an indicator for a unit, and the one used for each year."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from nqtrack.domain.observations import Candidate, best_candidate
from nqtrack.observations.models import Observation
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Programme


def observations_for(*, indicator: Indicator, units: list[AdminUnit]) -> QuerySet[Observation]:
    """Every stored value of ``indicator`` for ``units`` (all statuses), oldest period first."""
    return (
        Observation.objects.filter(indicator=indicator, unit__in=units)
        .select_related("unit")
        .order_by("year", "period", "-published", "id")
    )


def best_by_year(observations: list[Observation]) -> dict[int, Observation]:
    """For each year, the annual value used by default (see ``nqtrack.domain.observations``)."""
    by_year: dict[int, list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.year is not None and obs.period == str(obs.year):
            by_year[obs.year].append(obs)
    chosen: dict[int, Observation] = {}
    for year, candidates in by_year.items():
        by_id = {o.pk: o for o in candidates}
        best = best_candidate(_candidate(o) for o in candidates)
        if best is not None:
            chosen[year] = by_id[best.ident]
    return dict(sorted(chosen.items()))


def province_series(*, programme: Programme) -> dict[int, dict[int, Observation]]:
    """For every indicator of the programme: year → the value used, for the programme's province.

    The province is the unit carrying the programme's province code in every version (its history).
    Reads all values in one query.
    """
    rows = Observation.objects.filter(
        indicator__programme=programme, unit__code=programme.province_code
    ).select_related("unit")
    grouped: dict[int, list[Observation]] = defaultdict(list)
    for obs in rows:
        grouped[obs.indicator_id].append(obs)
    return {indicator_id: best_by_year(values) for indicator_id, values in grouped.items()}


def _candidate(obs: Observation) -> Candidate:
    return Candidate(
        ident=obs.pk, status=obs.status, published=obs.published, partial=obs.partial, bound=obs.bound
    )

"""The figures in use: which of several stored figures for one (indicator, unit, period) counts, and what
the database holds around a set of rows to be entered.

One rule for every reader (``nqtrack.domain.observations.figure_candidate``, with the date a reported
figure counts as published): the pages and reports (``selectors.best_by_year``), the entry and import
checks (``stored_around``), review (``values_in_use``) and the store of assessments
(``nqtrack.assessments.inputs``, on plain rows).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from nqtrack.domain.observations import Candidate, best_candidate, figure_candidate
from nqtrack.observations.models import Observation, Origin, ReviewState, YearClosure
from nqtrack.programmes.models import Programme


def candidate_of(obs: Observation) -> Candidate:
    """The candidate of a stored figure (``figure_candidate``)."""
    reported = obs.origin == Origin.REPORTED
    return figure_candidate(
        obs.pk,
        obs.status,
        obs.published,
        partial=obs.partial,
        bound=obs.bound,
        reported=reported,
        changed_on=timezone.localdate(obs.updated_at) if reported else None,
    )


def best_figure(observations: Iterable[Observation]) -> Observation | None:
    """The figure in use among several for one (indicator, unit, period), or None when none is actual."""
    by_id = {o.pk: o for o in observations}
    best = best_candidate(candidate_of(o) for o in by_id.values())
    return by_id[best.ident] if best is not None else None


@dataclass(slots=True)
class StoredAround:
    """What the database holds around the rows: reported and published figures, locks, closed years."""

    reported: dict[tuple[int, int, str], Observation]
    published: dict[tuple[int, int, str], list[Observation]]
    batches: dict[tuple[int, int, int | None], set[str]]
    closed: dict[int, date]
    values: dict[int, dict[tuple[str, int], float]]  # unit id → (indicator code, year) → value in use


def stored_around(*, programme: Programme, unit_ids: set[int], years: set[int]) -> StoredAround:
    """The figures of ``unit_ids`` for ``years`` and the year before each (for the year-on-year check)."""
    around = years | {y - 1 for y in years}
    rows = (
        Observation.objects.filter(indicator__programme=programme, unit_id__in=unit_ids, year__in=around)
        .select_related("indicator", "indicator__group", "unit", "updated_by")
        .order_by("id")
    )
    stored = StoredAround({}, defaultdict(list), defaultdict(set), _closed_years(programme), {})
    for obs in rows:
        key = (obs.indicator_id, obs.unit_id, obs.period)
        if obs.origin == Origin.REPORTED:
            stored.reported[key] = obs
            if obs.year is not None:
                stored.batches[(obs.unit_id, obs.year, obs.indicator.group_id)].add(obs.review_state)
        elif obs.review_state == ReviewState.APPROVED:
            stored.published[key].append(obs)
    stored.values = _values_in_use(stored)
    return stored


def values_in_use(
    *, programme: Programme, unit_ids: set[int], years: set[int]
) -> dict[int, dict[tuple[str, int], float]]:
    """Annual values of each unit as the validation rules see them, for ``years`` and the year before each:
    the reported figure, else the published one in use."""
    return stored_around(programme=programme, unit_ids=unit_ids, years=years).values


def _closed_years(programme: Programme) -> dict[int, date]:
    today = timezone.localdate()
    return dict(
        YearClosure.objects.filter(programme=programme, closes_on__lte=today).values_list("year", "closes_on")
    )


def _values_in_use(stored: StoredAround) -> dict[int, dict[tuple[str, int], float]]:
    values: dict[int, dict[tuple[str, int], float]] = defaultdict(dict)
    for (_, unit_id, period), observations in stored.published.items():
        best = best_figure(observations)
        if best is not None and best.year is not None and period == str(best.year):
            values[unit_id][(best.indicator.code, best.year)] = float(best.value)
    for (_, unit_id, period), obs in stored.reported.items():
        if obs.year is not None and period == str(obs.year):
            values[unit_id][(obs.indicator.code, obs.year)] = float(obs.value)
    return values

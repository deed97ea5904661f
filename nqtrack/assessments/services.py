"""Writes of stored assessments: assess every (target, unit) pair of a programme in bulk, keep the answers,
and recompute only those whose inputs changed.

``assessments_refresh`` is what an import, an approval or a worker calls after figures change
(``assessments_refresh_later`` defers it to the task backend once the change is committed). Reads are in
``selectors``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from nqtrack.assessments.codec import assessment_encode
from nqtrack.assessments.inputs import EMPTY, FigureRow, SeriesInput, figure_rows, series_input, units_of
from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.plans import TargetPlan, last_year_over, target_plan
from nqtrack.assessments.selectors import measured_years
from nqtrack.core.bulk_insert import insert_tuples
from nqtrack.core.pagecache import pages_changed
from nqtrack.domain.progress import Assessment
from nqtrack.observations.territory import TerritoryValue, former_territory_values
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import programme_targets, programme_territory

if TYPE_CHECKING:
    from datetime import date

BATCH = 1000
_EMPTY_DIGEST = hashlib.blake2b(digest_size=16).digest()

type _Key = tuple[int, str, int | None]  # target id, unit code, as-of year
# The version of the rules an answer is computed by, in every fingerprint: a change of what the engine or
# the store answers for the same figures (as of 2: an as-of answer judged as of its year) changes it, so
# the next refresh recomputes every stored answer instead of keeping one computed by the older rules.
RULES = b"rules 2;"

# The columns of a new row, as _Writer.pending holds them (computed_at is stamped when written).
_COLUMNS = ("programme", "target", "unit_code", "as_of", "status", "result", "fingerprint", "computed_at")


@dataclass(slots=True)
class RefreshSummary:
    """What a refresh did: pairs × as-of keys seen, rows written anew, recomputed, left, removed."""

    programme: str
    as_of_years: tuple[int, ...]
    units: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def recomputed(self) -> int:
        return self.created + self.updated

    def as_dict(self) -> dict[str, object]:
        return {
            "programme": self.programme,
            "as_of_years": list(self.as_of_years),
            "units": self.units,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
        }


@dataclass(slots=True)
class _Writer:
    """Collects what changed and writes it in batches."""

    programme: pm.Programme
    stored: dict[_Key, tuple[int, str]]
    summary: RefreshSummary
    seen: set[_Key] = field(default_factory=set)
    pending: list[tuple[object, ...]] = field(default_factory=list)
    replaced: list[int] = field(default_factory=list)
    # The last calendar year over, read once for the whole refresh (``plans.last_year_over``).
    closed_through: int = field(default_factory=last_year_over)

    def offer(self, key: _Key, fingerprint: str, compute: partial[Assessment], *, explained: bool) -> None:
        self.seen.add(key)
        old = self.stored.get(key)
        if old is not None and old[1] == fingerprint:
            self.summary.unchanged += 1
            return
        if old is None:
            self.summary.created += 1
        else:
            self.summary.updated += 1
            self.replaced.append(old[0])
        assessment = compute()
        self.pending.append(
            (
                self.programme.pk,
                key[0],
                key[1],
                key[2],
                assessment.status.value,
                assessment_encode(assessment, explain_on_read=explained),
                fingerprint,
            )
        )
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for start in range(0, len(self.replaced), BATCH):
            StoredAssessment.objects.filter(pk__in=self.replaced[start : start + BATCH]).delete()
        now = timezone.now()
        insert_tuples(StoredAssessment, _COLUMNS, [(*row, now) for row in self.pending])
        self.pending, self.replaced = [], []

    def remove_unseen(self) -> None:
        gone = [pk for key, (pk, _) in self.stored.items() if key not in self.seen]
        for start in range(0, len(gone), BATCH):
            StoredAssessment.objects.filter(pk__in=gone[start : start + BATCH]).delete()
        self.summary.deleted = len(gone)


def assessments_refresh(
    *,
    programme: pm.Programme,
    as_of_years: Iterable[int] | None = None,
    unit_codes: Iterable[str] | None = None,
) -> RefreshSummary:
    """Assess every (target, unit) pair of ``programme`` from its figures and store the answers.

    Pairs: every target for the programme's province and for every other unit code with an approved
    figure of the programme. Each pair is assessed on every figure and, for each year of ``as_of_years``
    (default: ``dashboard_years``, what the dashboard's first page shows), on the figures up to that year.
    ``unit_codes`` limits the work to those units (an import names the units it wrote), unless the
    dashboard's years have moved since the last refresh (a first figure of a new year): then every unit's
    rows are for the old years and every unit is refreshed. The figures are read in one streamed query; a
    pair whose fingerprint is unchanged is not recomputed; rows for pairs or years no longer asked for are
    removed. Returns the counts.
    """
    summary = _refresh(programme=programme, as_of_years=as_of_years, unit_codes=unit_codes)
    # The pages show the stored answers and the figures they were computed from: new cached parts. Once
    # the refresh has committed (the task and the commands call it outside a transaction), so that a page
    # computed while it ran, from the rows before it, is not kept either.
    pages_changed()
    return summary


@transaction.atomic
def _refresh(
    *, programme: pm.Programme, as_of_years: Iterable[int] | None, unit_codes: Iterable[str] | None
) -> RefreshSummary:
    years = tuple(sorted(set(dashboard_years(programme=programme) if as_of_years is None else as_of_years)))
    scope = None if unit_codes is None else frozenset(unit_codes)
    if scope is not None and _holds_territory_communes(programme, scope):
        # A commune's figure may change the former territory's sum: the province is refreshed with it.
        scope |= {programme.province_code}
    if scope is not None and as_of_years is None and _years_moved(programme, years):
        scope = None
    summary = RefreshSummary(programme=programme.code, as_of_years=years)
    plans = _plans(programme)
    writer = _Writer(programme=programme, stored=_stored_keys(programme, scope), summary=summary)
    for unit_code, series in _unit_series(programme, plans, years, scope):
        summary.units += 1
        _offer_unit(writer, plans, unit_code, series, years)
    writer.flush()
    writer.remove_unseen()
    return summary


def _offer_unit(
    writer: _Writer,
    plans: dict[int, list[TargetPlan]],
    unit_code: str,
    series: dict[int, SeriesInput],
    years: tuple[int, ...],
) -> None:
    """Offer every pair of one unit to the writer, which computes those whose fingerprint changed."""
    sub_unit = unit_code != writer.programme.province_code
    # An answer on every figure also depends on which years the calendar has closed (a deadline passes).
    clock = f"closed through {writer.closed_through}".encode()
    for indicator_id, indicator_plans in plans.items():
        data = series.get(indicator_id, EMPTY)
        for as_of in (None, *years):
            digest = data.digests.get(as_of, _EMPTY_DIGEST) + (clock if as_of is None else b"")
            for plan in indicator_plans:
                fingerprint = hashlib.blake2b(RULES + plan.key + digest, digest_size=16).hexdigest()
                compute = partial(
                    _assess, plan, data, as_of=as_of, sub_unit=sub_unit, closed_through=writer.closed_through
                )
                # The fixed "province total" answer has no explanation to write when read.
                explained = plan.sub_units or not sub_unit
                writer.offer((plan.target.pk, unit_code, as_of), fingerprint, compute, explained=explained)


def _assess(
    plan: TargetPlan, series: SeriesInput, *, as_of: int | None, sub_unit: bool, closed_through: int
) -> Assessment:
    """The answer of one pair, without its texts (written when read)."""
    if sub_unit and not plan.sub_units:
        return plan.assess({}, series_unit=None, sub_unit=True)
    values, unit = series.values(as_of)
    return plan.assess(values, series_unit=unit, as_of=as_of, texts=False, closed_through=closed_through)


def assessments_refresh_later(*, programme: pm.Programme, unit_codes: Iterable[str] | None = None) -> None:
    """Refresh ``programme``'s stored assessments (of ``unit_codes`` only, when given) through the task
    backend once the current transaction commits.

    With the immediate backend (the embedded default) that is at once, in this process; with the database
    backend a worker (``nqtrack db_worker``) does it.
    """
    # Imported here: the task module imports this one (its task calls assessments_refresh).
    from nqtrack.assessments.tasks import refresh_assessments

    codes = None if unit_codes is None else sorted(set(unit_codes))
    transaction.on_commit(partial(refresh_assessments.enqueue, programme.pk, codes))


def dashboard_years(*, programme: pm.Programme, today: date | None = None) -> tuple[int, ...]:
    """The as-of years the dashboard opens on: the latest year with a measured figure and the one before
    (its "what changed since last year"), from ``selectors.measured_years``."""
    years = measured_years(programme=programme, today=today)
    return () if not years else (years[0] - 1, years[0])


def _years_moved(programme: pm.Programme, years: tuple[int, ...]) -> bool:
    """Whether the as-of years stored for the programme's province (refreshed with every unit, and kept
    whether it has figures or not) differ from ``years``; False when nothing is stored yet."""
    stored = set(
        StoredAssessment.objects.filter(programme=programme, unit_code=programme.province_code)
        .values_list("as_of", flat=True)
        .distinct()
    )
    return bool(stored) and stored - {None} != set(years)


def _plans(programme: pm.Programme) -> dict[int, list[TargetPlan]]:
    """indicator id → its targets' plans, in document order."""
    plans: dict[int, list[TargetPlan]] = {}
    for target in programme_targets(programme=programme):
        plans.setdefault(target.indicator_id, []).append(target_plan(target))
    return plans


def _stored_keys(programme: pm.Programme, scope: frozenset[str] | None) -> dict[_Key, tuple[int, str]]:
    rows = StoredAssessment.objects.filter(programme=programme)
    if scope is not None:
        rows = rows.filter(unit_code__in=scope)
    found = rows.values_list("pk", "target_id", "unit_code", "as_of", "fingerprint")
    return {
        (target, code, as_of): (pk, fp) for pk, target, code, as_of, fp in found.iterator(chunk_size=5000)
    }


def _unit_series(
    programme: pm.Programme,
    plans: dict[int, list[TargetPlan]],
    years: Sequence[int],
    scope: frozenset[str] | None,
) -> Iterator[tuple[str, dict[int, SeriesInput]]]:
    """(unit code, indicator id → series) for every unit with figures, and for the province in any case."""
    province = programme.province_code
    province_seen = False
    territory = former_territory_values(programme=programme) if scope is None or province in scope else {}
    # Every indicator is read, not only those with targets: a unit with any figure gets all its pairs, as
    # the dashboard shows every target for a unit it offers.
    for code, indicators in units_of(figure_rows(programme=programme, unit_codes=scope)):
        if code != province:
            yield code, {i: series_input(figures, years) for i, figures in indicators if i in plans}
            continue
        province_seen = True
        rows = dict(indicators)
        yield (
            code,
            {
                i: series_input(_with_territory_rows(i, rows.get(i, []), territory.get(i, {}), code), years)
                for i in plans.keys() & (rows.keys() | territory.keys())
            },
        )
    if not province_seen and (scope is None or province in scope):
        yield (
            province,
            {
                i: series_input(_with_territory_rows(i, [], territory[i], province), years)
                for i in plans.keys() & territory.keys()
            },
        )


def _with_territory_rows(
    indicator_id: int, rows: list[FigureRow], territory: dict[int, TerritoryValue], code: str
) -> list[FigureRow]:
    """The province's figures of one indicator with a row for each post-merger year that has no figure of
    its own and a sum for the former territory: the rows the live path's series holds
    (``with_former_territory``), so that the stored answer and its fingerprint follow the communes."""
    own = {figure.year for figure in series_input(rows, ()).figures}
    added = [
        (indicator_id, code, -value.year, value.year, str(value.year), float(value.value))
        + (value.measure_unit, value.status, None, False, "", "", "")
        for value in territory.values()
        if value.value is not None and value.year not in own
    ]
    if not added:
        return rows
    return sorted(rows + added, key=itemgetter(3, 2))


def _holds_territory_communes(programme: pm.Programme, codes: frozenset[str]) -> bool:
    """Whether ``codes`` name a commune created from the merger on, whose figures may enter the former
    territory's sums (``former_territory_values``)."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None:
        return False
    communes = AdminUnit.objects.filter(
        code__in=codes, level=UnitLevel.COMMUNE, valid_from__gte=territory.valid_to
    )
    return communes.exists()


def stored_assessments_renew(*, programme: pm.Programme) -> None:
    """Remove the programme's stored assessments now and recompute them after the commit.

    Every one goes, not only those of the targets that changed: the programme row (method, base year) and
    an indicator (unit, direction) reach every target below them, and a reload is rare. Until the refresh
    has run, the pages assess live.
    """
    StoredAssessment.objects.filter(programme=programme).delete()
    assessments_refresh_later(programme=programme)

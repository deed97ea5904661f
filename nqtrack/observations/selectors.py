"""Reads of observations: the values of an indicator for a unit, the one used for each year, the entry
grid, review batches and the review queue, exports and the audit log.

The public sees approved figures only (published figures are imported as approved). Every read that
shows a signed-in user's unpublished figures (drafts, submitted, returned) goes through
:func:`nqtrack.observations.permissions.view_filter_observations` here (the audit log through
:func:`nqtrack.observations.permissions.view_filter_audit`); a page for a unit outside the user's view
scope is refused with ``PermissionDenied``. ``user`` None is a command run from the shell: the
operating-system account's authority, everything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nqtrack.accounts import scopes
from nqtrack.core.users import AnyUser
from nqtrack.domain.periods import PeriodError
from nqtrack.observations.audit import Actor, audit_entry, snapshot
from nqtrack.observations.in_use import best_figure
from nqtrack.observations.models import (
    AuditAction,
    AuditEntry,
    Observation,
    Origin,
    ReviewState,
    YearClosure,
    published_q,
)
from nqtrack.observations.permissions import (
    require_review,
    view_filter_audit,
    view_filter_imported,
    view_filter_observations,
)
from nqtrack.observations.territory import other_bearers_q
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import unit_for_period
from nqtrack.places.versions import (
    Formed,
    VersionError,
    covers,
    span_of,
    split_version_key,
    started_from_predecessors,
    version_for_period,
    version_label,
)
from nqtrack.programmes.models import Indicator, IndicatorGroup, Programme
from nqtrack.programmes.selectors import programme_territory


def visible(queryset: QuerySet[Observation], *, include_drafts: bool = False) -> QuerySet[Observation]:
    """Published figures only (``models.published_q``), unless ``include_drafts`` (drafts and submitted
    figures too)."""
    return queryset if include_drafts else queryset.filter(published_q())


def observations_for(
    *, indicator: Indicator, units: list[AdminUnit], include_drafts: bool = False
) -> QuerySet[Observation]:
    """Every stored value of ``indicator`` for ``units`` (all statuses), oldest period first."""
    rows = Observation.objects.filter(indicator=indicator, unit__in=units)
    return (
        visible(rows, include_drafts=include_drafts)
        .select_related("unit")
        .order_by("year", "period", "-published", "id")
    )


def series_unit(series: dict[int, Observation]) -> str | None:
    """The unit every figure of a series is published in; None for no figure or several units."""
    units = {obs.measure_unit for obs in series.values()}
    return units.pop() if len(units) == 1 else None


def best_by_year(observations: list[Observation]) -> dict[int, Observation]:
    """For each year, the annual value used by default (see ``nqtrack.domain.observations``)."""
    by_year: dict[int, list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.year is not None and obs.period == str(obs.year):
            by_year[obs.year].append(obs)
    chosen = {year: best for year, candidates in by_year.items() if (best := best_figure(candidates))}
    return dict(sorted(chosen.items()))


def province_series(
    *, programme: Programme, include_drafts: bool = False
) -> dict[int, dict[int, Observation]]:
    """For every indicator of the programme: year → the value used, for the programme's province.

    The province is the programme's territory: the versions of its code up to the territory's (its
    history), never a unit that took the code later (the new Bắc Ninh). Reads all values in one query.
    """
    rows = Observation.objects.filter(
        indicator__programme=programme, unit__code=programme.province_code
    ).exclude(other_bearers_q(programme=programme))
    grouped: dict[int, list[Observation]] = defaultdict(list)
    for obs in visible(rows, include_drafts=include_drafts).select_related("unit"):
        grouped[obs.indicator_id].append(obs)
    return {indicator_id: best_by_year(values) for indicator_id, values in grouped.items()}


# -- the entry grid ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GridCell:
    indicator: Indicator
    year: int
    unit: AdminUnit | None  # the unit version the year's figure belongs to
    reported: Observation | None
    published: Observation | None  # the published figure in use, for reference
    state: str  # the review state of the cell's batch ("" when it holds nothing reported)
    closed_on: date | None
    capture: bool = True  # within the user's capture scope

    @property
    def editable(self) -> bool:
        return (
            self.capture
            and self.unit is not None
            and self.closed_on is None
            and self.state not in (ReviewState.SUBMITTED, ReviewState.APPROVED)
        )

    @property
    def version(self) -> int:
        return self.reported.version if self.reported is not None else 0


@dataclass(frozen=True, slots=True)
class GridRow:
    indicator: Indicator
    cells: list[GridCell]


@dataclass(frozen=True, slots=True)
class GridGroup:
    group: IndicatorGroup | None
    rows: list[GridRow]

    @property
    def label(self) -> str:
        return f"({self.group.number}) {self.group.text}" if self.group else "Chỉ tiêu bổ trợ"


@dataclass(frozen=True, slots=True)
class BatchRow:
    """A review batch shown under the grid, with the steps the user may take."""

    group: IndicatorGroup | None
    year: int
    unit: AdminUnit
    state: str
    count: int
    can_submit: bool
    can_review: bool

    @property
    def group_label(self) -> str:
        return f"({self.group.number})" if self.group else "bổ trợ"


@dataclass(frozen=True, slots=True)
class Grid:
    programme: Programme
    unit_code: str
    years: list[int]
    units: dict[int, AdminUnit | None]  # year → unit version
    groups: list[GridGroup]
    batches: list[BatchRow] = field(default_factory=list)
    closed: dict[int, date] = field(default_factory=dict)
    version: AdminUnit | None = None  # the one unit version shown, when the grid is of one version

    @property
    def unit_name(self) -> str:
        if self.version is not None:
            return version_label(self.version)
        names = [u.name for u in self.units.values() if u is not None]
        return names[-1] if names else self.unit_code


def home_unit_code(*, user: AnyUser, programme: Programme) -> str:
    """The unit a page opens on when none is asked for: the programme's province when the user's view
    scope covers a version of it, else the widest unit of their view scope (a commune reporter's
    commune), else the province (published figures only)."""
    access = scopes.access_for(user=user)
    ids = access.view.unit_ids
    if ids is None or not ids:
        return programme.province_code
    rank: dict[str, int] = {UnitLevel.PROVINCE: 0, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 2}
    viewable = sorted(
        AdminUnit.objects.filter(pk__in=ids).only("code", "level"),
        key=lambda u: (rank.get(u.level, 3), u.code),
    )
    if any(u.code == programme.province_code and u.level == UnitLevel.PROVINCE for u in viewable):
        return programme.province_code
    return viewable[0].code if viewable else programme.province_code


def require_view_unit_code(*, user: AnyUser, unit_code: str) -> None:
    """Raise PermissionDenied unless the user's view scope covers some version of the unit ``unit_code``
    (the pages of one unit: the grid, its audit log)."""
    ids = scopes.access_for(user=user).view.unit_ids
    if ids is None or AdminUnit.objects.filter(code=unit_code, pk__in=ids).exists():
        return
    raise PermissionDenied(
        _("Bạn không có quyền xem số liệu chưa công bố của đơn vị mã %(code)s.") % {"code": unit_code}
    )


def _version_or_none(versions: list[AdminUnit], year: int, formed: Formed) -> AdminUnit | None:
    try:
        return version_for_period(versions, span_of(str(year)), formed=formed)
    except (VersionError, PeriodError):
        return None


def entry_grid(
    *, user: AnyUser, programme: Programme, unit_code: str, years: list[int], group_number: int | None
) -> Grid:
    """The grid of one unit: rows = indicators (of one group, or all), columns = years.

    Refused (PermissionDenied) for a unit outside the user's view scope. The reported figures shown are
    those the user may read; a cell is editable only within their capture scope.
    """
    version = grid_version(programme=programme, unit_code=unit_code)
    code = version.code if version is not None else unit_code
    require_view_unit_code(user=user, unit_code=code)
    if version is None:
        # A year's column is the version a figure of that year is saved on (the imports' and the saves'
        # rule), so a cell shows what saving it would change.
        versions = list(AdminUnit.objects.filter(code=unit_code).select_related("parent"))
        formed = started_from_predecessors(versions)
        units = {year: _version_or_none(versions, year, formed) for year in years}
    else:
        # One version: a year it does not cover whole (Bắc Giang's 2025: only its first half) has no cell.
        formed = started_from_predecessors([version])
        units = {year: version if covers(version, span_of(str(year)), formed) else None for year in years}
    indicators = list(
        Indicator.objects.filter(programme=programme)
        .select_related("group")
        .order_by(F("group__number").asc(nulls_last=True), "position")
    )
    if group_number is not None:
        indicators = [i for i in indicators if i.group is not None and i.group.number == group_number]
    figures = _grid_figures(user, programme, units)
    closed = _closures(programme)
    states = _batch_states(figures["reported"].values())
    grouped: dict[int | None, list[GridRow]] = defaultdict(list)
    groups: dict[int | None, IndicatorGroup | None] = {}
    for indicator in indicators:
        cells = [_cell(user, indicator, year, units[year], figures, states, closed) for year in years]
        grouped[indicator.group_id].append(GridRow(indicator, cells))
        groups[indicator.group_id] = indicator.group
    return Grid(
        programme=programme,
        unit_code=unit_code,
        years=years,
        units=units,
        groups=[GridGroup(groups[key], rows) for key, rows in grouped.items()],
        batches=_batch_rows(user, indicators, units, states, figures["reported"].values()),
        closed={year: on for year, on in closed.items() if year in years},
        version=version,
    )


def batch_unit(*, unit_key: str, year: int) -> AdminUnit | None:
    """The unit version of a review batch posted as a version key ("24@2025-07-01") or a code (its
    version for ``year``); None when there is none."""
    key = split_version_key(unit_key)
    if key is None:
        return None
    code, first_day = key
    if first_day is not None:
        return AdminUnit.objects.filter(code=code, valid_from=first_day).first()
    return unit_for_period(code=code, year=year)


def grid_version(*, programme: Programme, unit_code: str) -> AdminUnit | None:
    """The unit version a grid shows: the one a version key names ("24@2025-07-01"), the programme's
    territory for its province's code (Tỉnh Bắc Giang, not the new Bắc Ninh that took code 24), else
    None (the grid follows the code's versions year by year)."""
    key = split_version_key(unit_code)
    if key is None:
        return None
    code, first_day = key
    if first_day is not None:
        return AdminUnit.objects.filter(code=code, valid_from=first_day).first()
    if code == programme.province_code:
        return programme_territory(programme=programme)
    return None


type _Figures = dict[str, dict[tuple[int, int, int], Observation]]


def _grid_figures(user: AnyUser, programme: Programme, units: dict[int, AdminUnit | None]) -> _Figures:
    unit_ids = {u.pk for u in units.values() if u is not None}
    rows = view_filter_observations(
        user=user,
        queryset=Observation.objects.filter(
            indicator__programme=programme, unit_id__in=unit_ids, year__in=list(units)
        ),
    ).select_related("indicator", "indicator__group", "updated_by")
    reported: dict[tuple[int, int, int], Observation] = {}
    published: dict[tuple[int, int, int], list[Observation]] = defaultdict(list)
    for obs in rows:
        if obs.year is None or obs.period != str(obs.year) or units.get(obs.year) is None:
            continue
        key = (obs.indicator_id, obs.unit_id, obs.year)
        if obs.origin == Origin.REPORTED:
            reported[key] = obs
        elif obs.review_state == ReviewState.APPROVED:
            published[key].append(obs)
    in_use = {key: best for key, values in published.items() if (best := best_figure(values)) is not None}
    return {"reported": reported, "published": in_use}


def _closures(programme: Programme) -> dict[int, date]:
    today = timezone.localdate()
    return dict(
        YearClosure.objects.filter(programme=programme, closes_on__lte=today).values_list("year", "closes_on")
    )


def _batch_states(reported: Iterable[Observation]) -> dict[tuple[int, int, int | None], str]:
    """(unit, year, group) → the batch's state: the least advanced of its figures."""
    order = [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.APPROVED]
    states: dict[tuple[int, int, int | None], str] = {}
    for obs in reported:
        if obs.year is None:
            continue
        key = (obs.unit_id, obs.year, obs.indicator.group_id)
        current = states.get(key)
        if current is None or order.index(ReviewState(obs.review_state)) < order.index(ReviewState(current)):
            states[key] = obs.review_state
    return states


def _cell(
    user: AnyUser,
    indicator: Indicator,
    year: int,
    unit: AdminUnit | None,
    figures: _Figures,
    states: dict[tuple[int, int, int | None], str],
    closed: dict[int, date],
) -> GridCell:
    key = (indicator.pk, unit.pk, year) if unit is not None else (indicator.pk, 0, year)
    state = states.get((unit.pk, year, indicator.group_id), "") if unit is not None else ""
    return GridCell(
        indicator=indicator,
        year=year,
        unit=unit,
        reported=figures["reported"].get(key),
        published=figures["published"].get(key),
        state=state,
        closed_on=closed.get(year),
        capture=unit is not None and scopes.capture_allowed(user=user, unit=unit, indicator=indicator),
    )


def _batch_rows(
    user: AnyUser,
    indicators: list[Indicator],
    units: dict[int, AdminUnit | None],
    states: dict[tuple[int, int, int | None], str],
    reported: Iterable[Observation],
) -> list[BatchRow]:
    counts: dict[tuple[int, int, int | None], int] = defaultdict(int)
    own: set[tuple[int, int, int | None]] = set()  # batches holding a figure the user entered
    for obs in reported:
        if obs.year is not None:
            key = (obs.unit_id, obs.year, obs.indicator.group_id)
            counts[key] += 1
            if obs.created_by_id is not None and obs.created_by_id == user.pk:
                own.add(key)
    groups = {i.group_id: i.group for i in indicators}
    sample = {i.group_id: i for i in reversed(indicators)}  # a group's scope decides for all its indicators
    rows: list[BatchRow] = []
    for group_id, group in sorted(groups.items(), key=lambda g: g[1].number if g[1] else 999):
        for year, unit in units.items():
            if unit is None or (unit.pk, year, group_id) not in states:
                continue
            indicator = sample[group_id]
            rows.append(
                BatchRow(
                    group=group,
                    year=year,
                    unit=unit,
                    state=states[(unit.pk, year, group_id)],
                    count=counts[(unit.pk, year, group_id)],
                    can_submit=scopes.capture_allowed(user=user, unit=unit, indicator=indicator),
                    can_review=(unit.pk, year, group_id) not in own
                    and scopes.is_reviewer_for(user=user, unit=unit, indicator=indicator),
                )
            )
    return rows


# -- the review queue -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueRow:
    """A submitted batch waiting for the user's approval."""

    unit: AdminUnit
    year: int
    group: IndicatorGroup | None
    count: int
    submitted_at: datetime

    @property
    def group_label(self) -> str:
        return f"({self.group.number})" if self.group else "bổ trợ"


def review_queue(*, user: AnyUser, programme: Programme) -> list[QueueRow]:
    """The submitted batches the user may approve or return: within their remit (and so their view
    scope), none of whose figures they entered themselves; the longest waiting first. Refused
    (PermissionDenied) for a role that reviews nothing."""
    require_review(user=user)
    rows = view_filter_observations(
        user=user,
        queryset=Observation.objects.filter(
            indicator__programme=programme,
            origin=Origin.REPORTED,
            review_state=ReviewState.SUBMITTED,
            year__isnull=False,
        ),
    ).select_related("unit", "indicator", "indicator__group")
    batches: dict[tuple[int, int, int | None], list[Observation]] = defaultdict(list)
    for obs in rows:
        if obs.year is not None:
            batches[(obs.unit_id, obs.year, obs.indicator.group_id)].append(obs)
    queue: list[QueueRow] = []
    for (_unit_id, year, _group_id), figures in batches.items():
        first = figures[0]
        if any(obs.created_by_id is not None and obs.created_by_id == user.pk for obs in figures):
            continue
        if not scopes.is_reviewer_for(user=user, unit=first.unit, indicator=first.indicator):
            continue
        queue.append(
            QueueRow(
                unit=first.unit,
                year=year,
                group=first.indicator.group,
                count=len(figures),
                submitted_at=max(obs.updated_at for obs in figures),
            )
        )
    return sorted(
        queue, key=lambda r: (r.submitted_at, r.unit.code, r.year, r.group.number if r.group else 999)
    )


# -- exports ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selection:
    """What to export: units by code (empty: the province), years, one group, drafts or not."""

    unit_codes: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    group_number: int | None = None
    include_drafts: bool = False


def export_figures(*, user: AnyUser | None, programme: Programme, selection: Selection) -> list[Observation]:
    """The figure of each (indicator, unit, period) in the selection: the reported one when there is one
    (approved only unless drafts are asked for, and then only those in the user's view scope), else the
    published figure in use. Ordered by group, indicator, unit code and period."""
    rows = Observation.objects.filter(
        indicator__programme=programme, unit__code__in=_codes(programme, selection)
    )
    if selection.first_year is not None:
        rows = rows.filter(year__gte=selection.first_year)
    if selection.last_year is not None:
        rows = rows.filter(year__lte=selection.last_year)
    if selection.group_number is not None:
        rows = rows.filter(indicator__group__number=selection.group_number)
    if not selection.include_drafts:
        rows = visible(rows)
    elif user is not None:
        rows = view_filter_observations(user=user, queryset=rows)
    chosen = _export_choice(
        rows.exclude(year__isnull=True).select_related("indicator", "indicator__group", "unit", "updated_by")
    )
    return sorted(
        chosen,
        key=lambda o: (
            o.indicator.group.number if o.indicator.group else 999,
            o.indicator.position,
            o.unit.code,
            o.period,
        ),
    )


def _codes(programme: Programme, selection: Selection) -> list[str]:
    return list(selection.unit_codes) or [programme.province_code]


def _export_choice(rows: Iterable[Observation]) -> list[Observation]:
    reported: dict[tuple[int, int, str], Observation] = {}
    published: dict[tuple[int, int, str], list[Observation]] = defaultdict(list)
    for obs in rows:
        key = (obs.indicator_id, obs.unit_id, obs.period)
        if obs.origin == Origin.REPORTED:
            reported[key] = obs
        else:
            published[key].append(obs)
    chosen = dict(reported)
    for key, values in published.items():
        if key not in chosen and (best := best_figure(values)) is not None:
            chosen[key] = best
    return list(chosen.values())


# -- the audit log ----------------------------------------------------------------------------------------


def audit_for_cell(
    *, user: AnyUser, programme: Programme, indicator: Indicator, unit_code: str, period: str
) -> list[AuditEntry]:
    """Every recorded change of one figure (all versions of the unit) the user may read, newest first:
    the audit log's entries and, for a figure an import created, that import's line (``figure_history``).

    Refused (PermissionDenied) for a unit outside the user's view scope."""
    require_view_unit_code(user=user, unit_code=unit_code)
    rows = AuditEntry.objects.filter(
        programme=programme, indicator=indicator, unit__code=unit_code, period=period
    )
    entries = view_filter_audit(user=user, queryset=rows).select_related("indicator", "unit")
    imported = Observation.objects.filter(
        indicator=indicator, unit__code=unit_code, period=period, import_batch__isnull=False
    )
    return _newest_first([*entries, *_import_lines(user=user, figures=imported)])


def audit_for_unit(
    *, user: AnyUser, programme: Programme, unit_code: str, limit: int = 500
) -> list[AuditEntry]:
    """The latest recorded changes of one unit's figures the user may read and of closed years, newest
    first, the imports of its figures among them (``figure_history``). Refused (PermissionDenied) for a
    unit outside the user's view scope."""
    require_view_unit_code(user=user, unit_code=unit_code)
    rows = AuditEntry.objects.filter(programme=programme).filter(
        Q(unit__code=unit_code) | Q(unit__isnull=True)
    )
    entries = (
        view_filter_audit(user=user, queryset=rows)
        .select_related("indicator", "unit")
        .order_by("-at", "-id")[:limit]
    )
    imported = Observation.objects.filter(
        indicator__programme=programme, unit__code=unit_code, import_batch__isnull=False
    ).order_by("-import_batch__at", "-id")
    lines = _import_lines(user=user, figures=imported, limit=limit)
    return _newest_first([*entries, *lines])[:limit]


def figure_history(*, user: AnyUser, observation: Observation) -> list[AuditEntry]:
    """Who wrote ``observation``, from which file, when, and every later change of its cell: its
    history, oldest first.

    A figure an import created has no CREATE entry in the audit log; its first line is read from the
    import's batch (``ImportBatch``): the importing user and channel, the batch's time, the file name
    and row as ``source``, and the batch itself as ``line.batch`` (checksum, counts). Other published
    figures of the same cell (another status or publication) keep their own import lines out of it.
    Refused (PermissionDenied) for a unit outside the user's view scope."""
    lines = audit_for_cell(
        user=user,
        programme=observation.indicator.programme,
        indicator=observation.indicator,
        unit_code=observation.unit.code,
        period=observation.period,
    )
    return [line for line in reversed(lines) if line.batch is None or line.observation_id == observation.pk]


def _import_lines(
    *, user: AnyUser, figures: QuerySet[Observation], limit: int | None = None
) -> list[AuditEntry]:
    """The CREATE line of each of ``figures`` an import wrote, an unsaved entry made from its batch,
    for those the user may read in the audit log."""
    chosen = view_filter_imported(user=user, queryset=figures).select_related(
        "import_batch", "indicator__group", "unit"
    )
    if limit is not None:
        chosen = chosen[:limit]
    lines = []
    for obs in chosen:
        batch = obs.import_batch
        if batch is None:  # pragma: no cover - filtered on import_batch
            continue
        actor = Actor(user_id=batch.user_id, name=batch.actor, channel=batch.channel)
        source = f"{obs.imported_from}, dòng {obs.imported_row}"
        line = audit_entry(actor, AuditAction.CREATE, obs, old=None, new=snapshot(obs), source=source)
        # At the import's time, with the figure's indicator and unit already read (no query per line).
        line.at, line.indicator, line.unit = batch.at, obs.indicator, obs.unit
        line.batch = batch
        lines.append(line)
    return lines


def _newest_first(lines: list[AuditEntry]) -> list[AuditEntry]:
    """Entries and import lines, newest first; at one moment an import's line is the oldest (it is a
    figure's first)."""
    return sorted(lines, key=lambda e: (e.at, e.batch is None, e.pk or 0), reverse=True)

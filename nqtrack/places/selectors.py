"""Read queries over the unit history (versions and the crosswalk).

A version is *valid on* D when ``valid_from`` is null or <= D and ``valid_to`` is null or > D. Parent links
point at one version of the parent, but the parent *code* is what holds for the child's whole version, so
the tree on a date is walked by parent code among the versions valid on that date.

Crosswalk walks (:func:`unit_successors`, :func:`unit_predecessors`, :func:`former_territory_units`) fetch
one level of edges per query; the chains here are at most three edges long (2022 → 2025-01 → 2025-07).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from nqtrack.places.models import AdminUnit, UnitLevel, UnitSuccession
from nqtrack.places.versions import territory_code

_LEVEL_ORDER = [UnitLevel.PROVINCE.value, UnitLevel.DISTRICT.value, UnitLevel.COMMUNE.value]
_ONE_DAY = timedelta(days=1)


def _valid_q(on: date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )


def _check_level(level: str | None) -> None:
    if level is not None and level not in _LEVEL_ORDER:
        raise ValueError(f"unknown level {level!r}; use one of {_LEVEL_ORDER}")


def units_valid_on(
    *, on: date, under: AdminUnit | None = None, level: str | None = None
) -> QuerySet[AdminUnit]:
    """The unit versions valid on ``on``, optionally only those below ``under`` and/or at ``level``.

    ``under`` valid on ``on``: its descendants on that date (not ``under`` itself), found by walking down
    parent codes among the versions valid on ``on`` (one query per level).

    ``under`` not valid on ``on`` (e.g. Yên Dũng 221, merged on 2025-01-01, asked on 2025-03-01): the
    history is followed for its **territory**, not for its successor unit. Its commune-level descendants on
    its last valid day (its first, if ``on`` is earlier) are followed through the crosswalk to the versions
    valid on ``on``; ``level`` None or commune gives those communes, a coarser ``level`` gives their
    ancestors at that level. So "communes under Yên Dũng on 2025-03-01" are the former Yên Dũng communes
    (now under Bắc Giang city), and "districts under Yên Dũng on 2025-03-01" is Bắc Giang city. Taking the
    successor unit instead would return all communes of the city, which is not Yên Dũng. It is the same
    answer as :func:`former_territory_units` for that version. A unit with no descendants and no
    crosswalk path gives an empty queryset.
    """
    if level == UnitLevel.TERRITORY:
        # A statistical territory (Bắc Giang (địa bàn cũ)) stands outside the tree: below no unit.
        territories = AdminUnit.objects.filter(_valid_q(on), level=UnitLevel.TERRITORY)
        return territories if under is None else territories.none()
    _check_level(level)
    units = AdminUnit.objects.filter(_valid_q(on))
    if under is not None:
        if under.is_valid_on(on):
            ids = _descendant_ids(under.code, on)
        else:
            ids = _territory_ids(under, on, level)
        units = units.filter(pk__in=ids)
    if level is not None:
        units = units.filter(level=level)
    return units


def unit_version_on(*, code: str, on: date) -> AdminUnit | None:
    """The version of ``code`` valid on ``on``, or None."""
    return AdminUnit.objects.filter(_valid_q(on), code=code).select_related("parent").first()


def unit_for_period(*, code: str, year: int) -> AdminUnit | None:
    """The version of ``code`` a yearly figure belongs to.

    The version valid on 1 January of ``year``, else the one valid on 31 December (a unit created during
    the year), else None. A 2025 figure for province 24 therefore sits on Bắc Giang (valid on 2025-01-01),
    not on the new Bắc Ninh that took code 24 on 2025-07-01. One query.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    versions = list(AdminUnit.objects.filter(Q(_valid_q(first)) | Q(_valid_q(last)), code=code))
    return next((v for v in versions if v.is_valid_on(first)), None) or next(
        (v for v in versions if v.is_valid_on(last)), None
    )


def unit_successors(*, unit: AdminUnit, on: date) -> list[AdminUnit]:
    """The versions valid on ``on`` that ``unit`` became, following the crosswalk forwards.

    ``[unit]`` if ``unit`` itself is valid on ``on`` (a unit that lives on is its own successor, even if
    part of it split off); empty if ``on`` is before ``unit`` starts or no path reaches ``on``.
    """
    if unit.is_valid_on(on):
        return [unit]
    if unit.valid_to is None or unit.valid_to > on:
        return []
    return _follow([unit], on, forward=True)


def unit_predecessors(*, unit: AdminUnit, on: date) -> list[AdminUnit]:
    """The versions valid on ``on`` that became ``unit``, following the crosswalk backwards.

    ``[unit]`` if ``unit`` itself is valid on ``on``; empty if ``on`` is after ``unit`` ended or no path
    reaches ``on``.
    """
    if unit.is_valid_on(on):
        return [unit]
    if unit.valid_from is None or unit.valid_from <= on:
        return []
    return _follow([unit], on, forward=False)


def former_territory_units(*, code: str, on: date, level: str | None = None) -> QuerySet[AdminUnit]:
    """The units valid on ``on`` that cover the territory of the last version of ``code`` ended by ``on``.

    For "Bắc Giang (former territory)" series: ``former_territory_units(code="24", on=date(2025, 7, 1))``
    gives the communes of the new Bắc Ninh that hold former Bắc Giang territory (``level`` None or commune;
    ``level="province"`` gives the new Bắc Ninh). Its commune-level pieces on its last day are followed
    through the crosswalk (see :func:`units_valid_on`). If no version of ``code`` has ended by ``on``, the
    version valid on ``on`` covers itself: it is returned (or its descendants at a finer ``level``). An
    empty queryset if ``code`` has no version by ``on``. Raises ``AdminUnit.DoesNotExist`` for an unknown
    code.
    """
    _check_level(level)
    versions = list(AdminUnit.objects.filter(code=code))
    if not versions:
        raise AdminUnit.DoesNotExist(f"no administrative unit with code {code!r}")
    ended = [v for v in versions if v.valid_to is not None and v.valid_to <= on]
    if ended:
        last = max(ended, key=lambda v: v.valid_to or on)
        return units_valid_on(on=on, under=last, level=level)
    current = next((v for v in versions if v.is_valid_on(on)), None)
    if current is None:
        return AdminUnit.objects.none()
    if level is None or level == current.level:
        return AdminUnit.objects.filter(pk=current.pk)
    return units_valid_on(on=on, under=current, level=level)


def statistical_territory_of(*, unit: AdminUnit) -> AdminUnit | None:
    """The statistical territory that follows ``unit``'s territory from the day its version ended ("Bắc
    Giang (địa bàn cũ)", 24-BG, for Tỉnh Bắc Giang); None while the version lives on or when none is
    loaded (``services.statistical_territory_ensure``). One query."""
    if unit.valid_to is None:
        return None
    return AdminUnit.objects.filter(
        code=territory_code(unit), valid_from=unit.valid_to, level=UnitLevel.TERRITORY
    ).first()


@dataclass(frozen=True, slots=True)
class TerritoryUnits:
    """The units of a territory before and after its version ended: its district-level units on its frame
    day, each with its number of communes, and the communes and wards that hold it from its end."""

    territory: AdminUnit
    frame_day: date
    districts: tuple[tuple[AdminUnit, int], ...]
    communes: tuple[AdminUnit, ...]
    successor: AdminUnit | None  # the unit that took the code on the territory's end (the new Bắc Ninh)
    first_day: date  # the first day of the communes that hold it (1/7/2025)
    last_day: date  # its last day as its own unit (30/6/2025)
    statistical: AdminUnit | None = None  # the statistical territory that follows it ("24-BG")

    @property
    def commune_count_before(self) -> int:
        return sum(count for _district, count in self.districts)


def territory_units(*, territory: AdminUnit, frame_day: date) -> TerritoryUnits | None:
    """The units of ``territory`` (a province version) before and after its end, for the units page; None
    while the version lives on. Five queries and one per crosswalk edge followed."""
    if territory.valid_to is None:
        return None
    districts = list(units_valid_on(on=frame_day, under=territory, level=UnitLevel.DISTRICT).order_by("code"))
    # A commune's parent link points at one version of its district: the code is what holds.
    per_district = Counter(
        units_valid_on(on=frame_day, under=territory, level=UnitLevel.COMMUNE).values_list(
            "parent__code", flat=True
        )
    )
    communes = former_territory_units(code=territory.code, on=territory.valid_to, level=UnitLevel.COMMUNE)
    return TerritoryUnits(
        territory=territory,
        frame_day=frame_day,
        districts=tuple((district, per_district[district.code]) for district in districts),
        communes=tuple(communes.order_by("code")),
        successor=AdminUnit.objects.filter(code=territory.code, valid_from=territory.valid_to).first(),
        first_day=territory.valid_to,
        last_day=territory.valid_to - _ONE_DAY,
        statistical=statistical_territory_of(unit=territory),
    )


# --- helpers ------------------------------------------------------------------------------------------


def _descendant_ids(code: str, on: date) -> set[int]:
    """Ids of the versions valid on ``on`` below the unit ``code``, walking down by parent code."""
    valid = AdminUnit.objects.filter(_valid_q(on))
    found: set[int] = set()
    codes = {code}
    while codes:
        children = list(valid.filter(parent__code__in=codes).exclude(pk__in=found).values_list("pk", "code"))
        found.update(pk for pk, _ in children)
        codes = {child_code for _, child_code in children}
    return found


def _territory_ids(unit: AdminUnit, on: date, level: str | None) -> set[int]:
    """Ids of the versions valid on ``on`` covering ``unit``'s territory (``unit`` not valid on ``on``)."""
    forward = unit.valid_to is not None and unit.valid_to <= on
    boundary = (unit.valid_to - _ONE_DAY) if forward and unit.valid_to else unit.valid_from
    if boundary is None:
        return set()
    if unit.level == UnitLevel.COMMUNE:
        pieces = [unit]
    else:
        pieces = list(
            AdminUnit.objects.filter(pk__in=_descendant_ids(unit.code, boundary), level=UnitLevel.COMMUNE)
        )
    communes = {u.pk for u in _follow(pieces, on, forward=forward)}
    if level is None or level == UnitLevel.COMMUNE:
        return communes
    return _ancestor_ids(communes, on, level)


def _ancestor_ids(ids: set[int], on: date, level: str) -> set[int]:
    """Ids of the versions valid on ``on`` at ``level`` above the versions ``ids``, walking up by code."""
    valid = AdminUnit.objects.filter(_valid_q(on))
    found: set[int] = set()
    current = list(valid.filter(pk__in=ids).values_list("parent__code", "level"))
    while current:
        parent_codes = {code for code, unit_level in current if code and unit_level != level}
        if not parent_codes:
            break
        parents = list(valid.filter(code__in=parent_codes).values_list("pk", "level", "parent__code"))
        found.update(pk for pk, unit_level, _ in parents if unit_level == level)
        current = [(parent_code, unit_level) for _, unit_level, parent_code in parents]
    return found


def _follow(start: list[AdminUnit], on: date, *, forward: bool) -> list[AdminUnit]:
    """The versions valid on ``on`` that cover the territory of the versions ``start``, via the crosswalk.

    Breadth first, one query per step. Forwards only edges dated on or before ``on`` are followed,
    backwards only edges dated after ``on``: the changes that happened between the start and ``on``. The
    walk goes on through versions valid on ``on`` too, so that a unit that lived on but absorbed another
    one in the meantime (Ngô Quyền absorbed Trần Nguyên Hãn on 2025-01-01 without a new version) brings
    that one along.
    """
    result = {u.pk: u for u in start if u.is_valid_on(on)}
    seen = {u.pk for u in start}
    frontier = set(seen)
    while frontier:
        if forward:
            edges = UnitSuccession.objects.filter(predecessor_id__in=frontier, date__lte=on)
            reached = [e.successor for e in edges.select_related("successor")]
        else:
            edges = UnitSuccession.objects.filter(successor_id__in=frontier, date__gt=on)
            reached = [e.predecessor for e in edges.select_related("predecessor")]
        frontier = {u.pk for u in reached if u.pk not in seen}
        seen |= frontier
        result.update({u.pk: u for u in reached if u.is_valid_on(on)})
    return sorted(result.values(), key=lambda u: (u.code, u.valid_from or date.min))

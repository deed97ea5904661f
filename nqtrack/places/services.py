"""Write operations of the places app."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import transaction

from nqtrack.core.pagecache import pages_changed
from nqtrack.places.models import AdminUnit, UnitLevel, UnitSuccession
from nqtrack.places.package2025 import load_merger_2025
from nqtrack.places.planning import LEVELS, Key, Plan, PlannedUnit, plan_history
from nqtrack.places.unitsfile import read_units_csv
from nqtrack.places.versions import short_date, territory_code

_UNIT_FIELDS = ("name", "unit_type", "level", "parent", "valid_to", "source", "latitude", "longitude")
_EDGE_FIELDS = ("date", "kind", "source")


@dataclass(frozen=True)
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass(frozen=True)
class UnitsLoadSummary:
    """What :func:`units_load_history` did. ``lines()`` gives it in Vietnamese."""

    csv_path: Path
    package_version: str
    units: WriteCounts
    successions: WriteCounts
    old_province: str
    new_province: str
    new_communes: int
    new_communes_with_old_territory: int
    old_communes_without_successor: tuple[str, ...]

    @property
    def changed(self) -> bool:
        counts = (self.units, self.successions)
        return any(c.created or c.updated or c.removed for c in counts)

    def lines(self) -> list[str]:
        u, s = self.units, self.successions
        missing = ", ".join(self.old_communes_without_successor) or "không có"
        return [
            f"Đã nạp lịch sử đơn vị hành chính từ {self.csv_path} "
            f"(và vietnamadminunits {self.package_version}).",
            f"Phiên bản đơn vị: {u.created} thêm mới, {u.updated} cập nhật, {u.unchanged} giữ nguyên, "
            f"{u.removed} xóa.",
            f"Quan hệ kế thừa: {s.created} thêm mới, {s.updated} cập nhật, {s.unchanged} giữ nguyên, "
            f"{s.removed} xóa.",
            f"Từ 01/07/2025: {self.new_province} với {self.new_communes} xã/phường, trong đó "
            f"{self.new_communes_with_old_territory} xã/phường gồm địa bàn cũ của {self.old_province}.",
            f"Xã/phường cũ không tìm được đơn vị kế thừa: {missing}.",
        ]


def units_load_history(*, csv_path: Path) -> UnitsLoadSummary:
    """Load the unit history of the province in ``csv_path`` (GSO snapshots) and its 2025-07-01 merger.

    The versions and crosswalk edges are derived as described in :mod:`nqtrack.places.planning`; the
    2025-07-01 part comes from the installed ``vietnamadminunits`` package (``converter_2025.json`` and the
    ``admin_units``/``admin_units_legacy`` tables of ``dataset.db``). The whole new province is loaded
    (99 communes for Bắc Ninh), not only the 58 that hold former Bắc Giang territory: the new province
    then has its complete list, and the former part is found through the crosswalk
    (``selectors.former_territory_units``). Idempotent: versions are matched
    on (code, valid_from) and edges on (predecessor, successor); a second run creates, changes and removes
    nothing. Versions of the loaded codes that the plan no longer contains are removed (with their edges).
    Everything happens in one transaction; a bad file raises
    :class:`~nqtrack.places.unitsfile.UnitsFileError` (file and line) before anything is written.
    """
    rows = read_units_csv(csv_path)
    province_code = next(r.code for r in rows if r.level == "province")
    plan = plan_history(rows, load_merger_2025(old_province_code=province_code))
    with transaction.atomic():
        ids, unit_counts = _write_units(plan)
        edge_counts = _write_edges(plan, ids)
        # An ended province's former territory is a statistical unit of its own: its whole-territory
        # figures (a rate included) have a unit to sit on after the merger.
        ended = AdminUnit.objects.filter(code=province_code, level=UnitLevel.PROVINCE, valid_to__isnull=False)
        written = Counter(_territory_write(province)[1] for province in ended)
        unit_counts = WriteCounts(
            created=unit_counts.created + written["created"],
            updated=unit_counts.updated + written["updated"],
            unchanged=unit_counts.unchanged + written["unchanged"],
            removed=unit_counts.removed,
        )
        pages_changed()  # bulk writes send no model signals; the pages' unit lists and notes follow
    assert plan.new_province is not None  # noqa: S101 - plan_history always sets it
    new_province = plan.units[plan.new_province]
    old_province = next(u for u in plan.units.values() if u.level == "province" and u.valid_from is None)
    with_old = {succ for (_, succ) in plan.edges if succ in set(plan.new_communes)}
    return UnitsLoadSummary(
        csv_path=csv_path,
        package_version=plan.package_version,
        units=unit_counts,
        successions=edge_counts,
        old_province=old_province.name,
        new_province=f"{new_province.name} ({new_province.code})",
        new_communes=len(plan.new_communes),
        new_communes_with_old_territory=len(with_old),
        old_communes_without_successor=tuple(plan.old_without_successor),
    )


def statistical_territory_ensure(*, unit: AdminUnit) -> AdminUnit:
    """The statistical territory that follows ``unit``'s territory after its version ended ("Bắc Giang
    (địa bàn cũ)", code 24-BG, from 1/7/2025): created when missing, its name and source set again when
    they differ; idempotent. A unit of its own, with no parent and no units below it, so that figures of
    the whole former territory (a rate included) are entered, imported, scoped and reviewed like any
    unit's, while the tree of the new province is left as the lists give it."""
    return _territory_write(unit)[0]


def _territory_write(unit: AdminUnit) -> tuple[AdminUnit, str]:
    """``statistical_territory_ensure``, and what it did: "created", "updated" or "unchanged"."""
    if unit.valid_to is None:
        raise ValueError(f"{unit} has not ended: it has no former territory")
    short = unit.name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    last = short_date(unit.valid_to - timedelta(days=1))
    values: dict[str, object] = {
        "name": f"{short} (địa bàn cũ)",
        "unit_type": "Địa bàn thống kê",
        "level": UnitLevel.TERRITORY,
        "parent": None,
        "valid_to": None,
        "source": f"Địa bàn thống kê của chương trình: lãnh thổ của {unit.name} đến {last}",
    }
    row, created = AdminUnit.objects.get_or_create(
        code=territory_code(unit), valid_from=unit.valid_to, defaults=values
    )
    # Written only when something differs: a second load changes nothing, not even a save signal.
    if created:
        return row, "created"
    if all(getattr(row, name) == value for name, value in values.items()):
        return row, "unchanged"
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    return row, "updated"


def _unit_values(unit: PlannedUnit, ids: dict[Key, int]) -> dict[str, object]:
    return {
        "name": unit.name,
        "unit_type": unit.unit_type,
        "level": unit.level,
        "parent": ids[unit.parent] if unit.parent is not None else None,
        "valid_to": unit.valid_to,
        "source": unit.source,
        "latitude": unit.point[0] if unit.point else None,
        "longitude": unit.point[1] if unit.point else None,
    }


def _stored_values(row: AdminUnit) -> dict[str, object]:
    values = {f: getattr(row, f) for f in _UNIT_FIELDS if f != "parent"}
    values["parent"] = row.parent_id
    return values


def _write_units(plan: Plan) -> tuple[dict[Key, int], WriteCounts]:
    codes = {code for code, _ in plan.units}
    existing = {(r.code, r.valid_from): r for r in AdminUnit.objects.filter(code__in=codes)}
    ids: dict[Key, int] = {}
    created = updated = unchanged = 0
    for level in LEVELS:  # parents first
        new_rows: list[AdminUnit] = []
        changed_rows: list[AdminUnit] = []
        for unit in (u for u in plan.units.values() if u.level == level):
            values = _unit_values(unit, ids)
            row = existing.get(unit.key)
            if row is None:
                new_rows.append(
                    AdminUnit(code=unit.code, valid_from=unit.valid_from, **_model_kwargs(values))
                )
            elif _stored_values(row) != values:
                for name, value in _model_kwargs(values).items():
                    setattr(row, name, value)
                changed_rows.append(row)
            else:
                unchanged += 1
            if row is not None:
                ids[unit.key] = row.pk
        AdminUnit.objects.bulk_create(new_rows)
        AdminUnit.objects.bulk_update(changed_rows, list(_UNIT_FIELDS))
        ids.update({(r.code, r.valid_from): r.pk for r in new_rows})
        created, updated = created + len(new_rows), updated + len(changed_rows)
    stale = [r for key, r in existing.items() if key not in plan.units]
    for level in reversed(LEVELS):  # children first: parent links are PROTECT
        AdminUnit.objects.filter(pk__in=[r.pk for r in stale if r.level == level]).delete()
    return ids, WriteCounts(created=created, updated=updated, unchanged=unchanged, removed=len(stale))


def _model_kwargs(values: dict[str, object]) -> dict[str, object]:
    """Model field values: the parent is given by id."""
    kwargs = dict(values)
    kwargs["parent_id"] = kwargs.pop("parent")
    return kwargs


def _write_edges(plan: Plan, ids: dict[Key, int]) -> WriteCounts:
    unit_ids = set(ids.values())
    existing = {
        (e.predecessor_id, e.successor_id): e
        for e in UnitSuccession.objects.filter(predecessor_id__in=unit_ids, successor_id__in=unit_ids)
    }
    wanted: set[tuple[int, int]] = set()
    new_edges: list[UnitSuccession] = []
    changed_edges: list[UnitSuccession] = []
    for edge in plan.edges.values():
        pair = (ids[edge.predecessor], ids[edge.successor])
        wanted.add(pair)
        values = {"date": edge.date, "kind": edge.kind, "source": edge.source}
        row = existing.get(pair)
        if row is None:
            new_edges.append(UnitSuccession(predecessor_id=pair[0], successor_id=pair[1], **values))
        elif {f: getattr(row, f) for f in _EDGE_FIELDS} != values:
            for name, value in values.items():
                setattr(row, name, value)
            changed_edges.append(row)
    UnitSuccession.objects.bulk_create(new_edges)
    UnitSuccession.objects.bulk_update(changed_edges, list(_EDGE_FIELDS))
    stale = [e.pk for pair, e in existing.items() if pair not in wanted]
    UnitSuccession.objects.filter(pk__in=stale).delete()
    unchanged = len(plan.edges) - len(new_edges) - len(changed_edges)
    return WriteCounts(len(new_edges), len(changed_edges), unchanged, len(stale))

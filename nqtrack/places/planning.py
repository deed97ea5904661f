"""Turn the two GSO snapshots and the package's 2025 conversion into unit versions and crosswalk edges.

Pure functions: nothing here touches the database. :func:`plan_history` returns a :class:`Plan` that
``services.units_load_history`` writes.

Rules (``data/README.md`` §2 gives the documented dates):

* A code in both snapshots with the same name, type and parent code is **one version** from ``None``.
* A code whose name, type or parent changed gets **two versions**, closed/opened on the date of the change,
  joined by a ``changed`` edge. Dated changes: district Việt Yên (222) became a thị xã on 2024-02-01, and
  its communes that became phường are dated with it (they are the wards of the new thị xã); the district
  Yên Dũng (221) merge into Bắc Giang city (213) and the split of Thị xã Chũ (224) from Lục Ngạn (219) are
  2025-01-01, and so are the communes that moved from 221 or into 224. Every other change between the
  snapshots has no known date: it is put on the later snapshot date, 2025-01-01, and ``source`` says so.
* A code only in 2022 closes on 2025-01-01 (or its documented date). Its successor is found from the
  package's ``wardAlias`` (the old name listed as an alias of a 2025 ward in the same district, or the
  district it merged into), else a 2025 commune of the same district that took its name; a ``merged`` edge.
  A district only in 2022 gets ``merged`` edges to the districts its communes moved to (221 → 213).
* A code only in 2025 opens on 2025-01-01 (or its documented date). A district only in 2025 gets edges
  from the districts its communes came from (``split`` if that district lives on: 219 → 224). A 2025 commune
  missing from the package's legacy list is kept as published with a warning in ``source`` (07693, 07732
  and 07744, see the 192-vs-195 trap).
* Every version of the old structure that is still valid closes on 2025-07-01, when the province merged
  into the new Bắc Ninh. The **whole** new province is loaded from the package (99 commune-level units,
  parent = the new province, no district level), not only the units that cover former Bắc Giang: the
  province version then has all its children, the extra cost is nil, and the former Bắc Giang part is
  the set with predecessors (``selectors.former_territory_units``). Old communes get ``merged`` edges to the
  new ones from the package's conversion table (``split`` edges if it divides an old ward), the old
  province a ``merged`` edge to the new one. The new Bắc Ninh uses the package's code, 24, so it is the
  second version of code 24.
* Coordinates are the package's points: the new units' own points; for the old structure the geocoded
  point of the 2025-01-01 unit with that code (``admin_units_legacy``), reused for earlier versions of the
  same code (approximate). Codes absent from the package (2022-only units) have none.
* A version's parent is the parent code's version valid on the version's last day; the parent *code* is
  what holds for the whole version (selectors walk by code).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from nqtrack.places.package2025 import LegacyWard, Merger2025, PackageDataError, name_key
from nqtrack.places.unitsfile import SNAPSHOT_NEW, SNAPSHOT_OLD, UnitRow

MERGER_DATE = date(2025, 7, 1)
ONE_DAY = timedelta(days=1)
LEVELS = ("province", "district", "commune")
SOURCE_MAX = 300

# GitHub daohoangson/dvhcvn, data/dvhcvn.json at 71996c5e53594f28d5bbd995e5aa983366ad1386 and
# 87d3e0cce1f245216bbf00b0e5f2a07c99aa8aad (data/README.md §2).
SRC_OLD = "GSO 01/10/2022 (dvhcvn@71996c5)"
SRC_NEW = "GSO 01/01/2025 (dvhcvn@87d3e0c)"
UNDATED = "ngày đổi không rõ, lấy ngày danh sách sau"

Key = tuple[str, date | None]


@dataclass(frozen=True)
class DistrictEvent:
    """A documented change of a district (``data/README.md`` §2)."""

    on: date
    note: str
    wards_with_it: bool = False  # its communes that became phường changed on the same date


DISTRICT_EVENTS = {
    "222": DistrictEvent(date(2024, 2, 1), "Việt Yên thành thị xã 01/02/2024", wards_with_it=True),
    "221": DistrictEvent(date(2025, 1, 1), "Yên Dũng (221) nhập vào TP Bắc Giang (213) 01/01/2025"),
    "224": DistrictEvent(date(2025, 1, 1), "Thị xã Chũ (224) tách từ Lục Ngạn (219) 01/01/2025"),
}


@dataclass
class PlannedUnit:
    code: str
    name: str
    unit_type: str
    level: str
    parent_code: str
    valid_from: date | None
    valid_to: date | None
    source: str
    point: tuple[float, float] | None = None
    parent: Key | None = None

    @property
    def key(self) -> Key:
        return (self.code, self.valid_from)

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass(frozen=True)
class PlannedEdge:
    predecessor: Key
    successor: Key
    date: date
    kind: str
    source: str


@dataclass
class Plan:
    package_version: str
    units: dict[Key, PlannedUnit] = field(default_factory=dict)
    edges: dict[tuple[Key, Key], PlannedEdge] = field(default_factory=dict)
    by_code: dict[str, list[PlannedUnit]] = field(default_factory=lambda: defaultdict(list))
    new_province: Key | None = None
    new_communes: list[Key] = field(default_factory=list)
    old_without_successor: list[str] = field(default_factory=list)

    @property
    def pkg(self) -> str:
        return f"vietnamadminunits {self.package_version}"

    def add_unit(self, unit: PlannedUnit) -> PlannedUnit:
        if unit.key in self.units:
            raise RuntimeError(f"two versions of {unit.code} from {unit.valid_from}")
        self.units[unit.key] = unit
        self.by_code[unit.code].append(unit)
        return unit

    def add_edge(self, edge: PlannedEdge) -> None:
        pair = (edge.predecessor, edge.successor)
        self.edges.setdefault(pair, edge)

    def version_on(self, code: str, day: date) -> PlannedUnit | None:
        return next((u for u in self.by_code.get(code, []) if u.valid_on(day)), None)

    def successors_of(self, key: Key) -> list[Key]:
        return [succ for (pred, succ) in self.edges if pred == key]


@dataclass(frozen=True)
class _Snapshots:
    old: dict[str, UnitRow]
    new: dict[str, UnitRow]
    legacy: dict[str, LegacyWard]
    merger: Merger2025

    def codes(self) -> list[str]:
        every = {**self.old, **self.new}
        return sorted(every, key=lambda c: (LEVELS.index(every[c].level), c))


def plan_history(rows: list[UnitRow], merger: Merger2025) -> Plan:
    """Build every version and edge for the province of ``rows`` up to and including 2025-07-01."""
    snaps = _Snapshots(
        old={r.code: r for r in rows if r.snapshot == SNAPSHOT_OLD},
        new={r.code: r for r in rows if r.snapshot == SNAPSHOT_NEW},
        legacy={w.code: w for w in merger.legacy_wards},
        merger=merger,
    )
    plan = Plan(package_version=merger.version)
    for code in snaps.codes():
        _plan_code(plan, snaps, snaps.old.get(code), snaps.new.get(code))
    _resolve_parents(plan)
    _plan_vanished_communes(plan, snaps)
    _plan_district_edges(plan, snaps)
    _plan_merger(plan, snaps)
    too_long = [u.key for u in plan.units.values() if len(u.source) > SOURCE_MAX]
    too_long += [e.predecessor for e in plan.edges.values() if len(e.source) > SOURCE_MAX]
    if too_long:
        raise RuntimeError(f"source longer than {SOURCE_MAX} characters for {too_long}")
    return plan


# --- the old structure: 2022-10-01 and 2025-01-01 -------------------------------------------------------


def _dating(old: UnitRow | None, new: UnitRow | None) -> tuple[date, str]:
    """The date and its justification for a change between the two snapshots."""
    row = new or old
    assert row is not None  # noqa: S101 - one of the two always exists
    if row.level == "district" and row.code in DISTRICT_EVENTS:
        return DISTRICT_EVENTS[row.code].on, DISTRICT_EVENTS[row.code].note
    if row.level == "commune" and old is not None and new is not None:
        if old.parent_code != new.parent_code:
            for district in (old.parent_code, new.parent_code):
                if district in DISTRICT_EVENTS:
                    return DISTRICT_EVENTS[district].on, DISTRICT_EVENTS[district].note
        event = DISTRICT_EVENTS.get(new.parent_code)
        if (
            event is not None
            and event.wards_with_it
            and new.unit_type == "Phường"
            and old.unit_type != "Phường"
        ):
            return event.on, f"{event.note}, phường của thị xã cùng ngày"
    return SNAPSHOT_NEW, UNDATED


def _point_for(row: UnitRow, snaps: _Snapshots) -> tuple[float, float] | None:
    if row.level == "commune":
        ward = snaps.legacy.get(row.code)
        return ward.point if ward else None
    for ward in snaps.merger.legacy_wards:
        if row.level == "district" and ward.district_code == row.code:
            return ward.district_point
        if row.level == "province" and ward.province_code == row.code:
            return ward.province_point
    return None


def _package_note(plan: Plan, row: UnitRow, snaps: _Snapshots) -> str:
    """What the package says about a 2025 commune that a reader should know."""
    if row.level != "commune":
        return ""
    ward = snaps.legacy.get(row.code)
    if ward is None:
        hosts = _alias_hosts(row, snaps)
        host = f", tên là bí danh của {hosts[0].code}" if len(hosts) == 1 else ""
        return f"; NGHI LÀ DÒNG THỪA, giữ như công bố (data/README.md §2): không có trong {plan.pkg}{host}"
    if ward.name != row.name:
        return f"; {plan.pkg} ghi tên '{ward.name}'"
    return ""


def _unit(
    row: UnitRow, valid_from: date | None, valid_to: date | None, source: str, snaps: _Snapshots
) -> PlannedUnit:
    return PlannedUnit(
        code=row.code,
        name=row.name,
        unit_type=row.unit_type,
        level=row.level,
        parent_code=row.parent_code,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        point=_point_for(row, snaps),
    )


def _identity(row: UnitRow) -> tuple[str, str, str]:
    """What makes a version: a change of any of these opens a new one."""
    return (row.name, row.unit_type, row.parent_code)


def _plan_code(plan: Plan, snaps: _Snapshots, old: UnitRow | None, new: UnitRow | None) -> None:
    end = f"đến 01/07/2025 ({plan.pkg})"
    if old is not None and new is not None and _identity(old) == _identity(new):
        note = _package_note(plan, new, snaps)
        plan.add_unit(_unit(new, None, MERGER_DATE, f"{SRC_OLD}; {SRC_NEW}; {end}{note}", snaps))
        return
    on, why = _dating(old, new)
    first: PlannedUnit | None = None
    if old is not None:
        gone = "" if new is not None else "; không còn ở danh sách 01/01/2025"
        first = plan.add_unit(_unit(old, None, on, f"{SRC_OLD}{gone}; đến {on:%d/%m/%Y}: {why}", snaps))
    if new is not None:
        born = "" if old is not None else "; không có ở danh sách 01/10/2022"
        note = _package_note(plan, new, snaps)
        source = f"{SRC_NEW}{born}; từ {on:%d/%m/%Y}: {why}; {end}{note}"
        second = plan.add_unit(_unit(new, on, MERGER_DATE, source, snaps))
        if first is not None:
            plan.add_edge(PlannedEdge(first.key, second.key, on, "changed", f"{SRC_OLD} → {SRC_NEW}: {why}"))


def _resolve_parents(plan: Plan) -> None:
    for unit in plan.units.values():
        if not unit.parent_code:
            continue
        last_day = unit.valid_to - ONE_DAY if unit.valid_to is not None else MERGER_DATE - ONE_DAY
        parent = plan.version_on(unit.parent_code, last_day)
        if parent is None:
            raise RuntimeError(f"no version of {unit.parent_code} on {last_day} for {unit.code}")
        unit.parent = parent.key


def _alias_hosts(row: UnitRow, snaps: _Snapshots) -> list[LegacyWard]:
    """2025 wards (package) of the same district (or the district it merged into) listing ``row`` as alias."""
    own = name_key(row.name)
    parent = snaps.old.get(row.parent_code) or snaps.new.get(row.parent_code)
    district = name_key(parent.name) if parent else ""
    return [
        w
        for w in snaps.merger.legacy_wards
        if own in w.aliases and (w.district_code == row.parent_code or district in w.district_aliases)
    ]


def _plan_vanished_communes(plan: Plan, snaps: _Snapshots) -> None:
    for code, row in snaps.old.items():
        if row.level != "commune" or code in snaps.new:
            continue
        gone = plan.units[(code, None)]
        hosts = _alias_hosts(row, snaps)
        how = f"wardAlias của {plan.pkg}"
        target = hosts[0].code if len(hosts) == 1 else None
        if target is None:
            same_name = [
                r.code
                for r in snaps.new.values()
                if r.level == "commune" and r.parent_code == row.parent_code and r.name == row.name
            ]
            target = same_name[0] if len(same_name) == 1 else None
            how = "cùng tên, cùng huyện ở danh sách 01/01/2025"
        successor = plan.version_on(target, SNAPSHOT_NEW) if target else None
        if successor is None:
            gone.source += "; không xác định được đơn vị kế thừa"
            continue
        assert gone.valid_to is not None  # noqa: S101 - set by _plan_code
        gone.source += f"; nhập vào {successor.code} {successor.name} (theo {how})"
        plan.add_edge(PlannedEdge(gone.key, successor.key, gone.valid_to, "merged", f"{UNDATED}; theo {how}"))


def _plan_district_edges(plan: Plan, snaps: _Snapshots) -> None:
    for code, row in snaps.old.items():
        if row.level == "district" and code not in snaps.new:
            gone = plan.units[(code, None)]
            assert gone.valid_to is not None  # noqa: S101 - set by _plan_code
            went_to = sorted(
                {
                    snaps.new[c].parent_code
                    for c, r in snaps.old.items()
                    if r.parent_code == code and c in snaps.new
                }
            )
            for target in went_to:
                successor = plan.version_on(target, gone.valid_to)
                if successor is not None:
                    source = f"xã của {code} chuyển về {target} ({SRC_NEW}); {_dating(row, None)[1]}"
                    plan.add_edge(PlannedEdge(gone.key, successor.key, gone.valid_to, "merged", source))
    for code, row in snaps.new.items():
        if row.level == "district" and code not in snaps.old:
            born = plan.by_code[code][0]
            assert born.valid_from is not None  # noqa: S101 - set by _plan_code
            came_from = sorted(
                {
                    snaps.old[c].parent_code
                    for c, r in snaps.new.items()
                    if r.parent_code == code and c in snaps.old
                }
            )
            for origin in came_from:
                predecessor = plan.version_on(origin, born.valid_from - ONE_DAY)
                if predecessor is not None:
                    kind = "split" if origin in snaps.new else "merged"
                    source = f"xã của {origin} chuyển về {code} ({SRC_NEW}); {_dating(None, row)[1]}"
                    plan.add_edge(PlannedEdge(predecessor.key, born.key, born.valid_from, kind, source))


# --- 2025-07-01: the new province -------------------------------------------------------------------------


def _plan_merger(plan: Plan, snaps: _Snapshots) -> None:
    merger = snaps.merger
    province = merger.new_province
    table = f"{plan.pkg} admin_units (34 tỉnh)"
    new_province = plan.add_unit(
        PlannedUnit(
            code=province.code,
            name=province.name,
            unit_type=province.unit_type,
            level="province",
            parent_code="",
            valid_from=MERGER_DATE,
            valid_to=None,
            source=f"{table}; từ 01/07/2025 (sắp xếp 34 tỉnh)",
            point=province.point,
        )
    )
    plan.new_province = new_province.key
    old_province = next(u for u in plan.units.values() if u.level == "province" and u.valid_on(SNAPSHOT_NEW))
    plan.add_edge(
        PlannedEdge(
            old_province.key,
            new_province.key,
            MERGER_DATE,
            "merged",
            f"{plan.pkg} converter_2025.json DICT_PROVINCE: {merger.old_province_key} → {province.key}",
        )
    )
    covering = {key for key, codes in merger.merged_whole.items()} | {
        k for ks in merger.divided.values() for k in ks
    }
    for ward in province.wards:
        part = f"; gồm địa bàn cũ của {old_province.name}" if ward.key in covering else ""
        unit = PlannedUnit(
            code=ward.code,
            name=ward.name,
            unit_type=ward.unit_type,
            level="commune",
            parent_code=province.code,
            valid_from=MERGER_DATE,
            valid_to=None,
            source=f"{table}; từ 01/07/2025{part}",
            point=ward.point,
            parent=new_province.key,
        )
        plan.new_communes.append(plan.add_unit(unit).key)
    _plan_merger_edges(plan, snaps)


def _plan_merger_edges(plan: Plan, snaps: _Snapshots) -> None:
    merger = snaps.merger
    new_code = {w.key: w.code for w in merger.new_province.wards}
    last_day = MERGER_DATE - ONE_DAY
    conversion = f"{plan.pkg} converter_2025.json"
    pairs = [(old, new, "merged") for new, olds in merger.merged_whole.items() for old in olds]
    pairs += [(old, new, "split") for old, news in merger.divided.items() for new in news]
    for old, new, kind in pairs:
        predecessor = plan.version_on(old, last_day)
        if predecessor is None or new not in new_code:
            raise PackageDataError(f"{conversion}: {old} → {new} không khớp với danh sách đơn vị")
        table = "DICT_PROVINCE_WARD_NO_DIVIDED" if kind == "merged" else "DICT_PROVINCE_WARD_DIVIDED"
        source = f"{conversion} {table}"
        plan.add_edge(PlannedEdge(predecessor.key, (new_code[new], MERGER_DATE), MERGER_DATE, kind, source))
    _plan_alias_edges(plan, snaps)


def _plan_alias_edges(plan: Plan, snaps: _Snapshots) -> None:
    """Old communes the conversion table does not know (the suspicious 2025 rows) follow their alias host."""
    last_day = MERGER_DATE - ONE_DAY
    for unit in sorted((u for u in plan.units.values() if u.level == "commune"), key=lambda u: u.code):
        if not unit.valid_on(last_day) or plan.successors_of(unit.key):
            continue
        hosts = _alias_hosts(snaps.new[unit.code], snaps) if unit.code in snaps.new else []
        host = plan.version_on(hosts[0].code, last_day) if len(hosts) == 1 else None
        targets = plan.successors_of(host.key) if host is not None else []
        for target in targets:
            assert host is not None  # noqa: S101 - targets is empty without a host
            source = f"{plan.pkg} converter_2025.json, qua {host.code} (tên {unit.name} là bí danh wardAlias)"
            plan.add_edge(PlannedEdge(unit.key, target, MERGER_DATE, "merged", source))
        if not targets:
            plan.old_without_successor.append(unit.code)

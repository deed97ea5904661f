"""A synthetic nationwide data set for benchmarks: seeded and deterministic.

34 provinces and 3,321 communes (the country after the 1 July 2025 reform: two levels, no districts),
50 indicators of five kinds, yearly 2015–2030, and one national programme with a target for every
indicator. Trends are realistic per kind (coverage rates rising towards 100 %, a poverty rate falling a
point or so a year, incomes compounding, forest cover drifting, hospital beds growing), with noise and
gaps (about 8 % of values missing); 2025 is an estimate and 2026–2030 are plans, as a statistics office
publishes them. Nothing here is real data: every code starts with "9" so it never collides with a GSO
code, and the names say "Mẫu" (sample).

Values come unit by unit: first the programme's own province, then every commune, then the other
provinces, so a small ``limit`` still gives the dashboard a province series and a few communes.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROVINCES = 34
COMMUNES = 3321
INDICATORS = 50
YEARS = range(2015, 2031)
LAST_ACTUAL_YEAR = 2025  # 2025 is an estimate; later years are plans
GAP_SHARE = 0.08
SEED = 20261127
PROGRAMME_CODE = "bench-quoc-gia"
PROVINCE_CODE = "900"  # the programme's own province: the first one
SOURCE_URL = "https://example.invalid/nien-giam-thong-ke-mau"
CSV_COLUMNS = ("indicator", "year", "value", "unit", "status", "source_url", "published", "quote", "note")
CSV_COLUMNS_WITH_UNIT = (*CSV_COLUMNS, "unit_code")


@dataclass(frozen=True, slots=True)
class SyntheticUnit:
    code: str
    name: str
    level: str  # province | commune
    parent_code: str | None


@dataclass(frozen=True, slots=True)
class Kind:
    """One of the five kinds of indicator: its unit, direction, target and how its values move."""

    name: str
    unit: str
    direction: str
    target: dict[str, Any]
    start: tuple[float, float]  # uniform range of the 2015 level
    step: tuple[float, float]  # mean and spread of the yearly change (relative, or points when additive)
    additive: bool  # the change is in points (rates), not a growth factor
    ceiling: float | None  # rates stay below 100 %


KINDS = (
    Kind(
        "Tỷ lệ hộ dùng nước sạch",
        "percent",
        "higher",
        {"kind": "level", "comparator": "at_least", "low": 95.0, "year": 2030},
        (40.0, 90.0),
        (1.5, 1.0),
        True,
        100.0,
    ),
    Kind(
        "Tỷ lệ hộ nghèo",
        "percent",
        "lower",
        {"kind": "annual_change", "comparator": "range", "low": 1.0, "high": 1.5, "period": [2021, 2030]},
        (5.0, 30.0),
        (-0.9, 0.6),
        True,
        100.0,
    ),
    Kind(
        "Thu nhập bình quân đầu người",
        "million_vnd",
        "higher",
        {"kind": "average_growth", "comparator": "range", "low": 8.0, "high": 10.0, "period": [2021, 2030]},
        (20.0, 60.0),
        (0.08, 0.03),
        False,
        None,
    ),
    Kind(
        "Tỷ lệ che phủ rừng",
        "percent",
        "higher",
        {"kind": "level", "comparator": "about", "low": 40.0, "year": 2030},
        (10.0, 70.0),
        (0.005, 0.01),
        False,
        100.0,
    ),
    Kind(
        "Số giường bệnh trên 1 vạn dân",
        "beds_per_10000",
        "higher",
        {"kind": "level", "comparator": "at_least", "low": 35.0, "year": 2030},
        (15.0, 40.0),
        (0.03, 0.02),
        False,
        None,
    ),
)


@dataclass(frozen=True, slots=True)
class SyntheticIndicator:
    code: str
    name: str
    kind: Kind


@dataclass(frozen=True, slots=True)
class SyntheticValue:
    indicator: str
    unit_code: str
    year: int
    value: float
    status: str


def units() -> list[SyntheticUnit]:
    """34 provinces and 3,321 communes spread over them as evenly as the counts allow."""
    provinces = [SyntheticUnit(f"9{p:02d}", f"Tỉnh Mẫu {p + 1}", "province", None) for p in range(PROVINCES)]
    communes = [
        SyntheticUnit(f"9{c:05d}", f"Xã Mẫu {c + 1}", "commune", provinces[c % PROVINCES].code)
        for c in range(COMMUNES)
    ]
    return provinces + communes


def indicators() -> list[SyntheticIndicator]:
    """50 indicators cycling through the five kinds."""
    return [
        SyntheticIndicator(f"bench_indicator_{i:02d}", f"{KINDS[i % 5].name} (mẫu {i + 1})", KINDS[i % 5])
        for i in range(INDICATORS)
    ]


def indicator_codes() -> list[str]:
    return [i.code for i in indicators()]


def value_order() -> list[SyntheticUnit]:
    """The units in the order their values come: the programme's province, the communes, the others."""
    everything = units()
    first = [u for u in everything if u.code == PROVINCE_CODE]
    communes = [u for u in everything if u.level == "commune"]
    others = [u for u in everything if u.level == "province" and u.code != PROVINCE_CODE]
    return first + communes + others


def values(*, seed: int = SEED, limit: int | None = None) -> Iterator[SyntheticValue]:
    """Yearly values per (unit, indicator), unit by unit (``value_order``), at most ``limit`` of them."""
    produced = 0
    for unit in value_order():
        # One generator per unit: the values of a unit do not depend on how many came before it.
        rng = random.Random(f"{seed}/{unit.code}")
        for indicator in indicators():
            for year, value in _series(rng, indicator.kind):
                yield SyntheticValue(indicator.code, unit.code, year, value, _status(year))
                produced += 1
                if limit is not None and produced >= limit:
                    return


def full_size() -> int:
    """How many values the whole data set holds (2,468,520 with the default seed; counting takes seconds)."""
    return sum(1 for _ in values())


def full_size_estimate() -> int:
    """About how many values the whole data set holds, without generating them."""
    return round(len(units()) * INDICATORS * len(YEARS) * (1 - GAP_SHARE))


def _series(rng: random.Random, kind: Kind) -> Iterator[tuple[int, float]]:
    level = rng.uniform(*kind.start)
    mean, spread = kind.step
    trend = rng.gauss(mean, spread)
    for year in YEARS:
        change = trend + rng.gauss(0, spread / 2)
        level = level + change if kind.additive else level * (1 + change)
        level = max(level, 0.0)
        if kind.ceiling is not None:
            level = min(level, kind.ceiling)
        if rng.random() < GAP_SHARE:
            continue
        yield year, round(level, 2)


def _status(year: int) -> str:
    if year < LAST_ACTUAL_YEAR:
        return "official"
    return "estimate" if year == LAST_ACTUAL_YEAR else "plan"


def published_on(year: int, status: str) -> str:
    """When a year's figure came out: plans in 2020, estimates in December, the rest mid-next-year."""
    if status == "plan":
        return "2020-12-31"
    return f"{year}-12-20" if status == "estimate" else f"{year + 1}-06-30"


def csv_record(value: SyntheticValue, *, kind_unit: str) -> tuple[str, ...]:
    """One row of the published-statistics CSV (data/README.md) for ``value``, with its unit code."""
    return (
        value.indicator,
        str(value.year),
        f"{value.value:.2f}",
        kind_unit,
        value.status,
        SOURCE_URL,
        published_on(value.year, value.status),
        "",
        "Số liệu mẫu cho đo hiệu năng",
        value.unit_code,
    )


def write_csv_files(directory: Path, *, limit: int, rows_per_file: int) -> list[Path]:
    """Write the first ``limit`` values as published-statistics CSV files of ``rows_per_file`` rows."""
    directory.mkdir(parents=True, exist_ok=True)
    units_of = {i.code: i.kind.unit for i in indicators()}
    paths: list[Path] = []
    batch: list[tuple[str, ...]] = []
    for value in values(limit=limit):
        batch.append(csv_record(value, kind_unit=units_of[value.indicator]))
        if len(batch) == rows_per_file:
            paths.append(_write(directory / f"values-{len(paths) + 1:04d}.csv", batch))
            batch = []
    if batch:
        paths.append(_write(directory / f"values-{len(paths) + 1:04d}.csv", batch))
    return paths


def _write(path: Path, rows: Iterable[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS_WITH_UNIT)
        writer.writerows(rows)
    return path


def programme_document() -> dict[str, Any]:
    """The national programme as a programme file (docs/programme-format.md): a target per indicator."""
    groups = []
    for number in range(1, INDICATORS // 5 + 1):
        members = indicators()[(number - 1) * 5 : number * 5]
        groups.append(
            {
                "number": number,
                "text": f"Nhóm chỉ tiêu mẫu {number}",
                "indicators": [_indicator_document(i) for i in members],
            }
        )
    return {
        "format": "nqtrack-programme/1",
        "code": PROGRAMME_CODE,
        "identity": {
            "title": "Chương trình hành động mẫu toàn quốc (dữ liệu tổng hợp để đo hiệu năng)",
            "short_title": "Chương trình mẫu toàn quốc",
            "issuer": "Cơ quan mẫu",
            "issuer_kind": "state",
            "implements": "MAU-01",
            "province_code": PROVINCE_CODE,
            "period": [2021, 2030],
            "base_year": 2020,
        },
        "general_objective": ["Dữ liệu tổng hợp, không phải số liệu thật."],
        "indicator_groups": groups,
        "task_groups": [
            {"number": 1, "title": "Nhiệm vụ mẫu", "tasks": [{"code": "III.1.1", "text": "Nhiệm vụ mẫu."}]}
        ],
        "assignments": [{"number": 1, "text": "Các cơ quan mẫu tổ chức thực hiện."}],
    }


def _indicator_document(indicator: SyntheticIndicator) -> dict[str, Any]:
    target = {
        "code": f"{indicator.code}_target",
        **indicator.kind.target,
        "source_text": f"{indicator.name}: mục tiêu mẫu",
    }
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.kind.unit,
        "direction": indicator.kind.direction,
        "targets": [target],
    }

"""Reading the CLI input document of `assess_json` into a Target, a series and options.

Unlike `assess`, which never raises, this layer is strict: a malformed document is a user error and
raises ProgressInputError with a message saying which key is wrong and what it should hold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from nqtrack.domain.progress.model import Method, SeriesKind
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

__all__ = ["ParsedInput", "ProgressInputError", "parse_input"]

_TOP_KEYS = {"target", "series", "method", "series_kind", "base_year", "as_of", "series_unit"}
_TARGET_KEYS = {
    "kind",
    "comparator",
    "low",
    "high",
    "direction",
    "year",
    "period",
    "unit",
    "tolerance",
    "base_year",
    "baseline",
    "series_kind",
    "as_of",
    "series_break",
}
# Keys of a programme-file target that mean nothing to the engine: accepted and ignored, so that a
# target can be pasted from a programme file (docs/programme-format.md).
_IGNORED_TARGET_KEYS = {"code", "source_text", "out_of", "equivalent", "part_of", "note"}


class ProgressInputError(ValueError):
    """The input document of `assess_json` is malformed; the message says where and why."""


@dataclass(frozen=True, slots=True)
class ParsedInput:
    target: Target
    series: dict[int, float]
    method: Method
    series_kind: SeriesKind
    base_year: int | None
    as_of: int | None
    series_unit: str | None


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProgressInputError(f"{where} must be a number (a dot for decimals), not {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ProgressInputError(f"{where} must be a finite number, not {value!r}")
    return number


def _optional_number(value: object, where: str) -> float | None:
    return None if value is None else _number(value, where)


def _year(value: object, where: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProgressInputError(f"{where} must be a year such as 2030, not {value!r}")
    return value


def _optional_year(value: object, where: str) -> int | None:
    return None if value is None else _year(value, where)


def _choice[E: StrEnum](enum: type[E], value: object, where: str) -> E:
    allowed = ", ".join(member.value for member in enum)
    if not isinstance(value, str) or value not in {member.value for member in enum}:
        raise ProgressInputError(f"{where} must be one of {allowed}, not {value!r}")
    return enum(value)


def _mapping(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ProgressInputError(f"{where} must be a JSON object")
    return value


def _check_keys(doc: Mapping[str, object], allowed: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in doc if key not in allowed)
    if unknown:
        allowed_text = ", ".join(sorted(allowed))
        raise ProgressInputError(f"unknown key(s) in {where}: {', '.join(unknown)}; allowed: {allowed_text}")


def _period(value: object) -> tuple[int, int] | None:
    if value is None:
        return None
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ProgressInputError(f"target.period must be [first year, last year], not {value!r}")
    first, last = _year(value[0], "target.period[0]"), _year(value[1], "target.period[1]")
    if first > last:
        raise ProgressInputError(f"target.period starts after it ends: {first} > {last}")
    return first, last


def _baseline(value: object) -> tuple[float | None, int | None]:
    """A number, or {year, value} as in a programme file."""
    if value is None:
        return None, None
    if isinstance(value, Mapping):
        number = _number(value.get("value"), "target.baseline.value")
        return number, _year(value.get("year"), "target.baseline.year")
    return _number(value, "target.baseline"), None


def _check_bounds(comparator: Comparator, low: float | None, high: float | None) -> None:
    needs_low = comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.EQUAL, Comparator.ABOUT)
    needs_high = comparator in (Comparator.AT_MOST, Comparator.LESS_THAN)
    if comparator is Comparator.RANGE:
        needs_low = needs_high = True
    if needs_low and low is None:
        raise ProgressInputError(f"target.low is required for comparator {comparator.value}")
    if needs_high and high is None:
        raise ProgressInputError(f"target.high is required for comparator {comparator.value}")
    if low is not None and high is not None and low > high:
        raise ProgressInputError(f"target.low ({low:g}) is above target.high ({high:g})")


def _check_timing(kind: TargetKind, year: int | None, period: tuple[int, int] | None) -> None:
    if kind in (TargetKind.LEVEL, TargetKind.SHARE) and year is None and period is None:
        raise ProgressInputError(f"target.year is required for a {kind.value} target")
    if kind in (TargetKind.AVERAGE_GROWTH, TargetKind.ANNUAL_CHANGE) and period is None:
        raise ProgressInputError(f"target.period [first, last] is required for an {kind.value} target")


def _tolerance(value: object) -> float | None:
    tolerance = _optional_number(value, "target.tolerance")
    if tolerance is not None and not 0 <= tolerance < 1:
        raise ProgressInputError(
            f"target.tolerance must be a fraction in [0, 1), such as 0.05, not {tolerance:g}"
        )
    return tolerance


def _target(raw: Mapping[str, object]) -> Target:
    _check_keys(raw, _TARGET_KEYS | _IGNORED_TARGET_KEYS, "target")
    if "kind" not in raw or "comparator" not in raw:
        raise ProgressInputError("target.kind and target.comparator are required")
    kind = _choice(TargetKind, raw["kind"], "target.kind")
    comparator = _choice(Comparator, raw["comparator"], "target.comparator")
    low = _optional_number(raw.get("low"), "target.low")
    high = _optional_number(raw.get("high"), "target.high")
    year = _optional_year(raw.get("year"), "target.year")
    period = _period(raw.get("period"))
    _check_bounds(comparator, low, high)
    _check_timing(kind, year, period)
    unit = raw.get("unit", "")
    if not isinstance(unit, str):
        raise ProgressInputError(f"target.unit must be text, not {unit!r}")
    baseline, baseline_year = _baseline(raw.get("baseline"))
    base_year = _optional_year(raw.get("base_year"), "target.base_year")
    return Target(
        kind=kind,
        comparator=comparator,
        low=low,
        high=high,
        direction=_choice(Direction, raw.get("direction", "higher"), "target.direction"),
        year=year,
        period=period,
        unit=unit,
        tolerance=_tolerance(raw.get("tolerance")),
        base_year=base_year if base_year is not None else baseline_year,
        baseline=baseline,
        series_break=_optional_year(raw.get("series_break"), "target.series_break"),
    )


def _series(value: object) -> dict[int, float]:
    """{"2015": 35.0, "2022": null, …}: null means no figure for that year."""
    raw = _mapping(value, "series")
    series: dict[int, float] = {}
    for key, item in raw.items():
        year = _year(key, f"series key {key!r}")
        if item is not None:
            series[year] = _number(item, f"series[{key!r}]")
    return series


def _pick(doc: Mapping[str, object], target: Mapping[str, object], key: str) -> object:
    """A top-level option, else the same key inside the target."""
    return doc[key] if doc.get(key) is not None else target.get(key)


def parse_input(doc: object) -> ParsedInput:
    """Validate the CLI document and turn it into engine inputs; raises ProgressInputError."""
    top = _mapping(doc, "the input document")
    _check_keys(top, _TOP_KEYS, "the input document")
    if "target" not in top or "series" not in top:
        raise ProgressInputError("the input document needs both 'target' and 'series'")
    raw_target = _mapping(top["target"], "target")
    series_unit = top.get("series_unit")
    if series_unit is not None and not isinstance(series_unit, str):
        raise ProgressInputError(f"series_unit must be text, not {series_unit!r}")
    series_kind = _pick(top, raw_target, "series_kind")
    return ParsedInput(
        target=_target(raw_target),
        series=_series(top["series"]),
        method=_choice(Method, top.get("method") or "ratio", "method"),
        series_kind=_choice(SeriesKind, series_kind or "level", "series_kind"),
        base_year=_optional_year(top.get("base_year"), "base_year"),
        as_of=_optional_year(_pick(top, raw_target, "as_of"), "as_of"),
        series_unit=series_unit,
    )

"""The progress engine: is a target on course for its year, why, and what it now takes.

`assess` never raises on bad figures: a series it cannot judge gives status insufficient_data with a
reason in Vietnamese and English. Methods and sources are in docs/progress.md:
- level and share targets: Open SDG / Statistics Canada growth ratio (default) or a projection;
- average-growth targets: chained geometric average against the bound, and what the rest must bring;
- annual-change targets: average yearly change against the band, with rates floored at zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from nqtrack.domain.progress.input_document import ProgressInputError, parse_input
from nqtrack.domain.progress.level import assess_level
from nqtrack.domain.progress.model import (
    STATUS_ORDER,
    Assessment,
    Method,
    RequiredPerYear,
    SeriesKind,
    Status,
    status_rank,
)
from nqtrack.domain.progress.rates import assess_annual_change, assess_average_growth
from nqtrack.domain.progress.rules import Insufficient
from nqtrack.domain.progress.series import Request, clean_series
from nqtrack.domain.progress.text import explain, unit_mismatch_reason
from nqtrack.domain.targets import Target, TargetKind

__all__ = [
    "STATUS_ORDER",
    "Assessment",
    "Method",
    "ProgressInputError",
    "RequiredPerYear",
    "SeriesKind",
    "Status",
    "assess",
    "assess_numbers",
    "assess_json",
    "assessment_to_dict",
    "count_by_status",
    "explain",
    "group_status",
    "status_rank",
]

_ASSESSORS: dict[TargetKind, Callable[[Request], Assessment]] = {
    TargetKind.LEVEL: assess_level,
    TargetKind.SHARE: assess_level,
    TargetKind.AVERAGE_GROWTH: assess_average_growth,
    TargetKind.ANNUAL_CHANGE: assess_annual_change,
}
_RATE_KINDS = (TargetKind.AVERAGE_GROWTH, TargetKind.ANNUAL_CHANGE)
# Yearly growth rates are "percent" in the statistics and "percent_per_year" in programme targets.
_GROWTH_RATE_UNITS = {"percent", "percent_per_year"}


def _end_year(target: Target) -> int:
    if target.kind in _RATE_KINDS and target.period is not None:
        return target.period[1]
    if target.kind not in _RATE_KINDS and (target.year is not None or target.period is not None):
        return target.end_year
    raise Insufficient(
        "bad_target",
        "mục tiêu không hợp lệ: thiếu năm mục tiêu hoặc thời kỳ",
        "invalid target: it has no target year or period",
    )


def _unit_mismatch(target: Target, series_unit: str | None, series_kind: SeriesKind) -> bool:
    """Only where series and target share a unit: levels and shares, or growth rates against a rate."""
    if series_unit is None or not target.unit:
        return False
    if target.kind in (TargetKind.LEVEL, TargetKind.SHARE):
        return series_unit != target.unit
    if target.kind is TargetKind.AVERAGE_GROWTH and series_kind is SeriesKind.GROWTH_RATE:
        return series_unit not in _GROWTH_RATE_UNITS
    return False


def _requested_base(target: Target, base_year: int | None) -> int | None:
    """The caller's base year, the target's own, the year before a period, or None (first figure)."""
    if base_year is not None:
        return base_year
    if target.base_year is not None:
        return target.base_year
    return target.period[0] - 1 if target.period is not None else None


def _request(
    target: Target,
    series: Mapping[int, float],
    method: Method,
    series_kind: SeriesKind,
    base_year: int | None,
    as_of: int | None,
    series_unit: str | None,
    closed_through: int | None = None,
) -> Request:
    if _unit_mismatch(target, series_unit, series_kind):
        vi, en = unit_mismatch_reason(series_unit or "", target.unit)
        raise Insufficient("unit_mismatch", vi, en)
    end = _end_year(target)
    known = clean_series(series, as_of)
    base = _requested_base(target, base_year)
    if target.series_break is not None:
        # Never across a break: the figures of the old series are left out, and so is an earlier base.
        known = {year: value for year, value in known.items() if year >= target.series_break}
        base = None if base is None else max(base, target.series_break)
    # The deadline is over once the as-of year reaches it, once a figure of its year is known or, asked
    # on every figure, once the calendar has closed its year (``closed_through``).
    over = as_of if as_of is not None else closed_through
    final = (over is not None and over >= end) or any(year >= end for year in known)
    later = {year: value for year, value in known.items() if year > end}
    judged = {year: value for year, value in known.items() if year <= end}
    return Request(target, judged, method, series_kind, base, end, final=final, later=later)


def _insufficient(target: Target, method: Method, problem: Insufficient) -> Assessment:
    target_year = target.period[1] if target.period is not None else target.year
    latest_year, latest_value = problem.latest if problem.latest is not None else (None, None)
    return Assessment(
        Status.INSUFFICIENT_DATA,
        Method.RATIO if target.kind in _RATE_KINDS else method,
        target_year=target_year,
        latest_year=latest_year,
        latest_value=latest_value,
        threshold=problem.threshold,
        reason=problem.reason_vi,
        reason_en=problem.reason_en,
        reason_code=problem.code,
        series_break=target.series_break,
    )


def _with_break(target: Target, series: Mapping[int, float], a: Assessment) -> Assessment:
    """Say that the figures before a series break were left out (when there were any)."""
    cut = target.series_break
    if cut is None or not any(isinstance(year, int) and year < cut for year in series):
        return a
    vi = f"chuỗi số liệu gãy từ năm {cut} (đổi chuẩn hoặc cách tính): số liệu trước năm {cut} không được dùng"
    en = f"the series breaks in {cut} (a new standard or method): figures before {cut} are not used"
    return replace(
        a,
        series_break=cut,
        base_note=vi if a.base_note is None else f"{a.base_note}; {vi}",
        base_note_en=en if a.base_note_en is None else f"{a.base_note_en}; {en}",
    )


def assess_numbers(
    target: Target,
    series: Mapping[int, float],
    *,
    method: Method = Method.RATIO,
    series_kind: SeriesKind = SeriesKind.LEVEL,
    base_year: int | None = None,
    as_of: int | None = None,
    series_unit: str | None = None,
    closed_through: int | None = None,
) -> Assessment:
    """``assess`` without the explanation texts (``explanation_vi``/``explanation_en`` left empty).

    Writing the two paragraphs is more than half of an assessment's time; the store of assessments keeps
    the numbers of every (target, unit) pair and writes the texts only for those somebody reads
    (``explain``). Never raises for bad figures.
    """
    try:
        request = _request(target, series, method, series_kind, base_year, as_of, series_unit, closed_through)
        return _with_break(target, series, _ASSESSORS[target.kind](request))
    except Insufficient as problem:
        return _insufficient(target, method, problem)


def assess(
    target: Target,
    series: Mapping[int, float],
    *,
    method: Method = Method.RATIO,
    series_kind: SeriesKind = SeriesKind.LEVEL,
    base_year: int | None = None,
    as_of: int | None = None,
    series_unit: str | None = None,
    closed_through: int | None = None,
) -> Assessment:
    """Assess `target` against `series` ({year: value}). Never raises for bad figures.

    `method` applies to level and share targets (average-growth and annual-change targets have their own
    rule and report method "ratio"). `series_kind` says whether the series holds levels or yearly growth
    rates in percent. `base_year` overrides the target's; `as_of` ignores figures after that year;
    `series_unit`, when given, must match the target's unit. `closed_through`, for a question asked on
    every figure (no `as_of`), is the last calendar year already over: a target of that year or before has
    a final verdict even before a figure of its year arrives.
    """
    assessment = assess_numbers(
        target,
        series,
        method=method,
        series_kind=series_kind,
        base_year=base_year,
        as_of=as_of,
        series_unit=series_unit,
        closed_through=closed_through,
    )
    vi, en = explain(assessment, target)
    return replace(assessment, explanation_vi=vi, explanation_en=en)


def _json_number(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def assessment_to_dict(a: Assessment) -> dict[str, Any]:
    """A JSON-ready dict (no NaN or infinity; enums as their values)."""
    return {
        "status": a.status.value,
        "ratio": _json_number(a.ratio),
        "projected_value": _json_number(a.projected_value),
        "base_year": a.base_year,
        "base_value": _json_number(a.base_value),
        "latest_year": a.latest_year,
        "latest_value": _json_number(a.latest_value),
        "target_year": a.target_year,
        "threshold": _json_number(a.threshold),
        "observed_growth": _json_number(a.observed_growth),
        "required_growth": _json_number(a.required_growth),
        "achieved_average": _json_number(a.achieved_average),
        "required_per_year": {
            "low": _json_number(a.required_per_year.low),
            "high": _json_number(a.required_per_year.high),
        },
        "gap_years": list(a.gap_years),
        "explanation": a.explanation_vi,
        "explanation_en": a.explanation_en,
        "method": a.method.value,
        "reason": a.reason,
        "reason_en": a.reason_en,
        "reason_code": a.reason_code,
        "base_note": a.base_note,
        "base_note_en": a.base_note_en,
        "method_note": a.method_note,
        "method_note_en": a.method_note_en,
        "final": bool(a.final),
        "margin": _json_number(a.margin),
        "later_year": a.later_year,
        "later_value": _json_number(a.later_value),
        "later_met": a.later_met,
        "tolerance": a.tolerance,
        "series_break": a.series_break,
    }


def assess_json(doc: dict[str, Any]) -> dict[str, Any]:
    """Assess the CLI input document and return `assessment_to_dict` of the result.

    Document: {"target": {"kind", "comparator", "low", "high", "year" | "period", "direction", "unit",
    "tolerance", "base_year", "baseline"}, "series": {"2015": 35.0, …}, "method", "series_kind",
    "base_year", "as_of", "series_unit"}. Raises ProgressInputError for a malformed document.
    """
    parsed = parse_input(doc)
    assessment = assess(
        parsed.target,
        parsed.series,
        method=parsed.method,
        series_kind=parsed.series_kind,
        base_year=parsed.base_year,
        as_of=parsed.as_of,
        series_unit=parsed.series_unit,
    )
    return assessment_to_dict(assessment)


def _status_of(item: Assessment | Status) -> Status:
    return item.status if isinstance(item, Assessment) else item


def group_status(assessments: Iterable[Assessment | Status]) -> Status:
    """The worst judged status of a group (Destatis): achieved < on_track < at_risk < needs_acceleration
    < limited_progress < moving_away. insufficient_data counts only when nothing else is known."""
    judged = [s for s in map(_status_of, assessments) if s is not Status.INSUFFICIENT_DATA]
    if not judged:
        return Status.INSUFFICIENT_DATA
    return max(judged, key=status_rank)


def count_by_status(assessments: Iterable[Assessment | Status]) -> dict[Status, int]:
    """How many of each status, every status present (zero included), best first."""
    counts = dict.fromkeys(Status, 0)
    for status in map(_status_of, assessments):
        counts[status] += 1
    return {status: counts[status] for status in (*STATUS_ORDER, Status.INSUFFICIENT_DATA)}

"""The series side of an assessment: which figures count, the base year and the latest figure."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from nqtrack.domain.progress.model import Method, SeriesKind
from nqtrack.domain.progress.rules import Insufficient
from nqtrack.domain.targets import Target

__all__ = ["Base", "Request", "choose_base", "clean_series", "latest_point"]


@dataclass(frozen=True, slots=True)
class Request:
    """One assessment to make, with the series already cleaned and cut at the as-of / target year."""

    target: Target
    series: Mapping[int, float]
    method: Method
    series_kind: SeriesKind
    requested_base: int | None  # None: the first year of the series (level and share targets only)
    end_year: int
    # The as-of year reached the target year (end of the period), or a figure of that year or later is
    # known: the verdict is final.
    final: bool = False
    later: Mapping[int, float] = field(default_factory=dict)  # figures after end_year, up to the as-of year


@dataclass(frozen=True, slots=True)
class Base:
    year: int
    value: float
    note_vi: str | None = None
    note_en: str | None = None


def _as_float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]  # anything float() accepts is a figure
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def clean_series(series: Mapping[int, float], cutoff: int | None) -> dict[int, float]:
    """Figures up to `cutoff` (all when None), as floats. NaN, infinities and non-numbers count as
    missing (sdg-build drops NA values); so do keys that are not whole years."""
    cleaned: dict[int, float] = {}
    for year, value in series.items():
        number = _as_float(value)
        if (
            isinstance(year, int)
            and not isinstance(year, bool)
            and (cutoff is None or year <= cutoff)
            and number is not None
        ):
            cleaned[year] = number
    return cleaned


def no_figures() -> Insufficient:
    return Insufficient("no_data", "không có số liệu", "no figures")


def latest_point(series: Mapping[int, float]) -> tuple[int, float]:
    if not series:
        raise no_figures()
    year = max(series)
    return year, series[year]


def choose_base(request: Request) -> Base:
    """The base year and its figure, as sdg-build does: the requested year, else the next year with data.

    A base value stated in the programme (`Target.baseline` for `Target.base_year`) stands in for a base
    year the series lacks.
    """
    series = request.series
    if not series:
        raise no_figures()
    wanted = request.requested_base
    if wanted is None:
        first = min(series)
        return Base(first, series[first])
    if wanted in series:
        return Base(wanted, series[wanted])
    target = request.target
    if target.baseline is not None and target.base_year == wanted and math.isfinite(target.baseline):
        return Base(
            wanted,
            target.baseline,
            f"năm gốc {wanted} lấy giá trị nêu trong chương trình",
            f"base year {wanted} uses the value stated in the programme",
        )
    return _next_available(series, wanted)


def _next_available(series: Mapping[int, float], wanted: int) -> Base:
    later = [year for year in series if year > wanted]
    if not later:
        raise Insufficient(
            "no_base",
            f"không có số liệu từ năm gốc {wanted} trở đi",
            f"no figure in or after the base year {wanted}",
        )
    year = min(later)
    return Base(
        year,
        series[year],
        f"năm gốc {wanted} không có số liệu nên lấy năm gần nhất sau đó ({year})",
        f"the base year {wanted} has no figure, so the next year with one ({year}) was taken",
    )

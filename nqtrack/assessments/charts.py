"""Reads for charts: a stored target, its series and its assessment as the data a chart draws."""

from __future__ import annotations

from django.utils.translation import gettext as _

from nqtrack.charts.data import (
    ChartPoint,
    TargetBand,
    TargetChartData,
    TargetLines,
    segments,
    target_lines,
    yearly_changes,
)
from nqtrack.charts.labels import status_label, unit_label
from nqtrack.domain.progress import Assessment, SeriesKind
from nqtrack.domain.progress.text import counts_points
from nqtrack.domain.targets import Direction, TargetKind
from nqtrack.observations.models import Observation
from nqtrack.observations.selectors import series_unit
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import domain_target

UNIT_MISMATCH = "unit_mismatch"  # the engine's reason code: the figures count something the target does not

# An annual-change figure's status: the weaker of the two years it is computed from.
_STATUS_RANK = {"official": 0, "preliminary": 1, "estimate": 2, "plan": 3}


def target_chart_data(
    *, target: pm.Target, series: dict[int, Observation], assessment: Assessment
) -> TargetChartData:
    """The chart data of one target: its series (year → value used), band, path, projection, need.

    An annual-change target ("giảm 1–1,5 điểm/năm") is drawn as the change of each year against its
    band; the series is never joined across a missing year or the target's series break.
    """
    target = target.judged  # a re-based target is drawn on the terms it is judged on
    domain = domain_target(target)
    if assessment.reason_code == UNIT_MISMATCH:
        return _unit_mismatch_data(target, series, domain.end_year, domain.series_break)
    growth_rates = target.series_kind == SeriesKind.GROWTH_RATE
    lines = target_lines(domain, assessment, growth_rates=growth_rates)
    cut = domain.series_break
    if target.kind == TargetKind.ANNUAL_CHANGE:
        return _change_data(target, series, assessment, lines, cut)
    unit = "percent_per_year" if growth_rates else target.indicator.unit
    if target.kind == TargetKind.LEVEL or target.kind == TargetKind.SHARE:
        unit = target.unit or target.indicator.unit
    years = sorted(series)
    return TargetChartData(
        indicator=target.indicator.name,
        unit=unit_label(unit),
        band=lines.band,
        base_year=assessment.base_year,
        base_value=assessment.base_value,
        points=tuple(
            _point(year, series[year], seg) for year, seg in zip(years, segments(years, cut), strict=True)
        ),
        path=lines.path,
        projection=lines.projection,
        needed=lines.needed,
        growth_rates=growth_rates,
        series_break=cut,
        final_status=assessment.status.value if assessment.final else None,
    )


def _figures_unit(series: dict[int, Observation], target_unit: str) -> str:
    """The unit the figures themselves are in, in words: a count of district-level units is named so,
    never "huyện", which is what the target counts."""
    unit = series_unit(series)
    if unit is None:
        return ""
    if {unit, target_unit} == {"count", "districts"}:
        return _("đơn vị hành chính cấp huyện")
    return unit_label(unit)


def _unit_mismatch_data(
    target: pm.Target, series: dict[int, Observation], end_year: int, cut: int | None
) -> TargetChartData:
    """The figures alone, on their own unit: a target band or path beside figures the engine cannot
    compare with it would suggest the comparison its sentence rules out."""
    years = sorted(series)
    return TargetChartData(
        indicator=target.indicator.name,
        unit=_figures_unit(series, target.unit or target.indicator.unit),
        band=TargetBand(None, None, end_year),
        base_year=None,
        base_value=None,
        points=tuple(
            _point(year, series[year], seg) for year, seg in zip(years, segments(years, cut), strict=True)
        ),
        series_break=cut,
    )


def _point(year: int, obs: Observation, segment: int) -> ChartPoint:
    return ChartPoint(year, float(obs.value), obs.status, status_label(obs.status), segment)


def _weaker(first: str, second: str) -> str:
    return max(first, second, key=lambda s: _STATUS_RANK.get(s, len(_STATUS_RANK)))


def _change_unit(unit: str) -> str:
    """The axis unit of yearly changes: points a year of a rate in percent, else the levels' unit a year."""
    if counts_points(unit):
        return unit_label("percentage_points_per_year")
    return _("%(unit)s/năm") % {"unit": unit_label(unit)}


def _change_data(
    target: pm.Target,
    series: dict[int, Observation],
    assessment: Assessment,
    lines: TargetLines,
    cut: int | None,
) -> TargetChartData:
    lower = (target.direction or target.indicator.direction) == Direction.LOWER
    values = {year: float(obs.value) for year, obs in series.items()}
    changes = yearly_changes(values, lower_is_better=lower, series_break=cut)
    years = sorted(changes)
    points = []
    for year, seg in zip(years, segments(years, cut), strict=True):
        status = _weaker(series[year].status, series[year - 1].status)
        points.append(ChartPoint(year, changes[year], status, status_label(status), seg))
    return TargetChartData(
        indicator=target.indicator.name,
        unit=_change_unit(target.unit or target.indicator.unit),
        band=lines.band,
        base_year=assessment.base_year,
        base_value=None,
        points=tuple(points),
        path=lines.path,
        projection=lines.projection,
        needed=lines.needed,
        yearly_change=True,
        series_break=cut,
        final_status=assessment.status.value if assessment.final else None,
    )

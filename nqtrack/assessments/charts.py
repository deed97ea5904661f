"""Reads for charts: a stored target, its series and its assessment as the data a chart draws."""

from __future__ import annotations

from nqtrack.charts.data import ChartPoint, TargetChartData, target_lines
from nqtrack.charts.labels import status_label, unit_label
from nqtrack.domain.progress import Assessment, SeriesKind
from nqtrack.domain.targets import TargetKind
from nqtrack.observations.models import Observation
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import domain_target


def target_chart_data(
    *, target: pm.Target, series: dict[int, Observation], assessment: Assessment
) -> TargetChartData:
    """The chart data of one target: its series (year → value used), band, path, projection, need."""
    growth_rates = target.series_kind == SeriesKind.GROWTH_RATE
    lines = target_lines(domain_target(target), assessment, growth_rates=growth_rates)
    unit = "percent_per_year" if growth_rates else target.indicator.unit
    if target.kind == TargetKind.LEVEL or target.kind == TargetKind.SHARE:
        unit = target.unit or target.indicator.unit
    return TargetChartData(
        indicator=target.indicator.name,
        unit=unit_label(unit),
        band=lines.band,
        base_year=assessment.base_year,
        base_value=assessment.base_value,
        points=tuple(
            ChartPoint(year, float(obs.value), obs.status, status_label(obs.status))
            for year, obs in sorted(series.items())
        ),
        path=lines.path,
        projection=lines.projection,
        needed=lines.needed,
        growth_rates=growth_rates,
    )

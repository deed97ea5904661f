"""Charts: one declarative (Vega-Lite, via Altair) specification per chart, drawn on the page by
vega-embed and rendered to PNG/SVG for the documents by vl-convert. See docs/charts.md.
"""

from nqtrack.charts.data import XY, ChartPoint, TargetBand, TargetChartData
from nqtrack.charts.render import chart_key, chart_spec, kept_png, render_png, render_svg
from nqtrack.charts.target import target_chart
from nqtrack.charts.units import UnitMapData, UnitPlace, UnitPoint, unit_map

__all__ = [
    "XY",
    "ChartPoint",
    "TargetBand",
    "TargetChartData",
    "UnitMapData",
    "UnitPlace",
    "UnitPoint",
    "chart_key",
    "chart_spec",
    "kept_png",
    "render_png",
    "render_svg",
    "target_chart",
    "unit_map",
]

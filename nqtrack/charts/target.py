"""The target chart: one Vega-Lite specification for the page (vega-embed) and the documents (PNG/SVG).

Layers, bottom to top: the target band (a shaded strip between two bounds, and a rule at each bound) up
to the target year; the path from the base year that would meet the target, the projection at the
observed pace and the line the remaining years now need (each its own colour *and* dash pattern); the
series, official and other figures drawn with different shapes (never colour alone), with tooltips.
"""

from __future__ import annotations

from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from nqtrack.charts.data import XY, TargetChartData
from nqtrack.charts.style import LINE_STYLES, apply_style, inline, line_labels, point_marks, verdicts

WIDTH = 640
HEIGHT = 320
VALUE_FORMAT = ",.2~f"  # thousands separator, at most two decimals, in the chart's number locale


def target_chart(data: TargetChartData) -> alt.LayerChart:
    """The chart of one target: series, band, path, projection and needed-from-now line."""
    # The frame reaches the target year only when something is drawn there (a bound or a line): figures
    # that cannot be compared with the target are shown on their own years.
    years = [p.year for p in data.points]
    if not years or _drawn_lines(data):
        years.append(data.band.year)
    first = min(years + ([data.base_year] if data.base_year is not None else []))
    # A figure after the target year (judged "đạt muộn" or still short) stays inside the frame.
    last = max(years)
    x = alt.X("year:Q", title=_("Năm"), scale=alt.Scale(domain=[first, last], nice=False))
    y_title = f"{data.indicator} ({data.unit})" if data.unit else data.indicator
    layers = [*_band_layers(data, first), *_lines_layers(data), *_series_layers(data)]
    chart = alt.layer(*layers).encode(
        x=x.axis(format="d", tickMinStep=1),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
    )
    return apply_style(chart.properties(width=WIDTH, height=HEIGHT, title=_title(data)))


def _title(data: TargetChartData) -> str | alt.TitleParams:
    """The indicator; once the verdict is final, the verdict below it in its colour ("Không đạt")."""
    verdict = verdicts().get(data.final_status or "")
    if verdict is None:
        return data.indicator
    subtitle = _("Kết quả cuối cùng (năm %(year)s): %(verdict)s") % {
        "year": data.band.year,
        "verdict": verdict.words,
    }
    return alt.TitleParams(text=data.indicator, subtitle=subtitle, subtitleColor=verdict.colour)


def _band_layers(data: TargetChartData, first: int) -> list[alt.Chart]:
    band = data.band
    bounds = [b for b in (band.low, band.high) if b is not None]
    style = LINE_STYLES["target"]
    layers: list[alt.Chart] = []
    if len(bounds) == 2:
        strip = alt.Chart(
            inline([{"year": first, "year2": band.year, "value": bounds[0], "high": bounds[1]}])
        )
        layers.append(strip.mark_rect(opacity=0.15, color=style.colour).encode(x2="year2:Q", y2="high:Q"))
    if bounds:
        label = line_labels()["target"]
        rows = [{"year": first, "year2": band.year, "value": b, "line": label} for b in bounds]
        rule = alt.Chart(inline(rows)).mark_rule(strokeWidth=2)
        layers.append(
            rule.encode(x2="year2:Q", tooltip=_tooltip(data, "line:N", with_year=False), **_line_style(data))
        )
    return layers


def _drawn_lines(data: TargetChartData) -> dict[str, tuple[XY, ...]]:
    """The lines this chart draws, by style name, in legend order."""
    lines = {"path": data.path, "projection": data.projection, "needed": data.needed}
    drawn = {name: points for name, points in lines.items() if points}
    if data.band.low is not None or data.band.high is not None:
        drawn = {"target": (), **drawn}
    return drawn


def _line_style(data: TargetChartData) -> dict[str, Any]:
    """Colour and dash by line, one shared legend (the rule of the target and the lines)."""
    labels = line_labels()
    names = list(_drawn_lines(data))
    domain = [labels[n] for n in names]
    legend = alt.Legend(title=None, orient="bottom", direction="vertical", symbolStrokeWidth=2)
    colours = alt.Scale(domain=domain, range=[LINE_STYLES[n].colour for n in names])
    dashes = alt.Scale(domain=domain, range=[list(LINE_STYLES[n].dash) for n in names])
    return {
        "color": alt.Color("line:N", scale=colours, legend=legend),
        "strokeDash": alt.StrokeDash("line:N", scale=dashes, legend=legend),
    }


def _lines_layers(data: TargetChartData) -> list[alt.Chart]:
    labels = line_labels()
    rows = [
        {"year": p.year, "value": p.value, "line": labels[name]}
        for name, points in _drawn_lines(data).items()
        for p in points
    ]
    if not rows:
        return []
    chart: alt.Chart = (
        alt.Chart(inline(rows))
        .mark_line(strokeWidth=2)
        .encode(tooltip=_tooltip(data, "line:N"), **_line_style(data))
    )
    return [chart]


def _series_layers(data: TargetChartData) -> list[alt.Chart]:
    marks = point_marks()
    rows = [
        {
            "year": p.year,
            "value": p.value,
            "status": p.status_label,
            "mark": marks[p.mark].label,
            "segment": p.segment,
        }
        for p in data.points
    ]
    if not rows:
        return []
    present = [m for key, m in marks.items() if any(p.mark == key for p in data.points)]
    colour = LINE_STYLES["series"].colour
    base = alt.Chart(inline(rows))
    shapes = alt.Scale(domain=[m.label for m in present], range=[m.shape for m in present])
    points = base.mark_point(filled=True, size=90, color=colour, opacity=1).encode(
        shape=alt.Shape("mark:N", scale=shapes, legend=alt.Legend(title=None, orient="bottom")),
        tooltip=_tooltip(data, "status:N"),
    )
    # One line per segment: never joined across a missing year or a series break.
    line = base.mark_line(color=colour, strokeWidth=2.5).encode(detail="segment:N")
    return [*_break_layers(data), line, points]


def _break_layers(data: TargetChartData) -> list[alt.Chart]:
    """A vertical rule where the series breaks, with its words in the tooltip."""
    if data.series_break is None:
        return []
    label = _("Chuỗi số liệu gãy từ năm %(year)s (đổi chuẩn): không so sánh qua mốc này") % {
        "year": data.series_break
    }
    rule = alt.Chart(inline([{"year": data.series_break - 0.5, "label": label}])).mark_rule(
        color="#6c757d", strokeDash=[2, 2]
    )
    return [rule.encode(x="year:Q", tooltip=alt.Tooltip("label:N", title=_("Loại")))]


def _tooltip(data: TargetChartData, label: str, *, with_year: bool = True) -> list[Any]:
    year = [alt.Tooltip("year:Q", title=_("Năm"), format="d")] if with_year else []
    return [
        *year,
        alt.Tooltip("value:Q", title=data.unit or _("Giá trị"), format=VALUE_FORMAT),
        alt.Tooltip(label, title=_("Loại")),
    ]

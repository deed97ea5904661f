"""The unit map: proportional symbols at unit centroids, over boundary polygons when a file supplies them.

A circle's *area* is proportional to the figure (Vega-Lite's ``size`` channel is an area; its scale starts
at zero), so a unit with twice the figure gets twice the ink. Labels carry the unit's name; the tooltip its
figure, rank and status. Without polygons the units float on a plain background at their true positions
(Mercator projection).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from nqtrack.charts.style import LINE_STYLES, apply_style, inline

WIDTH = 560
HEIGHT = 420
MAX_CIRCLE_AREA = 2200  # px² for the largest figure


@dataclass(frozen=True, slots=True)
class UnitPoint:
    code: str
    name: str
    latitude: float
    longitude: float
    value: float
    rank: int
    status_label: str


@dataclass(frozen=True, slots=True)
class UnitPlace:
    """A unit without a figure, drawn as a small grey dot so the figures have their surroundings."""

    code: str
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class UnitMapData:
    indicator: str
    unit: str
    year: int
    points: tuple[UnitPoint, ...]
    places: tuple[UnitPlace, ...] = ()
    boundaries: dict[str, Any] | None = None  # a GeoJSON FeatureCollection, already cut to the units shown


def unit_map(data: UnitMapData) -> alt.LayerChart:
    """Circles sized by the figure at each unit's centroid, named, over the boundaries if any."""
    rows = [
        {
            "code": p.code,
            "name": p.name,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "value": p.value,
            "size": abs(p.value),
            "rank": p.rank,
            "status": p.status_label,
        }
        for p in data.points
    ]
    layers: list[alt.Chart] = []
    if data.boundaries is not None:
        shapes = alt.InlineData(
            values=data.boundaries, format=alt.JsonDataFormat(property="features", type="json")
        )
        layers.append(alt.Chart(shapes).mark_geoshape(fill="#eef2f6", stroke="#8a96a3", strokeWidth=0.8))
    if data.places:
        layers += _place_layers(data)
    base = alt.Chart(inline(rows)).encode(longitude="longitude:Q", latitude="latitude:Q")
    colour = LINE_STYLES["series"].colour
    circles = base.mark_circle(color=colour, opacity=0.55, stroke=colour, strokeWidth=1).encode(
        size=alt.Size(
            "size:Q",
            title=f"{data.indicator} ({data.unit})" if data.unit else data.indicator,
            scale=alt.Scale(zero=True, rangeMin=0, rangeMax=MAX_CIRCLE_AREA),
            legend=alt.Legend(orient="bottom", format=",.2~f"),
        ),
        tooltip=[
            alt.Tooltip("name:N", title=_("Đơn vị")),
            alt.Tooltip("value:Q", title=data.unit or _("Giá trị"), format=",.2~f"),
            alt.Tooltip("rank:Q", title=_("Thứ hạng")),
            alt.Tooltip("status:N", title=_("Loại")),
        ],
    )
    labels = base.mark_text(dy=-14, fontSize=11, color="#1d2733").encode(text="name:N")
    layers += [circles, labels]
    chart = (
        alt.layer(*layers)
        .project(type="mercator")
        .properties(width=WIDTH, height=HEIGHT, title=f"{data.indicator} — {data.year}")
    )
    return apply_style(chart)


def _place_layers(data: UnitMapData) -> list[alt.Chart]:
    """Grey dots and names of the units without a figure."""
    rows = [{"name": p.name, "latitude": p.latitude, "longitude": p.longitude} for p in data.places]
    base = alt.Chart(inline(rows)).encode(longitude="longitude:Q", latitude="latitude:Q")
    dots = base.mark_circle(color="#8a96a3", size=18, opacity=0.9).encode(
        tooltip=[alt.Tooltip("name:N", title=_("Đơn vị chưa có số liệu"))]
    )
    names = base.mark_text(dy=-9, fontSize=9, color="#6c757d").encode(text="name:N")
    return [dots, names]

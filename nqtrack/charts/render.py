"""Render a chart to PNG or SVG offline with vl-convert (no network: external data URLs are refused)."""

from __future__ import annotations

from typing import Any

import altair as alt
import vl_convert as vlc

# The Vega-Lite version Altair writes ("v5.20.1" → "5.20"): the page's bundle and the documents use it too.
VL_VERSION = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]

# Nothing may be fetched while rendering: every chart carries its data inline.
_NO_URLS: list[str] = []


def chart_spec(chart: Any) -> dict[str, Any]:
    """The Vega-Lite specification of an Altair chart, as a JSON-ready dict."""
    spec: dict[str, Any] = chart.to_dict()
    return spec


def render_png(chart: Any, *, scale: float = 2.0) -> bytes:
    """The chart as a PNG image; ``scale`` 2 gives sharp pictures in printed documents."""
    png: bytes = vlc.vegalite_to_png(
        chart_spec(chart), vl_version=VL_VERSION, scale=scale, allowed_base_urls=_NO_URLS
    )
    return png


def render_svg(chart: Any) -> str:
    """The chart as an SVG document (text)."""
    svg: str = vlc.vegalite_to_svg(chart_spec(chart), vl_version=VL_VERSION, allowed_base_urls=_NO_URLS)
    return svg

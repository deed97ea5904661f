"""Render a chart to PNG or SVG offline with vl-convert (no network: external data URLs are refused).

Drawing is the slow part of a report (about a fifth of a second a chart, in vl-convert's JavaScript) and
the same chart is asked for again and again: by every report made from the same figures, and by the
target page's image download. So every picture is kept under a hash of all that decides it — the
specification (data included), the format, the scale and the Vega-Lite and vl-convert versions — and each
chart is drawn once per specification. The pictures are kept in the cache alias ``charts`` when the
settings name one (a Redis shared by several hosts, say), else in Django's file cache under the var dir,
which every process of the host (web, task worker, command line) shares and which outlives a restart.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert as vlc
from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)

# The Vega-Lite version Altair writes ("v5.20.1" → "5.20"): the page's bundle and the documents use it too.
VL_VERSION = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
# A new vl-convert may draw the same specification differently: its pictures are kept apart.
VL_CONVERT_VERSION = version("vl-convert-python")

# Nothing may be fetched while rendering: every chart carries its data inline.
_NO_URLS: list[str] = []

CHART_CACHE = "charts"  # the alias a deployment may set in CACHES
# The file cache keeps a report's picture in 60–90 kB (compressed), so at most about 90 MB; a chart of
# figures since replaced is never asked for again and goes when the cache is culled or after its time.
FILE_CACHE_DIR = Path("cache") / "charts"  # under the var dir
FILE_CACHE_ENTRIES = 1000
FILE_CACHE_SECONDS = 90 * 24 * 3600


def chart_spec(chart: Any) -> dict[str, Any]:
    """The Vega-Lite specification of an Altair chart, as a JSON-ready dict."""
    spec: dict[str, Any] = chart.to_dict()
    return spec


@cache
def _file_cache(directory: Path) -> BaseCache:
    return FileBasedCache(
        str(directory),
        {"TIMEOUT": FILE_CACHE_SECONDS, "OPTIONS": {"MAX_ENTRIES": FILE_CACHE_ENTRIES}},
    )


def chart_cache() -> BaseCache:
    """Where drawn charts are kept: the ``charts`` cache of the settings, else a file cache."""
    if CHART_CACHE in settings.CACHES:
        return caches[CHART_CACHE]
    return _file_cache(Path(settings.VAR_DIR) / FILE_CACHE_DIR)


def chart_key(chart: Any, *, fmt: str, scale: float | None = None) -> str:
    """The key of a drawn chart: a hash of its specification, with all else that changes the picture."""
    # Unvalidated: the same dict as chart_spec, without the schema check that costs more than the
    # specification itself; a chart is checked when it is drawn, so only checked ones are ever kept.
    spec = chart.to_dict(validate=False)
    text = json.dumps(
        [fmt, scale, VL_VERSION, VL_CONVERT_VERSION, spec],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return f"chart:{fmt}:{hashlib.sha256(text.encode()).hexdigest()}"


def draw_png(spec: dict[str, Any], *, scale: float) -> bytes:
    """Draw a specification as PNG with vl-convert (no cache)."""
    png: bytes = vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=scale, allowed_base_urls=_NO_URLS)
    return png


def draw_svg(spec: dict[str, Any]) -> str:
    """Draw a specification as SVG with vl-convert (no cache)."""
    svg: str = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION, allowed_base_urls=_NO_URLS)
    return svg


def _kept(key: str) -> Any:
    try:
        return chart_cache().get(key)
    except Exception:  # noqa: BLE001 - a cache that fails only costs a new drawing
        logger.warning("chart cache unreadable", exc_info=True)
        return None


def _keep(key: str, picture: bytes | str) -> None:
    try:
        chart_cache().set(key, picture)
    except Exception:  # noqa: BLE001 - the picture is drawn; keeping it is only a saving
        logger.warning("chart cache unwritable", exc_info=True)


def kept_png(key: str) -> bytes | None:
    """The PNG kept under ``key`` (``chart_key``), or None when it is not (or no longer) kept."""
    png = _kept(key)
    return png if isinstance(png, bytes) else None


def render_png(chart: Any, *, scale: float = 2.0) -> bytes:
    """The chart as a PNG image; ``scale`` 2 gives sharp pictures in printed documents. Drawn once per
    specification (see the module's note)."""
    key = chart_key(chart, fmt="png", scale=scale)
    png = _kept(key)
    if not isinstance(png, bytes):
        png = draw_png(chart_spec(chart), scale=scale)
        _keep(key, png)
    return png


def render_svg(chart: Any) -> str:
    """The chart as an SVG document (text), drawn once per specification."""
    key = chart_key(chart, fmt="svg")
    svg = _kept(key)
    if not isinstance(svg, str):
        svg = draw_svg(chart_spec(chart))
        _keep(key, svg)
    return svg

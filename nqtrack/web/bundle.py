"""The Vega JavaScript bundle the chart pages load (vega + vega-lite + vega-embed, from vl-convert)."""

from __future__ import annotations

from pathlib import Path

import vl_convert as vlc

from nqtrack.charts.render import VL_VERSION

# What the page scripts use (nqtrack/web/static/web/charts.js): the three libraries as globals.
_GLOBALS = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"

BUNDLE_PATH = Path(__file__).resolve().parent / "static" / "web" / "vendor" / "vega-bundle.js"


def bundle_text() -> str:
    """The bundle of the installed vl-convert, with a header naming its versions."""
    header = (
        f"/* vega {vlc.get_vega_version()}, vega-lite {VL_VERSION}, "
        f"vega-embed {vlc.get_vega_embed_version()}: vl_convert.javascript_bundle() "
        "(BSD-3-Clause; see vega-LICENSE.txt). Written by `nqtrack charts_bundle`. */\n"
    )
    text: str = vlc.javascript_bundle(_GLOBALS, vl_version=VL_VERSION)
    return header + text


def write_bundle(*, path: Path = BUNDLE_PATH) -> Path:
    """Write the bundle to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bundle_text(), encoding="utf-8")
    return path

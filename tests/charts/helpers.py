"""Reading a Vega-Lite specification in tests: the rows and encodings of each layer."""

from __future__ import annotations

import struct
from typing import Any

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def layer_rows(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The inline rows of one layer (Altair moves them to the top-level ``datasets``)."""
    data = layer["data"]
    rows: list[dict[str, Any]] = spec["datasets"][data["name"]] if "name" in data else data["values"]
    return rows


def layers_by_mark(spec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Layers grouped by mark type ("rect", "rule", "line", "point")."""
    found: dict[str, list[dict[str, Any]]] = {}
    for layer in spec["layer"]:
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        found.setdefault(mark, []).append(layer)
    return found


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR is the first chunk)."""
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height attributes of the root <svg> element."""
    import re

    root = re.search(r"<svg[^>]*>", svg)
    assert root is not None
    width = re.search(r'\bwidth="([\d.]+)"', root.group(0))
    height = re.search(r'\bheight="([\d.]+)"', root.group(0))
    assert width is not None
    assert height is not None
    return float(width.group(1)), float(height.group(1))

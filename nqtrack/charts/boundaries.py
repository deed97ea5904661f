"""Unit boundary polygons from a GeoJSON file, when one is supplied (none ships: see docs/charts.md).

Setting ``NQTRACK_UNIT_BOUNDARIES`` (environment variable of the same name) names a GeoJSON
FeatureCollection whose features carry the unit's GSO code in the property
``NQTRACK_UNIT_BOUNDARIES_CODE`` (default ``code``). Only the features of the units shown are kept.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings


class BoundaryFileError(ValueError):
    """The boundary file cannot be used; the message says why."""


def unit_boundaries(*, codes: set[str]) -> dict[str, Any] | None:
    """The features of ``codes`` from the configured file, or None when no file is configured."""
    path = getattr(settings, "NQTRACK_UNIT_BOUNDARIES", None)
    if not path:
        return None
    key = getattr(settings, "NQTRACK_UNIT_BOUNDARIES_CODE", "code")
    try:
        collection = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise BoundaryFileError(f"Không đọc được tệp ranh giới {path}: {error.strerror}.") from error
    except json.JSONDecodeError as error:
        raise BoundaryFileError(f"Tệp ranh giới {path} không phải JSON (dòng {error.lineno}).") from error
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise BoundaryFileError(f"Tệp ranh giới {path} không phải GeoJSON FeatureCollection.")
    kept = [_rewound(f) for f in features if str((f.get("properties") or {}).get(key, "")) in codes]
    return {"type": "FeatureCollection", "features": kept}


def _rewound(feature: dict[str, Any]) -> dict[str, Any]:
    """The feature with outer rings clockwise and holes anticlockwise, as d3-geo (Vega) reads them.

    GeoJSON (RFC 7946) asks for the opposite order; d3 would read such a ring as "the whole globe but
    this district" and the map would zoom out to the world.
    """
    geometry: dict[str, Any] = feature.get("geometry") or {}
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        coordinates = _rewound_polygon(coordinates)
    elif kind == "MultiPolygon":
        coordinates = [_rewound_polygon(polygon) for polygon in coordinates]
    else:
        return feature
    return {**feature, "geometry": {**geometry, "coordinates": coordinates}}


def _rewound_polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    return [_oriented(ring, clockwise=index == 0) for index, ring in enumerate(rings)]


def _oriented(ring: list[list[float]], *, clockwise: bool) -> list[list[float]]:
    # Shoelace sum on longitude/latitude: positive for an anticlockwise ring (east right, north up).
    area = sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False))
    is_clockwise = area < 0
    return ring if is_clockwise == clockwise else list(reversed(ring))

"""The unit map's specification (proportional symbols at centroids, polygons when supplied) and its PNG."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nqtrack.charts import UnitMapData, UnitPlace, UnitPoint, chart_spec, render_png, unit_map
from nqtrack.charts.boundaries import BoundaryFileError, unit_boundaries
from tests.charts.helpers import PNG_SIGNATURE, layer_rows, layers_by_mark, png_size

SON_DONG = UnitPoint("220", "Huyện Sơn Động", 21.323672, 106.86504, 12.4, 5, "Ước")
CITY = UnitPoint("213", "Thành phố Bắc Giang", 21.281992, 106.197477, 1.5, 1, "Chính thức")
LUC_NAM = UnitPlace("218", "Huyện Lục Nam", 21.29, 106.4)
SQUARE = [[106.6, 21.2], [107.0, 21.2], [107.0, 21.5], [106.6, 21.5], [106.6, 21.2]]  # anticlockwise


def data(**kw: object) -> UnitMapData:
    return UnitMapData("Tỷ lệ hộ nghèo", "%", 2022, (SON_DONG, CITY), **kw)  # type: ignore[arg-type]


def test_circles_sit_at_the_centroids_with_an_area_proportional_to_the_figure() -> None:
    spec = chart_spec(unit_map(data(places=(LUC_NAM,))))
    assert spec["projection"] == {"type": "mercator"}
    circles = [layer for layer in layers_by_mark(spec)["circle"] if "size" in layer["encoding"]]
    assert len(circles) == 1
    assert [
        (r["code"], r["latitude"], r["longitude"], r["value"], r["size"])
        for r in layer_rows(spec, circles[0])
    ] == [
        ("220", 21.323672, 106.86504, 12.4, 12.4),
        ("213", 21.281992, 106.197477, 1.5, 1.5),
    ]
    size = circles[0]["encoding"]["size"]
    assert (size["field"], size["scale"]["zero"], size["scale"]["rangeMin"]) == ("size", True, 0)
    assert circles[0]["encoding"]["longitude"]["field"] == "longitude"
    # the units without a figure: small grey dots with their names
    dots = [layer for layer in layers_by_mark(spec)["circle"] if "size" not in layer["encoding"]]
    assert [r["name"] for r in layer_rows(spec, dots[0])] == ["Huyện Lục Nam"]
    texts = layers_by_mark(spec)["text"]
    assert sorted(r["name"] for t in texts for r in layer_rows(spec, t)) == [
        "Huyện Lục Nam",
        "Huyện Sơn Động",
        "Thành phố Bắc Giang",
    ]
    assert "geoshape" not in layers_by_mark(spec)


def test_polygons_are_drawn_under_the_circles_when_supplied() -> None:
    shapes = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "220"},
                "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            }
        ],
    }
    spec = chart_spec(unit_map(data(boundaries=shapes)))
    first = spec["layer"][0]
    assert first["mark"]["type"] == "geoshape"
    assert first["data"]["format"] == {"property": "features", "type": "json"}


def test_the_boundary_file_is_cut_to_the_units_and_rewound_for_d3(tmp_path: Path, settings: object) -> None:
    path = tmp_path / "units.geojson"
    features = [
        {
            "type": "Feature",
            "properties": {"code": code},
            "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
        }
        for code in ("220", "213", "999")
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    settings.NQTRACK_UNIT_BOUNDARIES = str(path)  # type: ignore[attr-defined]
    cut = unit_boundaries(codes={"220", "213"})
    assert cut is not None
    assert [f["properties"]["code"] for f in cut["features"]] == ["220", "213"]
    # RFC 7946 rings are anticlockwise; d3-geo wants the outer ring clockwise
    assert cut["features"][0]["geometry"]["coordinates"][0] == list(reversed(SQUARE))


def test_no_boundary_file_means_no_polygons(settings: object) -> None:
    settings.NQTRACK_UNIT_BOUNDARIES = None  # type: ignore[attr-defined]
    assert unit_boundaries(codes={"220"}) is None


def test_a_bad_boundary_file_is_refused_with_a_message(tmp_path: Path, settings: object) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text('{"type": "Feature"', encoding="utf-8")
    settings.NQTRACK_UNIT_BOUNDARIES = str(path)  # type: ignore[attr-defined]
    with pytest.raises(BoundaryFileError) as caught:
        unit_boundaries(codes={"220"})
    assert str(caught.value) == f"Tệp ranh giới {path} không phải JSON (dòng 1)."


def test_the_map_renders_to_png() -> None:
    png = render_png(unit_map(data(places=(LUC_NAM,))), scale=1.0)
    assert png[:8] == PNG_SIGNATURE
    width, height = png_size(png)
    assert width > 560
    assert height > 420

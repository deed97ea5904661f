"""Chart data built from what the views read (the unit map's points, places and polygons)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from django.db.models import QuerySet

from nqtrack.assessments.units import UnitComparison
from nqtrack.charts import UnitMapData, UnitPlace, UnitPoint
from nqtrack.charts.boundaries import unit_boundaries
from nqtrack.charts.labels import status_label, unit_label
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import units_valid_on


class AreaUnits(Protocol):
    """The programme's units at a level where the merger changed them, else None (``territory.area_units``
    with its programme and year given)."""

    def __call__(self, *, level: str) -> QuerySet[AdminUnit] | None: ...


def unit_map_data(
    comparison: UnitComparison,
    *,
    province: AdminUnit | None = None,
    area: AreaUnits | None = None,
) -> UnitMapData:
    """The mapped figures of a comparison, the province's other units of the same level, and polygons."""
    mapped = comparison.mapped
    points = tuple(
        UnitPoint(
            code=f.unit.code,
            name=f.unit.name,
            latitude=f.unit.latitude or 0.0,
            longitude=f.unit.longitude or 0.0,
            value=f.value,
            rank=f.rank,
            status_label=status_label(f.observation.status),
        )
        for f in mapped
    )
    places = _places(comparison, province, {p.code for p in points}, area)
    return UnitMapData(
        indicator=comparison.indicator.name,
        unit=unit_label(comparison.indicator.unit),
        year=comparison.year,
        points=points,
        places=places,
        boundaries=unit_boundaries(codes={p.code for p in points} | {p.code for p in places}),
    )


def _places(
    comparison: UnitComparison,
    province: AdminUnit | None,
    shown: set[str],
    area: AreaUnits | None,
) -> tuple[UnitPlace, ...]:
    """The area's units at the level of the mapped figures on 1 January of the year, without a figure:
    ``area(level=…)`` where it names them (after the merger, the former territory's), else the province's."""
    levels = {f.unit.level for f in comparison.mapped}
    if province is None or len(levels) != 1:
        return ()
    level = levels.pop()
    on = date(comparison.year, 1, 1)
    found = area(level=level) if area is not None else None
    units = (found if found is not None else units_valid_on(on=on, under=province, level=level)).exclude(
        code__in=shown
    )
    return tuple(
        UnitPlace(u.code, u.name, u.latitude, u.longitude)
        for u in units.order_by("code")
        if u.latitude is not None and u.longitude is not None
    )

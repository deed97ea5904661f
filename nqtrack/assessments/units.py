"""Reads for the unit comparison: one indicator in one year, every unit with a figure, ranked.

Each figure stays on the unit version it was published for (``Observation.unit`` is a version): a 2022
district figure sits on its 2022 district even after the 2025 mergers, with that version's centroid.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from nqtrack.domain.progress.rules import higher_is_better
from nqtrack.observations.models import Observation
from nqtrack.observations.selectors import best_by_year, visible
from nqtrack.observations.territory import area_figures_q
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import domain_target

_LEVELS = [UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE]


@dataclass(frozen=True, slots=True)
class UnitFigure:
    """A unit's figure for the year, and its rank among the units of the same level (1 = best)."""

    unit: AdminUnit
    observation: Observation
    rank: int

    @property
    def value(self) -> float:
        return float(self.observation.value)


@dataclass(frozen=True, slots=True)
class UnitComparison:
    indicator: pm.Indicator
    year: int
    higher_is_better: bool
    figures: list[UnitFigure]  # by level (province, districts, communes), then rank

    @property
    def mapped(self) -> list[UnitFigure]:
        """The figures below the province that can be placed on the map (the unit has a centroid)."""
        return [
            f
            for f in self.figures
            if f.unit.level != UnitLevel.PROVINCE
            and f.unit.latitude is not None
            and f.unit.longitude is not None
        ]


def comparison_indicators(*, programme: pm.Programme) -> list[pm.Indicator]:
    """The programme's indicators with a figure for a district or commune, in document order."""
    ids = set(
        visible(Observation.objects.all())
        .filter(indicator__programme=programme)
        .exclude(unit__level=UnitLevel.PROVINCE)
        .values_list("indicator_id", flat=True)
    )
    return list(pm.Indicator.objects.filter(pk__in=ids).order_by("group__number", "position"))


def comparison_years(*, indicator: pm.Indicator) -> list[int]:
    """The years with a figure of ``indicator`` below the province, newest first."""
    years = (
        visible(Observation.objects.all())
        .filter(indicator=indicator, year__isnull=False)
        .exclude(unit__level=UnitLevel.PROVINCE)
        .values_list("year", flat=True)
    )
    return sorted({y for y in years if y is not None}, reverse=True)


def unit_comparison(*, indicator: pm.Indicator, year: int) -> UnitComparison:
    """Every unit of the programme's area with a yearly figure of ``indicator`` for ``year``, ranked within
    its level (after the merger: the units of the former territory, ``territory.area_figures_q``).

    The figure used per unit is the one ``best_by_year`` chooses. Ranks follow the indicator's direction
    (the target's, when it has one); equal figures share a rank (1, 2, 2, 4).
    """
    rows = (
        visible(Observation.objects.all())
        .filter(indicator=indicator, year=year)
        .filter(area_figures_q(programme=indicator.programme, year=year))
        .select_related("unit")
    )
    by_unit: dict[int, list[Observation]] = defaultdict(list)
    for obs in rows:
        by_unit[obs.unit_id].append(obs)
    chosen = [best[year] for values in by_unit.values() if year in (best := best_by_year(values))]
    higher = _higher_is_better(indicator)
    figures: list[UnitFigure] = []
    for level in _LEVELS:
        level_rows = [obs for obs in chosen if obs.unit.level == level]
        figures += _ranked(level_rows, higher)
    return UnitComparison(indicator=indicator, year=year, higher_is_better=higher, figures=figures)


def _higher_is_better(indicator: pm.Indicator) -> bool:
    target = indicator.targets.first()
    if target is None:
        return indicator.direction != "lower"
    target.indicator = indicator
    return higher_is_better(domain_target(target))


def _ranked(rows: list[Observation], higher: bool) -> list[UnitFigure]:
    ordered = sorted(rows, key=lambda o: (-o.value if higher else o.value, o.unit.name))
    figures: list[UnitFigure] = []
    for position, obs in enumerate(ordered, start=1):
        tied = figures[-1] if figures and figures[-1].observation.value == obs.value else None
        figures.append(UnitFigure(unit=obs.unit, observation=obs, rank=tied.rank if tied else position))
    return figures

"""Set-based reads for the observations import: a few queries per file instead of two per row.

``nqtrack.observations.services.observations_import`` needs, for every row, the unit version of its
(code, year) and whether the same published figure is stored already; asked one query each, a nationwide
file of a million rows would be a million round trips. ``ImportLookups`` answers both from memory:

- units: every version of every code, read once (the whole country is a few thousand rows), then chosen
  per (code, year) by the rule of ``nqtrack.places.selectors.unit_for_period``;
- stored figures: the published figures of one unit (all indicators of the programme), read the first
  time a row names that unit, then looked up by identity.

``observations_import`` makes one per import (docs/performance.md, "Stored assessments").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from nqtrack.observations.models import Observation, Origin
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Programme

# indicator id, period, status, published, source url, bound: with the unit, what makes a published
# figure the same figure (the import's identity).
type _Identity = tuple[int, str, str, date | None, str, str]


@dataclass(frozen=True, slots=True)
class StoredFigure:
    """The facts the import reports about a figure it finds already stored (named as on Observation)."""

    value: Decimal
    value_text: str
    imported_from: str
    imported_row: int | None


class ImportLookups:
    """Units and stored published figures for one import of ``programme``, read in sets."""

    def __init__(self, *, programme: Programme) -> None:
        self._programme = programme
        self._versions: dict[str, list[AdminUnit]] | None = None
        self._stored: dict[int, dict[_Identity, StoredFigure]] = {}

    def unit_for_period(self, *, code: str, year: int) -> AdminUnit | None:
        """The version of ``code`` valid on 1 January of ``year``, else on 31 December, else None."""
        if self._versions is None:
            self._versions = defaultdict(list)
            for unit in AdminUnit.objects.all():
                self._versions[unit.code].append(unit)
        first, last = date(year, 1, 1), date(year, 12, 31)
        versions = self._versions.get(code, [])
        return next((v for v in versions if v.is_valid_on(first)), None) or next(
            (v for v in versions if v.is_valid_on(last)), None
        )

    def stored_published(self, observation: Observation) -> StoredFigure | None:
        """The stored published figure with the identity of ``observation`` (not saved yet), if any."""
        unit_id = observation.unit_id
        if unit_id not in self._stored:
            self._stored[unit_id] = self._load(unit_id)
        return self._stored[unit_id].get(
            (
                observation.indicator_id,
                observation.period,
                observation.status,
                observation.published,
                observation.source_url,
                observation.bound,
            )
        )

    def _load(self, unit_id: int) -> dict[_Identity, StoredFigure]:
        rows = Observation.objects.filter(
            origin=Origin.PUBLISHED, unit_id=unit_id, indicator__programme=self._programme
        ).values_list(
            "indicator_id",
            "period",
            "status",
            "published",
            "source_url",
            "bound",
            "value",
            "value_text",
            "imported_from",
            "imported_row",
            "id",
        )
        found: dict[_Identity, StoredFigure] = {}
        # The first stored figure of an identity answers (the lowest id), as ``.first()`` does in the
        # row-by-row lookup under Observation's ordering.
        for indicator, period, status, published, url, bound, value, text, source, line, _ in sorted(
            rows, key=lambda r: r[-1], reverse=True
        ):
            found[(indicator, period, status, published, url, bound)] = StoredFigure(
                value, text, source, line
            )
        return found

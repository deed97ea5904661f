"""Set-based reads for the observations import: a few queries per file instead of two per row.

``nqtrack.observations.services.observations_import`` needs, for every row, the unit version of its
(code, year) and whether the same published figure is stored already; asked one query each, a nationwide
file of a million rows would be a million round trips. ``ImportLookups`` answers both from memory:

- units: every version of every code and the crosswalk's first days, read once (the whole country is a
  few thousand rows), then chosen per (code, period, name) by the rule of
  ``nqtrack.places.versions.version_for_period``;
- stored figures: the published figures of one unit (all indicators of the programme), read the first
  time a row names that unit, then looked up by identity.

``observations_import`` makes one per import (docs/performance.md, "Stored assessments").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext

from nqtrack.observations.models import Observation, Origin
from nqtrack.places.models import AdminUnit
from nqtrack.places.versions import (
    Formed,
    VersionError,
    span_of,
    started_from_predecessors,
    version_for_period,
)
from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import programme_territory

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
        self._formed: Formed | None = None
        self._territory_name: str | None = None
        self._stored: dict[int, dict[_Identity, StoredFigure]] = {}

    def unit_versions(self, code: str) -> list[AdminUnit]:
        """Every version of ``code`` (empty for an unknown code)."""
        if self._versions is None:
            self._versions = defaultdict(list)
            for unit in AdminUnit.objects.all():
                self._versions[unit.code].append(unit)
        return self._versions.get(code, [])

    def unit_for_period(self, *, code: str, period: str, name: str = "", plan: bool = False) -> AdminUnit:
        """The version of ``code`` a figure for ``period`` belongs to; ``VersionError`` with the reason
        (``PeriodError`` for a period that does not exist)."""
        versions = self.unit_versions(code)
        if not versions:
            raise VersionError(gettext("mã đơn vị hành chính '%(code)s' không tồn tại") % {"code": code})
        if self._formed is None:
            self._formed = started_from_predecessors()
        return version_for_period(versions, span_of(period), formed=self._formed, name=name, plan=plan)

    def territory_name(self) -> str:
        """The name of the programme's territory (its province in the programme's frame), read once: a row
        that names no unit belongs to it."""
        if self._territory_name is None:
            territory = programme_territory(programme=self._programme)
            self._territory_name = territory.name if territory is not None else ""
        return self._territory_name

    def stored_published(self, observation: Observation) -> StoredFigure | None:
        """The stored published figure with the identity of ``observation`` (not saved yet), if any."""
        return self.stored_by_identity(
            observation.unit_id,
            (
                observation.indicator_id,
                observation.period,
                observation.status,
                observation.published,
                observation.source_url,
                observation.bound,
            ),
        )

    def stored_by_identity(self, unit_id: int, identity: _Identity) -> StoredFigure | None:
        """The stored published figure of ``unit_id`` with ``identity`` (indicator id, period, status,
        published, source url, bound), if any: the import's lookup of a row kept as a tuple."""
        if unit_id not in self._stored:
            self._stored[unit_id] = self._load(unit_id)
        return self._stored[unit_id].get(identity)

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

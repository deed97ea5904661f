"""Reads for the programme overview: every target with its latest value (and, later, its assessment)."""

from __future__ import annotations

from dataclasses import dataclass, field

from nqtrack.observations.models import Observation
from nqtrack.observations.selectors import province_series
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import programme_targets


@dataclass(frozen=True, slots=True)
class TargetRow:
    target: pm.Target
    series: dict[int, Observation]  # year → the value used, for the province

    @property
    def latest(self) -> Observation | None:
        return self.series[max(self.series)] if self.series else None


@dataclass(frozen=True, slots=True)
class GroupRow:
    group: pm.IndicatorGroup
    targets: list[TargetRow] = field(default_factory=list)
    milestones: list[pm.Milestone] = field(default_factory=list)


def programme_overview(*, programme: pm.Programme) -> list[GroupRow]:
    """The indicator groups in order, each with its targets (and their province series) and milestones."""
    series = province_series(programme=programme)
    groups = {g.pk: GroupRow(group=g) for g in programme.indicator_groups.prefetch_related("milestones")}
    for row in groups.values():
        row.milestones.extend(row.group.milestones.all())
    for target in programme_targets(programme=programme):
        group_id = target.indicator.group_id
        if group_id is not None:
            groups[group_id].targets.append(
                TargetRow(target=target, series=series.get(target.indicator_id, {}))
            )
    return list(groups.values())

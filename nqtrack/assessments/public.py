"""What the public transparency page shows: published figures and the target statuses they give.

Published means :func:`nqtrack.observations.models.published_q`, as on the dashboard: the statistics
office's published figures and reported figures whose review reached "approved". Nothing else is read:
no drafts or figures waiting for review, no comments, no import file names, no people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from nqtrack.assessments.selectors import target_assessment
from nqtrack.domain.progress import Assessment, Status, count_by_status, group_status
from nqtrack.observations.models import Observation, published_q
from nqtrack.observations.selectors import best_by_year
from nqtrack.observations.territory import other_bearers_q, with_former_territory
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import programme_targets


@dataclass(frozen=True, slots=True)
class PublicValue:
    """A published figure, only the fields the public sees."""

    year: int
    value_text: str
    measure_unit: str
    status_label: str
    source_document: str
    source_url: str


@dataclass(frozen=True, slots=True)
class PublicTarget:
    target: pm.Target
    latest: PublicValue | None
    assessment: Assessment


@dataclass(frozen=True, slots=True)
class PublicGroup:
    group: pm.IndicatorGroup
    targets: list[PublicTarget] = field(default_factory=list)

    @property
    def status(self) -> Status:
        return group_status([row.assessment for row in self.targets])


@dataclass(frozen=True, slots=True)
class PublicOverview:
    programme: pm.Programme
    groups: list[PublicGroup]
    counts: dict[Status, int]


def public_overview(*, programme: pm.Programme) -> PublicOverview:
    """Every target of the programme assessed on the province's published figures only."""
    series = _published_series(programme)
    groups = {g.pk: PublicGroup(group=g) for g in programme.indicator_groups.all()}
    for target in programme_targets(programme=programme):
        values = series.get(target.indicator_id, {})
        assessment = target_assessment(target=target, series=values)
        latest = values[max(values)] if values else None
        if target.indicator.group_id in groups:
            groups[target.indicator.group_id].targets.append(
                PublicTarget(target=target, latest=_public_value(latest), assessment=assessment)
            )
    assessments = [row.assessment for group in groups.values() for row in group.targets]
    return PublicOverview(
        programme=programme, groups=list(groups.values()), counts=count_by_status(assessments)
    )


def _published_series(programme: pm.Programme) -> dict[int, dict[int, Observation]]:
    rows = Observation.objects.filter(
        published_q(), indicator__programme=programme, unit__code=programme.province_code
    ).exclude(other_bearers_q(programme=programme))  # never the unit that took the code later
    grouped: dict[int, list[Observation]] = defaultdict(list)
    for obs in rows:
        grouped[obs.indicator_id].append(obs)
    series = {indicator_id: best_by_year(values) for indicator_id, values in grouped.items()}
    # After the merger: the former territory's own figures (Bắc Giang (địa bàn cũ)), else its sums.
    return with_former_territory(programme=programme, series=series)


def _public_value(obs: Observation | None) -> PublicValue | None:
    if obs is None or obs.year is None:
        return None
    return PublicValue(
        year=obs.year,
        value_text=obs.value_text,
        measure_unit=obs.measure_unit,
        status_label=str(obs.get_status_display()),
        source_document=obs.source_document,
        source_url=obs.source_url,
    )

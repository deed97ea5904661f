"""Reads for the dashboard: the years and units to filter by, what changed since last year, the tasks
and coherence warnings of one target.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db.models import CharField
from django.db.models.functions import Cast

from nqtrack.assessments.selectors import Overview, TargetRow, assessed_unit_codes, programme_overviews
from nqtrack.domain.coherence import CoherenceWarning
from nqtrack.domain.progress import Status, status_rank
from nqtrack.domain.targets import TargetKind
from nqtrack.observations.models import Observation
from nqtrack.observations.selectors import visible
from nqtrack.observations.territory import statistical_territory
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import unit_for_period, units_valid_on
from nqtrack.programmes import models as pm

# Words an indicator name starts with that say nothing about its subject ("Tỷ lệ che phủ rừng").
_GENERIC_LEADS = ("tỷ lệ", "tốc độ", "số", "quy mô", "tổng")


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A target whose status as of ``year`` differs from its status a year earlier."""

    row: TargetRow
    before: Status
    after: Status

    @property
    def better(self) -> bool:
        return status_rank(self.after) < status_rank(self.before)


def status_changes(*, now: Overview, before: Overview) -> list[StatusChange]:
    """The targets whose status differs between two overviews (as of year Y−1 and Y), worst moves first."""
    earlier = {row.target.pk: row.assessment.status for group in before.groups for row in group.targets}
    changes = [
        StatusChange(row=row, before=earlier[row.target.pk], after=row.assessment.status)
        for group in now.groups
        for row in group.targets
        if row.target.pk in earlier and earlier[row.target.pk] != row.assessment.status
    ]
    return sorted(
        changes,
        key=lambda c: (c.better, c.row.target.indicator.group.number if c.row.target.indicator.group else 0),
    )


def changes_since_last_year(
    *, programme: pm.Programme, year: int, unit_code: str | None = None
) -> list[StatusChange]:
    """The targets whose status moved between the years ``year`` − 1 and ``year``."""
    now, before = programme_overviews(programme=programme, as_of_years=[year, year - 1], unit_code=unit_code)
    return status_changes(now=now, before=before)


def dashboard_units(*, programme: pm.Programme, year: int) -> list[AdminUnit]:
    """The units to filter by in ``year``: the province, the statistical territory that follows it after
    the merger (Bắc Giang (địa bàn cũ), from the year it begins), its districts, and the communes with
    figures.

    The versions valid on 1 January of ``year`` (the frame a yearly figure belongs to). Communes are many
    (209 in 2022) and few have figures, so only those with a figure are offered.
    """
    province = unit_for_period(code=programme.province_code, year=year)
    if province is None:
        return []
    on = date(year, 1, 1) if province.is_valid_on(date(year, 1, 1)) else date(year, 12, 31)
    districts = list(units_valid_on(on=on, under=province, level=UnitLevel.DISTRICT).order_by("name"))
    communes = list(
        units_valid_on(on=on, under=province, level=UnitLevel.COMMUNE)
        .filter(code__in=_codes_with_figures(programme))
        .order_by("name")
    )
    # The programme's own former territory only: another programme on the code (the new Bắc Ninh's) has
    # none, whatever statistical territories the code's history holds.
    territory = statistical_territory(programme=programme)
    territories = [territory] if territory is not None and territory.is_valid_on(date(year, 12, 31)) else []
    return [province, *territories, *districts, *communes]


def _codes_with_figures(programme: pm.Programme) -> set[str]:
    """The codes of the units (at least of every commune) with a yearly approved figure of the programme.

    From the store of assessments when a whole-programme refresh has filled it (it always stores the
    province then): a few thousand stored rows instead of every commune figure. Otherwise (a programme
    never refreshed) from the figures themselves.
    """
    stored = assessed_unit_codes(programme=programme)
    if programme.province_code in stored:
        return stored
    yearly = visible(Observation.objects.all()).filter(
        indicator_id__in=_indicator_ids(programme),
        unit__level=UnitLevel.COMMUNE,
        period=Cast("year", CharField()),  # a quarter or a month judges no year: as the refresh reads
    )
    return set(yearly.order_by().values_list("unit__code", flat=True).distinct())


def _indicator_ids(programme: pm.Programme) -> list[int]:
    return list(programme.indicators.values_list("pk", flat=True))


def linked_tasks(*, target: pm.Target) -> list[pm.Task]:
    """The programme's tasks whose text names the target's subject.

    The subject is the indicator's name without its generic first words ("Tỷ lệ che phủ rừng" → "che phủ
    rừng"), matched case-insensitively on NFC text. A plain rule, shown as such on the page: the programme
    does not link tasks to targets itself.
    """
    subject = indicator_subject(target.indicator.name)
    if len(subject) < 4:
        return []
    tasks = pm.Task.objects.filter(group__programme=target.indicator.programme).select_related("group")
    return [task for task in tasks if subject in _folded(task.text)]


def indicator_subject(name: str) -> str:
    """The words of an indicator's name that say what it measures (lower case, NFC, no unit after '/')."""
    text = _folded(name).split("/")[0].split("(")[0].strip()
    for lead in _GENERIC_LEADS:
        if text.startswith(lead + " "):
            text = text[len(lead) + 1 :]
            break
    return text.strip()


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).lower())


# Which warnings concern which targets: the codes of nqtrack.domain.coherence.
_WARNING_INDICATORS = {
    "grdp_per_head_mismatch": {"grdp_current_prices", "grdp_per_capita"},
    "vnd_usd_rate_mismatch": {"grdp_per_capita"},
}


def target_warnings(*, target: pm.Target, warnings: list[CoherenceWarning]) -> list[CoherenceWarning]:
    """The programme's coherence warnings that concern ``target``."""
    found = []
    for warning in warnings:
        if warning.code.startswith("share"):
            if target.judged.kind == TargetKind.SHARE:
                found.append(warning)
        elif target.indicator.code in _WARNING_INDICATORS.get(warning.code, set()):
            found.append(warning)
    return found

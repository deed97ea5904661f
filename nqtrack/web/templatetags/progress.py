"""Template filters that show assessments (see nqtrack.assessments.presenters)."""

from __future__ import annotations

from django import template

from nqtrack.assessments import presenters
from nqtrack.assessments.presenters import STATUS_LOOK, Sparkline, StatusLook, needed_per_year
from nqtrack.assessments.selectors import TargetRow
from nqtrack.domain.coherence import CoherenceWarning
from nqtrack.domain.progress import Assessment, Status, text
from nqtrack.domain.progress.text import derived_decimals
from nqtrack.programmes.models import Target

register = template.Library()


@register.filter
def look(status: str) -> StatusLook:
    """Words, icon and CSS class of a status."""
    return STATUS_LOOK[Status(status)]


@register.filter
def needed(assessment: Assessment, target: Target) -> str:
    """The yearly growth or change still needed, in words."""
    target = target.judged
    return needed_per_year(
        assessment,
        target.kind,
        target.direction or target.indicator.direction,
        target.unit or target.indicator.unit,
    )


@register.filter
def per_year(value: float | None, target: Target) -> str:
    """An observed or required yearly rate of ``target`` with its unit ("13,53%/năm", "1,18 điểm/năm")."""
    if value is None:
        return ""
    target = target.judged
    return presenters.growth_per_year(value, target.kind, target.unit or target.indicator.unit)


@register.filter
def derived(value: float | None, target: Target) -> str:
    """A number the engine derived in the target's unit, at that unit's one precision (docs/progress.md)."""
    if value is None:
        return ""
    target = target.judged
    return presenters.number(value, derived_decimals(target.unit or target.indicator.unit))


@register.filter
def milestone_state(due: str, as_of_year: int | None) -> str:
    """A dated milestone's state in words: done, not done, "chưa có thông tin" or not yet due."""
    return presenters.milestone_words(due, as_of_year)


@register.filter
def explanation(assessment: Assessment) -> str:
    """The assessment's sentence in the active language."""
    return presenters.explanation(assessment)


@register.filter
def reason(assessment: Assessment) -> str:
    """Why nothing could be judged, in the active language."""
    return presenters.reason(assessment)


@register.filter
def warning_text(warning: CoherenceWarning) -> str:
    """A coherence warning in the active language."""
    return presenters.warning_text(warning)


@register.filter
def missing(row: TargetRow, base_year: int) -> str:
    """What is missing for a target that could not be judged."""
    return presenters.missing(row, base_year)


@register.filter
def sparkline(row: TargetRow) -> Sparkline | None:
    """The small trend line of a target's series."""
    return presenters.sparkline(row)


@register.filter
def counts_points(target: Target) -> bool:
    """Whether an annual-change target's yearly changes are points of a rate in percent."""
    target = target.judged
    return text.counts_points(target.unit or target.indicator.unit)

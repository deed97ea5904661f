"""Template filters that show assessments (see nqtrack.web.presenters)."""

from __future__ import annotations

from django import template

from nqtrack.domain.progress import Assessment, Status
from nqtrack.programmes.models import Target
from nqtrack.web.presenters import STATUS_LOOK, StatusLook, needed_per_year

register = template.Library()


@register.filter
def look(status: str) -> StatusLook:
    """Words, icon and CSS class of a status."""
    return STATUS_LOOK[Status(status)]


@register.filter
def needed(assessment: Assessment, target: Target) -> str:
    """The yearly growth or change still needed, in words."""
    return needed_per_year(assessment, target.kind, target.direction or target.indicator.direction)

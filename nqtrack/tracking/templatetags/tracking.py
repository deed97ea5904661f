"""Template helpers of the tracking pages: status icons (never colour alone) and period names."""

from __future__ import annotations

from django import template

from nqtrack.domain import deadlines

register = template.Library()

_ICONS = {
    "not_reported": "○",
    "on_schedule": "◔",
    "late": "⚠",
    "done": "✔",
    "done_late": "✔",
}


@register.filter
def status_icon(status: str) -> str:
    """A symbol for an item status, shown beside its words."""
    return _ICONS.get(status, "")


@register.filter
def period_label(key: str) -> str:
    """A period key in words: "2024Q3" → "Quý 3/2024"."""
    return deadlines.period_label(key).capitalize() if key else ""

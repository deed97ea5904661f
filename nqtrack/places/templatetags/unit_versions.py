"""Template filters naming a unit version: ``{{ unit|version_label }}``, ``{{ unit|version_key }}``."""

from __future__ import annotations

from django import template

from nqtrack.places import versions
from nqtrack.places.models import AdminUnit

register = template.Library()


@register.filter
def version_label(unit: AdminUnit | None) -> str:
    """ "Tỉnh Bắc Giang (đến 30/6/2025)"; empty for no unit."""
    return versions.version_label(unit) if unit is not None else ""


@register.filter
def version_key(unit: AdminUnit | None) -> str:
    """ "24" or "24@2025-07-01": the version in a page address; empty for no unit."""
    return versions.version_key(unit) if unit is not None else ""

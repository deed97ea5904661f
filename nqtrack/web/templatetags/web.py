"""Small template filters for observations: status words and the link of a source."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from nqtrack.charts.labels import status_label, unit_label
from nqtrack.domain.progress.text import counts_points
from nqtrack.domain.targets import TargetKind
from nqtrack.programmes.models import Target

register = template.Library()


@register.filter
def obs_status(code: str) -> str:
    """An observation status in words, in the active language ("Chính thức")."""
    return status_label(code)


@register.filter
def unit_words(code: str) -> str:
    """A unit code in words ("tỷ đồng")."""
    return unit_label(code)


@register.filter
def unit_suffix(code: str) -> str:
    """A unit to write after a number: "%" right after it, words after a space (" tỷ đồng")."""
    if code == "count":  # its label names the measure ("số lượng"); after a number it is "8 đơn vị"
        return " " + gettext("đơn vị")
    label = unit_label(code)
    return label if label.startswith("%") else f" {label}"


@register.filter
def goal_unit(target: Target) -> str:
    """The unit after a target's bounds: the indicator's for levels and shares, % or points for rates."""
    target = target.judged
    if target.kind == TargetKind.AVERAGE_GROWTH:
        return "%"
    if target.kind == TargetKind.ANNUAL_CHANGE:
        # A yearly change: points of a rate in percent, else the levels' own unit ("1.200 hộ").
        unit = target.unit or target.indicator.unit
        return unit_suffix("percentage_points") if counts_points(unit) else unit_suffix(unit)
    return unit_suffix(target.unit or target.indicator.unit)


@register.filter
def source_href(url: str) -> str:
    """A link for a source given with or without its scheme ("en.bacgiang.gov.vn")."""
    return url if "://" in url else f"https://{url}"

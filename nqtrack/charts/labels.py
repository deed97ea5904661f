"""Words for unit codes and observation statuses in charts and pages, in the active language."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

UNIT_LABELS: dict[str, Promise] = {
    "percent": _("%"),
    "percent_per_year": _("%/năm"),
    "percent_of_target": _("% kế hoạch"),
    "percentage_points": _("điểm %"),
    "percentage_points_per_year": _("điểm %/năm"),
    "billion_vnd": _("tỷ đồng"),
    "million_vnd": _("triệu đồng"),
    "usd": _("USD"),
    "billion_usd": _("tỷ USD"),
    "persons": _("người"),
    "households": _("hộ"),
    "hectares": _("ha"),
    "beds_per_10000": _("giường/vạn dân"),
    "doctors_per_10000": _("bác sĩ/vạn dân"),
    "count": _("số lượng"),
    "districts": _("huyện"),
    "rank": _("thứ hạng"),
}

STATUS_LABELS: dict[str, Promise] = {
    "plan": _("Kế hoạch"),
    "estimate": _("Ước"),
    "preliminary": _("Sơ bộ"),
    "official": _("Chính thức"),
    "unknown": _("Không rõ"),
}


def unit_label(code: str) -> str:
    """The unit in words ("tỷ đồng"); an unknown code is shown as it is."""
    label = UNIT_LABELS.get(code)
    return str(label) if label is not None else code


def status_label(code: str) -> str:
    """An observation status in words ("Chính thức")."""
    label = STATUS_LABELS.get(code)
    return str(label) if label is not None else code

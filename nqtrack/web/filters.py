"""The dashboard's query string, checked at the edge: a bad value is reported and ignored, never guessed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from nqtrack.core.params import shown, year_or_none
from nqtrack.domain.progress import Status
from nqtrack.places.models import AdminUnit

YEAR = "nam"
UNIT = "don-vi"
STATUS = "trang-thai"


@dataclass(frozen=True, slots=True)
class DashboardQuery:
    year: int | None = None  # as-of year; None: every year
    unit_code: str | None = None  # None: the province
    status: Status | None = None  # None: every status
    problems: list[str] = field(default_factory=list)


def parse_year(text: str | None, years: list[int], problems: list[str]) -> int | None:
    """A year among ``years`` (the years with figures), or None with a problem for anything else."""
    if not text:
        return None
    year = year_or_none(text)  # ASCII digits only: "²".isdigit() is true, int("²") fails
    if year is not None and year in years:
        return year
    if year is not None and years and min(years) <= year <= max(years):
        return year  # a year inside the span without a figure of its own: still a fair "as of"
    problems.append(
        _("Năm “%(text)s” không dùng được: chọn một năm từ %(first)s đến %(last)s.")
        % {"text": shown(text), "first": min(years) if years else "—", "last": max(years) if years else "—"}
    )
    return None


def dashboard_query(params: Mapping[str, str], *, years: list[int], units: list[AdminUnit]) -> DashboardQuery:
    """The as-of year, unit and status asked for; each bad value becomes a problem to show."""
    problems: list[str] = []
    year = parse_year(params.get(YEAR), years, problems)
    unit_code = params.get(UNIT) or None
    if unit_code is not None and unit_code not in {u.code for u in units}:
        problem = _("Không có đơn vị hành chính mã “%(code)s” trong danh sách.")
        problems.append(problem % {"code": shown(unit_code)})
        unit_code = None
    status: Status | None = None
    text = params.get(STATUS)
    if text:
        try:
            status = Status(text)
        except ValueError:
            problems.append(_("Không có trạng thái “%(text)s”.") % {"text": shown(text)})
    return DashboardQuery(year=year, unit_code=unit_code, status=status, problems=problems)

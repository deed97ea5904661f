"""Web views: translate the request, call selectors, render. No business logic here."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nqtrack.assessments.charts import target_chart_data
from nqtrack.assessments.dashboard import (
    changes_since_last_year,
    dashboard_units,
    linked_tasks,
    target_warnings,
)
from nqtrack.assessments.public import public_overview
from nqtrack.assessments.region import Comparison, RegionFileError, region_comparison, region_load
from nqtrack.assessments.selectors import measured_years, programme_overview, programme_warnings, target_row
from nqtrack.assessments.units import comparison_indicators, comparison_years, unit_comparison
from nqtrack.charts import chart_spec, render_png, render_svg, target_chart, unit_map
from nqtrack.observations.territory import abolished_level_note, territory_note
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme, Target
from nqtrack.programmes.selectors import ProgrammeNotFound, TargetNotFound, programme_get, target_get
from nqtrack.web import filters
from nqtrack.web.charts import unit_map_data
from nqtrack.web.guide import first_run_guide, programme_mark_checked

IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def _programme(request: HttpRequest) -> Programme | None:
    try:
        return programme_get(code=request.GET.get("programme"))
    except ProgrammeNotFound:
        return None


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The dashboard: counts per status, the 12 groups with every target, what changed, filters."""
    programme = _programme(request)
    if programme is None:
        return render(request, "web/empty.html", status=200)
    years = measured_years(programme=programme)
    unit_year = max(years) if years else programme.period_start
    as_of = filters.parse_year(request.GET.get(filters.YEAR), years, [])  # reported once, below
    units = dashboard_units(programme=programme, year=as_of or unit_year)
    query = filters.dashboard_query(request.GET, years=years, units=units)
    overview_ = programme_overview(programme=programme, as_of=query.year, unit_code=query.unit_code)
    change_year = query.year or (years[0] if years else None)
    context = {
        "programme": programme,
        "overview": overview_,
        "groups": [
            (
                group,
                [
                    row
                    for row in group.targets
                    if query.status is None or row.assessment.status == query.status
                ],
            )
            for group in overview_.groups
        ],
        "query": query,
        "years": years,
        "units": units,
        "unit": next((u for u in units if u.code == query.unit_code), units[0] if units else None),
        "change_year": change_year,
        "changes": changes_since_last_year(programme=programme, year=change_year, unit_code=query.unit_code)
        if change_year
        else [],
        "base_year": programme.effective_base_year,
        "guide": first_run_guide(programme=programme, user=request.user),
        "territory_note": territory_note(programme=programme),
    }
    template = "web/_dashboard.html" if getattr(request, "htmx", False) else "web/overview.html"
    return render(request, template, context)


@require_POST
def guide_programme_checked(request: HttpRequest) -> HttpResponse:
    """The first step of the first-run guide: a programme manager says the loaded programme is right."""
    programme = _programme(request)
    if programme is None:
        raise Http404(_("Chưa nạp chương trình."))
    programme_mark_checked(programme=programme, user=request.user)
    return redirect("web:overview")


def _target(code: str) -> Target:
    try:
        return target_get(code=code)
    except TargetNotFound as error:
        raise Http404(_("Không có chỉ tiêu này.")) from error


@require_GET
def target_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One target: chart, every stored value with status and source, the numbers, tasks and warnings."""
    target = _target(code)
    programme = target.indicator.programme
    row, values = target_row(target=target)
    chart = target_chart(target_chart_data(target=target, series=row.series, assessment=row.assessment))
    warnings = programme_warnings(programme=programme)
    context = {
        "programme": programme,
        "target": target,
        "row": row,
        "values": values,
        "assessment": row.assessment,
        "chart_spec": chart_spec(chart),
        "tasks": linked_tasks(target=target),
        "warnings": target_warnings(target=target, warnings=warnings),
        "abolished_level": abolished_level_note(programme=programme, indicator=target.indicator),
    }
    return render(request, "web/target.html", context)


@require_GET
def target_chart_image(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The target's chart as PNG or SVG (the picture the report uses)."""
    target = _target(code)
    row, _values = target_row(target=target)
    chart = target_chart(target_chart_data(target=target, series=row.series, assessment=row.assessment))
    return _image(chart, fmt, f"{target.code}.{fmt}")


def _image(chart: object, fmt: str, filename: str) -> HttpResponse:
    if fmt not in IMAGE_TYPES:
        raise Http404(_("Chỉ có ảnh PNG hoặc SVG."))
    body: bytes | str = render_png(chart) if fmt == "png" else render_svg(chart)
    response = HttpResponse(body, content_type=IMAGE_TYPES[fmt])
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@dataclass(frozen=True, slots=True)
class ComparisonContext:
    """What the unit comparison shows: the indicators and years to choose from, the ones chosen (None when
    there is nothing to compare) and the problems with the query."""

    indicators: list[Indicator]
    indicator: Indicator | None
    years: list[int]
    year: int | None
    problems: list[str]

    def as_context(self) -> dict[str, object]:
        """The template context of the filters."""
        return {
            "indicators": self.indicators,
            "indicator": self.indicator,
            "years": self.years,
            "year": self.year,
            "problems": self.problems,
        }


def _comparison_context(request: HttpRequest, programme: Programme) -> ComparisonContext:
    """The indicator and year asked for (or the first ones with figures), and the problems with the query."""
    indicators = comparison_indicators(programme=programme)
    problems: list[str] = []
    code = request.GET.get("chi-tieu")
    indicator: Indicator | None = next((i for i in indicators if i.code == code), None)
    if code and indicator is None:
        problems.append(_("Không có số liệu theo đơn vị cho chỉ tiêu “%(code)s”.") % {"code": code})
    indicator = indicator or (indicators[0] if indicators else None)
    years = comparison_years(indicator=indicator) if indicator else []
    year = filters.parse_year(request.GET.get(filters.YEAR), years, problems)
    if year not in years:
        year = years[0] if years else None
    return ComparisonContext(indicators, indicator, years, year, problems)


@require_GET
def units(request: HttpRequest) -> HttpResponse:
    """Units side by side: one indicator, one year, ranked, with a map of proportional symbols."""
    programme = _programme(request)
    if programme is None:
        return render(request, "web/empty.html", status=200)
    chosen = _comparison_context(request, programme)
    context = {
        "programme": programme,
        **chosen.as_context(),
        "territory_note": territory_note(programme=programme),
    }
    indicator, year = chosen.indicator, chosen.year
    if indicator is not None and year is not None:
        comparison = unit_comparison(indicator=indicator, year=year)
        context["comparison"] = comparison
        province = unit_for_period(code=programme.province_code, year=year)
        data = unit_map_data(comparison, province=province)
        context["map_spec"] = chart_spec(unit_map(data)) if comparison.mapped else None
    template = "web/_units.html" if getattr(request, "htmx", False) else "web/units.html"
    return render(request, template, context)


@require_GET
def units_map_image(request: HttpRequest, fmt: str) -> HttpResponse:
    """The unit map as PNG or SVG."""
    programme = _programme(request)
    if programme is None:
        raise Http404(_("Chưa nạp chương trình hành động nào."))
    chosen = _comparison_context(request, programme)
    indicator, year = chosen.indicator, chosen.year
    if indicator is None or year is None:
        raise Http404(_("Không có số liệu theo đơn vị."))
    comparison = unit_comparison(indicator=indicator, year=year)
    if not comparison.mapped:
        raise Http404(_("Không có đơn vị nào có toạ độ để vẽ bản đồ."))
    province = unit_for_period(code=programme.province_code, year=year)
    return _image(
        unit_map(unit_map_data(comparison, province=province)), fmt, f"{indicator.code}-{year}.{fmt}"
    )


@require_GET
def region(request: HttpRequest) -> HttpResponse:
    """The programme's targets beside the regional targets (96/NQ-CP for 11-NQ/TW)."""
    programme = _programme(request)
    if programme is None:
        return render(request, "web/empty.html", status=200)
    context: dict[str, object] = {"programme": programme}
    try:
        region_ = region_load()
    except RegionFileError as error:
        context["problem"] = str(error)
    else:
        rows = region_comparison(programme=programme, region=region_)
        context.update(region=region_, rows=rows, below=sum(r.comparison == Comparison.BELOW for r in rows))
    return render(request, "web/region.html", context)


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """The public transparency page: published figures and target statuses, nothing else."""
    try:
        programme = programme_get(code=request.GET.get("programme"))
    except ProgrammeNotFound:
        return render(request, "web/public.html", {"overview": None})
    return render(request, "web/public.html", {"overview": public_overview(programme=programme)})

"""Web views: translate the request, call selectors, render. No business logic here.

What a page computes comes from the page cache (:mod:`nqtrack.core.pagecache`), keyed by the store's
version, the arguments, the language and the reader's scope (:func:`nqtrack.web.pagecache.reader_scope`):
a warm page reads a few cached parts and renders. The parts are data, and the dashboard's and the target
page's bodies rendered, which hold nothing of one request: the response's CSP nonce, the CSRF token, the
user menu and the reader's first-run guide are in the page around them, rendered per request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nqtrack.assessments.charts import target_chart_data
from nqtrack.assessments.dashboard import (
    StatusChange,
    dashboard_units,
    linked_tasks,
    status_changes,
    target_warnings,
)
from nqtrack.assessments.public import PublicOverview, public_overview
from nqtrack.assessments.region import (
    DEFAULT_REGION_FILE,
    Comparison,
    RegionFileError,
    region_comparison,
    region_load,
)
from nqtrack.assessments.selectors import (
    Overview,
    measured_years,
    programme_overviews,
    programme_warnings,
    target_row,
)
from nqtrack.assessments.units import (
    UnitComparison,
    comparison_indicators,
    comparison_years,
    unit_comparison,
)
from nqtrack.charts import chart_spec, render_png, render_svg, target_chart, unit_map
from nqtrack.core.pagecache import page_part
from nqtrack.observations.territory import (
    abolished_level_note,
    area_units,
    former_territory_values,
    statistical_territory,
    territory_gaps,
    territory_note,
)
from nqtrack.places.selectors import TerritoryUnits, territory_units, unit_for_period
from nqtrack.places.versions import TERRITORY_CODE
from nqtrack.programmes.models import Indicator, Programme, Target
from nqtrack.programmes.selectors import (
    ProgrammeNotFound,
    TargetNotFound,
    programme_frame_day,
    programme_get,
    programme_territory,
    target_get,
)
from nqtrack.web import filters
from nqtrack.web.charts import unit_map_data
from nqtrack.web.guide import first_run_guide, programme_mark_checked
from nqtrack.web.pagecache import PUBLISHED, reader_scope
from nqtrack.web.portfolio import portfolio_region, portfolio_rows

IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def _programme(request: HttpRequest) -> Programme | None:
    """The programme a page shows: the one its URL names (``/ct/<code>/``, ``web.programme_urls``), else
    ``?programme=``, else the first loaded (a short URL's page while no programme is loaded, ``web.moved``;
    the first-run guide's form)."""
    code = getattr(request, "programme_code", None) or request.GET.get("programme")
    return page_part(
        "programme", partial(_programme_or_none, code), reader=reader_scope(user=request.user), code=code
    )


def _programme_or_none(code: str | None) -> Programme | None:
    try:
        return programme_get(code=code)
    except ProgrammeNotFound:
        return None


@dataclass(frozen=True, slots=True)
class DashboardFrame:
    """What the dashboard reads before the query: the years with figures and the territory's note."""

    years: list[int]
    territory_note: str


@dataclass(frozen=True, slots=True)
class DashboardRows:
    """The dashboard's computed rows for one query: the overview and what changed since the year before."""

    overview: Overview
    changes: list[StatusChange]


def _dashboard_frame(programme: Programme) -> DashboardFrame:
    return DashboardFrame(measured_years(programme=programme), territory_note(programme=programme))


def _dashboard_rows(
    programme: Programme, as_of: int | None, unit_code: str | None, change_year: int | None
) -> DashboardRows:
    """The overview as of ``as_of`` and, when there is a year to compare, the two years it compares, from
    one read of the figures (``programme_overviews``)."""
    years = [as_of] if change_year is None else [as_of, change_year, change_year - 1]
    territory = (
        statistical_territory(programme=programme)
        if unit_code and TERRITORY_CODE.fullmatch(unit_code)
        else None
    )
    if territory is not None and territory.code == unit_code:
        unit_code = None  # the statistical territory's series is the programme's own (docs/observations.md)
    overviews = programme_overviews(programme=programme, as_of_years=years, unit_code=unit_code)
    changes = [] if change_year is None else status_changes(now=overviews[1], before=overviews[2])
    return DashboardRows(overviews[0], changes)


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The dashboard: counts per status, the 12 groups with every target, what changed, filters."""
    programme = _programme(request)
    if programme is None:
        return render(request, "web/empty.html", status=200)
    reader = reader_scope(user=request.user)
    frame = page_part(
        "dashboard", partial(_dashboard_frame, programme), reader=reader, programme=programme.pk
    )
    years = frame.years
    unit_year = max(years) if years else programme.period_start
    as_of = filters.parse_year(request.GET.get(filters.YEAR), years, [])  # reported once, below
    units = page_part(
        "dashboard-units",
        partial(dashboard_units, programme=programme, year=as_of or unit_year),
        reader=reader,
        programme=programme.pk,
        year=as_of or unit_year,
    )
    query = filters.dashboard_query(request.GET, years=years, units=units)
    change_year = query.year or (years[0] if years else None)
    # The rows are read only to render the body, and both are kept (the rows serve each status filter).
    rows = partial(
        page_part,
        "dashboard-rows",
        partial(_dashboard_rows, programme, query.year, query.unit_code, change_year),
        reader=reader,
        programme=programme.pk,
        as_of=query.year,
        unit=query.unit_code,
        change_year=change_year,
    )
    context = {
        "programme": programme,
        "query": query,
        "years": years,
        "units": units,
        "unit": next((u for u in units if u.code == query.unit_code), units[0] if units else None),
        "change_year": change_year,
        "base_year": programme.effective_base_year,
        "territory_note": frame.territory_note,
    }
    # The dashboard's body (counts, filters, groups, what changed) holds nothing of one request or reader
    # beyond the key (no nonce, no CSRF token, no guide): it is kept rendered, which is most of a page's
    # work; the page around it is rendered per request.
    body = page_part(
        "dashboard-body",
        partial(_dashboard_body, request, rows, context),
        reader=reader,
        programme=programme.pk,
        query=query,
        change_year=change_year,
    )
    body = mark_safe(body)  # noqa: S308 - rendered by _dashboard_body, escaped there
    if getattr(request, "htmx", False):
        return HttpResponse(body)
    guide = first_run_guide(programme=programme, user=request.user)
    return render(request, "web/overview.html", {**context, "dashboard": body, "guide": guide})


def _dashboard_body(
    request: HttpRequest, read_rows: Callable[[], DashboardRows], context: dict[str, object]
) -> SafeString:
    rows = read_rows()
    query = context["query"]
    assert isinstance(query, filters.DashboardQuery)  # noqa: S101 - for the type checker
    groups = [
        (
            group,
            [row for row in group.targets if query.status is None or row.assessment.status == query.status],
        )
        for group in rows.overview.groups
    ]
    body = {**context, "overview": rows.overview, "groups": groups, "changes": rows.changes}
    return mark_safe(render_to_string("web/_dashboard.html", body, request))  # noqa: S308 - rendered here


@require_POST
def guide_programme_checked(request: HttpRequest) -> HttpResponse:
    """The first step of the first-run guide: a programme manager says the loaded programme is right."""
    programme = _programme(request)
    if programme is None:
        raise Http404(_("Chưa nạp chương trình."))
    programme_mark_checked(programme=programme, user=request.user)
    return redirect("ct:overview", programme_code=programme.code)


def _target(code: str) -> Target:
    try:
        return target_get(code=code)
    except TargetNotFound as error:
        raise Http404(_("Không có chỉ tiêu này.")) from error


def _target_page(code: str) -> dict[str, object] | None:
    """What the target page shows of the target ``code`` (None when there is no such target)."""
    try:
        target = target_get(code=code)
    except TargetNotFound:
        return None
    programme = target.indicator.programme
    row, values = target_row(target=target)
    # The statistical territory's own figures (Bắc Giang (địa bàn cũ)) are in the series but not among the
    # province's values that target_row reads: listed with them, as the territory's sums are.
    listed = {obs.pk for obs in values}
    values += [obs for obs in row.series.values() if obs.pk is not None and obs.pk not in listed]
    chart = target_chart(target_chart_data(target=target, series=row.series, assessment=row.assessment))
    return {
        "programme": programme,
        "target": target,
        "row": row,
        "values": values,
        "assessment": row.assessment,
        "chart_spec": chart_spec(chart),
        "tasks": linked_tasks(target=target),
        "warnings": target_warnings(target=target, warnings=programme_warnings(programme=programme)),
        "abolished_level": abolished_level_note(programme=programme, target=target),
        # Post-merger years the former territory's communes could not make up, with the reason.
        "territory_gaps": territory_gaps(
            values=former_territory_values(programme=programme).get(target.indicator_id, {}),
            series_years=row.series.keys(),
        ),
    }


@require_GET
def target_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One target: chart, every stored value with status and source, the numbers, tasks and warnings."""
    # The body is kept rendered under the key the context had (reader's scope, code; language and date
    # in every key): a warm page reads one part and renders only the shell. A new part name, since its
    # value is no longer the context: a process of the previous release sharing the cache never reads it.
    page = page_part(
        "target-page",
        partial(_target_page_rendered, request, code),
        reader=reader_scope(user=request.user),
        code=code,
    )
    if page is None:
        raise Http404(_("Không có chỉ tiêu này."))
    return render(
        request, "web/target.html", {"programme": page.programme, "target": page.target, "body": page.body}
    )


@dataclass(frozen=True, slots=True)
class TargetPage:
    """The target page as kept in the cache: what its shell names (the programme in the header, the target
    in the title) and its body rendered."""

    programme: Programme
    target: Target
    body: SafeString


def _target_page_rendered(request: HttpRequest, code: str) -> TargetPage | None:
    """The target page's body rendered (web/_target.html), None when there is no such target.

    The body holds nothing of one request or reader beyond the key: no nonce, no CSRF token, no user menu
    or messages (those are the shell's, web/base.html). The request is passed only for the language the
    template reads (``LANGUAGE_CODE``), which the key holds."""
    context = _target_page(code)
    if context is None:
        return None
    programme, target = context["programme"], context["target"]
    assert isinstance(programme, Programme)  # noqa: S101 - for the type checker
    assert isinstance(target, Target)  # noqa: S101 - for the type checker
    body = render_to_string("web/_target.html", context, request)
    return TargetPage(programme, target, mark_safe(body))  # noqa: S308 - rendered here, escaped there


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
    reader = reader_scope(user=request.user)
    indicators = page_part(
        "units-indicators",
        partial(comparison_indicators, programme=programme),
        reader=reader,
        programme=programme.pk,
    )
    problems: list[str] = []
    code = request.GET.get("chi-tieu")
    indicator: Indicator | None = next((i for i in indicators if i.code == code), None)
    if code and indicator is None:
        problems.append(_("Không có số liệu theo đơn vị cho chỉ tiêu “%(code)s”.") % {"code": code})
    indicator = indicator or (indicators[0] if indicators else None)
    years = (
        page_part(
            "units-years",
            partial(comparison_years, indicator=indicator),
            reader=reader,
            indicator=indicator.pk,
        )
        if indicator
        else []
    )
    year = filters.parse_year(request.GET.get(filters.YEAR), years, problems)
    if year not in years:
        year = years[0] if years else None
    return ComparisonContext(indicators, indicator, years, year, problems)


@dataclass(frozen=True, slots=True)
class UnitsParts:
    """The unit comparison of one indicator and year, and the map's specification (None: nothing mapped)."""

    comparison: UnitComparison
    map_spec: dict[str, object] | None


def _units_parts(programme: Programme, indicator: Indicator, year: int) -> UnitsParts:
    comparison = unit_comparison(indicator=indicator, year=year)
    province = unit_for_period(code=programme.province_code, year=year)
    area = partial(area_units, programme=programme, year=year)
    data = unit_map_data(comparison, province=province, area=area)
    return UnitsParts(comparison, chart_spec(unit_map(data)) if comparison.mapped else None)


def _territory_units(programme: Programme) -> TerritoryUnits | None:
    territory = programme_territory(programme=programme)
    if territory is None:
        return None
    return territory_units(territory=territory, frame_day=programme_frame_day(programme=programme))


@require_GET
def units(request: HttpRequest) -> HttpResponse:
    """Units side by side: one indicator, one year, ranked, with a map of proportional symbols."""
    programme = _programme(request)
    if programme is None:
        return render(request, "web/empty.html", status=200)
    reader = reader_scope(user=request.user)
    chosen = _comparison_context(request, programme)
    context = {
        "programme": programme,
        **chosen.as_context(),
        "territory_note": page_part(
            "dashboard", partial(_dashboard_frame, programme), reader=reader, programme=programme.pk
        ).territory_note,
        "territory_units": page_part(
            "units-territory", partial(_territory_units, programme), reader=reader, programme=programme.pk
        ),
    }
    indicator, year = chosen.indicator, chosen.year
    if indicator is not None and year is not None:
        parts = page_part(
            "units-comparison",
            partial(_units_parts, programme, indicator, year),
            reader=reader,
            programme=programme.pk,
            indicator=indicator.pk,
            year=year,
        )
        context["comparison"] = parts.comparison
        context["map_spec"] = parts.map_spec
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
    area = partial(area_units, programme=programme, year=year)
    return _image(
        unit_map(unit_map_data(comparison, province=province, area=area)),
        fmt,
        f"{indicator.code}-{year}.{fmt}",
    )


def _region_parts(programme: Programme) -> dict[str, object]:
    try:
        region_ = region_load()
    except RegionFileError as error:
        return {"problem": str(error)}
    rows = region_comparison(programme=programme, region=region_)
    return {"region": region_, "rows": rows, "below": sum(r.comparison == Comparison.BELOW for r in rows)}


def _region_file_stamp() -> str:
    """The regional targets file's path and modification time: an edited file gives new cached parts."""
    path = Path(getattr(settings, "NQTRACK_REGION_TARGETS", DEFAULT_REGION_FILE))
    try:
        return f"{path}@{path.stat().st_mtime_ns}"
    except OSError:
        return f"{path}@missing"


@require_GET
def region(request: HttpRequest) -> HttpResponse:
    """The programme's targets beside the regional targets (96/NQ-CP for 11-NQ/TW)."""
    programme = _programme(request)
    if programme is None:
        return render(request, "web/empty.html", status=200)
    parts = page_part(
        "region",
        partial(_region_parts, programme),
        reader=reader_scope(user=request.user),
        programme=programme.pk,
        file=_region_file_stamp(),
    )
    return render(request, "web/region.html", {"programme": programme, **parts})


def _public_overview(code: str | None) -> PublicOverview | None:
    try:
        programme = programme_get(code=code)
    except ProgrammeNotFound:
        return None
    return public_overview(programme=programme)


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """The public transparency page: published figures and target statuses, nothing else.

    The same for every reader (published figures only), so its cached part is the published one's."""
    code = request.GET.get("programme")
    overview_ = page_part("public", partial(_public_overview, code), reader=PUBLISHED, code=code)
    return render(request, "web/public.html", {"overview": overview_})


@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    """Every programme of the province side by side (``/chuong-trinh/``), each with a link to its pages."""
    with_tasks = request.user.is_authenticated  # the tasks' pages are for signed-in readers only
    rows = page_part(
        "portfolio",
        partial(portfolio_rows, with_tasks=with_tasks, today=timezone.localdate()),
        reader=reader_scope(user=request.user),
        tasks=with_tasks,
    )
    # The region's row: the regional targets beside the default programme's (the region page's comparison).
    region_row = page_part(
        "portfolio-region",
        portfolio_region,
        reader=reader_scope(user=request.user),
        file=_region_file_stamp(),
    )
    context = {"rows": rows, "region_row": region_row, "with_tasks": with_tasks}
    return render(request, "web/portfolio.html", context)

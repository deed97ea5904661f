"""Web views: translate the request, call selectors, render. No business logic here."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nqtrack.assessments.selectors import programme_overview, target_assessment
from nqtrack.observations.selectors import best_by_year, observations_for
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Target
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_get


def overview(request: HttpRequest) -> HttpResponse:
    """The programme overview: the indicator groups, each target and its latest value."""
    try:
        programme = programme_get(code=request.GET.get("programme"))
    except ProgrammeNotFound:
        return render(request, "web/empty.html", status=200)
    overview_ = programme_overview(programme=programme, as_of=_year(request.GET.get("nam")))
    return render(request, "web/overview.html", {"programme": programme, "overview": overview_})


def target_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One target: its wording and every stored value for the province, with status and source."""
    target = (
        Target.objects.select_related("indicator__programme", "indicator__group").filter(code=code).first()
    )
    if target is None:
        raise Http404("Không có chỉ tiêu này.")
    programme = target.indicator.programme
    units = list(AdminUnit.objects.filter(code=programme.province_code))
    values = list(observations_for(indicator=target.indicator, units=units))
    assessment = target_assessment(target=target, series=best_by_year(values))
    context = {"programme": programme, "target": target, "values": values, "assessment": assessment}
    return render(request, "web/target.html", context)


def _year(text: str | None) -> int | None:
    """An as-of year from the query string; anything else means 'all years'."""
    return int(text) if text and text.isdigit() and len(text) == 4 else None

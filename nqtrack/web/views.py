"""Web views: translate the request, call selectors, render. No business logic here."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nqtrack.assessments.selectors import programme_overview
from nqtrack.observations.selectors import observations_for
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Target
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_get


def overview(request: HttpRequest) -> HttpResponse:
    """The programme overview: the indicator groups, each target and its latest value."""
    try:
        programme = programme_get(code=request.GET.get("programme"))
    except ProgrammeNotFound:
        return render(request, "web/empty.html", status=200)
    groups = programme_overview(programme=programme)
    return render(request, "web/overview.html", {"programme": programme, "groups": groups})


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
    return render(request, "web/target.html", {"programme": programme, "target": target, "values": values})

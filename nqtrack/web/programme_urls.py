"""The pages of one programme under ``/ct/<code>/``: its dashboard, target pages, unit comparison and
region table. The first loaded programme keeps today's short URLs as well (``/``); every other programme
is reached here, from the portfolio (``/chuong-trinh/``) or the header's programme link."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _

from nqtrack.programmes.selectors import ProgrammeNotFound, TargetNotFound, programme_get, target_get
from nqtrack.web import views

app_name = "ct"


def under_programme(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view`` for the programme the URL names: an unknown programme is a 404, and the view reads the
    code from the request (``views._programme``)."""

    @wraps(view)
    def wrapped(request: HttpRequest, programme_code: str, **kwargs: Any) -> HttpResponse:
        try:
            programme_get(code=programme_code)
        except ProgrammeNotFound as error:
            raise Http404(_("Không có chương trình này.")) from error
        request.programme_code = programme_code  # type: ignore[attr-defined]
        return view(request, **kwargs)

    return wrapped


def _target_of_programme(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A target page under a programme: a target of another programme is not found here."""

    @wraps(view)
    def wrapped(request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        programme = programme_get(code=request.programme_code)  # type: ignore[attr-defined]
        try:
            target_get(code=code, programme=programme)
        except TargetNotFound as error:
            raise Http404(_("Không có chỉ tiêu này.")) from error
        return view(request, code=code, **kwargs)

    return wrapped


urlpatterns = [
    path("", under_programme(views.overview), name="overview"),
    path("chi-tieu/<str:code>/", under_programme(_target_of_programme(views.target_detail)), name="target"),
    path("so-sanh-don-vi/", under_programme(views.units), name="units"),
    path("so-sanh-don-vi/ban-do.<str:fmt>", under_programme(views.units_map_image), name="units_map"),
    path("vung/", under_programme(views.region), name="region"),
]

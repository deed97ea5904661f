"""The pages of one programme under ``/ct/<code>/``: its dashboard, target pages and their chart images,
unit comparison and map, region table. This is the one address of every programme's pages, the first
loaded programme's too: today's short URLs (``/``, ``/chi-tieu/<code>/`` …) answer with a redirect here
(:mod:`nqtrack.web.moved`). Reached from the portfolio (``/chuong-trinh/``) or the header's programme link."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _

from nqtrack.core.pagecache import page_part
from nqtrack.programmes.selectors import TargetNotFound, target_get
from nqtrack.web import views
from nqtrack.web.pagecache import reader_scope

app_name = "ct"


def under_programme(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view`` for the programme the URL names: an unknown programme is a 404, and the view reads the
    code from the request. The programme is the page's own cached part (``views._programme``): a warm
    page still asks the database nothing."""

    @wraps(view)
    def wrapped(request: HttpRequest, programme_code: str, **kwargs: Any) -> HttpResponse:
        request.programme_code = programme_code  # type: ignore[attr-defined]
        if views._programme(request) is None:
            raise Http404(_("Không có chương trình này."))
        return view(request, **kwargs)

    return wrapped


def _target_programme(code: str) -> str | None:
    """The code of the programme the target ``code`` belongs to (None: no such target)."""
    try:
        return target_get(code=code).indicator.programme.code
    except TargetNotFound:
        return None


def _target_of_programme(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A target page under a programme: a target of another programme is not found here. Which programme
    a target belongs to is kept with the pages, under the reader's word like every part they read."""

    @wraps(view)
    def wrapped(request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        reader = reader_scope(user=request.user)
        owner = page_part("target-programme", partial(_target_programme, code), reader=reader, code=code)
        if owner != request.programme_code:  # type: ignore[attr-defined]
            raise Http404(_("Không có chỉ tiêu này."))
        return view(request, code=code, **kwargs)

    return wrapped


urlpatterns = [
    path("", under_programme(views.overview), name="overview"),
    path("chi-tieu/<str:code>/", under_programme(_target_of_programme(views.target_detail)), name="target"),
    path(
        "chi-tieu/<str:code>/bieu-do.<str:fmt>",
        under_programme(_target_of_programme(views.target_chart_image)),
        name="target_chart",
    ),
    path("so-sanh-don-vi/", under_programme(views.units), name="units"),
    path("so-sanh-don-vi/ban-do.<str:fmt>", under_programme(views.units_map_image), name="units_map"),
    path("vung/", under_programme(views.region), name="region"),
]

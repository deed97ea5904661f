"""Today's short addresses of the programme pages (``/``, ``/chi-tieu/<code>/``, ``/so-sanh-don-vi/``,
``/vung/`` and the images), kept so that old links and bookmarks still lead somewhere.

Every programme page lives under its programme, ``/ct/<code>/…`` (:mod:`nqtrack.web.programme_urls`), the
first loaded programme's too. A short address answers with a redirect (302) to the same page there, its
query string kept: of the programme ``?programme=`` names (consumed, not passed on; an unknown code is 404),
else, for a target page or its chart, of the programme the target belongs to (target codes are unique
across programmes), else of the default programme (the first loaded, ``programme_get`` without a code).
With no programme loaded the page answers as it always did (the empty page, or 404 with its message). No
page of the app links to a short address: every link is written straight to ``/ct/`` (the
``programme_url`` tag).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import ProgrammeNotFound, TargetNotFound, programme_get, target_get
from nqtrack.web import views

PROGRAMME = "programme"  # the query parameter that named a programme before the /ct/ addresses


def _default_programme() -> Programme | None:
    try:
        return programme_get()
    except ProgrammeNotFound:
        return None


def _programme(request: HttpRequest, code: str | None, default: Programme) -> Programme:
    """The programme whose page a short address means: the one ``?programme=`` names, else the target's
    own (``code``: a target page), else the default."""
    named = request.GET.get(PROGRAMME)
    if named:
        try:
            return programme_get(code=named)
        except ProgrammeNotFound as error:
            raise Http404(_("Không có chương trình này.")) from error
    if code is not None:
        try:
            return target_get(code=code).indicator.programme
        except TargetNotFound:
            pass  # not found at the default programme's address either: its page says so (404)
    return default


def _query(request: HttpRequest) -> str:
    """The query string to pass on: as it came, less ``programme`` (the path names the programme now)."""
    if PROGRAMME not in request.GET:
        raw = request.META.get("QUERY_STRING", "")
        return f"?{raw}" if raw else ""
    rest = request.GET.copy()
    rest.pop(PROGRAMME)
    encoded = rest.urlencode()
    return f"?{encoded}" if encoded else ""


def moved_to(name: str, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The short address of the page ``ct:<name>``: a redirect there, or ``view`` itself while no
    programme is loaded."""

    @require_GET
    @wraps(view)
    def redirect(request: HttpRequest, **kwargs: str) -> HttpResponse:
        default = _default_programme()
        if default is None:
            return view(request, **kwargs)
        programme = _programme(request, kwargs.get("code"), default)
        url = reverse(f"ct:{name}", kwargs={"programme_code": programme.code, **kwargs})
        return HttpResponseRedirect(url + _query(request))

    return redirect


overview = moved_to("overview", views.overview)
target = moved_to("target", views.target_detail)
target_chart = moved_to("target_chart", views.target_chart_image)
units = moved_to("units", views.units)
units_map = moved_to("units_map", views.units_map_image)
region = moved_to("region", views.region)

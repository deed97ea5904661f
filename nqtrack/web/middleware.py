"""Middleware of the site: the interface language, private pages not cached, NUL characters refused."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, QueryDict
from django.utils.translation import gettext as _


class VietnameseFirstMiddleware:
    """Hide the browser's Accept-Language from Django's LocaleMiddleware (placed right before it).

    The language then comes from the switch (the ``django_language`` cookie set by /i18n/setlang/) or is
    LANGUAGE_CODE ("vi"): an officer whose browser happens to be in English still gets the Vietnamese
    pages the province works in, and can switch.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class PrivateNoStoreMiddleware:
    """Tell every cache to keep nothing a signed-in user is sent: ``Cache-Control: private, no-store``.

    The pages and files of a signed-in user (the entry grid, exports with drafts, the review and audit
    pages, the template, tasks with internal updates) can hold figures that are not published yet, so
    neither the browser's cache nor a proxy may store them. Anonymous responses (the public dashboard)
    are left as they are: they stay cacheable. Placed after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class NulRefusedMiddleware:
    """A request with a NUL character in its path, query or form values is answered before any view.

    No page name, code or form value of the system holds one, and PostgreSQL refuses it in a query (an
    error, where SQLite would answer "not found"): a path is not found (404), a value is a bad request
    (400, in Vietnamese), the same on both databases.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return HttpResponseNotFound(_("Không có trang này."), content_type="text/plain; charset=utf-8")
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            return HttpResponseBadRequest(
                _("Yêu cầu có ký tự NUL (mã 0), không dùng được."), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


def _holds_nul(values: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values.getlist(key)) for key in values)

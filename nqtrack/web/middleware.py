"""The interface language is Vietnamese unless the user picks English with the switch."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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

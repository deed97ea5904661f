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

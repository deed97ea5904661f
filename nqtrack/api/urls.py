"""/api/: the API's routes, each answering in one language setting and with an ETag.

The services' messages are read in Vietnamese (the catalogue's msgids) and the error bodies add their
English (nqtrack/api/errors.py), so every request runs with Vietnamese active whatever the caller's
language cookie. Each GET answer carries an ETag and a matching ``If-None-Match`` gets 304 (Django's
ConditionalGetMiddleware, applied to these routes only). An error answered before a route is reached
gets the same JSON body (nqtrack.api.middleware).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.urls import URLPattern
from django.utils import translation
from django.utils.decorators import decorator_from_middleware

from nqtrack.api.api import api

_conditional = decorator_from_middleware(ConditionalGetMiddleware)


def _in_vietnamese(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override("vi"):
            return view(request, *args, **kwargs)

    return wrapped


def _patterns() -> list[Any]:
    patterns, _app, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _conditional(_in_vietnamese(pattern.callback))
    return patterns


app_name = "api"
urlpatterns = _patterns()

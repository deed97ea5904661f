"""The page of a request Django refuses with 400 (``handler400`` in nqtrack/urls.py).

A ``BadParameter`` (nqtrack/core/params.py) carries a Vietnamese message written for the user (which value,
what it should be): the page shows it. Anything else Django answers with 400 (a bad host, too many fields…)
gets Django's own page, which says nothing about the request.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from nqtrack.core.params import BadParameter


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The message of a ``BadParameter`` on the site's page; Django's plain 400 page otherwise."""
    if isinstance(exception, BadParameter):
        return render(request, "web/bad_request.html", {"message": str(exception)}, status=400)
    return defaults.bad_request(request, exception)

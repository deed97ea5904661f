"""Template context for every page: the programme named in the site header."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from nqtrack.programmes.models import Programme


def site(request: HttpRequest) -> dict[str, object]:
    """``site_programme``: the programme the header names on pages that show none of their own (read only
    when a page renders the header)."""
    return {"site_programme": SimpleLazyObject(lambda: Programme.objects.order_by("id").first())}

"""Template context for every page: the programme named in the site header, and what the user menu offers."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from nqtrack.accounts.scopes import can_manage_programme
from nqtrack.programmes.models import Programme


def site(request: HttpRequest) -> dict[str, object]:
    """``site_programme``: the programme the header names on pages that show none of their own;
    ``manages_programmes``: whether the user menu offers the programme drafts. Both are read only when a
    page renders the header (a template calls a callable it is given)."""
    return {
        "site_programme": SimpleLazyObject(lambda: Programme.objects.order_by("id").first()),
        "manages_programmes": lambda: can_manage_programme(user=request.user),
    }

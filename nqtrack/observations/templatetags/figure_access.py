"""Template tags of the figures' pages: whether to offer a link the user's role may use."""

from __future__ import annotations

from typing import Any

from django import template

from nqtrack.observations.permissions import can_import_files, can_review
from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_get

register = template.Library()


@register.simple_tag(takes_context=True)
def may_review(context: dict[str, Any]) -> bool:
    """Whether the signed-in user reviews figures somewhere (the review queue is theirs)."""
    request = context.get("request")
    return request is not None and can_review(user=request.user)


@register.simple_tag(takes_context=True)
def may_upload(context: dict[str, Any]) -> bool:
    """Whether the signed-in user may upload files of figures (the page's programme, else the first)."""
    request = context.get("request")
    if request is None:
        return False
    programme = context.get("programme")
    if not isinstance(programme, Programme):
        try:
            programme = programme_get()
        except ProgrammeNotFound:
            return False
    return can_import_files(user=request.user, programme=programme)

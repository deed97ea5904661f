"""Template tags of the figures' pages: whether to offer a link the user's role may use."""

from __future__ import annotations

from typing import Any

from django import template

from nqtrack.observations.permissions import can_review

register = template.Library()


@register.simple_tag(takes_context=True)
def may_review(context: dict[str, Any]) -> bool:
    """Whether the signed-in user reviews figures somewhere (the review queue is theirs)."""
    request = context.get("request")
    return request is not None and can_review(user=request.user)

"""The deploy check (`nqtrack check --deploy`): no demo account may exist in production."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError

from nqtrack.accounts.demo import demo_user_names


@register(Tags.security, deploy=True)
def no_demo_users(**_kwargs: Any) -> list[CheckMessage]:
    """An error while a demo user (nqtrack/accounts/demo.py) is stored: their passwords lie in a file."""
    try:
        names = demo_user_names()
    except DatabaseError:
        return []  # no tables yet (before the first migrate): no user at all
    if not names:
        return []
    return [
        Error(
            f"Demo users exist: {', '.join(names)}. Delete them before running in production.",
            hint="They are made for development only (nqtrack demo-users); delete them, e.g. "
            '`nqtrack shell -c "from django.contrib.auth.models import User; '
            'User.objects.filter(profile__demo=True).delete()"`.',
            id="nqtrack.E001",
        )
    ]

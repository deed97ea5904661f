"""The type of the user a service acts for: a signed-in account or the anonymous visitor of a request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    type AnyUser = AbstractBaseUser | AnonymousUser
else:
    # At run time the annotations are strings (``from __future__ import annotations``): any object does.
    AnyUser = Any

"""Who a request acts for: a personal access token (``Authorization: ApiToken …`` as DHIS2 clients send
it, or ``Bearer …``), the browser's signed-in session (with its CSRF check), or nobody (public reads).

A token acts for its user with the user's role and scopes as they are now (nqtrack.accounts.scopes
decides, as for the pages). It counts as two-factor verified: only a verified session (the token page,
behind the two-factor gate) or the server's operator (``nqtrack api-token``) can make one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from ninja.security import APIKeyHeader, HttpBearer, SessionAuth
from ninja.throttling import UserRateThrottle

from nqtrack.api.tokens import token_user

SCHEME = "ApiToken"


def _act_for(request: HttpRequest, user: User) -> User:
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    request.user = user
    return user


class ApiTokenAuth(APIKeyHeader):
    """``Authorization: ApiToken <token>`` (DHIS2's personal access token header)."""

    param_name = "Authorization"

    def __init__(self) -> None:
        super().__init__()
        self.openapi_name = "ApiToken"
        self.openapi_description = "Authorization: ApiToken <token>"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        scheme, _, secret = (key or "").partition(" ")
        if scheme != SCHEME:
            return None
        user = token_user(secret=secret.strip())
        return _act_for(request, user) if user is not None else None


class BearerAuth(HttpBearer):
    """``Authorization: Bearer <token>``: the same token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_user(secret=token.strip())
        return _act_for(request, user) if user is not None else None


class Public:
    """No credentials at all: the public reads answer with what an anonymous visitor sees (published
    figures only). A request that sends credentials which do not authenticate is refused, not served as
    anonymous."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        return request.user if request.user.is_authenticated else AnonymousUser()


class ApiRateThrottle(UserRateThrottle):
    """``NQTRACK_API_RATE`` requests per user (signed in or by token), or per address for anonymous
    ones (django-ninja's throttle); the setting is read at each request, so a change applies at once."""

    def __init__(self) -> None:
        super().__init__(rate=settings.NQTRACK_API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        rate = settings.NQTRACK_API_RATE
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return bool(super().allow_request(request))


SIGNED_IN = [ApiTokenAuth(), BearerAuth(), SessionAuth()]
PUBLIC_OR_SIGNED_IN = [*SIGNED_IN, Public()]

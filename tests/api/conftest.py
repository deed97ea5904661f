"""Fixtures of the API tests: a token per user of the cast, a client that sends it, a fresh rate limit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from nqtrack.api.tokens import token_create


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> Iterator[None]:
    """The API's rate limit counts in the cache: each test starts with none of its requests counted."""
    cache.clear()
    yield
    cache.clear()


def token_for(user: User, days: int = 30) -> str:
    return token_create(user=user, name="kiểm thử", days=days).secret


def token_client(user: User, scheme: str = "ApiToken") -> Client:
    """A client that sends ``user``'s new token in every request (no session, no cookie)."""
    return Client(headers={"Authorization": f"{scheme} {token_for(user)}"})

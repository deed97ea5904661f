"""The idle timeout (nqtrack.accounts.middleware.SessionRenewalMiddleware): a signed-in session is written
back when its last renewal is a minute old, not on every request, and still ends one idle hour after it was
last renewed, never later."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nqtrack.accounts.middleware import RENEWED_AT
from tests.accounts.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"
PAGE = "/tai-khoan/doi-mat-khau/"  # a page for signed-in users only: it answers 200 or sends to sign in


class Clock:
    """The only thing mocked: the time (the sessions' expiry reads it too)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = timezone.now().replace(microsecond=0)
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, seconds: int) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


@pytest.fixture
def alice(db: None) -> User:
    return make_user("alice", None)


def visit(client: Client) -> tuple[int, int]:
    """The page's status and how many times the request wrote the session."""
    with CaptureQueriesContext(connection) as queries:
        status = client.get(PAGE).status_code
    return status, sum(
        1 for q in queries if q["sql"].startswith(('UPDATE "django_session"', 'INSERT INTO "django_session"'))
    )


def expiry(client: Client) -> datetime:
    """When the stored session ends (the database row: what the next request is checked against)."""
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).expire_date


def test_a_session_is_written_at_most_once_a_minute(
    client: Client, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    assert client.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302
    signed_in = clock.now
    visits = [visit(client)]
    for seconds in (20, 39, 1, 30):  # 20 s, 59 s, 60 s and 90 s after the sign-in
        clock.advance(seconds)
        visits.append(visit(client))

    assert visits == [(200, 0), (200, 0), (200, 0), (200, 1), (200, 0)]
    assert client.session[RENEWED_AT] == int((signed_in + timedelta(seconds=60)).timestamp())
    assert expiry(client) == signed_in + timedelta(seconds=60 + settings.SESSION_COOKIE_AGE)
    assert settings.SESSION_SAVE_EVERY_REQUEST is False


def test_an_idle_session_ends_an_hour_after_its_last_renewal(
    client: Client, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    client.force_login(alice)  # as a sign-in elsewhere: no renewal recorded yet
    first = visit(client)  # renews at once
    renewed = clock.now
    clock.advance(59)
    unrenewed = visit(client)  # within the minute: the session keeps its end
    clock.advance(settings.SESSION_COOKIE_AGE - 60)  # a second before the end
    last_second = visit(client)  # renews: the next idle hour starts now
    renewed_again = clock.now
    clock.advance(settings.SESSION_COOKIE_AGE)
    at_the_end = visit(client)

    assert (first, unrenewed, last_second) == ((200, 1), (200, 0), (200, 1))
    assert renewed_again - renewed == timedelta(seconds=settings.SESSION_COOKIE_AGE - 1)
    assert at_the_end == (302, 0)  # signed out: sent to sign in, nothing written
    assert "_auth_user_id" not in client.session


def test_a_session_in_use_lives_on_and_ends_an_idle_hour_after_its_last_renewal(
    client: Client, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    client.force_login(alice)
    start = clock.now
    visits = [visit(client)]
    for _request in range(69):  # a request every 59 s for 68 minutes: every second one renews
        clock.advance(59)
        visits.append(visit(client))
    last_request = clock.now
    last_renewal = start + timedelta(seconds=68 * 59)
    ends = expiry(client)
    clock.now = ends  # idle since the last request, a minute less than the hour
    at_the_end = visit(client)

    assert visits == [(200, 1), (200, 0)] * 35
    assert last_request - start == timedelta(seconds=69 * 59)  # longer than the hour: never signed out
    assert ends == last_renewal + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert ends - last_request == timedelta(seconds=settings.SESSION_COOKIE_AGE - 59)
    assert at_the_end == (302, 0)
    assert "_auth_user_id" not in client.session


def test_an_anonymous_visitor_gets_no_session(client: Client, db: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LOGIN)

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert [q["sql"] for q in queries if "django_session" in q["sql"]] == []

"""Signing in: Argon2, password rules, throttling with lock-out, session expiry, the audit of each attempt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nqtrack.accounts.models import EventKind, SecurityEvent
from tests.accounts.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"
WRONG = "sai-mat-khau-123456"


@pytest.fixture
def alice(db: None) -> User:
    return make_user("alice", None)


def attempt(client: Client, username: str, password: str) -> int:
    return client.post(LOGIN, {"username": username, "password": password}).status_code


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))


class Clock:
    """The only thing mocked: the time."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, minutes: int) -> None:
        self.now = self.now + timedelta(minutes=minutes)


def test_it_signs_in_with_the_right_password_and_records_it(client: Client, alice: User) -> None:
    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD, "next": "/cong-khai/"})
    assert response.status_code == 302
    assert response["Location"] == "/cong-khai/"
    assert client.session["_auth_user_id"] == str(alice.pk)
    event = SecurityEvent.objects.get()
    assert (event.kind, event.username, event.subject, event.ip) == (
        EventKind.LOGIN,
        "alice",
        alice,
        "127.0.0.1",
    )


def test_it_refuses_a_next_url_on_another_site(client: Client, alice: User) -> None:
    response = client.post(
        LOGIN, {"username": "alice", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_wrong_password_is_refused_with_the_same_words_as_an_unknown_name(
    client: Client, alice: User
) -> None:
    wrong = client.post(LOGIN, {"username": "alice", "password": WRONG})
    unknown = client.post(LOGIN, {"username": "nobody", "password": WRONG})
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert kinds() == [EventKind.LOGIN_FAILED, EventKind.LOGIN_FAILED]
    assert list(SecurityEvent.objects.order_by("id").values_list("username", flat=True)) == [
        "alice",
        "nobody",
    ]


def test_five_failures_lock_the_name_even_for_the_right_password(
    client: Client, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    assert settings.NQTRACK_LOGIN_MAX_FAILURES == 5
    statuses = [attempt(client, "alice" if i % 2 else "ALICE", WRONG) for i in range(5)]  # case is no escape
    assert statuses == [200, 200, 200, 200, 429]
    assert kinds() == [EventKind.LOGIN_FAILED] * 5 + [EventKind.LOCKOUT]
    clock.advance(14)
    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tài khoản tạm thời bị khoá do đăng nhập sai nhiều lần." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert kinds()[-1] == EventKind.LOGIN_REFUSED
    clock.advance(2)  # the lock lasts 15 minutes
    assert attempt(client, "alice", PASSWORD) == 302
    assert kinds()[-1] == EventKind.LOGIN


def test_failures_outside_the_window_or_before_a_success_do_not_count(
    client: Client, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    for _ in range(4):
        attempt(client, "alice", WRONG)
    clock.advance(16)  # outside the 15-minute window
    assert [attempt(Client(), "alice", WRONG) for _ in range(4)] == [200] * 4
    assert attempt(Client(), "alice", PASSWORD) == 302
    assert [attempt(Client(), "alice", WRONG) for _ in range(4)] == [200] * 4  # counting restarts
    assert EventKind.LOCKOUT not in kinds()


def test_passwords_are_hashed_with_argon2(alice: User) -> None:
    assert alice.password.startswith("argon2$")


def test_the_session_ends_when_idle_or_when_the_browser_closes(client: Client, alice: User) -> None:
    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["expires"] == ""
    assert cookie["httponly"] is True
    assert client.session.get_expiry_age() == 3600
    # A request renews the idle hour when the last renewal is a minute old (test_session_renewal.py).
    assert "nqtrack.accounts.middleware.SessionRenewalMiddleware" in settings.MIDDLEWARE


def test_logout_is_post_only_and_recorded(client: Client, alice: User) -> None:
    client.force_login(alice)
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/tai-khoan/dang-xuat/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert kinds() == [EventKind.LOGOUT]


def test_the_audit_log_cannot_be_changed_or_deleted(alice: User) -> None:
    event = SecurityEvent.objects.create(kind=EventKind.LOGIN, username="alice")
    event.username = "mallory"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        SecurityEvent.objects.filter(pk=event.pk).update(username="mallory")
    with pytest.raises(PermissionError):
        SecurityEvent.objects.all().delete()
    assert list(SecurityEvent.objects.values_list("username", flat=True)) == ["alice"]

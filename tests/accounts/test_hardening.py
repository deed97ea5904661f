"""Findings of the security probe "No leaks, no crashes": re-authentication before adding an authenticator,
a throttled code named as such, the password rules in Vietnamese (repetition refused), throttled resets."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from nqtrack.accounts.models import EventKind, SecurityEvent
from tests.accounts.conftest import PASSWORD, make_user, sign_in

pytestmark = pytest.mark.django_db
SETUP = "/tai-khoan/hai-buoc/thiet-lap/"
VERIFY = "/tai-khoan/hai-buoc/"
RESET = "/tai-khoan/quen-mat-khau/"
CHANGE = "/tai-khoan/doi-mat-khau/"
WRONG = "sai-mat-khau-123456"
TOKENS = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')

REAUTH_REQUIRED = "Hãy nhập mật khẩu hiện tại để xác nhận đó là bạn."
REAUTH_WRONG = "Mật khẩu không đúng."
CURRENT_REQUIRED = "Bạn đã có ứng dụng xác thực: hãy nhập mã đang hiện trên ứng dụng đó."
CURRENT_WRONG = "Mã của ứng dụng xác thực đang dùng không đúng hoặc đã hết hạn."
TOO_SHORT = "Mật khẩu quá ngắn: cần ít nhất 12 ký tự."
REPEATED = "Mật khẩu này chỉ là một từ hay một cụm ký tự lặp lại."
TOO_COMMON = "Mật khẩu này quá phổ biến."


def code(device: TOTPDevice, offset: int = 0) -> str:
    """The code an authenticator app shows now (RFC 6238, computed from the device's key)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits) + offset:06d}"[-6:]


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))


def devices(user: User) -> list[tuple[str, bool]]:
    return list(TOTPDevice.objects.filter(user=user).order_by("id").values_list("name", "confirmed"))


def errors(response: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = response.context["form"].errors
    return {name: list(messages) for name, messages in found.items()}


def until_text(device: TOTPDevice) -> str:
    """When a throttled device accepts a code again, as the page says it (local time, to the next second)."""
    device.refresh_from_db()
    assert device.throttling_failure_timestamp is not None
    delay = 2 ** (device.throttling_failure_count - 1)
    until = timezone.localtime(device.throttling_failure_timestamp + timedelta(seconds=delay))
    if until.microsecond:
        until = until.replace(microsecond=0) + timedelta(seconds=1)
    return until.strftime("%H:%M:%S")


def throttle(device: TOTPDevice, failures: int) -> None:
    """The state a device is in right after ``failures`` wrong codes in a row."""
    device.throttling_failure_count = failures
    device.throttling_failure_timestamp = timezone.now()
    device.save()


@pytest.fixture
def alice(db: None) -> User:
    return make_user("alice", None)


@pytest.fixture
def alice_device(alice: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)


# -- 1. adding an authenticator needs the password, and the current code once two-factor is set ------------


def test_a_verified_session_cannot_add_a_second_authenticator_with_the_new_code_alone(
    alice: User, alice_device: TOTPDevice
) -> None:
    client = sign_in(Client(), alice, alice_device)  # signed in and verified
    assert client.get(SETUP).status_code == 200
    new = TOTPDevice.objects.get(user=alice, confirmed=False)
    before = (devices(alice), kinds())

    response = client.post(SETUP, {"token": code(new)})
    assert response.status_code == 200
    assert errors(response) == {"password": [REAUTH_REQUIRED], "current_token": [CURRENT_REQUIRED]}
    assert (devices(alice), kinds()) == before

    wrong = client.post(SETUP, {"password": WRONG, "current_token": code(alice_device), "token": code(new)})
    assert errors(wrong) == {"password": [REAUTH_WRONG]}
    assert devices(alice) == before[0]
    failed = SecurityEvent.objects.get(kind=EventKind.LOGIN_FAILED)
    assert (failed.username, failed.detail) == ("alice", {"step": "otp_setup"})

    stale = client.post(
        SETUP, {"password": PASSWORD, "current_token": code(alice_device, 1), "token": code(new)}
    )
    assert errors(stale) == {"current_token": [CURRENT_WRONG]}
    assert devices(alice) == before[0]
    assert SecurityEvent.objects.filter(kind=EventKind.OTP_FAILED).get().detail == {"step": "setup_current"}


def test_a_password_only_session_cannot_add_an_authenticator_to_skip_the_code(
    alice: User, alice_device: TOTPDevice
) -> None:
    client = Client()
    assert (
        client.post("/tai-khoan/dang-nhap/", {"username": "alice", "password": PASSWORD}).status_code == 302
    )
    assert client.get(SETUP).status_code == 200  # the page is open before verification (administrators)
    new = TOTPDevice.objects.get(user=alice, confirmed=False)
    response = client.post(SETUP, {"password": PASSWORD, "token": code(new)})
    assert errors(response) == {"current_token": [CURRENT_REQUIRED]}
    assert devices(alice) == [("phone", True), ("Ứng dụng xác thực", False)]
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"  # still not verified


def test_the_password_and_the_current_code_add_the_authenticator(
    alice: User, alice_device: TOTPDevice
) -> None:
    client = sign_in(Client(), alice, alice_device)
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=alice, confirmed=False)
    data = {
        "password": PASSWORD,
        "current_token": code(alice_device),
        "token": code(new),
        "next": "/cong-khai/",
    }
    response = client.post(SETUP, data)
    assert response.status_code == 302
    assert response["Location"] == "/cong-khai/"
    assert devices(alice) == [("phone", True), ("Ứng dụng xác thực", True)]
    event = SecurityEvent.objects.get(kind=EventKind.OTP_CONFIRMED)
    assert (event.subject, event.actor, event.detail) == (alice, alice, {"reauthenticated": "password+code"})


def test_a_first_authenticator_needs_the_password(alice: User) -> None:
    client = sign_in(Client(), alice)
    page = client.get(SETUP)
    assert list(page.context["form"].fields) == ["password", "token"]
    new = TOTPDevice.objects.get(user=alice)
    assert errors(client.post(SETUP, {"token": code(new)})) == {"password": [REAUTH_REQUIRED]}
    assert devices(alice) == [("Ứng dụng xác thực", False)]
    assert kinds() == []
    assert client.post(SETUP, {"password": PASSWORD, "token": code(new)}).status_code == 302
    assert devices(alice) == [("Ứng dụng xác thực", True)]
    assert SecurityEvent.objects.get().detail == {"reauthenticated": "password"}


def test_wrong_passwords_at_the_set_up_count_towards_the_login_lock(alice: User) -> None:
    client = sign_in(Client(), alice)
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=alice)
    assert settings.NQTRACK_LOGIN_MAX_FAILURES == 5
    for _ in range(4):
        assert errors(client.post(SETUP, {"password": WRONG, "token": code(new)})) == {
            "password": [REAUTH_WRONG]
        }
    locked = (
        "Tài khoản tạm thời bị khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút hoặc dùng chức "
        "năng quên mật khẩu."
    )
    assert errors(client.post(SETUP, {"password": WRONG, "token": code(new)})) == {"password": [locked]}
    assert errors(client.post(SETUP, {"password": PASSWORD, "token": code(new)})) == {"password": [locked]}
    assert devices(alice) == [("Ứng dụng xác thực", False)]
    assert kinds() == [EventKind.LOGIN_FAILED] * 5 + [EventKind.LOCKOUT, EventKind.LOGIN_REFUSED]
    assert (
        Client().post("/tai-khoan/dang-nhap/", {"username": "alice", "password": PASSWORD}).status_code == 429
    )


# -- 2. a throttled code is named as such, with the time to try again ----------------------------------------


def throttled_message(device: TOTPDevice) -> str:
    return f"Bạn đã nhập sai mã quá nhiều lần. Hãy thử lại sau {until_text(device)}."


def test_a_throttled_code_at_sign_in_says_so_and_when_to_try_again(
    alice: User, alice_device: TOTPDevice
) -> None:
    client = sign_in(Client(), alice)
    throttle(alice_device, 5)  # 16 seconds to wait
    response = client.post(VERIFY, {"token": code(alice_device)})  # the right code, but too soon
    assert response.status_code == 200
    assert errors(response) == {"token": [throttled_message(alice_device)]}
    assert "Mã không đúng" not in response.content.decode()
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"
    event = SecurityEvent.objects.get()
    assert (event.kind, event.detail) == (EventKind.OTP_FAILED, {"step": "verify", "throttled": True})
    alice_device.refresh_from_db()
    assert alice_device.throttling_failure_count == 5  # a throttled try does not count again


def test_a_wrong_code_that_is_not_throttled_keeps_its_words(alice: User, alice_device: TOTPDevice) -> None:
    client = sign_in(Client(), alice)
    response = client.post(VERIFY, {"token": code(alice_device, 1)})
    assert errors(response) == {"token": ["Mã không đúng hoặc đã hết hạn."]}


def test_a_throttled_code_at_the_set_up_says_so_for_either_authenticator(
    alice: User, alice_device: TOTPDevice
) -> None:
    client = sign_in(Client(), alice, alice_device)
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=alice, confirmed=False)
    data = {"password": PASSWORD, "current_token": code(alice_device), "token": code(new)}
    throttle(new, 3)
    assert errors(client.post(SETUP, data)) == {"token": [throttled_message(new)]}
    throttle(alice_device, 4)
    assert errors(client.post(SETUP, data)) == {"current_token": [throttled_message(alice_device)]}
    assert devices(alice) == [("phone", True), ("Ứng dụng xác thực", False)]


def test_the_throttled_message_is_in_the_english_catalogue(alice: User, alice_device: TOTPDevice) -> None:
    client = sign_in(Client(), alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    throttle(alice_device, 2)
    response = client.post(VERIFY, {"token": code(alice_device)})
    assert errors(response) == {
        "token": [f"Too many wrong codes were entered. Try again after {until_text(alice_device)}."]
    }


# -- 3 and 4. the password rules: Vietnamese, repetition and common passwords refused ------------------------


def refusals(password: str, user: User | None = None, language: str = "vi") -> list[str]:
    with translation.override(language):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return list(error.messages)
    return []


@pytest.mark.parametrize(
    ("password", "messages"),
    [
        ("ngắn-quá", [TOO_SHORT]),
        ("passwordpassword", [REPEATED]),
        ("PasswordPASSWORD", [REPEATED]),
        ("abcabcabcabc", [REPEATED]),
        ("aaaaaaaaaaaaaaaa", [REPEATED]),
        ("Mật khẩu mật khẩu", [REPEATED]),
        ("mật-khẩu.mật-khẩu", [REPEATED]),
        ("2030!2030!2030!", [REPEATED]),
        ("password123456", [TOO_COMMON]),
        ("qwertyuiop123", [TOO_COMMON]),
        ("12121212", [TOO_SHORT, TOO_COMMON, "Mật khẩu này hoàn toàn là số.", REPEATED]),
        (PASSWORD, []),
        ("Bích-Động-2030-xanh", []),
        ("passwordpassword1", []),
    ],
)
def test_the_password_rules(password: str, messages: list[str]) -> None:
    assert refusals(password) == messages


def test_the_password_rules_are_in_the_english_catalogue() -> None:
    assert refusals("short", language="en") == [
        "This password is too short: it must contain at least 12 characters."
    ]
    assert refusals("passwordpassword", language="en") == [
        "This password is just one word or group of characters repeated."
    ]


def test_the_help_texts_name_the_repetition_rule() -> None:
    with translation.override("vi"):
        assert "Mật khẩu không được là một từ hay một cụm ký tự lặp lại." in password_validators_help_texts()


@pytest.mark.parametrize("new", ["passwordpassword", "ngắn-quá"])
def test_changing_to_a_refused_password_changes_nothing(alice: User, new: str) -> None:
    client = sign_in(Client(), alice)
    before = alice.password
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    response = client.post(CHANGE, data)
    assert response.status_code == 200
    expected = TOO_SHORT if new == "ngắn-quá" else REPEATED
    assert errors(response) == {"new_password2": [expected]}
    alice.refresh_from_db()
    assert alice.password == before
    assert kinds() == []


# -- 5. password-reset requests are throttled per address and per IP ----------------------------------------


class Clock:
    """The only thing mocked: the time."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, minutes: int) -> None:
        self.now = self.now + timedelta(minutes=minutes)


def ask(email: str, ip: str = "10.0.0.1") -> tuple[int, str, str]:
    """Ask for a reset link; the answer as the visitor sees it: status, where it leads, the page there
    (without its per-request tokens)."""
    client = Client(REMOTE_ADDR=ip)
    response = client.post(RESET, {"email": email})
    page = client.get(response["Location"]).content.decode()
    return response.status_code, response["Location"], TOKENS.sub("", page)


def test_reset_requests_for_one_address_are_throttled_with_the_neutral_answer(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    unknown = ask("nobody@example.gov.vn")
    assert unknown[:2] == (302, "/tai-khoan/quen-mat-khau/da-gui/")
    assert mail.outbox == []
    answers = [
        ask("alice@example.gov.vn" if i % 2 else "ALICE@example.gov.vn", ip=f"10.0.1.{i}") for i in range(5)
    ]
    assert answers == [unknown] * 5
    assert len(mail.outbox) == 5
    assert ask("alice@example.gov.vn", ip="10.0.2.1") == unknown  # the sixth: the same words, no mail
    assert len(mail.outbox) == 5
    events = SecurityEvent.objects.filter(username="alice@example.gov.vn").order_by("id")
    assert [e.detail for e in events] == [{}] * 5 + [{"throttled": "address"}]
    clock.advance(14)
    assert ask("alice@example.gov.vn") == unknown
    assert len(mail.outbox) == 5
    clock.advance(2)  # the window is 15 minutes
    assert ask("alice@example.gov.vn") == unknown
    assert len(mail.outbox) == 6


def test_reset_requests_from_one_ip_are_throttled_with_the_neutral_answer(alice: User) -> None:
    unknown = ask("nobody@example.gov.vn", ip="10.9.9.9")
    limit = settings.NQTRACK_LOGIN_MAX_FAILURES * 4
    for i in range(limit):
        assert ask(f"guess{i}@example.gov.vn", ip="10.0.0.7") == unknown
    assert ask("alice@example.gov.vn", ip="10.0.0.7") == unknown
    assert mail.outbox == []
    last = SecurityEvent.objects.order_by("-id").first()
    assert last is not None
    assert (last.username, last.ip, last.detail) == ("alice@example.gov.vn", "10.0.0.7", {"throttled": "ip"})
    assert ask("alice@example.gov.vn", ip="10.0.0.8") == unknown  # another address is not held up
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.gov.vn"]

"""Two-factor authentication (TOTP): optional for everyone, mandatory for administrators."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from nqtrack.accounts.models import EventKind, SecurityEvent
from tests.accounts.conftest import PASSWORD, Cast
from tests.pages import seed_url

pytestmark = pytest.mark.django_db
SETUP = "/tai-khoan/hai-buoc/thiet-lap/"
VERIFY = "/tai-khoan/hai-buoc/"
DASHBOARD = seed_url("/")


def code(device: TOTPDevice, offset: int = 0) -> str:
    """The code an authenticator app shows now (RFC 6238, computed from the device's key)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits) + offset:06d}"[-6:]


def sign_in(client: Client, username: str) -> None:
    response = client.post("/tai-khoan/dang-nhap/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def test_an_administrator_without_a_device_must_set_one_up_before_any_page(
    client: Client, cast: Cast
) -> None:
    cast.admin_device.delete()
    sign_in(client, "admin")
    for url in [DASHBOARD, "/tai-khoan/nguoi-dung/", "/cong-khai/", "/tai-khoan/doi-mat-khau/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{SETUP}?next={url.replace('/', '%2F')}"
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tài khoản quản trị bắt buộc dùng xác thực hai bước." in html
    assert "<svg" in html  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=cast.admin)
    assert device.confirmed is False
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", html)
    assert secret is not None
    assert secret.group(1).replace(" ", "") in device.config_url

    wrong = client.post(SETUP, {"password": PASSWORD, "token": code(device, 1)})
    assert wrong.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn." in wrong.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get(DASHBOARD)["Location"] == f"{SETUP}?next={DASHBOARD.replace('/', '%2F')}"

    device.throttle_reset()  # a device refuses every code for a moment after a wrong one
    right = client.post(
        SETUP, {"password": PASSWORD, "token": code(device), "next": "/tai-khoan/nguoi-dung/"}
    )
    assert right["Location"] == "/tai-khoan/nguoi-dung/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/tai-khoan/nguoi-dung/").status_code == 200
    assert list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True)) == [
        EventKind.LOGIN,
        EventKind.OTP_FAILED,
        EventKind.OTP_CONFIRMED,
    ]


def test_an_administrator_with_a_device_enters_a_code_after_the_password(client: Client, cast: Cast) -> None:
    sign_in(client, "admin")
    response = client.get("/tai-khoan/nguoi-dung/")
    assert response["Location"] == f"{VERIFY}?next=%2Ftai-khoan%2Fnguoi-dung%2F"
    assert client.post(VERIFY, {"token": "12345"}).status_code == 200  # not six digits: refused by the form
    bad = client.post(VERIFY, {"token": code(cast.admin_device, 1)})
    assert "Mã không đúng hoặc đã hết hạn." in bad.content.decode()
    assert client.get("/tai-khoan/nguoi-dung/").status_code == 302
    cast.admin_device.refresh_from_db()
    cast.admin_device.throttle_reset()  # a device refuses every code for a moment after a wrong one
    ok = client.post(VERIFY, {"token": code(cast.admin_device), "next": "/tai-khoan/nguoi-dung/"})
    assert ok["Location"] == "/tai-khoan/nguoi-dung/"
    assert client.get("/tai-khoan/nguoi-dung/").status_code == 200
    assert list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True)) == [
        EventKind.LOGIN,
        EventKind.OTP_FAILED,
        EventKind.OTP_VERIFIED,
    ]


def test_a_password_alone_gives_an_administrator_no_rights(client: Client, cast: Cast) -> None:
    sign_in(client, "admin")
    # even the exempt pages give nothing: the user list needs a verified administrator
    assert client.get(SETUP).status_code == 200
    assert client.get("/tai-khoan/nguoi-dung/").status_code == 302


def test_two_factor_is_optional_for_other_users_but_binding_once_set_up(client: Client, cast: Cast) -> None:
    sign_in(client, "xa_tu_lan")
    assert client.get(DASHBOARD).status_code == 200
    device = TOTPDevice.objects.create(user=cast.commune_reporter, name="phone", confirmed=True)
    other = Client()
    sign_in(other, "xa_tu_lan")
    assert other.get(DASHBOARD)["Location"] == f"{VERIFY}?next={DASHBOARD.replace('/', '%2F')}"
    assert other.post(VERIFY, {"token": code(device)}).status_code == 302
    assert other.get(DASHBOARD).status_code == 200

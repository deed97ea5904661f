"""The invitation's free text is bounded by the user's columns, so a long name or address is a form error on
SQLite as on PostgreSQL (where it used to fail in the database), and nothing is created."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core import mail

from nqtrack.accounts.models import Profile, Role, SecurityEvent
from tests.accounts.conftest import Cast, client_for, unit

pytestmark = pytest.mark.django_db
INVITE = "/tai-khoan/nguoi-dung/moi/"
# a valid address of 311 characters: a 64-character local part and four 60-character labels
LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".vn"


def state() -> tuple[int, int, int, int]:
    return User.objects.count(), Profile.objects.count(), SecurityEvent.objects.count(), len(mail.outbox)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "Nguyễn " + "Thị" * 50, "Họ và tên dài 157 ký tự, vượt giới hạn 150 ký tự."),
        ("full_name", "X" * 300, "Họ và tên dài 300 ký tự, vượt giới hạn 150 ký tự."),
        ("email", LONG_EMAIL, "Địa chỉ thư dài 311 ký tự, vượt giới hạn 254 ký tự."),
    ],
)
def test_a_name_or_address_longer_than_its_column_is_a_form_error(
    cast: Cast, field: str, value: str, message: str
) -> None:
    data = {
        "username": "xa_bich_dong",
        "full_name": "Nguyễn Thị Lan",
        "email": "lan@example.gov.vn",
        "role": Role.REPORTER,
        "active": "on",
        "capture_units": [unit("07777").pk],
    }
    before = state()
    response = client_for(cast, "admin").post(INVITE, data | {field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert state() == before
    # at the bound the invitation goes through
    bound = {"full_name": "Lan " + "X" * 146, "email": "lan@example.gov.vn"}
    assert client_for(cast, "admin").post(INVITE, data | bound).status_code == 302
    created = User.objects.get(username="xa_bich_dong")
    assert (created.first_name, len(created.last_name)) == ("Lan", 146)

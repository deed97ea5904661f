"""Personal access tokens: made by the command and the account page, stored hashed, sent as
``Authorization: ApiToken …`` or ``Bearer …``, refused once expired, revoked, or the user inactive."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from nqtrack.api.models import ApiToken
from tests.accounts.conftest import Cast, client_for
from tests.api.conftest import token_for

pytestmark = pytest.mark.django_db

UNAUTHORIZED = {
    "status": 401,
    "code": "unauthorized",
    "message": {
        "vi": "Cần đăng nhập: gửi mã truy cập cá nhân trong tiêu đề Authorization "
        "(ApiToken <mã> hoặc Bearer <mã>).",
        "en": "Sign in first: send a personal access token in the Authorization header (ApiToken <token> or "
        "Bearer <token>).",
    },
    "errors": [],
}


def _create(username: str, *extra: str) -> str:
    out = StringIO()
    call_command("api_token", "create", "--user", username, *extra, stdout=out)
    return out.getvalue()


def _tasks(header: str | None) -> int:
    client = Client(headers={"Authorization": header}) if header else Client()
    return client.get("/api/tasks").status_code


def test_the_command_prints_the_token_as_the_last_word_and_it_signs_in_both_ways(cast: Cast) -> None:
    printed = _create("quan_ly", "--name", "tập lệnh", "--days", "10")
    secret = printed.strip().splitlines()[-1].split()[-1]
    assert re.fullmatch(r"nqt_[A-Za-z0-9_-]{43}", secret)
    stored = ApiToken.objects.get()
    assert (stored.user, stored.name, stored.prefix) == (cast.manager, "tập lệnh", secret[:12])
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.digest, stored.prefix, stored.name}  # only the hash is kept
    assert stored.expires_at - stored.created_at == timedelta(days=10)
    assert _tasks(f"ApiToken {secret}") == 200
    assert _tasks(f"Bearer {secret}") == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_no_token_a_wrong_one_or_a_wrong_scheme_is_refused_with_the_bilingual_body(cast: Cast) -> None:
    secret = token_for(cast.manager)
    for header in (None, "ApiToken nqt_khong-phai-ma", f"Basic {secret}", f"apitoken{secret}", "Bearer"):
        client = Client(headers={"Authorization": header}) if header else Client()
        response = client.get("/api/tasks")
        assert response.status_code == 401, header
        assert response.json() == UNAUTHORIZED
    # credentials that fail are refused even where anonymous visitors are served
    assert Client(headers={"Authorization": "ApiToken nqt_sai"}).get("/api/programmes").status_code == 401
    assert Client().get("/api/programmes").status_code == 200


def test_an_expired_token_is_refused(cast: Cast) -> None:
    secret = token_for(cast.viewer, days=1)
    assert _tasks(f"ApiToken {secret}") == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert _tasks(f"ApiToken {secret}") == 401


def test_a_revoked_token_and_an_inactive_users_token_are_refused(cast: Cast) -> None:
    secret = token_for(cast.viewer)
    token = ApiToken.objects.get()
    out = StringIO()
    call_command("api_token", "revoke", str(token.pk), stdout=out)
    assert out.getvalue() == f"Đã thu hồi mã truy cập số {token.pk} “kiểm thử” của lanh_dao.\n"
    assert _tasks(f"ApiToken {secret}") == 401
    listed = StringIO()
    call_command("api_token", "list", "--user", "lanh_dao", stdout=listed)
    assert listed.getvalue().rstrip("\n").split("\t")[-1] == "đã thu hồi"

    other = token_for(cast.district_reporter)
    assert _tasks(f"ApiToken {other}") == 200
    User.objects.filter(pk=cast.district_reporter.pk).update(is_active=False)
    assert _tasks(f"ApiToken {other}") == 401


def test_the_command_refuses_what_it_cannot_do_and_makes_nothing(cast: Cast) -> None:
    with pytest.raises(CommandError, match="Không có người dùng “khong_co”."):
        _create("khong_co")
    with pytest.raises(CommandError, match="Thời hạn của mã truy cập từ 1 đến 366 ngày."):
        _create("quan_ly", "--days", "400")
    with pytest.raises(CommandError, match="Cần --user"):
        call_command("api_token", "create")
    with pytest.raises(CommandError, match="Không có mã truy cập này."):
        call_command("api_token", "revoke", "999")
    assert not ApiToken.objects.exists()


def test_the_account_page_makes_a_token_shown_once_and_revokes_it(cast: Cast) -> None:
    client = client_for(cast, "viewer")
    response = client.post("/tai-khoan/ma-truy-cap/", {"name": "Excel của phòng", "days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    page = response.content.decode()
    [secret] = re.findall(r"nqt_[A-Za-z0-9_-]{43}", page)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert (token.user, token.name) == (cast.viewer, "Excel của phòng")
    assert _tasks(f"ApiToken {secret}") == 200
    again = client.get("/tai-khoan/ma-truy-cap/").content.decode()
    assert secret not in again
    assert token.prefix in again

    outsider = client_for(cast, "district_reporter")
    assert outsider.post(f"/tai-khoan/ma-truy-cap/{token.pk}/thu-hoi/").status_code == 403
    assert ApiToken.objects.get().revoked_at is None
    assert _tasks(f"ApiToken {secret}") == 200

    assert client.post(f"/tai-khoan/ma-truy-cap/{token.pk}/thu-hoi/").status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    assert _tasks(f"ApiToken {secret}") == 401


def test_the_account_page_refuses_a_bad_form_and_makes_nothing(cast: Cast) -> None:
    client = client_for(cast, "viewer")
    for data in ({"name": "", "days": "30"}, {"name": "x", "days": "0"}, {"name": "x", "days": "٣"}):
        assert client.post("/tai-khoan/ma-truy-cap/", data).status_code == 400
    assert not ApiToken.objects.exists()

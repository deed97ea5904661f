"""The administrators' page: invite users, set roles and scopes; every change audited; others refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from nqtrack.accounts.models import EventKind, Profile, Role, SecurityEvent
from tests.accounts.conftest import Cast, client_for, unit

pytestmark = pytest.mark.django_db
INVITE = "/tai-khoan/nguoi-dung/moi/"


def invite_data(cast: Cast) -> dict[str, object]:
    return {
        "username": "xa_bich_dong",
        "full_name": "Nguyễn Thị Lan",
        "email": "lan@example.gov.vn",
        "role": Role.REPORTER,
        "active": "on",
        "capture_units": [unit("07777").pk],
    }


def snapshot() -> tuple[list[tuple[str, str]], list[str], int]:
    return (
        list(Profile.objects.order_by("user__username").values_list("user__username", "role")),
        list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True)),
        len(mail.outbox),
    )


def test_an_administrator_invites_a_user_who_sets_a_password_and_signs_in(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    admin = client_for(cast, "admin")
    with django_capture_on_commit_callbacks(execute=True):  # the invitation goes out after the commit
        response = admin.post(INVITE, invite_data(cast))
    assert response.status_code == 302
    user = User.objects.get(username="xa_bich_dong")
    assert (user.first_name, user.last_name, user.has_usable_password()) == ("Nguyễn Thị", "Lan", False)
    assert user.profile.role == Role.REPORTER
    assert list(user.profile.capture_units.all()) == [unit("07777")]
    events = SecurityEvent.objects.filter(subject=user).order_by("id")
    assert [(e.kind, e.actor) for e in events] == [
        (EventKind.INVITED, cast.admin),
        (EventKind.ROLE_CHANGED, cast.admin),
        (EventKind.SCOPE_CHANGED, cast.admin),
    ]
    assert events[1].detail == {"from": "viewer", "to": "reporter"}
    assert events[2].detail == {
        "capture_units": {"from": [], "to": ["07777 Thị trấn Bích Động (…–2024-02-01)"]}
    }
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lan@example.gov.vn"]
    link = re.search(r"http://testserver(/tai-khoan/dat-lai/\S+/)", str(mail.outbox[0].body))
    assert link is not None

    invitee = Client()
    form = invitee.get(link.group(1), follow=True)
    assert form.status_code == 200
    weak = invitee.post(
        form.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200
    user.refresh_from_db()
    assert not user.has_usable_password()
    new = "Bích-Động-2030-xanh"
    done = invitee.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done["Location"] == "/tai-khoan/dat-lai/xong/"
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert (
        invitee.post("/tai-khoan/dang-nhap/", {"username": "xa_bich_dong", "password": new}).status_code
        == 302
    )


def test_changing_a_role_and_scope_is_audited_with_before_and_after(cast: Cast) -> None:
    admin = client_for(cast, "admin")
    target = cast.commune_reporter
    data = {"role": Role.REVIEWER, "active": "on", "capture_units": [unit("222").pk]}
    response = admin.post(f"/tai-khoan/nguoi-dung/{target.pk}/", data)
    assert response.status_code == 302
    target.profile.refresh_from_db()
    assert target.profile.role == Role.REVIEWER
    events = SecurityEvent.objects.filter(subject=target).order_by("id")
    assert [(e.kind, e.detail) for e in events] == [
        (EventKind.ROLE_CHANGED, {"from": "reporter", "to": "reviewer"}),
        (
            EventKind.SCOPE_CHANGED,
            {
                "capture_units": {
                    "from": ["07774 Xã Tự Lạn (…–2024-02-01)"],
                    "to": ["222 Huyện Việt Yên (…–2024-02-01)"],
                }
            },
        ),
    ]
    # saving the same again changes nothing and records nothing
    admin.post(f"/tai-khoan/nguoi-dung/{target.pk}/", data)
    assert SecurityEvent.objects.filter(subject=target).count() == 2


def test_deactivating_an_account_stops_its_sign_in(cast: Cast) -> None:
    admin = client_for(cast, "admin")
    target = cast.viewer
    admin.post(f"/tai-khoan/nguoi-dung/{target.pk}/", {"role": Role.VIEWER, "view_units": [unit("24").pk]})
    target.refresh_from_db()
    assert target.is_active is False
    assert SecurityEvent.objects.get(subject=target, kind=EventKind.ACTIVE_CHANGED).detail == {
        "from": True,
        "to": False,
    }


@pytest.mark.parametrize(
    "name",
    [
        "commune_reporter",
        "district_reporter",
        "province_reviewer",
        "department_reporter",
        "viewer",
        "manager",
    ],
)
def test_nobody_else_may_invite_or_change_access_and_nothing_changes(cast: Cast, name: str) -> None:
    client = client_for(cast, name)
    before = snapshot()
    assert client.post(INVITE, invite_data(cast)).status_code == 403
    data = {"role": Role.ADMINISTRATOR, "active": "on"}
    assert client.post(f"/tai-khoan/nguoi-dung/{cast.commune_reporter.pk}/", data).status_code == 403
    assert snapshot() == before
    assert not User.objects.filter(username="xa_bich_dong").exists()


def test_an_invitation_for_a_taken_user_name_is_refused_with_a_message(cast: Cast) -> None:
    admin = client_for(cast, "admin")
    before = snapshot()
    response = admin.post(INVITE, invite_data(cast) | {"username": "XA_TU_LAN"})
    assert response.status_code == 200
    assert "Tên đăng nhập này đã có người dùng." in response.content.decode()
    assert snapshot() == before


def test_the_user_list_and_audit_log_show_roles_scopes_and_events(cast: Cast) -> None:
    admin = client_for(cast, "admin")
    html = admin.get("/tai-khoan/nguoi-dung/").content.decode()
    row = re.search(r'<tr data-user="huyen_viet_yen">(.*?)</tr>', html, re.S)
    assert row is not None
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]
    assert cells == [
        "huyen_viet_yen",
        "",
        "Người báo cáo số liệu",
        "Huyện Việt Yên (222)",
        "—",
        "Chưa",
        "Đang hoạt động",
    ]
    client_for(cast, "viewer").post("/tai-khoan/dang-xuat/")
    log = admin.get("/tai-khoan/nhat-ky/").content.decode()
    assert '<tr data-kind="logout">' in log

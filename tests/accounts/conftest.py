"""The cast of the permission tests: one user per role and scope, on the real units and programme.

- ``commune_reporter``: reporter for the commune Tự Lạn (07774, Việt Yên district, 2022 version);
- ``district_reporter``: reporter for Việt Yên district (222, 2022 version);
- ``province_reviewer``: reviewer for the province Bắc Giang (24, 2022 version);
- ``department_reporter``: reporter for the Party's propaganda department, province-level figures of
  indicator group (5) only;
- ``viewer``: reads the whole province and every organisation;
- ``manager``: programme manager; ``admin``: administrator with a confirmed authenticator device.

The ``cast`` fixture that makes them is in tests/conftest.py: the observation, tracking and report tests
use it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from nqtrack.accounts.models import Profile, Role
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_version_on
from nqtrack.programmes.models import Programme

PASSWORD = "Mật-khẩu-đủ-dài-2030"  # noqa: S105 - a test password
ON_2022 = date(2022, 10, 1)
DEPARTMENT = "provincial_propaganda_department"
DEPARTMENT_GROUP = 5


def unit(code: str, on: date = ON_2022) -> AdminUnit:
    found = unit_version_on(code=code, on=on)
    assert found is not None, (code, on)
    return found


def make_user(username: str, role: Role | None, **scopes: object) -> User:
    user = User.objects.create_user(username=username, email=f"{username}@example.gov.vn", password=PASSWORD)
    if role is not None:
        profile = Profile.objects.create(user=user, role=role)
        for name, values in scopes.items():
            getattr(profile, name).set(values)
    return user


@dataclass(frozen=True)
class Cast:
    programme: Programme
    commune_reporter: User
    district_reporter: User
    province_reviewer: User
    department_reporter: User
    viewer: User
    manager: User
    admin: User
    admin_device: TOTPDevice

    def by_name(self, name: str) -> User | None:
        user: User | None = None if name == "anonymous" else getattr(self, name)
        return user


ROLES = [
    "anonymous",
    "commune_reporter",
    "district_reporter",
    "province_reviewer",
    "department_reporter",
    "viewer",
    "manager",
    "admin",
]


def sign_in(client: Client, user: User | None, device: TOTPDevice | None = None) -> Client:
    """Sign ``user`` in on ``client`` (and mark the session verified by ``device``); None stays anonymous."""
    if user is not None:
        client.force_login(user)
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def client_for(cast: Cast, name: str) -> Client:
    user = cast.by_name(name)
    return sign_in(Client(), user, cast.admin_device if name == "admin" else None)

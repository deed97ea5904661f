"""The demo cast of the embedded development default: one user per role, with real scopes on the seed.

`nqtrack bootstrap` creates them in DEBUG on SQLite (`make run`) and `nqtrack demo-users` prints them, so a
newcomer signs in at once. Their passwords are random per installation, kept in the clear only in
``settings.NQTRACK_DEMO_USERS_FILE`` (under var/, readable by the owner alone) and hashed in the database
like every password. In production (``DEBUG`` off) none may exist: the command refuses, a demo user cannot
sign in (``accounts.services.login_attempt``) and ``check --deploy`` fails while one is stored
(``accounts.checks``).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from nqtrack.accounts.models import Profile, Role
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_version_on
from nqtrack.programmes.models import IndicatorGroup, Organisation, Programme

# The scopes name units as the 2022 frame the programme was written in; they follow the units' history.
FRAME_DATE = date(2022, 10, 1)
PROVINCE = "24"


class DemoRefused(Exception):
    """The demo cast cannot be made here (production settings, or nothing loaded yet)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DemoSpec:
    """One demo user: name, role, and the codes of their scope (units, organisations, indicator groups)."""

    username: str
    first_name: str
    role: Role
    capture_units: tuple[str, ...] = ()
    capture_organisations: tuple[str, ...] = ()
    capture_groups: tuple[int, ...] = ()
    view_units: tuple[str, ...] = ()
    view_top_organisations: bool = False
    capture_top_organisations: bool = False


CAST: tuple[DemoSpec, ...] = (
    DemoSpec("demo.quanly", "Quản lý chương trình (thử)", Role.PROGRAMME_MANAGER),
    DemoSpec(
        "demo.duyet_tinh",
        "Người duyệt cấp tỉnh (thử)",
        Role.REVIEWER,
        capture_units=(PROVINCE,),
        capture_organisations=("district_party_committees",),
    ),
    DemoSpec(
        "demo.huyen_viet_yen",
        "Người báo cáo huyện Việt Yên (thử)",
        Role.REPORTER,
        capture_units=("222",),
        capture_organisations=("viet_yen_district_party_committee",),
    ),
    DemoSpec("demo.xa_tu_lan", "Người báo cáo xã Tự Lạn (thử)", Role.REPORTER, capture_units=("07774",)),
    DemoSpec(
        "demo.ban_tuyen_giao",
        "Ban Tuyên giáo Tỉnh ủy, nhóm chỉ tiêu (5) (thử)",
        Role.REPORTER,
        capture_units=(PROVINCE,),
        capture_organisations=("provincial_propaganda_department",),
        capture_groups=(5,),
    ),
    DemoSpec(
        "demo.lanh_dao",
        "Lãnh đạo tỉnh (thử)",
        Role.VIEWER,
        view_units=(PROVINCE,),
        view_top_organisations=True,
    ),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role

    def line(self) -> str:
        """The line `nqtrack demo-users` prints: user name, password and role code, separated by tabs."""
        return f"{self.username}\t{self.password}\t{self.role.value}"


def demo_allowed() -> bool:
    """Demo users exist only with the development settings."""
    return bool(settings.DEBUG)


def demo_users_ensure(*, programme: Programme | None = None) -> list[DemoUser]:
    """Create the demo cast, or bring it back as it should be; return each user with their password.

    Idempotent: a user whose stored password still matches keeps it; a missing user, a changed password or
    a lost password file gets a new random password. Scopes are set again from ``CAST``.
    """
    if not demo_allowed():
        raise DemoRefused(_("Không tạo người dùng thử khi chạy ở chế độ vận hành (NQTRACK_DEBUG=0)."))
    programme = programme or Programme.objects.order_by("id").first()
    if programme is None or unit_version_on(code=PROVINCE, on=FRAME_DATE) is None:
        raise DemoRefused(_("Chưa nạp chương trình và đơn vị hành chính: hãy chạy nqtrack bootstrap trước."))
    known = _read_passwords(_passwords_file())
    found: list[DemoUser] = []
    with transaction.atomic():
        for spec in CAST:
            found.append(_ensure_one(spec, programme, known.get(spec.username)))
    _write_passwords(_passwords_file(), found)
    return found


def demo_user_names() -> list[str]:
    """The user names of the stored demo users (the deploy check lists them)."""
    return sorted(User.objects.filter(profile__demo=True).values_list("username", flat=True))


def _ensure_one(spec: DemoSpec, programme: Programme, password: str | None) -> DemoUser:
    user, _created = User.objects.get_or_create(
        username=spec.username, defaults={"first_name": spec.first_name, "email": ""}
    )
    if password is None or not user.check_password(password):
        password = secrets.token_urlsafe(12)
        user.set_password(password)
    user.first_name = spec.first_name
    user.is_active = True
    user.save()
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.role = spec.role
    profile.demo = True
    profile.save()
    organisations = Organisation.objects.filter(programme=programme)
    top = list(organisations.filter(parent=None))
    profile.capture_units.set(_units(spec.capture_units))
    profile.capture_organisations.set(
        top if spec.capture_top_organisations else organisations.filter(code__in=spec.capture_organisations)
    )
    profile.capture_indicator_groups.set(
        IndicatorGroup.objects.filter(programme=programme, number__in=spec.capture_groups)
    )
    profile.view_units.set(_units(spec.view_units))
    profile.view_organisations.set(top if spec.view_top_organisations else [])
    profile.view_indicator_groups.set([])
    return DemoUser(username=spec.username, password=password, role=spec.role)


def _units(codes: tuple[str, ...]) -> list[AdminUnit]:
    return [u for u in (unit_version_on(code=c, on=FRAME_DATE) for c in codes) if u is not None]


def _passwords_file() -> Path:
    return Path(settings.NQTRACK_DEMO_USERS_FILE)


def _read_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            found[parts[0]] = parts[1]
    return found


def _write_passwords(path: Path, users: list[DemoUser]) -> None:
    # Readable by the owner alone: the file holds passwords in the clear.
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write("".join(f"{u.line()}\n" for u in users))
    path.chmod(0o600)

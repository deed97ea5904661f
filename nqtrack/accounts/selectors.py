"""Reads of the accounts pages: users with their access, the audit log, authenticator set-up data."""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from nqtrack.accounts.models import Profile, Role, SecurityEvent
from nqtrack.accounts.services import SCOPE_FIELDS
from nqtrack.programmes.models import Programme


@dataclass(frozen=True, slots=True)
class UserRow:
    user: User
    role_label: str
    capture: list[str]
    view: list[str]
    two_factor: bool


def user_rows() -> list[UserRow]:
    """Every account, by user name, with its role and scope labels."""
    users = User.objects.order_by("username").select_related("profile")
    users = users.prefetch_related(*(f"profile__{name}" for name in SCOPE_FIELDS))
    with_device = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    return [_row(user, user.pk in with_device) for user in users]


def _row(user: User, two_factor: bool) -> UserRow:
    profile: Profile | None = getattr(user, "profile", None)
    role = Role.ADMINISTRATOR if user.is_superuser else Role(profile.role) if profile else None

    def labels(prefix: str) -> list[str]:
        if profile is None:
            return []
        return [
            _label(obj)
            for name in SCOPE_FIELDS
            if name.startswith(prefix)
            for obj in getattr(profile, name).all()
        ]

    return UserRow(
        user=user,
        role_label=str(role.label) if role else "—",
        capture=labels("capture_"),
        view=labels("view_"),
        two_factor=two_factor,
    )


def _label(obj: object) -> str:
    """A scope choice as the user list shows it; a programme is a limit, and says so."""
    if isinstance(obj, Programme):
        return _("chỉ trong chương trình “%(programme)s”") % {"programme": obj}
    return str(obj)


def access_initial(*, user: User) -> dict[str, Any]:
    """The access form's initial values for ``user``."""
    profile = Profile.objects.filter(user=user).first()
    initial: dict[str, Any] = {"role": profile.role if profile else Role.VIEWER, "active": user.is_active}
    if profile is not None:
        for name in SCOPE_FIELDS:
            initial[name] = list(getattr(profile, name).all())
    return initial


def security_events(*, subject: User | None = None) -> QuerySet[SecurityEvent]:
    """Security events, newest first, optionally about one user."""
    events = SecurityEvent.objects.select_related("actor", "subject")
    return events.filter(subject=subject) if subject is not None else events


def otp_qr_svg(*, device: TOTPDevice) -> SafeString:
    """The device's otpauth:// URL as an inline SVG QR code (drawn here, nothing fetched)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg: str = image.to_string(encoding="unicode")
    svg = svg[svg.index("<svg") :]  # drop the XML declaration, which HTML does not allow inline
    return mark_safe(svg)  # noqa: S308 - generated here from our own device key, no user input


def otp_secret_text(*, device: TOTPDevice) -> str:
    """The secret key in base32, in groups of four, for typing into an app by hand."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))

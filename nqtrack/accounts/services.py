"""Writes of the accounts app: logins with throttling, two-factor devices, invitations, roles and scopes.

Every security-relevant change leaves a :class:`~nqtrack.accounts.models.SecurityEvent` row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from nqtrack.accounts import scopes
from nqtrack.accounts.models import EventKind, Profile, Role, SecurityEvent
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import IndicatorGroup, Organisation


class LoginRefused(Exception):
    """A login attempt that did not succeed; ``message`` is safe to show."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.locked = locked


class AccountError(ValueError):
    """A bad account change (user name taken …); the message is shown to the administrator."""


def audit_record(
    *,
    kind: EventKind,
    username: str = "",
    actor: User | None = None,
    subject: User | None = None,
    ip: str | None = None,
    detail: dict[str, Any] | None = None,
) -> SecurityEvent:
    """Append one row to the security audit log."""
    return SecurityEvent.objects.create(
        kind=kind,
        username=normal_username(username or (subject.get_username() if subject else "")),
        actor=actor,
        subject=subject,
        ip=ip or None,
        detail=detail or {},
    )


def normal_username(username: str) -> str:
    """The user name as throttling counts it: trimmed and lower-cased, so case changes do not evade it."""
    return username.strip().lower()[:150]


# -- login --------------------------------------------------------------------------------------------------


def login_locked_until(*, username: str) -> Any:
    """When the lock on ``username`` ends, or None when it is not locked."""
    lock = timedelta(minutes=settings.NQTRACK_LOGIN_LOCK_MINUTES)
    latest = (
        SecurityEvent.objects.filter(
            kind=EventKind.LOCKOUT, username=normal_username(username), at__gte=timezone.now() - lock
        )
        .order_by("-at")
        .first()
    )
    return latest.at + lock if latest else None


def login_attempt(*, username: str, password: str, ip: str | None) -> User:
    """Check a user name and password; record the attempt; lock the name after repeated failures.

    Raises :class:`LoginRefused` while the name is locked (even with the right password) and for a wrong
    name or password, with the same message whether or not the name exists.
    """
    name = normal_username(username)
    if login_locked_until(username=name) is not None:
        audit_record(kind=EventKind.LOGIN_REFUSED, username=name, ip=ip)
        raise LoginRefused(_locked_message(), locked=True)
    user = authenticate(None, username=username, password=password)
    if not isinstance(user, User):
        return _login_failed(name, ip)
    audit_record(kind=EventKind.LOGIN, subject=user, ip=ip)
    return user


def _login_failed(name: str, ip: str | None) -> User:
    with transaction.atomic():
        audit_record(kind=EventKind.LOGIN_FAILED, username=name, ip=ip)
        locked = _recent_failures(name) >= settings.NQTRACK_LOGIN_MAX_FAILURES
        if locked:
            detail = {"minutes": settings.NQTRACK_LOGIN_LOCK_MINUTES}
            audit_record(kind=EventKind.LOCKOUT, username=name, ip=ip, detail=detail)
    if locked:
        raise LoginRefused(_locked_message(), locked=True)
    raise LoginRefused(_("Tên đăng nhập hoặc mật khẩu không đúng."))


def _recent_failures(name: str) -> int:
    """Failures within the window, after the last success or lock-out of ``name``."""
    failures = SecurityEvent.objects.filter(
        kind=EventKind.LOGIN_FAILED,
        username=name,
        at__gte=timezone.now() - timedelta(minutes=settings.NQTRACK_LOGIN_WINDOW_MINUTES),
    )
    reset = (
        SecurityEvent.objects.filter(username=name, kind__in=[EventKind.LOGIN, EventKind.LOCKOUT])
        .order_by("-at", "-id")
        .values_list("id", flat=True)
        .first()
    )
    return (failures.filter(id__gt=reset) if reset else failures).count()


def _locked_message() -> str:
    return _(
        "Tài khoản tạm thời bị khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau %(minutes)s phút "
        "hoặc dùng chức năng quên mật khẩu."
    ) % {"minutes": settings.NQTRACK_LOGIN_LOCK_MINUTES}


# -- two-factor authentication ------------------------------------------------------------------------------


def otp_device_for_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created on first use (a fresh secret key)."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    return device


def otp_confirm(*, user: User, device: TOTPDevice, token: str, ip: str | None) -> bool:
    """Confirm ``device`` with a code from the authenticator app; False (and recorded) for a wrong code."""
    with transaction.atomic():
        if device.user_id != user.pk or not device.verify_token(token.strip()):
            audit_record(kind=EventKind.OTP_FAILED, subject=user, ip=ip, detail={"step": "setup"})
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(kind=EventKind.OTP_CONFIRMED, subject=user, actor=user, ip=ip)
    return True


def otp_verify(*, user: User, token: str, ip: str | None) -> Any:
    """The confirmed device that accepts ``token``, or None; both outcomes are recorded."""
    device = match_token(user, token.strip())
    if device is None:
        audit_record(kind=EventKind.OTP_FAILED, subject=user, ip=ip, detail={"step": "verify"})
        return None
    audit_record(kind=EventKind.OTP_VERIFIED, subject=user, ip=ip)
    return device


# -- invitations, roles and scopes --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScopeSelection:
    """What an administrator chose for a user's capture and view scopes."""

    capture_units: tuple[AdminUnit, ...] = ()
    capture_organisations: tuple[Organisation, ...] = ()
    capture_indicator_groups: tuple[IndicatorGroup, ...] = ()
    view_units: tuple[AdminUnit, ...] = ()
    view_organisations: tuple[Organisation, ...] = ()
    view_indicator_groups: tuple[IndicatorGroup, ...] = ()


SCOPE_FIELDS = (
    "capture_units",
    "capture_organisations",
    "capture_indicator_groups",
    "view_units",
    "view_organisations",
    "view_indicator_groups",
)


def user_invite(
    *,
    actor: User,
    username: str,
    email: str,
    full_name: str,
    role: Role,
    scope: ScopeSelection,
    base_url: str,
) -> User:
    """Create an account without a password and e-mail the invitee a link to set one."""
    scopes.require_manage_accounts(user=actor)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username})
    with transaction.atomic():
        first, _sep, last = full_name.strip().rpartition(" ")
        user = User(username=username, email=email.strip(), first_name=first, last_name=last)
        user.set_unusable_password()
        user.save()
        Profile.objects.create(user=user, role=Role.VIEWER)
        audit_record(kind=EventKind.INVITED, actor=actor, subject=user, detail={"email": user.email})
        user_set_access(actor=actor, user=user, role=role, scope=scope, active=True)
        transaction.on_commit(lambda: _send_invitation(user, base_url))
    return user


def user_set_access(*, actor: User, user: User, role: Role, scope: ScopeSelection, active: bool) -> None:
    """Set a user's role, scopes and whether the account may sign in; every change is audited."""
    scopes.require_manage_accounts(user=actor)
    with transaction.atomic():
        profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
        if profile.role != role:
            audit_record(
                kind=EventKind.ROLE_CHANGED,
                actor=actor,
                subject=user,
                detail={"from": profile.role, "to": role},
            )
            profile.role = role
            profile.save(update_fields=["role"])
        if user.is_active != active:
            audit_record(
                kind=EventKind.ACTIVE_CHANGED,
                actor=actor,
                subject=user,
                detail={"from": user.is_active, "to": active},
            )
            user.is_active = active
            user.save(update_fields=["is_active"])
        changes = _set_scopes(profile, scope)
        if changes:
            audit_record(kind=EventKind.SCOPE_CHANGED, actor=actor, subject=user, detail=changes)
    scopes.forget_access(user=user)


def _set_scopes(profile: Profile, scope: ScopeSelection) -> dict[str, dict[str, list[str]]]:
    """Apply the selection; return, per changed field, the labels before and after."""
    changes: dict[str, dict[str, list[str]]] = {}
    for name in SCOPE_FIELDS:
        manager = getattr(profile, name)
        chosen = getattr(scope, name)
        before = sorted(_label(o) for o in manager.all())
        after = sorted(_label(o) for o in chosen)
        if before != after:
            manager.set(chosen)
            changes[name] = {"from": before, "to": after}
    return changes


def _label(obj: AdminUnit | Organisation | IndicatorGroup) -> str:
    if isinstance(obj, AdminUnit):
        return f"{obj.code} {obj.name} ({obj.valid_from or '…'}–{obj.valid_to or '…'})"
    if isinstance(obj, Organisation):
        return obj.code
    return f"({obj.number})"


def _send_invitation(user: User, base_url: str) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    context = {"user": user, "link": f"{base_url.rstrip('/')}{path}"}
    send_mail(
        subject=_("Mời tham gia nqtrack"),
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )

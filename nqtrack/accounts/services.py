"""Writes of the accounts app: logins with throttling, two-factor devices, invitations, roles and scopes.

Every security-relevant change leaves a :class:`~nqtrack.accounts.models.SecurityEvent` row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
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
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from nqtrack.accounts import scopes
from nqtrack.accounts.models import EventKind, Profile, Role, SecurityEvent
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import IndicatorGroup, Organisation, Programme


class LoginRefused(Exception):
    """A login attempt that did not succeed; ``message`` is safe to show."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.locked = locked


class TwoFactorRefused(Exception):
    """A refused two-factor step; ``field`` is the form field it concerns, ``message`` is safe to show."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


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
    if not isinstance(user, User) or (_is_demo(user) and not settings.DEBUG):
        # A demo account (development only) never signs in with the production settings.
        return _login_failed(name, ip)
    audit_record(kind=EventKind.LOGIN, subject=user, ip=ip)
    return user


def _is_demo(user: User) -> bool:
    return Profile.objects.filter(user=user, demo=True).exists()


def _login_failed(name: str, ip: str | None) -> User:
    if _failure_locks(name, ip):
        raise LoginRefused(_locked_message(), locked=True)
    raise LoginRefused(_("Tên đăng nhập hoặc mật khẩu không đúng."))


def _failure_locks(name: str, ip: str | None, detail: dict[str, Any] | None = None) -> bool:
    """Record a wrong password for ``name``; lock the name (and say so) when it was one too many."""
    with transaction.atomic():
        audit_record(kind=EventKind.LOGIN_FAILED, username=name, ip=ip, detail=detail)
        locked = _recent_failures(name) >= settings.NQTRACK_LOGIN_MAX_FAILURES
        if locked:
            detail = {"minutes": settings.NQTRACK_LOGIN_LOCK_MINUTES}
            audit_record(kind=EventKind.LOCKOUT, username=name, ip=ip, detail=detail)
    return locked


def _window_start() -> datetime:
    """The start of the throttling window (``NQTRACK_LOGIN_WINDOW_MINUTES``) that ends now."""
    return timezone.now() - timedelta(minutes=settings.NQTRACK_LOGIN_WINDOW_MINUTES)


def _recent_failures(name: str) -> int:
    """Failures within the window, after the last success or lock-out of ``name``."""
    failures = SecurityEvent.objects.filter(
        kind=EventKind.LOGIN_FAILED, username=name, at__gte=_window_start()
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


def password_confirm(*, user: User, password: str, ip: str | None, step: str) -> None:
    """Re-authentication of a signed-in user by their password, before a sensitive change (``step``).

    Under the login throttling: a wrong password counts as a failed login of the name (and may lock it), and
    while the name is locked even the right one is refused. Raises :class:`TwoFactorRefused` on "password".
    """
    name = normal_username(user.get_username())
    if login_locked_until(username=name) is not None:
        audit_record(kind=EventKind.LOGIN_REFUSED, subject=user, ip=ip, detail={"step": step})
        raise TwoFactorRefused(_locked_message(), field="password")
    if user.check_password(password):
        return
    if _failure_locks(name, ip, detail={"step": step}):
        raise TwoFactorRefused(_locked_message(), field="password")
    raise TwoFactorRefused(_("Mật khẩu không đúng."), field="password")


# -- password reset -----------------------------------------------------------------------------------------

# One address behind a proxy may stand for a whole office: it may ask for this many times the requests
# one e-mail address may.
RESET_REQUESTS_PER_IP_FACTOR = 4


def password_reset_request(*, email: str, ip: str | None) -> bool:
    """Record a request for a password-reset link; whether the link may be sent.

    Throttled with the login limits: at most ``NQTRACK_LOGIN_MAX_FAILURES`` links for one address, and
    ``RESET_REQUESTS_PER_IP_FACTOR`` times as many from one IP, within ``NQTRACK_LOGIN_WINDOW_MINUTES``.
    A throttled request is recorded too (``detail["throttled"]``: "address" or "ip") but does not count. The
    caller answers a throttled request as any other, so the answer says nothing about the account.
    """
    address = normal_username(email)
    sent = SecurityEvent.objects.filter(
        kind=EventKind.PASSWORD_RESET_REQUESTED, at__gte=_window_start()
    ).exclude(detail__has_key="throttled")
    limit = settings.NQTRACK_LOGIN_MAX_FAILURES
    throttled = ""
    if sent.filter(username=address).count() >= limit:
        throttled = "address"
    elif ip and sent.filter(ip=ip).count() >= limit * RESET_REQUESTS_PER_IP_FACTOR:
        throttled = "ip"
    detail = {"throttled": throttled} if throttled else {}
    audit_record(kind=EventKind.PASSWORD_RESET_REQUESTED, username=address, ip=ip, detail=detail)
    return not throttled


# -- two-factor authentication ------------------------------------------------------------------------------


def otp_device_for_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created on first use (a fresh secret key)."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    return device


def otp_confirm(
    *, user: User, device: TOTPDevice, password: str, current_token: str, token: str, ip: str | None
) -> None:
    """Confirm ``device`` with a code from the new authenticator app, after re-authentication.

    Adding an authenticator needs the user's password and, when the user already has a confirmed device,
    the code it shows now (``current_token``): a session alone, verified or not, adds none. Raises
    :class:`TwoFactorRefused` (recorded) naming the field at fault: "password", "current_token" or "token".
    """
    password_confirm(user=user, password=password, ip=ip, step="otp_setup")
    existing = user_has_device(user, confirmed=True)
    if existing:
        _otp_check(
            user=user,
            device=None,
            token=current_token,
            ip=ip,
            step="setup_current",
            field="current_token",
            wrong=_("Mã của ứng dụng xác thực đang dùng không đúng hoặc đã hết hạn."),
        )
    wrong = _("Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trên ứng dụng.")
    if device.user_id != user.pk or device.confirmed:
        audit_record(kind=EventKind.OTP_FAILED, subject=user, ip=ip, detail={"step": "setup"})
        raise TwoFactorRefused(wrong, field="token")
    _otp_check(user=user, device=device, token=token, ip=ip, step="setup", field="token", wrong=wrong)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        detail = {"reauthenticated": "password+code" if existing else "password"}
        audit_record(kind=EventKind.OTP_CONFIRMED, subject=user, actor=user, ip=ip, detail=detail)


def otp_verify(*, user: User, token: str, ip: str | None) -> Any:
    """The confirmed device that accepts ``token``; both outcomes are recorded.

    Raises :class:`TwoFactorRefused` (on "token") for a wrong code, and while every device of the user
    refuses codes after repeated wrong ones (django-otp's throttling), saying until when.
    """
    return _otp_check(
        user=user,
        device=None,
        token=token,
        ip=ip,
        step="verify",
        field="token",
        wrong=_("Mã không đúng hoặc đã hết hạn."),
    )


def _otp_check(
    *, user: User, device: TOTPDevice | None, token: str, ip: str | None, step: str, field: str, wrong: str
) -> Any:
    """The device that accepts ``token``: ``device``, or when None any confirmed device of the user.

    Otherwise raises :class:`TwoFactorRefused` (and records it). Not to be called inside a transaction that
    the refusal would roll back: the wrong code must stay counted by the device's throttling.
    """
    refusal: TwoFactorRefused | None = None
    with transaction.atomic():  # the devices are locked while they check the code: no code counts twice
        devices = [device] if device is not None else list(devices_for_user(user, for_verify=True))
        until = otp_throttled_until(devices=devices)
        accepted = None
        if until is not None:
            detail: dict[str, Any] = {"step": step, "throttled": True}
            refusal = TwoFactorRefused(otp_throttled_message(until=until), field=field)
        else:
            code = token.strip()
            accepted = next((each for each in devices if code and each.verify_token(code)), None)
            detail = {"step": step}
            refusal = None if accepted is not None else TwoFactorRefused(wrong, field=field)
        if refusal is not None:
            audit_record(kind=EventKind.OTP_FAILED, subject=user, ip=ip, detail=detail)
        elif step == "verify":
            audit_record(kind=EventKind.OTP_VERIFIED, subject=user, ip=ip)
    if refusal is not None:
        raise refusal
    return accepted


def otp_throttled_until(*, devices: Iterable[Any]) -> datetime | None:
    """When ``devices`` take a code again, if every one of them refuses codes now after wrong ones."""
    until: list[datetime] = []
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if allowed:
            return None
        until.append((data or {}).get("locked_until") or timezone.now())
    return min(until) if until else None


def otp_throttled_message(*, until: datetime) -> str:
    """Too many wrong codes: try again after this local time (rounded up to the second; with the date when
    it is not today)."""
    local = timezone.localtime(until)
    if local.microsecond:
        local = local.replace(microsecond=0) + timedelta(seconds=1)
    shown = local.strftime("%H:%M:%S" if local.date() == timezone.localdate() else "%H:%M:%S %d/%m/%Y")
    return _("Bạn đã nhập sai mã quá nhiều lần. Hãy thử lại sau %(time)s.") % {"time": shown}


# -- invitations, roles and scopes --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScopeSelection:
    """What an administrator chose for a user's capture and view scopes (programmes: the limit, empty for
    every programme)."""

    capture_units: tuple[AdminUnit, ...] = ()
    capture_organisations: tuple[Organisation, ...] = ()
    capture_indicator_groups: tuple[IndicatorGroup, ...] = ()
    capture_programmes: tuple[Programme, ...] = ()
    view_units: tuple[AdminUnit, ...] = ()
    view_organisations: tuple[Organisation, ...] = ()
    view_indicator_groups: tuple[IndicatorGroup, ...] = ()
    view_programmes: tuple[Programme, ...] = ()


SCOPE_FIELDS = scopes.SCOPE_FIELDS  # a profile's scope fields, in one order for forms, reads and writes


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


def _label(obj: AdminUnit | Organisation | IndicatorGroup | Programme) -> str:
    if isinstance(obj, AdminUnit):
        return f"{obj.code} {obj.name} ({obj.valid_from or '…'}–{obj.valid_to or '…'})"
    if isinstance(obj, Organisation | Programme):
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

"""Accounts: a user's role and scopes, and the append-only security audit log (docs/security.md).

Users are Django's ``auth.User``; what nqtrack adds sits on :class:`Profile`. Who may do what is decided in
one place, :mod:`nqtrack.accounts.scopes`, never by reading these fields elsewhere.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nqtrack.core.querysets import AppendOnlyQuerySet


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    PROGRAMME_MANAGER = "programme_manager", _("Quản lý chương trình")
    REPORTER = "reporter", _("Người báo cáo số liệu")
    REVIEWER = "reviewer", _("Người duyệt")
    VIEWER = "viewer", _("Người xem")


class Profile(models.Model):
    """A user's role, capture scope (what they enter or review) and view scope (what they read).

    Each scope has three dimensions, as DHIS2 separates them: units (with the units below them, following
    unit history), organisations (with the organisations below them) and indicator groups (empty: every
    group); and it may be limited to programmes (empty: every programme), which narrows the indicators
    and organisations to theirs. See :mod:`nqtrack.accounts.scopes` for the rules.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    capture_units = models.ManyToManyField("places.AdminUnit", blank=True, related_name="capture_profiles")
    capture_organisations = models.ManyToManyField(
        "programmes.Organisation", blank=True, related_name="capture_profiles"
    )
    capture_indicator_groups = models.ManyToManyField(
        "programmes.IndicatorGroup", blank=True, related_name="capture_profiles"
    )
    capture_programmes = models.ManyToManyField(
        "programmes.Programme", blank=True, related_name="capture_profiles"
    )
    view_units = models.ManyToManyField("places.AdminUnit", blank=True, related_name="view_profiles")
    view_organisations = models.ManyToManyField(
        "programmes.Organisation", blank=True, related_name="view_profiles"
    )
    view_indicator_groups = models.ManyToManyField(
        "programmes.IndicatorGroup", blank=True, related_name="view_profiles"
    )
    view_programmes = models.ManyToManyField("programmes.Programme", blank=True, related_name="view_profiles")
    # A demo account of the embedded development default (nqtrack/accounts/demo.py): never in production,
    # where it cannot sign in and fails the deploy check.
    demo = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.role}"


class EventKind(models.TextChoices):
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOGIN_REFUSED = "login_refused", _("Từ chối đăng nhập khi đang khoá")
    LOCKOUT = "lockout", _("Khoá đăng nhập")
    LOGOUT = "logout", _("Đăng xuất")
    OTP_CONFIRMED = "otp_confirmed", _("Thiết lập xác thực hai bước")
    OTP_VERIFIED = "otp_verified", _("Xác thực hai bước")
    OTP_FAILED = "otp_failed", _("Mã xác thực sai")
    INVITED = "invited", _("Mời người dùng")
    ROLE_CHANGED = "role_changed", _("Đổi vai trò")
    SCOPE_CHANGED = "scope_changed", _("Đổi phạm vi")
    ACTIVE_CHANGED = "active_changed", _("Khoá hoặc mở tài khoản")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Yêu cầu đặt lại mật khẩu")
    PASSWORD_SET = "password_set", _("Đặt mật khẩu")
    FILE_DENIED = "file_denied", _("Từ chối tải tệp")


class SecurityEvent(models.Model):
    """One security-relevant event. Rows are written once and never changed or removed."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    # The user name as typed (failed logins) or the subject's name when the row was written, lower-cased.
    username = models.CharField(max_length=150, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    LOG_NAME = "Nhật ký an ninh"  # what a refused update or delete names

    objects = AppendOnlyQuerySet["SecurityEvent"].as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "username", "at"], name="security_event_throttle")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An integrity guard, not business logic: an existing row is never rewritten.
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Nhật ký an ninh chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Nhật ký an ninh chỉ được ghi thêm, không được xoá.")

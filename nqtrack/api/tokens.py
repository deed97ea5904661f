"""Personal access tokens: make, list, revoke, and find the user a token belongs to.

A token is ``nqt_`` followed by 43 URL-safe characters (256 random bits); only its SHA-256 is stored. It
acts for its user with that user's role and scopes as they are at each request (nothing is copied into
the token), until it expires or is revoked, or the user is made inactive.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nqtrack.api.models import ApiToken
from nqtrack.core.users import AnyUser

PREFIX = "nqt_"
DEFAULT_DAYS = 90
MAX_DAYS = 366
NAME_MAX = 100
_SHOWN = 8  # characters of the token kept in clear, to tell tokens apart in a list


@dataclass(frozen=True, slots=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once; never stored


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(*, user: User, name: str, days: int = DEFAULT_DAYS) -> NewToken:
    """Make a token for ``user`` valid ``days`` days (1 to ``MAX_DAYS``); raises ValidationError."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Đặt tên cho mã truy cập (ví dụ: tên chương trình sẽ dùng nó)."))
    if len(name) > NAME_MAX:
        raise ValidationError(_("Tên mã truy cập dài tối đa %(n)s ký tự.") % {"n": NAME_MAX})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("Thời hạn của mã truy cập từ 1 đến %(n)s ngày.") % {"n": MAX_DAYS})
    if not user.is_active:
        raise ValidationError(_("Tài khoản này đã bị khoá: không tạo được mã truy cập."))
    secret = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(PREFIX) + _SHOWN],
        digest=digest_of(secret),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return NewToken(token=token, secret=secret)


def tokens_of(*, user: AnyUser) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (revoked and expired ones included, to be seen as such)."""
    if user.pk is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


def token_revoke(*, user: AnyUser | None, pk: int) -> ApiToken:
    """Revoke token ``pk``: its owner may, and the operator (``user`` None); anyone else is refused with
    the same words whether or not the token exists."""
    token = ApiToken.objects.filter(pk=pk).select_related("user").first()
    if token is None or (user is not None and token.user_id != user.pk):
        raise PermissionDenied(_("Không có mã truy cập này."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_user(*, secret: str) -> User | None:
    """The active user ``secret`` acts for, or None (unknown, revoked, expired, user inactive)."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = ApiToken.objects.filter(digest=digest_of(secret)).select_related("user").first()
    now = timezone.now()
    if token is None or not token.is_active(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        # at most one write a minute per token: a busy script does not write on every request
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

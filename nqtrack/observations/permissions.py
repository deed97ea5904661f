"""Who may enter and who may review figures: the one place the observation services ask.

Until the accounts app's roles and scopes are wired in (nqtrack/accounts), any active signed-in user may
enter figures, and reviewers are superusers, staff, or members of the group ``REVIEWER_GROUP``. A command
run from the shell (``user`` None) acts with the operating-system account's authority.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser
else:
    AnyUser = Any

REVIEWER_GROUP = "reviewers"


def can_capture(*, user: AnyUser | None) -> bool:
    """Whether ``user`` may enter, import or delete reported figures."""
    return user is None or bool(user.is_authenticated and user.is_active)


def require_capture(*, user: AnyUser | None) -> None:
    if not can_capture(user=user):
        raise PermissionDenied(_("Bạn cần đăng nhập để nhập số liệu."))


def can_review(*, user: AnyUser | None) -> bool:
    """Whether ``user`` may approve, return or unlock figures and close a year."""
    if user is None:
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return True
    groups = getattr(user, "groups", None)
    return bool(groups is not None and groups.filter(name=REVIEWER_GROUP).exists())


def require_review(*, user: AnyUser | None) -> None:
    if not can_review(user=user):
        raise PermissionDenied(_("Bạn không có quyền duyệt số liệu."))

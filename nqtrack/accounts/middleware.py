"""Two-factor authentication gate: runs after django-otp's OTPMiddleware."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from nqtrack.accounts.scopes import is_administrator_account

# The pages a signed-in user reaches before two-factor verification.
EXEMPT_VIEWS = frozenset({"accounts:otp_setup", "accounts:otp_verify", "accounts:logout"})


class TwoFactorMiddleware:
    """Send a signed-in but unverified user to enter a code, or an administrator without a device to set one.

    Users who set up a device must use it; administrators must have one. Nothing else is served first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = _two_factor_target(request)
        if target is None:
            return self.get_response(request)
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def _two_factor_target(request: HttpRequest) -> str | None:
    user = request.user
    if not user.is_authenticated or getattr(user, "is_verified")():  # noqa: B009 - set by OTPMiddleware
        return None
    try:
        if resolve(request.path_info).view_name in EXEMPT_VIEWS:
            return None
    except Resolver404:
        pass
    if user_has_device(user, confirmed=True):
        return "accounts:otp_verify"
    if is_administrator_account(user=user):
        return "accounts:otp_setup"
    return None

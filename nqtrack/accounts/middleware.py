"""The sessions' idle timeout, renewed at most once a minute; the two-factor authentication gate."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django_otp import user_has_device

from nqtrack.accounts.scopes import is_administrator_account

# When the session was last written back (seconds since the epoch): it then ends SESSION_COOKIE_AGE later.
RENEWED_AT = "nqtrack_renewed_at"
RENEW_SECONDS = 60


class SessionRenewalMiddleware:
    """Renew a session's idle timeout when its last renewal is a minute old, instead of on every request.

    A session ends ``SESSION_COOKIE_AGE`` after it was last written (docs/security.md: 60 idle minutes).
    Django's ``SESSION_SAVE_EVERY_REQUEST`` writes it back on every request, a database write per page;
    this writes it when the last renewal is ``RENEW_SECONDS`` old (a tenth of the age when that is
    shorter), so a session still ends at most ``SESSION_COOKIE_AGE`` after its last request, never later,
    and at most that many seconds sooner. Placed right after ``SessionMiddleware``: its answer runs last
    before the session is saved, after every other middleware's.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        renewed = session.get(RENEWED_AT)  # loads the session when nothing read it yet
        if session.is_empty():  # the cookie named no live session: nothing to renew
            return response
        now = int(timezone.now().timestamp())
        every = min(RENEW_SECONDS, settings.SESSION_COOKIE_AGE // 10)
        if not isinstance(renewed, int) or not 0 <= now - renewed < every:
            session[RENEWED_AT] = now  # modified: SessionMiddleware writes it with a new expiry
        return response


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

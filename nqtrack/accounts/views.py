"""Views of the accounts pages: translate the request, call services and selectors, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from nqtrack.accounts import files, scopes, selectors, services
from nqtrack.accounts.forms import AccessForm, InviteForm, LoginForm, OtpSetupForm, TokenForm
from nqtrack.accounts.models import EventKind, Role
from nqtrack.programmes.selectors import default_programme_code

View = Callable[..., HttpResponseBase]


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from (the proxy must pass it on; see docs/deploy.md)."""
    return request.META.get("REMOTE_ADDR") or None


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a view behind login_required."""
    user = request.user
    if not isinstance(user, User):  # a lazy User proxy passes this check
        raise PermissionDenied(_("Bạn cần đăng nhập."))
    return user


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else _dashboard_url()


def _dashboard_url() -> str:
    """The default programme's dashboard at its address, ``/ct/<code>/``; ``/`` while none is loaded."""
    code = default_programme_code()
    return reverse("ct:overview", args=[code]) if code else reverse("web:overview")


def administrator_required(view: View) -> View:
    """Signed in, and a verified administrator; otherwise 403."""

    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        scopes.require_manage_accounts(user=request.user)
        return view(request, *args, **kwargs)

    wrapped.__doc__ = view.__doc__
    return wrapped


# -- signing in and out -------------------------------------------------------------------------------------


def login_view(request: HttpRequest) -> HttpResponse:
    """Sign in with user name and password; repeated failures lock the name for a while."""
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.login_attempt(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except services.LoginRefused as refused:
            form.add_error(None, refused.message)
            status = 429 if refused.locked else 200
        else:
            login(request, user)
            return HttpResponseRedirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out (POST only, so a link on another site cannot sign anyone out)."""
    if request.user.is_authenticated:
        services.audit_record(kind=EventKind.LOGOUT, subject=signed_in_user(request), ip=client_ip(request))
    logout(request)
    return redirect("accounts:login")


# -- two-factor authentication ------------------------------------------------------------------------------


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then enter a code to confirm it.

    Re-authentication first: the password, and the current code when the user already has an authenticator.
    """
    user = signed_in_user(request)
    device = services.otp_device_for_setup(user=user)
    form = OtpSetupForm(request.POST or None, has_device=user_has_device(user, confirmed=True))
    if request.method == "POST" and form.is_valid():
        try:
            services.otp_confirm(
                user=user,
                device=device,
                password=form.cleaned_data["password"],
                current_token=form.cleaned_data.get("current_token") or "",
                token=form.cleaned_data["token"],
                ip=client_ip(request),
            )
        except services.TwoFactorRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai bước."))
            return HttpResponseRedirect(_next_url(request))
    context = {
        "form": form,
        "qr_svg": selectors.otp_qr_svg(device=device),
        "secret": selectors.otp_secret_text(device=device),
        "next": _next_url(request),
        "required": scopes.is_administrator_account(user=user),
    }
    return render(request, "accounts/otp_setup.html", context)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Enter the current code of the authenticator app to finish signing in."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.otp_verify(
                user=signed_in_user(request), token=form.cleaned_data["token"], ip=client_ip(request)
            )
        except services.TwoFactorRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


# -- passwords ----------------------------------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail (the answer is the same whether or not the address is known).

    Requests are throttled per address and per IP; past the limit the answer stays the same and no mail goes.
    """

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        if services.password_reset_request(email=form.cleaned_data["email"], ip=client_ip(self.request)):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from the e-mailed link (also how an invited user sets their first one)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.audit_record(kind=EventKind.PASSWORD_SET, subject=form.user, ip=client_ip(self.request))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = signed_in_user(self.request)
        services.audit_record(
            kind=EventKind.PASSWORD_SET, subject=user, actor=user, ip=client_ip(self.request)
        )
        return response


# -- users, roles and scopes (administrators) ---------------------------------------------------------------


@administrator_required
def user_list(request: HttpRequest) -> HttpResponse:
    """Every account with its role and scopes."""
    return render(request, "accounts/user_list.html", {"rows": selectors.user_rows()})


@administrator_required
def user_invite(request: HttpRequest) -> HttpResponse:
    """Invite a user: create the account with role and scopes, and e-mail a link to set a password."""
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(
                actor=signed_in_user(request),
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=Role(form.cleaned_data["role"]),
                scope=form.scope(),
                base_url=request.build_absolute_uri("/"),
            )
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã gửi thư mời tới %(email)s.") % {"email": user.email})
            return redirect("accounts:users")
    return render(request, "accounts/user_invite.html", {"form": form})


@administrator_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a user's role, scopes and whether they may sign in."""
    user = get_object_or_404(User, pk=pk)
    form = AccessForm(request.POST or None, initial=selectors.access_initial(user=user))
    if request.method == "POST" and form.is_valid():
        services.user_set_access(
            actor=signed_in_user(request),
            user=user,
            role=Role(form.cleaned_data["role"]),
            scope=form.scope(),
            active=form.cleaned_data["active"],
        )
        messages.success(
            request, _("Đã lưu vai trò và phạm vi của %(name)s.") % {"name": user.get_username()}
        )
        return redirect("accounts:users")
    events = selectors.security_events(subject=user)[:50]
    return render(request, "accounts/user_edit.html", {"form": form, "subject": user, "events": events})


@administrator_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The latest security events (logins, failures, lock-outs, role and scope changes)."""
    return render(request, "accounts/audit_log.html", {"events": selectors.security_events()[:500]})


# -- files ------------------------------------------------------------------------------


@login_required
def protected_file(request: HttpRequest, area: str, name: str) -> HttpResponseBase:
    """An uploaded file, served only when the rule registered for its area allows this user."""
    return files.serve_registered_file(request=request, area=area, name=name)

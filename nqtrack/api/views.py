"""The personal access tokens page: make a token (shown once), see one's tokens, revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from nqtrack.api import tokens
from nqtrack.core.params import AsciiIntegerField


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên"), max_length=tokens.NAME_MAX)
    days = AsciiIntegerField(
        label=gettext_lazy("Thời hạn (ngày)"),
        min_value=1,
        max_value=tokens.MAX_DAYS,
        initial=tokens.DEFAULT_DAYS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens_page(request: HttpRequest) -> HttpResponse:
    """The user's tokens and the form that makes one; a new token is shown once, on this answer only."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required
    form = TokenForm(request.POST or None)
    made: tokens.NewToken | None = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                made = tokens.token_create(
                    user=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
                )
            except ValidationError as error:
                form.add_error(None, error)
        if made is None:
            status = 400
        else:
            form = TokenForm()
    context = {"form": form, "made": made, "tokens": tokens.tokens_of(user=user)}
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's tokens (another's, or none: 403, the same answer)."""
    revoked = tokens.token_revoke(user=request.user, pk=pk)
    messages.success(request, _("Đã thu hồi mã truy cập “%(name)s”.") % {"name": revoked.name})
    return HttpResponseRedirect(reverse("api_tokens:list"))

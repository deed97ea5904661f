"""Forms of the accounts pages: input validation only; the services decide and write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import SCOPE_FIELDS, ScopeSelection
from nqtrack.core.params import AsciiIdMultipleChoiceField
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import IndicatorGroup, Organisation, Programme


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password = forms.CharField(label=_("Mật khẩu"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Mã xác thực (6 chữ số)"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Mã xác thực gồm đúng 6 chữ số.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        )


class OtpSetupForm(TokenForm):
    """Add an authenticator: the password again, the current code of the one in use (if any), the new code."""

    password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": _("Hãy nhập mật khẩu hiện tại để xác nhận đó là bạn.")},
    )
    current_token = forms.RegexField(
        label=_("Mã đang hiện trên ứng dụng xác thực bạn đang dùng (6 chữ số)"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": _("Bạn đã có ứng dụng xác thực: hãy nhập mã đang hiện trên ứng dụng đó."),
            "invalid": _("Mã xác thực gồm đúng 6 chữ số."),
        },
    )

    field_order = ["password", "current_token", "token"]

    def __init__(self, *args: Any, has_device: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_device:
            del self.fields["current_token"]
        else:
            self.fields["current_token"].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})
        token = self.fields["token"]
        token.label = _("Mã mà ứng dụng vừa thiết lập hiện ra (6 chữ số)")
        token.error_messages["required"] = _("Hãy nhập mã 6 chữ số mà ứng dụng vừa thiết lập hiện ra.")
        token.widget.attrs.pop("autofocus", None)
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password", "autofocus": True})


# Chosen by id, each id checked first: ASCII digits within 63 bits (a 20-digit id made the lookup fail).
if TYPE_CHECKING:  # the field classes are generic only in the type stubs
    _UnitField = AsciiIdMultipleChoiceField[AdminUnit]
    _GroupField = AsciiIdMultipleChoiceField[IndicatorGroup]
    _ProgrammeField = AsciiIdMultipleChoiceField[Programme]
else:
    _UnitField = _GroupField = _ProgrammeField = AsciiIdMultipleChoiceField


class UnitChoice(_UnitField):
    def label_from_instance(self, obj: Any) -> str:
        period = f"{obj.valid_from or '…'} – {obj.valid_to or '…'}"
        return f"{obj.name} ({obj.code}) · {period}"


class GroupChoice(_GroupField):
    def label_from_instance(self, obj: Any) -> str:
        text = obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"
        return f"({obj.number}) {text}"


class ProgrammeChoice(_ProgrammeField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.code})"


def _units() -> UnitChoice:
    return UnitChoice(
        queryset=AdminUnit.objects.order_by("level", "code", "valid_from"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


def _organisations() -> AsciiIdMultipleChoiceField[Organisation]:
    return AsciiIdMultipleChoiceField(
        queryset=Organisation.objects.order_by("programme_id", "position"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


def _groups() -> GroupChoice:
    return GroupChoice(
        queryset=IndicatorGroup.objects.order_by("programme_id", "number"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


def _programmes() -> ProgrammeChoice:
    return ProgrammeChoice(
        queryset=Programme.objects.order_by("id"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )


class AccessForm(forms.Form):
    """Role, state and both scopes of a user (each may be limited to programmes)."""

    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    active = forms.BooleanField(label=_("Được phép đăng nhập"), required=False, initial=True)
    capture_units = _units()
    capture_organisations = _organisations()
    capture_indicator_groups = _groups()
    capture_programmes = _programmes()
    view_units = _units()
    view_organisations = _organisations()
    view_indicator_groups = _groups()
    view_programmes = _programmes()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "capture_units": _("Phạm vi nhập/duyệt: đơn vị hành chính (gồm các đơn vị trực thuộc)"),
            "capture_organisations": _("Phạm vi nhập/duyệt: cơ quan (gồm các cơ quan trực thuộc)"),
            "capture_indicator_groups": _("Phạm vi nhập/duyệt: nhóm chỉ tiêu (để trống: tất cả)"),
            "capture_programmes": _("Phạm vi nhập/duyệt: chương trình (để trống: mọi chương trình)"),
            "view_units": _("Phạm vi xem: đơn vị hành chính"),
            "view_organisations": _("Phạm vi xem: cơ quan"),
            "view_indicator_groups": _("Phạm vi xem: nhóm chỉ tiêu (để trống: tất cả)"),
            "view_programmes": _("Phạm vi xem: chương trình (để trống: mọi chương trình)"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        for name in ("capture_programmes", "view_programmes"):
            self.fields[name].help_text = _(
                "Chỉ tính các chỉ tiêu, cơ quan và nhiệm vụ thuộc các chương trình được chọn; "
                "không áp dụng cho quản lý chương trình và quản trị hệ thống."
            )

    def scope(self) -> ScopeSelection:
        return ScopeSelection(**{name: tuple(self.cleaned_data[name]) for name in SCOPE_FIELDS})


class InviteForm(AccessForm):
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _")},
    )
    # The bounds of the user's columns: the name is split into first and last name (150 each), the address
    # goes whole into the e-mail column (254); a longer value, which SQLite would keep, fails on PostgreSQL.
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        error_messages={
            "max_length": _("Họ và tên dài %(show_value)s ký tự, vượt giới hạn %(limit_value)s ký tự.")
        },
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        error_messages={
            "max_length": _("Địa chỉ thư dài %(show_value)s ký tự, vượt giới hạn %(limit_value)s ký tự.")
        },
    )

    field_order = ["username", "full_name", "email", "role"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username

"""The forms of the draft review: the upload, the programme's header, and one form per drafted item."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from nqtrack.domain.targets import Comparator, TargetKind
from nqtrack.domain.vnnumbers import format_vn_number, parse_vn_number

KIND_LABELS = {
    TargetKind.LEVEL: _("mức đạt trong năm"),
    TargetKind.AVERAGE_GROWTH: _("tăng bình quân trong giai đoạn"),
    TargetKind.ANNUAL_CHANGE: _("thay đổi điểm % mỗi năm"),
    TargetKind.SHARE: _("tỷ trọng trong năm"),
}
COMPARATOR_LABELS = {
    Comparator.AT_LEAST: _("ít nhất (≥)"),
    Comparator.MORE_THAN: _("trên (>)"),
    Comparator.AT_MOST: _("tối đa (≤)"),
    Comparator.LESS_THAN: _("dưới (<)"),
    Comparator.EQUAL: _("bằng (=)"),
    Comparator.ABOUT: _("khoảng"),
    Comparator.RANGE: _("trong khoảng từ … đến …"),
}
KEEP, ACCEPT, DROP = "giu", "chap-nhan", "bo"
ACTIONS = [(KEEP, _("Giữ")), (ACCEPT, _("Chấp nhận (đã kiểm tra)")), (DROP, _("Bỏ"))]
FIRST_YEAR, LAST_YEAR = 1900, 2200


class UploadForm(forms.Form):
    tep = forms.FileField(
        label=_("Văn bản chương trình hoặc bản nháp"),
        error_messages={"required": _("Hãy chọn một tệp."), "empty": _("Tệp rỗng.")},
    )


class ReplaceForm(forms.Form):
    tep = forms.FileField(
        label=_("Bản nháp đã sửa (.yaml)"),
        error_messages={"required": _("Hãy chọn một tệp."), "empty": _("Tệp rỗng.")},
    )


class VietnameseNumberField(forms.Field):
    """A number written the Vietnamese way (1.234,5), empty allowed."""

    widget = forms.TextInput
    max_length = 30

    def to_python(self, value: Any) -> float | None:
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        if len(text) > self.max_length:
            raise forms.ValidationError(_("Số quá dài."))
        try:
            return parse_vn_number(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("“%(value)s” không phải số viết kiểu Việt Nam (ví dụ 1.234,5)."), params={"value": text}
            ) from error

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return format_vn_number(float(value), 6, trim=True)
        return value


class HeaderForm(forms.Form):
    code = forms.SlugField(label=_("Mã chương trình"), max_length=100)
    title = forms.CharField(label=_("Tên văn bản"), widget=forms.Textarea(attrs={"rows": 2}))
    short_title = forms.CharField(label=_("Tên ngắn"), max_length=200, required=False)
    number = forms.CharField(label=_("Số văn bản"), max_length=50, required=False)
    date = forms.CharField(label=_("Ngày ban hành (YYYY-MM-DD)"), max_length=10, required=False)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Tên chỉ số"), max_length=300)
    unit = forms.CharField(label=_("Đơn vị"), max_length=50)
    reuse = forms.ChoiceField(label=_("Chỉ số có sẵn"), required=False)

    def __init__(self, *args: Any, reuse_choices: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["reuse"])
        new: list[tuple[str, Any]] = [("", _("Chỉ số mới của chương trình này"))]
        field.choices = new + (reuse_choices or [])


class TargetForm(forms.Form):
    action = forms.ChoiceField(label=_("Xử lý"), choices=ACTIONS, initial=KEEP)
    kind = forms.ChoiceField(label=_("Loại"), choices=list(KIND_LABELS.items()))
    comparator = forms.ChoiceField(label=_("So sánh"), choices=list(COMPARATOR_LABELS.items()))
    low = VietnameseNumberField(label=_("Giá trị thấp"), required=False)
    high = VietnameseNumberField(label=_("Giá trị cao"), required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    period_start = forms.IntegerField(
        label=_("Từ năm"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    period_end = forms.IntegerField(
        label=_("Đến năm"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("period_start") is None) != (data.get("period_end") is None):
            raise forms.ValidationError(_("Giai đoạn cần cả năm đầu và năm cuối."))
        return data


class MilestoneForm(forms.Form):
    action = forms.ChoiceField(label=_("Xử lý"), choices=ACTIONS, initial=KEEP)
    text = forms.CharField(label=_("Mốc"), widget=forms.Textarea(attrs={"rows": 2}))
    due = forms.CharField(label=_("Hạn"), max_length=10)


class ItemActionForm(forms.Form):
    """A task or an assignment: kept, accepted or dropped (its text is edited in the file)."""

    action = forms.ChoiceField(label=_("Xử lý"), choices=ACTIONS, initial=KEEP)

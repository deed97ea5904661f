"""Forms of the tracking pages: they read the input's types; the services judge it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nqtrack.core.params import AsciiIdChoiceField, AsciiIntegerField
from nqtrack.domain.deadlines import Period, period_label
from nqtrack.domain.evidence import ALLOWED_EXTENSIONS
from nqtrack.domain.text_limits import ITEM_CODES
from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.programmes import models as pm
from nqtrack.tracking.models import CycleChoice, ProjectStatus, Relation


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the evidence of one update)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class UpdateForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), required=False)
    narrative = forms.CharField(label=_("Nội dung đã thực hiện"), widget=forms.Textarea(attrs={"rows": 5}))
    percent = AsciiIntegerField(label=_("Tỷ lệ hoàn thành (%)"), required=False, min_value=0, max_value=100)
    completes = forms.BooleanField(label=_("Đã hoàn thành nhiệm vụ"), required=False)
    document = forms.CharField(
        label=_("Văn bản ghi nhận"),
        required=False,
        help_text=_("Ví dụ: Kế hoạch số 12-KH/HU ngày 20/9/2022"),
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), required=False)
    evidence = MultipleFileField(
        label=_("Tệp minh chứng"),
        required=False,
        help_text=_("PDF, ảnh, Word, Excel; tối đa 5 tệp, mỗi tệp 10 MB"),
    )
    links = forms.CharField(
        label=_("Đường dẫn minh chứng (mỗi dòng một đường dẫn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, periods: list[Period], one_off: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if one_off:
            del self.fields["period"]
        else:
            del self.fields["completes"]
            period = self.fields["period"]
            assert isinstance(period, forms.ChoiceField)  # noqa: S101 - declared above
            period.choices = [(p.key, period_label(p.key).capitalize()) for p in periods]

    def cleaned_links(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.cleaned_data.get("links", "").splitlines() if line.strip())


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Duyệt")), ("return", _("Trả lại"))])
    comment = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ScheduleForm(forms.Form):
    start = forms.DateField(
        label=_("Ngày bắt đầu"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due = forms.DateField(
        label=_("Hạn / ngày kết thúc"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    cycle = forms.ChoiceField(label=_("Chu kỳ báo cáo"), choices=CycleChoice.choices)


class RegisterForm(forms.Form):
    document = forms.CharField(
        label=_("Văn bản"), help_text=_("Ví dụ: Kế hoạch số 150/KH-UBND ngày 12/10/2022")
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"))
    title = forms.CharField(label=_("Trích yếu"), required=False)
    relation = forms.ChoiceField(label=_("Quan hệ với nhiệm vụ"), choices=Relation.choices)
    items = forms.CharField(label=_("Mã nhiệm vụ (cách nhau bằng dấu phẩy)"), required=False)

    def clean_items(self) -> str:
        """The codes as typed; each is looked up, so their text is bounded (the services never see it)."""
        items: str = self.cleaned_data["items"]
        if len(items) > ITEM_CODES:
            raise forms.ValidationError(
                gettext("Mã nhiệm vụ dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự.")
                % {"length": format_vn_number(len(items), 0), "limit": format_vn_number(ITEM_CODES, 0)}
            )
        return items


class ProjectForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ProjectStatus.choices)
    responsible: AsciiIdChoiceField[pm.Organisation] = AsciiIdChoiceField(
        label=_("Cơ quan chịu trách nhiệm"), queryset=pm.Organisation.objects.none(), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, programme: pm.Programme, can_reassign: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        assert isinstance(field, AsciiIdChoiceField)  # noqa: S101 - declared just above
        field.queryset = programme.organisations.order_by("position")
        # Only programme managers give a project to another organisation: for the others the field shows
        # the responsible organisation and keeps it whatever is posted.
        field.disabled = not can_reassign


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Mốc"), max_length=300)
    due = forms.DateField(label=_("Hạn"), widget=forms.DateInput(attrs={"type": "date"}))
    done_on = forms.DateField(
        label=_("Ngày đạt"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

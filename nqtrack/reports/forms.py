"""Forms of the report pages: they translate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nqtrack.core.params import AsciiIntegerField
from nqtrack.domain.report_content import ReportKind
from nqtrack.programmes.models import Programme
from nqtrack.reports.models import KIND_CHOICES, ReportFormat, ReportTemplate


class ReportForm(forms.Form):
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.order_by("id"), label=_("Chương trình"), empty_label=None
    )
    kind = forms.ChoiceField(choices=KIND_CHOICES, label=_("Loại báo cáo"), initial=ReportKind.SO_KET.value)
    as_of = forms.DateField(
        label=_("Số liệu đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Ngày không hợp lệ: chọn ngày hoặc nhập dạng 31/12/2025.")},
    )
    first_year = AsciiIntegerField(
        label=_("Năm bắt đầu thực hiện (sơ kết, tổng kết)"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Để trống: năm ban hành chương trình hoặc nghị quyết."),
    )
    format = forms.ChoiceField(
        choices=ReportFormat.choices,
        label=_("Định dạng"),
        initial=ReportFormat.DOCX,
        widget=forms.RadioSelect,
    )
    template = forms.ModelChoiceField(
        queryset=ReportTemplate.objects.defer("content"),
        label=_("Mẫu Word"),
        required=False,
        empty_label=_("Mẫu có sẵn (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW)"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Tên mẫu"), max_length=200)
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.order_by("id"),
        label=_("Kiểm tra mẫu với chương trình"),
        empty_label=None,
    )
    file = forms.FileField(label=_("Tệp mẫu (.docx)"))

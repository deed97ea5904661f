"""Generated review reports and the DOCX templates offices upload.

Files are kept in the database (a report is a few hundred kilobytes) so that the web process and a
background worker on another machine see the same file without shared storage.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nqtrack.domain.report_content import ReportKind, ReportPeriod

KIND_CHOICES = [
    (ReportKind.SO_KET.value, _("Sơ kết")),
    (ReportKind.TONG_KET.value, _("Tổng kết")),
    (ReportKind.ANNUAL.value, _("Báo cáo năm")),
]


class ReportFormat(models.TextChoices):
    DOCX = "docx", "Word (DOCX)"
    PDF = "pdf", "PDF"
    XLSX = "xlsx", _("Excel (XLSX, phụ lục)")


class ReportState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


CONTENT_TYPES: dict[str, str] = {
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportTemplate(models.Model):
    """A DOCX template with docxtpl placeholders (docs/reports.md), uploaded by an office."""

    name = models.CharField(max_length=200)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """One generated report: who asked for it, when, for what, and the file once made."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    as_of = models.DateField()
    format = models.CharField(max_length=4, choices=ReportFormat.choices)
    template = models.ForeignKey(ReportTemplate, null=True, blank=True, on_delete=models.SET_NULL)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_via = models.CharField(max_length=10, default="web")  # web | cli
    requested_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent, for the progress bar
    step = models.CharField(max_length=200, blank=True)  # what is being done now, in Vietnamese
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content = models.BinaryField(null=True, blank=True)
    size = models.PositiveIntegerField(default=0)
    to_complete = models.PositiveSmallIntegerField(null=True, blank=True)  # marked places to write

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.format})"

    @property
    def title(self) -> str:
        """'Sơ kết 3 năm 2022–2025', 'Tổng kết 2022–2030', 'Báo cáo năm 2025'."""
        label = ReportPeriod(
            kind=ReportKind(self.kind), first_year=self.first_year, last_year=self.last_year
        ).label
        return f"Báo cáo {label}" if self.kind == ReportKind.ANNUAL else label[0].upper() + label[1:]

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def size_kb(self) -> float:
        return self.size / 1024

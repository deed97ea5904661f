"""Reads of the reports app: past reports and uploaded templates."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from nqtrack.reports.models import Report, ReportTemplate


def reports_list(*, user: Any) -> QuerySet[Report]:
    """Past reports, newest first, without their files (``user``: scopes will filter here)."""
    return Report.objects.select_related("programme", "requested_by", "template").defer("content")


def report_get(*, user: Any, pk: int, with_file: bool = False) -> Report | None:
    """One report, or None; the file is read only when asked for."""
    rows = Report.objects.select_related("programme", "requested_by", "template")
    return (rows if with_file else rows.defer("content")).filter(pk=pk).first()


def templates_list(*, user: Any) -> QuerySet[ReportTemplate]:
    """Uploaded templates, by name, without their files."""
    return ReportTemplate.objects.select_related("uploaded_by").defer("content")


def template_get(*, user: Any, pk: int) -> ReportTemplate | None:
    """One uploaded template with its file, or None."""
    return ReportTemplate.objects.filter(pk=pk).first()

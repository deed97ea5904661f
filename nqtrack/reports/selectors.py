"""Reads of the reports app: past reports and uploaded templates, within the user's rights.

A review report is the programme office's internal document until it is issued
(:func:`nqtrack.accounts.scopes.can_read_reports` says who reads a programme's reports); templates belong
to those who make reports (:func:`nqtrack.accounts.scopes.can_make_reports`). Refusals raise
``PermissionDenied`` before anything is looked up, so a refused user cannot tell which reports exist.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nqtrack.accounts import scopes
from nqtrack.reports.models import Report, ReportTemplate


def reports_list(*, user: Any) -> QuerySet[Report]:
    """Past reports of the programmes whose reports the user may read, newest first, without their files.

    Refused for a user who may neither read nor make any report."""
    programmes = scopes.report_readable_programmes(user=user)
    if not scopes.can_make_reports(user=user) and not programmes.exists():
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo."))
    return (
        Report.objects.filter(programme__in=programmes)
        .select_related("programme", "requested_by", "template")
        .defer("content")
    )


def report_get(*, user: Any, pk: int, with_file: bool = False) -> Report | None:
    """One report, or None when there is none; PermissionDenied when the user may not read it. The file
    is read only when asked for."""
    rows = Report.objects.select_related("programme", "requested_by", "template")
    report = (rows if with_file else rows.defer("content")).filter(pk=pk).first()
    if report is not None:
        scopes.require_read_reports(user=user, programme=report.programme)
    return report


def templates_list(*, user: Any) -> QuerySet[ReportTemplate]:
    """Uploaded templates, by name, without their files (for those who make reports)."""
    scopes.require_make_reports(user=user)
    return ReportTemplate.objects.select_related("uploaded_by").defer("content")


def template_get(*, user: Any, pk: int) -> ReportTemplate | None:
    """One uploaded template with its file, or None (for those who make reports)."""
    scopes.require_make_reports(user=user)
    return ReportTemplate.objects.filter(pk=pk).first()

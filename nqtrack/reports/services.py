"""Writes of the reports app: ask for a report, make its file, upload a template.

A report is recorded first (queued), then made by ``report_run`` — in the background for the web page
(``nqtrack.reports.tasks``), at once for the command line. Progress is written as the work goes, so a
page can show it while a worker is busy.

Who may ask for a report or upload a template is checked when the request is recorded
(:func:`nqtrack.accounts.scopes.require_make_reports`); the background job then makes the recorded
report on that authority and reads nothing beyond the published figures and the programme's tasks.
``user`` None is a command run from the shell (the operating-system account's authority).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from nqtrack.accounts import scopes
from nqtrack.core.messages import Translatable, translatable
from nqtrack.domain.report_content import ReportContent, ReportKind
from nqtrack.domain.report_text import ReportInputError, report_period
from nqtrack.programmes.models import Programme
from nqtrack.reports.charts import chart_png
from nqtrack.reports.content import programme_start_year, report_content_build
from nqtrack.reports.models import Report, ReportFormat, ReportState, ReportTemplate
from nqtrack.reports.render_docx import TemplateProblem, places_to_complete, render_docx
from nqtrack.reports.render_pdf import ConversionFailed, docx_to_pdf
from nqtrack.reports.render_xlsx import render_xlsx, xlsx_places_to_complete

logger = logging.getLogger(__name__)

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
FILENAME_KINDS = {ReportKind.SO_KET: "so-ket", ReportKind.TONG_KET: "tong-ket", ReportKind.ANNUAL: "nam"}


class ReportRejected(ValueError):
    """The request or the template cannot be accepted; the message says why, in Vietnamese."""


def report_create(
    *,
    user: Any,
    programme: Programme,
    as_of: date,
    kind: ReportKind,
    format: ReportFormat,
    first_year: int | None = None,
    template: ReportTemplate | None = None,
    via: str = "web",
) -> Report:
    """Check the user's right and the choices and record a queued report for ``user``; raises
    PermissionDenied or ReportRejected."""
    if user is not None:
        scopes.require_make_reports(user=user)
    try:
        period = report_period(
            kind=kind, as_of=as_of, first_year=first_year or programme_start_year(programme)
        )
    except ReportInputError as error:
        raise ReportRejected(
            _too_short(kind, as_of, first_year or programme_start_year(programme))
        ) from error
    if template is not None and format == ReportFormat.XLSX:
        raise ReportRejected("Mẫu Word chỉ dùng cho báo cáo Word hoặc PDF; phụ lục Excel có bố cục cố định.")
    return Report.objects.create(
        programme=programme,
        kind=kind.value,
        first_year=period.first_year,
        last_year=period.last_year,
        as_of=as_of,
        format=format.value,
        template=template,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
        requested_via=via,
    )


def report_request(*, enqueue: Callable[[int], object], **choices: Any) -> Report:
    """Record a report and hand it to ``enqueue`` (the background task) once the record is committed."""
    with transaction.atomic():
        report = report_create(**choices)
        transaction.on_commit(partial(enqueue, report.pk))
    return report


def _progress(report: Report, percent: int, step: str) -> None:
    # A plain UPDATE, committed at once: a page polling the report sees each step.
    Report.objects.filter(pk=report.pk).update(state=ReportState.RUNNING, progress=percent, step=step)


def _content(report: Report) -> ReportContent:
    return report_content_build(
        user=report.requested_by,
        programme=report.programme,
        as_of=report.as_of,
        kind=ReportKind(report.kind),
        first_year=report.first_year,
        chart=chart_png if report.format != ReportFormat.XLSX else _no_chart,
    )


def _no_chart(row: Any) -> None:
    return None


def _file(report: Report) -> tuple[bytes, int]:
    """The report's file and how many marked places the officer must complete in it."""
    _progress(report, 10, "Đang tổng hợp số liệu, đánh giá chỉ tiêu và vẽ biểu đồ")
    content = _content(report)
    if report.format == ReportFormat.XLSX:
        _progress(report, 60, "Đang ghi phụ lục Excel")
        data = render_xlsx(content)
        return data, xlsx_places_to_complete(data)
    _progress(report, 50, "Đang điền mẫu Word")
    template = bytes(report.template.content) if report.template else None
    docx = render_docx(content, template=template)
    places = places_to_complete(docx)
    if report.format == ReportFormat.DOCX:
        return docx, places
    _progress(report, 70, "Đang chuyển sang PDF (LibreOffice)")
    return docx_to_pdf(docx), places


def report_filename(report: Report) -> str:
    """'bao-cao-so-ket-2022-2025-bac-giang-11-nqtw.docx'."""
    kind = FILENAME_KINDS[ReportKind(report.kind)]
    years = (
        str(report.last_year)
        if report.first_year == report.last_year
        else f"{report.first_year}-{report.last_year}"
    )
    return f"bao-cao-{kind}-{years}-{report.programme.code}.{report.format}"


def report_run(*, report_id: int) -> Report:
    """Make the file of a recorded report. A problem the user can fix is recorded on the report
    (state "failed" with a Vietnamese message); anything else is recorded and raised again.
    """
    report = Report.objects.select_related("programme", "template", "requested_by").get(pk=report_id)
    try:
        data, places = _file(report)
    except (ReportInputError, TemplateProblem, ConversionFailed) as error:
        return _fail(report, str(error))
    except Exception:
        logger.exception("report %s failed", report_id)
        _fail(report, "Lỗi không mong đợi khi tạo báo cáo; quản trị viên xem nhật ký máy chủ.")
        raise
    with transaction.atomic():
        report.content, report.size, report.filename = data, len(data), report_filename(report)
        report.state, report.progress, report.step = ReportState.DONE, 100, ""
        report.finished_at, report.to_complete = timezone.now(), places
        fields = ["content", "size", "filename", "state", "progress", "step", "finished_at", "to_complete"]
        report.save(update_fields=fields)
    return report


def _fail(report: Report, message: str) -> Report:
    report.state, report.error, report.step, report.finished_at = (
        ReportState.FAILED,
        message,
        "",
        timezone.now(),
    )
    report.save(update_fields=["state", "error", "step", "finished_at"])
    return report


def template_upload(
    *, user: Any, programme: Programme, name: str, filename: str, data: bytes
) -> ReportTemplate:
    """Check an office's DOCX template by filling it with this programme's report, then keep it.

    Raises ReportRejected (nothing is stored) for a file that is not a DOCX, too large, or whose
    placeholders name fields the report does not have (docs/reports.md lists them); PermissionDenied
    for a user who may not make reports.
    """
    if user is not None:
        scopes.require_make_reports(user=user)
    if not name.strip():
        raise ReportRejected("Cần đặt tên cho mẫu.")
    if not filename.lower().endswith(".docx"):
        raise ReportRejected(f"Tệp {filename} không phải tệp Word .docx.")
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ReportRejected(f"Tệp mẫu lớn hơn {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB.")
    content = report_content_build(
        user=user, programme=programme, as_of=timezone.localdate(), kind=ReportKind.ANNUAL
    )
    try:
        render_docx(content, template=data, strict=True)
    except TemplateProblem as error:
        raise ReportRejected(f"Mẫu {filename}: {error}") from error
    return ReportTemplate.objects.create(
        name=name.strip(),
        filename=filename,
        content=data,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )


def _too_short(kind: ReportKind, as_of: date, first_year: int) -> Translatable:
    """``report_period``'s one refusal (a review that covers no whole year) in words the API can say in
    English too; the Vietnamese is the domain's."""
    return translatable(
        gettext_noop(
            "Báo cáo %(kind)s cần ít nhất một năm thực hiện: năm bắt đầu %(first_year)s, "
            "ngày số liệu %(day)s."
        ),
        kind=translatable(gettext_noop("sơ kết") if kind is ReportKind.SO_KET else gettext_noop("tổng kết")),
        first_year=first_year,
        day=f"{as_of.day:02d}/{as_of.month:02d}/{as_of.year}",
    )

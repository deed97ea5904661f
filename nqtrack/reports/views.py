"""Report pages: ask for a report, follow its progress, download it; upload templates.

Every page needs a signed-in user: reports are the office's internal drafts, and asking for one writes.
Views translate the request and call services and selectors; who may read and make reports is decided by
:mod:`nqtrack.accounts.scopes` (a refusal answers 403, before the form is read).
"""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nqtrack.accounts import scopes
from nqtrack.domain.report_content import ReportKind
from nqtrack.reports import selectors, services
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE
from nqtrack.reports.forms import ReportForm, TemplateForm
from nqtrack.reports.models import CONTENT_TYPES, Report, ReportFormat, ReportState
from nqtrack.reports.tasks import enqueue_report


def _list(request: HttpRequest, form: ReportForm, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "reports": selectors.reports_list(user=request.user)[:100],
        "can_make": scopes.can_make_reports(user=request.user),
    }
    return render(request, "reports/list.html", context, status=status)


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """Past reports, and the form that asks for a new one."""
    return _list(request, ReportForm())


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    """Record a report and start making it; then show its progress."""
    scopes.require_make_reports(user=request.user)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _list(request, form, status=400)
    data = form.cleaned_data
    try:
        report = services.report_request(
            enqueue=enqueue_report,
            user=request.user,
            programme=data["programme"],
            as_of=data["as_of"],
            kind=ReportKind(data["kind"]),
            format=ReportFormat(data["format"]),
            first_year=data["first_year"],
            template=data["template"],
        )
    except services.ReportRejected as error:
        form.add_error(None, str(error))
        return _list(request, form, status=400)
    return redirect("reports:detail", pk=report.pk)


def _report(request: HttpRequest, pk: int, *, with_file: bool = False) -> Report:
    report = selectors.report_get(user=request.user, pk=pk, with_file=with_file)
    if report is None:
        raise Http404(_("Không có báo cáo này."))
    return report


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One report: its progress while it is being made, then its file."""
    report = _report(request, pk)
    running = report.state in (ReportState.QUEUED, ReportState.RUNNING)
    return render(request, "reports/detail.html", {"report": report, "running": running})


@login_required
@require_GET
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block alone, polled by the detail page while the report is being made."""
    report = _report(request, pk)
    running = report.state in (ReportState.QUEUED, ReportState.RUNNING)
    return render(request, "reports/_progress.html", {"report": report, "running": running})


@login_required
@require_GET
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    """The report's file."""
    report = _report(request, pk, with_file=True)
    if report.state != ReportState.DONE or report.content is None:
        raise Http404(_("Báo cáo chưa tạo xong."))
    return _file(bytes(report.content), report.filename, report.content_type)


def _file(data: bytes, filename: str, content_type: str) -> FileResponse:
    return FileResponse(BytesIO(data), as_attachment=True, filename=filename, content_type=content_type)


@login_required
@require_http_methods(["GET", "POST"])
def template_list(request: HttpRequest) -> HttpResponse:
    """The uploaded templates, the built-in one to start from, and the upload form."""
    templates = selectors.templates_list(user=request.user)
    form = TemplateForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.template_upload(
                    user=request.user,
                    programme=form.cleaned_data["programme"],
                    name=form.cleaned_data["name"],
                    filename=upload.name or "",
                    data=upload.read(),
                )
            except services.ReportRejected as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("Đã lưu mẫu “%(name)s”.") % {"name": form.cleaned_data["name"]})
                return redirect("reports:templates")
        status = 400
    context = {"form": form, "templates": templates}
    return render(request, "reports/templates.html", context, status=status)


@login_required
@require_GET
def template_builtin(request: HttpRequest) -> FileResponse:
    """The built-in template, for an office to start its own from."""
    scopes.require_make_reports(user=request.user)
    return _file(BUILTIN_TEMPLATE.read_bytes(), "mau-bao-cao-nqtrack.docx", CONTENT_TYPES[ReportFormat.DOCX])


@login_required
@require_GET
def template_download(request: HttpRequest, pk: int) -> FileResponse:
    """An uploaded template's file."""
    template = selectors.template_get(user=request.user, pk=pk)
    if template is None:
        raise Http404(_("Không có mẫu này."))
    return _file(bytes(template.content), template.filename, CONTENT_TYPES[ReportFormat.DOCX])

"""Review reports: ask for one, follow it while it is made, download its file — with the rights of the
report pages (nqtrack.accounts.scopes: who reads and who makes reports)."""

import datetime as dt
from enum import StrEnum

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from nqtrack.api.common import Body, Paged, answers, the_programme
from nqtrack.api.errors import ApiError, message_of
from nqtrack.api.security import SIGNED_IN
from nqtrack.core.params import ID_MAX
from nqtrack.domain.report_content import ReportKind
from nqtrack.reports import selectors, services
from nqtrack.reports.models import Report, ReportFormat, ReportState
from nqtrack.reports.tasks import enqueue_report

router = Router(tags=["reports"], auth=SIGNED_IN)


class Kind(StrEnum):
    SO_KET = ReportKind.SO_KET.value
    TONG_KET = ReportKind.TONG_KET.value
    ANNUAL = ReportKind.ANNUAL.value


class Format(StrEnum):
    DOCX = ReportFormat.DOCX.value
    PDF = ReportFormat.PDF.value
    XLSX = ReportFormat.XLSX.value


class ReportOut(Schema):
    id: int
    programme: str
    title: str
    kind: str
    format: str
    first_year: int
    last_year: int
    as_of: dt.date
    state: str
    progress: int = Field(description="percent done")
    step: str
    error: str
    requested_at: dt.datetime
    finished_at: dt.datetime | None
    filename: str
    size: int


class ReportIn(Body):
    programme: str = Field("", max_length=100)
    kind: Kind
    format: Format
    as_of: dt.date = Field(description="the day the report is made as of")
    first_year: int | None = Field(None, ge=1900, le=2100)


def _report_out(report: Report) -> ReportOut:
    return ReportOut(
        id=report.pk,
        programme=report.programme.code,
        title=report.title,
        kind=report.kind,
        format=report.format,
        first_year=report.first_year,
        last_year=report.last_year,
        as_of=report.as_of,
        state=report.state,
        progress=report.progress,
        step=report.step,
        error=report.error,
        requested_at=report.requested_at,
        finished_at=report.finished_at,
        filename=report.filename,
        size=report.size,
    )


@router.get("/reports", response=answers(list[ReportOut]), url_name="reports")
@paginate(Paged)
def reports(request: HttpRequest) -> list[ReportOut]:
    """The reports of the programmes the caller may read, newest first."""
    return [_report_out(r) for r in selectors.reports_list(user=request.user)]


@router.post("/reports", response=answers(ReportOut, 202), url_name="report_request")
def report_request(request: HttpRequest, payload: ReportIn) -> Status[ReportOut]:
    """Ask for a report; it is made in the background: follow it at /api/reports/{id}."""
    programme = the_programme(payload.programme)
    try:
        report = services.report_request(
            enqueue=enqueue_report,
            user=request.user,
            programme=programme,
            as_of=payload.as_of,
            kind=ReportKind(payload.kind.value),
            format=ReportFormat(payload.format.value),
            first_year=payload.first_year,
            template=None,
            via="api",
        )
    except services.ReportRejected as error:
        raise ApiError(400, message_of(error)) from error
    report.refresh_from_db()
    return Status(202, _report_out(report))


def _report(request: HttpRequest, pk: int, *, with_file: bool = False) -> Report:
    report = selectors.report_get(user=request.user, pk=pk, with_file=with_file)
    if report is None:
        raise ApiError(404, gettext_lazy("Không có báo cáo này."))
    return report


@router.get("/reports/{pk}", response=answers(ReportOut), url_name="report")
def report(request: HttpRequest, pk: int = Path(..., ge=1, le=ID_MAX)) -> ReportOut:  # type: ignore[type-arg]
    """One report: its state and progress while it is made."""
    return _report_out(_report(request, pk))


@router.get(
    "/reports/{pk}/file",
    response=answers(bytes),
    url_name="report_file",
    openapi_extra={
        "responses": {
            200: {
                "description": "the report's file",
                "content": {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                    "application/pdf": {},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
                },
            }
        }
    },
)
def report_file(request: HttpRequest, pk: int = Path(..., ge=1, le=ID_MAX)) -> HttpResponse:  # type: ignore[type-arg]
    """The report's file, once made."""
    found = _report(request, pk, with_file=True)
    if found.state != ReportState.DONE or found.content is None:
        raise ApiError(404, gettext_lazy("Báo cáo chưa tạo xong."))
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=found.filename)
    return response

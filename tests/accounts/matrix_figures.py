"""The matrix rules of the figures (observations) and report pages, on real sample objects.

The sample (built once per test by :func:`figures_sample` and :func:`reports_sample`, through the same
services the pages use): figures of the commune Tự Lạn (07774) entered by the commune reporter — forest
cover 2024 as a draft, forest cover 2023 submitted for review (indicator group 12, outside the
department reporter's group 5); a review report (the 2025 annual report, Excel annex) asked for by the
programme manager and made; an office template uploaded by the programme manager.

Who gets what (docs/security.md):

- figures: the pages of one unit (grid, audit log) are asked for the commune Hương Mai (07771), in the
  same district as Tự Lạn: every view scope covers it but the commune reporter's; the export filters by
  view scope and is open to every signed-in user; the Excel template is for a unit one may enter
  figures for (not the reviewer, not the viewer); the upload page for a role that may import something
  (not the viewer); the review queue for the reviewing roles. Approving the sample batch is allowed to
  the province reviewer and the managers (the commune reporter entered it); uploading a row of Tự Lạn
  (group 12) to whoever captures it.
- a background import's page (a large upload of Tự Lạn by the commune reporter, waiting for its task):
  its owner and the managers; 404 to the others.
- reports: read by the roles whose view scope covers the whole province in every group (the province
  reviewer, the viewer) and the managers; made, and templates kept, by the managers.

Each POST below is a valid request of its page, so a refusal shows the scope check, not a form error;
the allowed roles' POSTs are not sent here but in tests/observations/test_view_scope.py and
tests/reports/test_report_scope.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from nqtrack.domain.report_content import ReportKind
from nqtrack.observations.entries import observations_save_cells
from nqtrack.observations.jobs import import_job_request
from nqtrack.observations.models import Channel, ImportJob, Observation, Origin
from nqtrack.observations.review import Batch, review_submit
from nqtrack.observations.rows import EntryRow
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE
from nqtrack.reports.models import Report, ReportFormat, ReportTemplate
from nqtrack.reports.services import report_create, report_run, template_upload
from tests.accounts.conftest import ROLES, Cast
from tests.accounts.matrix import Rule, scope, statuses

SAMPLE_COMMUNE = "07774"  # Xã Tự Lạn (Phường Tự Lạn from 2025), Việt Yên
OTHER_COMMUNE = "07771"  # Xã Hương Mai, Việt Yên: in the district reporter's scope, not the commune's
SAMPLE_INDICATOR = "forest_cover"  # indicator group (12)
DRAFT_YEAR, SUBMITTED_YEAR = 2024, 2023
MANAGERS = {"manager", "admin"}
REVIEWERS = {"province_reviewer"} | MANAGERS
CAPTURING_TU_LAN = {"commune_reporter", "district_reporter"} | MANAGERS  # group 12 of Tự Lạn
REPORT_READERS = {"province_reviewer", "viewer"} | MANAGERS


@dataclass(frozen=True)
class FiguresSample:
    draft: Observation
    submitted: Observation


def figures_sample(cast: Cast) -> FiguresSample:
    """The commune reporter's figures of Tự Lạn (idempotent: the rules of one test share them)."""
    programme = cast.programme
    reported = Observation.objects.filter(
        origin=Origin.REPORTED, unit__code=SAMPLE_COMMUNE, indicator__code=SAMPLE_INDICATOR
    )
    if not reported.exists():
        rows = [
            EntryRow(
                1, SAMPLE_INDICATOR, SAMPLE_COMMUNE, str(DRAFT_YEAR), Decimal("41.5"), "41.5", "official"
            ),
            EntryRow(
                2, SAMPLE_INDICATOR, SAMPLE_COMMUNE, str(SUBMITTED_YEAR), Decimal("41.2"), "41.2", "official"
            ),
        ]
        saved = observations_save_cells(
            user=cast.commune_reporter, programme=programme, rows=rows, channel="web"
        )
        assert saved.errors == []
        unit = unit_for_period(code=SAMPLE_COMMUNE, year=SUBMITTED_YEAR)
        assert unit is not None
        group = Indicator.objects.get(programme=programme, code=SAMPLE_INDICATOR).group
        batch = Batch(programme=programme, unit=unit, year=SUBMITTED_YEAR, group=group)
        assert review_submit(user=cast.commune_reporter, batch=batch, channel=Channel.WEB) == 1
    return FiguresSample(draft=reported.get(year=DRAFT_YEAR), submitted=reported.get(year=SUBMITTED_YEAR))


@dataclass(frozen=True)
class ReportsSample:
    report: Report
    template: ReportTemplate


def reports_sample(cast: Cast) -> ReportsSample:
    """A made report and an uploaded template, by the programme manager (idempotent)."""
    report = Report.objects.filter(programme=cast.programme).first()
    if report is None:
        report = report_create(
            user=cast.manager,
            programme=cast.programme,
            as_of=date(2025, 12, 31),
            kind=ReportKind.ANNUAL,
            format=ReportFormat.XLSX,
        )
        report = report_run(report_id=report.pk)
    template = ReportTemplate.objects.first()
    if template is None:
        template = template_upload(
            user=cast.manager,
            programme=cast.programme,
            name="Mẫu Văn phòng Tỉnh ủy",
            filename="mau-van-phong.docx",
            data=BUILTIN_TEMPLATE.read_bytes(),
        )
    return ReportsSample(report=report, template=template)


@dataclass(frozen=True)
class ReusableFile:
    """A file for the POST of every refused role: the test client reads a file once per request."""

    name: str
    data: bytes

    def read(self) -> bytes:
        return self.data


class ProgrammePk:
    """The loaded programme's primary key, read when the request is encoded (ids differ between runs and
    databases); the report forms choose the programme by its key."""

    def __str__(self) -> str:
        return str(Programme.objects.order_by("pk").values_list("pk", flat=True).first())


def _figures(cast: Cast) -> dict[str, Any]:
    figures_sample(cast)
    return {}


def _other_commune(cast: Cast) -> dict[str, Any]:
    figures_sample(cast)
    return {"don_vi": OTHER_COMMUNE}


def _other_commune_template(cast: Cast) -> dict[str, Any]:
    return _other_commune(cast) | {"nam": str(DRAFT_YEAR)}


def _export_with_drafts(cast: Cast) -> dict[str, Any]:
    figures_sample(cast)
    return {"dinh_dang": "csv", "don_vi": SAMPLE_COMMUNE, "nhap": "1"}


def _import_job(cast: Cast) -> dict[str, Any]:
    """A large upload of Tự Lạn confirmed by the commune reporter, waiting for its task (idempotent)."""
    job = ImportJob.objects.filter(requested_by=cast.commune_reporter).first()
    if job is None:
        job = import_job_request(
            user=cast.commune_reporter, programme=cast.programme, name="lon.csv", data=TU_LAN_ROW.encode()
        )
    return {"pk": job.pk}


def _reports(cast: Cast) -> dict[str, Any]:
    reports_sample(cast)
    return {}


def _report(cast: Cast) -> dict[str, Any]:
    return {"pk": reports_sample(cast).report.pk}


def _template(cast: Cast) -> dict[str, Any]:
    return {"pk": reports_sample(cast).template.pk}


SIGNED_IN = set(ROLES) - {"anonymous"}
POST_ONLY = statuses(SIGNED_IN, ok=405)
TU_LAN_ROW = (
    "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"
    f"{SAMPLE_INDICATOR},,{SAMPLE_COMMUNE},,2022,40.9,,Chính thức,,\r\n"
)

FIGURE_RULES: dict[str, Rule] = {
    "observations:grid": scope(statuses(SIGNED_IN - {"commune_reporter"}), query=_other_commune),
    "observations:queue": scope(statuses(REVIEWERS), query=_figures),
    "observations:review": scope(
        POST_ONLY,
        kwargs=_figures,
        post={
            "don_vi": SAMPLE_COMMUNE,
            "nam": str(SUBMITTED_YEAR),
            "nhom": "12",
            "buoc": "approve",
            "next": "/so-lieu/",
        },
        post_allowed=frozenset(REVIEWERS),
    ),
    "observations:upload": scope(
        statuses(SIGNED_IN - {"viewer"}),
        kwargs=_figures,
        post={"tep": ReusableFile("so-lieu-tu-lan.csv", TU_LAN_ROW.encode()), "xac_nhan": "1"},
        post_allowed=frozenset(CAPTURING_TU_LAN),
        # the reviewer and the viewer: 403; the department reporter's file is refused row by row: 400
        post_refused=frozenset({302, 400, 403}),
    ),
    # a background import's page: who asked for it and the managers; to the others it does not exist
    "observations:import_job": scope(
        statuses({"commune_reporter"} | MANAGERS, refused=404), kwargs=_import_job
    ),
    "observations:export": scope(statuses(SIGNED_IN), query=_export_with_drafts),
    "observations:template": scope(
        statuses(SIGNED_IN - {"commune_reporter", "province_reviewer", "viewer"}),
        query=_other_commune_template,
    ),
    "observations:audit": scope(statuses(SIGNED_IN - {"commune_reporter"}), query=_other_commune),
    # -- reports
    "reports:list": scope(statuses(REPORT_READERS), kwargs=_reports),
    "reports:create": scope(
        POST_ONLY,
        kwargs=_reports,
        post={"programme": ProgrammePk(), "kind": "annual", "as_of": "2025-12-31", "format": "xlsx"},
        post_allowed=frozenset(MANAGERS),
    ),
    "reports:detail": scope(statuses(REPORT_READERS), kwargs=_report),
    "reports:progress": scope(statuses(REPORT_READERS), kwargs=_report),
    "reports:download": scope(statuses(REPORT_READERS), kwargs=_report),
    "reports:templates": scope(
        statuses(MANAGERS),
        kwargs=_reports,
        post={
            "name": "Mẫu Sở Kế hoạch",
            "programme": ProgrammePk(),
            "file": ReusableFile("mau-so-ke-hoach.docx", BUILTIN_TEMPLATE.read_bytes()),
        },
        post_allowed=frozenset(MANAGERS),
    ),
    "reports:template_builtin": scope(statuses(MANAGERS), kwargs=_reports),
    "reports:template_download": scope(statuses(MANAGERS), kwargs=_template),
}

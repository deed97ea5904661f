"""Who reads and who makes review reports (docs/security.md, docs/reports.md), for every role of the cast
(tests/accounts/conftest.py); the sample report and template are the matrix test's
(tests/accounts/matrix_figures.py).

A review report speaks for the whole province: it is read by the managers and by the roles whose view
scope covers the programme's province in every indicator group (the province reviewer, the viewer), and
made — templates too — by the managers only. A refused request records nothing and starts no job.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from nqtrack.accounts import scopes
from nqtrack.domain.report_content import ReportKind
from nqtrack.programmes.models import Programme
from nqtrack.reports.models import Report, ReportFormat, ReportState, ReportTemplate
from nqtrack.reports.services import report_create, report_request, template_upload
from tests.accounts.conftest import ROLES, Cast, client_for
from tests.accounts.matrix_figures import FIGURE_RULES, reports_sample

pytestmark = pytest.mark.django_db

SIGNED_IN = [r for r in ROLES if r != "anonymous"]
READERS = {"province_reviewer", "viewer", "manager", "admin"}
MAKERS = {"manager", "admin"}


def _user(cast: Cast, who: str) -> Any:
    user = cast.by_name(who)
    assert user is not None
    return user


def _records() -> tuple[list[int], list[int]]:
    return (
        list(Report.objects.order_by("pk").values_list("pk", flat=True)),
        list(ReportTemplate.objects.order_by("pk").values_list("pk", flat=True)),
    )


def _another_province() -> Programme:
    """A programme of another province (Thái Nguyên, 19): none of the cast's view scopes covers it. Only
    its record matters here (a report belongs to it), so it holds no indicators."""
    return Programme.objects.create(
        code="thai-nguyen-thu",
        title="Chương trình hành động thử của tỉnh Thái Nguyên",
        issuer="Ban Thường vụ Tỉnh ủy Thái Nguyên",
        issuer_kind="party",
        implements="11-NQ/TW",
        province_code="19",
        period_start=2021,
        period_end=2030,
    )


@pytest.mark.parametrize("who", SIGNED_IN)
def test_who_reads_and_who_makes_reports(cast: Cast, who: str) -> None:
    user = _user(cast, who)
    assert scopes.can_read_reports(user=user, programme=cast.programme) is (who in READERS)
    assert scopes.can_make_reports(user=user) is (who in MAKERS)


def test_each_role_lists_the_reports_of_the_programmes_it_may_read(cast: Cast) -> None:
    own = reports_sample(cast).report
    other_programme = _another_province()
    other = Report.objects.create(
        programme=other_programme,
        kind="annual",
        first_year=2025,
        last_year=2025,
        as_of="2025-12-31",
        format="xlsx",
    )
    listed: dict[str, Any] = {}
    for who in SIGNED_IN:
        response = client_for(cast, who).get("/bao-cao/")
        page = response.content.decode()
        listed[who] = (
            response.status_code,
            {pk for pk in (own.pk, other.pk) if f'data-report="{pk}"' in page},
        )
        assert ('action="/bao-cao/tao/"' in page) is (who in MAKERS), who
    assert listed == {
        "commune_reporter": (403, set()),
        "district_reporter": (403, set()),
        "department_reporter": (403, set()),
        "province_reviewer": (200, {own.pk}),
        "viewer": (200, {own.pk}),
        "manager": (200, {own.pk, other.pk}),
        "admin": (200, {own.pk, other.pk}),
    }
    # a report of a programme the reader may not read is refused, not only hidden
    assert client_for(cast, "viewer").get(f"/bao-cao/{other.pk}/").status_code == 403
    assert client_for(cast, "manager").get(f"/bao-cao/{other.pk}/").status_code == 200


@pytest.mark.parametrize("who", sorted(set(SIGNED_IN) - MAKERS))
def test_a_refused_report_or_template_records_nothing_and_starts_no_job(cast: Cast, who: str) -> None:
    reports_sample(cast)
    user = _user(cast, who)
    before = _records()
    started: list[int] = []
    as_of, kind = date(2025, 12, 31), ReportKind.ANNUAL
    with pytest.raises(PermissionDenied):
        report_request(
            enqueue=started.append,
            user=user,
            programme=cast.programme,
            as_of=as_of,
            kind=kind,
            format=ReportFormat.XLSX,
        )
    with pytest.raises(PermissionDenied):
        report_create(user=user, programme=cast.programme, as_of=as_of, kind=kind, format=ReportFormat.DOCX)
    with pytest.raises(PermissionDenied):
        template_upload(user=user, programme=cast.programme, name="Mẫu", filename="mau.docx", data=b"PK")
    assert (_records(), started) == (before, [])


def test_a_manager_s_request_is_recorded_and_made_in_the_background(
    cast: Cast, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    started: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(
            enqueue=started.append,
            user=cast.manager,
            programme=cast.programme,
            as_of=date(2025, 12, 31),
            kind=ReportKind.ANNUAL,
            format=ReportFormat.XLSX,
        )
    assert (started, report.requested_by, report.state) == ([report.pk], cast.manager, ReportState.QUEUED)


@pytest.mark.parametrize("name", ["reports:create", "reports:templates"])
def test_the_posts_the_matrix_refuses_succeed_for_the_managers(
    cast: Cast, name: str, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    rule = FIGURE_RULES[name]
    assert rule.post is not None
    reports_sample(cast)
    for who in sorted(rule.post_allowed):
        before = _records()
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(cast, who).post(
                f"/bao-cao/{'tao/' if name == 'reports:create' else 'mau/'}", rule.post
            )
        assert response.status_code == 302, who
        reports, templates = _records()
        if name == "reports:create":
            assert (len(reports), templates) == (len(before[0]) + 1, before[1])
            assert Report.objects.get(pk=max(reports)).state == ReportState.DONE
        else:
            assert (reports, len(templates)) == (before[0], len(before[1]) + 1)


def test_the_command_makes_a_report_for_a_user_who_may_make_one_only(cast: Cast, tmp_path: Path) -> None:
    before = _records()
    out = tmp_path / "nam-2025.xlsx"
    options = ["--as-of", "2025-12-31", "--kind", "annual", "--format", "xlsx", "--out", str(out)]
    with pytest.raises(CommandError, match="Chỉ người quản lý chương trình mới được tạo báo cáo"):
        call_command("report", *options, "--user", cast.viewer.get_username(), stdout=StringIO())
    assert (_records(), out.exists()) == (before, False)
    call_command("report", *options, "--user", cast.manager.get_username(), stdout=StringIO())
    report = Report.objects.get()
    assert (report.requested_by, report.requested_via, out.exists()) == (cast.manager, "cli", True)

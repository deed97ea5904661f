"""Once tasks are tracked (nqtrack.tracking), the report says which are done and which are late."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.domain.report_content import ReportKind
from nqtrack.programmes.models import Organisation, Programme
from nqtrack.reports.content import report_content_build
from nqtrack.tracking.models import OrganisationMembership, TrackedItem
from nqtrack.tracking.services import UpdateInput, update_post
from nqtrack.tracking.sync import tracking_sync
from tests.grants import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracked(programme: Programme) -> Programme:
    tracking_sync(programme=programme)
    # Huyện ủy Yên Thế issued its implementation plan on 20/9/2022, before the September deadline.
    user = get_user_model().objects.create_user(username="yen-the")
    organisation = Organisation.objects.get(code="yen_the_district_party_committee")
    OrganisationMembership.objects.create(user=user, organisation=organisation)
    user = grant(user, Role.REPORTER, ScopeSelection(capture_organisations=(organisation,)))
    item = TrackedItem.objects.get(programme=programme, code="IV.2-215")
    plan = UpdateInput(
        narrative="Đã ban hành Kế hoạch thực hiện.",
        completes=True,
        document="Kế hoạch số 12-KH/HU ngày 20/9/2022",
        issuer="Huyện ủy Yên Thế",
    )
    update_post(user=user, item=item, data=plan, today=date(2022, 9, 25))
    return programme


def test_task_status_on_the_as_of_date(tracked: Programme) -> None:
    content = report_content_build(
        user=None, programme=tracked, as_of=date(2025, 12, 31), kind=ReportKind.SO_KET
    )
    assert content.tasks_tracked is True
    by_code = {t.code: t for t in content.tasks}
    assert len(by_code) == 39  # the district sub-tasks of IV.2 are folded into IV.2
    # One district of ten reported its plan, nine sent nothing: IV.2 is not reported, not late.
    assert (by_code["IV.2"].status, by_code["IV.2"].late, by_code["IV.2"].done) == (
        "Chưa báo cáo",
        False,
        False,
    )
    assert by_code["IV.2"].result == ("Huyện ủy Yên Thế (ngày 25/09/2022): Đã ban hành Kế hoạch thực hiện.")
    # Recurring tasks report yearly from 2022; no report for 2022–2024 is in: unreported, not late.
    assert (by_code["III.1.1"].status, by_code["III.1.1"].late) == ("Chưa báo cáo", False)
    assert by_code["III.1.1"].lead == "Ban cán sự đảng UBND tỉnh"
    assert [t.code for t in content.tasks if t.late] == []
    assert content.task_summary == (
        "Chương trình có 33 nhiệm vụ, giải pháp và 6 nhiệm vụ tổ chức thực hiện: 39 chưa báo cáo (Phụ lục 2)."
    )
    silent = [line for line in content.limitations if "chưa có báo cáo kết quả" in line]
    assert len(silent) == 1
    assert silent[0].startswith("39 nhiệm vụ chưa có báo cáo kết quả: III.1.1; III.1.2; ")
    assert not any("chậm" in line for line in content.limitations if "nhiệm vụ" in line)
    # the Yên Thế plan is the one report of IV: section I quotes it
    assert content.leadership == (
        "IV.2: Huyện ủy Yên Thế (ngày 25/09/2022): Đã ban hành Kế hoạch thực hiện.",
    )
    # nobody reported on a key project: nothing is known, it is not "not started"
    assert {p.status for p in content.key_projects} == {"Chưa có thông tin"}


def test_with_no_report_at_all_nothing_is_late_and_nothing_listed_twice(programme: Programme) -> None:
    tracking_sync(programme=programme)
    content = report_content_build(
        user=None, programme=programme, as_of=date(2025, 12, 31), kind=ReportKind.SO_KET
    )
    assert {t.status for t in content.tasks} == {"Chưa báo cáo"}
    assert content.task_summary == (
        "Chương trình có 33 nhiệm vụ, giải pháp và 6 nhiệm vụ tổ chức thực hiện; đến nay chưa nhận được "
        "báo cáo kết quả của nhiệm vụ nào (Phụ lục 2)."
    )
    task_lines = [line for line in content.limitations if "nhiệm vụ" in line]
    assert len(task_lines) == 1
    assert "chậm" not in task_lines[0]
    assert task_lines[0].count("IV.2 (hạn tháng 9/2022)") == 1
    assert content.leadership[0].startswith("[Cần bổ sung: công tác lãnh đạo, chỉ đạo, quán triệt")
    assert all(g.to_complete.startswith("[Cần bổ sung: kết quả thực hiện") for g in content.task_results)


def test_before_the_deadline_nothing_is_late(tracked: Programme) -> None:
    content = report_content_build(
        user=None, programme=tracked, as_of=date(2022, 9, 1), kind=ReportKind.ANNUAL
    )
    by_code = {t.code: t for t in content.tasks}
    assert (by_code["IV.2"].status, by_code["IV.2"].late) == ("Chưa báo cáo", False)
    assert [t.code for t in content.tasks if t.late] == []

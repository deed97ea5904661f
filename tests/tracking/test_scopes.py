"""Task tracking read and written within each user's scopes (docs/security.md), for every role of the cast.

The cast and the sample are the matrix test's (tests/accounts/conftest.py, tests/accounts/matrix_tracking.py):
IV.4 led by the department (Ban Tuyên giáo Tỉnh ủy), an update on it for 2022 posted by the department
reporter with an evidence file, waiting for review, and a key project the department is responsible for.
Here: what each role sees on the pages (exact sets), that the allowed writes succeed, and that a refused
write changes nothing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied
from django.test import Client

from nqtrack.accounts import scopes
from nqtrack.accounts.models import EventKind, Role, SecurityEvent
from nqtrack.programmes.models import Organisation
from nqtrack.tracking.models import (
    DocumentLink,
    OrganisationMembership,
    ProgressUpdate,
    ProjectMilestone,
    ProjectStatus,
    ProjectTracking,
    RegisteredDocument,
    TrackedItem,
    UpdateState,
)
from nqtrack.tracking.services import (
    document_register,
    item_set_schedule,
    project_add_milestone,
    project_update,
    update_review,
)
from tests.accounts.conftest import DEPARTMENT, ROLES, Cast, client_for, make_user
from tests.accounts.matrix_tracking import PDF, SAMPLE_ITEM, TRACKING_RULES, Sample, tracking_sample

pytestmark = pytest.mark.django_db

SIGNED_IN = [r for r in ROLES if r != "anonymous"]
# Whose view scope covers the department: its reporter, the viewer (every organisation), the managers.
DEPARTMENT_VIEW = {"department_reporter", "viewer", "manager", "admin"}
MANAGERS = {"manager", "admin"}
NARRATIVE = "Đã chỉ đạo Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh mở chuyên mục."


@pytest.fixture
def sample(cast: Cast) -> Sample:
    return tracking_sample(cast)


def department(cast: Cast) -> Organisation:
    return Organisation.objects.get(programme=cast.programme, code=DEPARTMENT)


def html_of(cast: Cast, who: str, url: str) -> str:
    response = client_for(cast, who).get(url)
    assert response.status_code == 200, (who, url)
    return response.content.decode()


def update_row(update: ProgressUpdate) -> dict[str, Any]:
    return dict(ProgressUpdate.objects.filter(pk=update.pk).values().get())


def signed_in(cast: Cast, who: str) -> User:
    user = cast.by_name(who)
    assert user is not None, who
    return user


def codes(organisations: Any) -> set[str]:
    return {o.code for o in organisations}


# -- the scope functions ------------------------------------------------------------------------------------


def test_whose_internal_updates_each_role_reads_and_reviews(cast: Cast) -> None:
    everything = set(Organisation.objects.filter(programme=cast.programme).values_list("code", flat=True))
    assert len(everything) == 21
    viewable = {who: codes(scopes.viewable_organisations(user=signed_in(cast, who))) for who in SIGNED_IN}
    reviewable = {
        who: codes(scopes.task_review_organisations(user=signed_in(cast, who))) for who in SIGNED_IN
    }
    assert viewable == {
        "commune_reporter": set(),
        "district_reporter": set(),
        "province_reviewer": set(),
        "department_reporter": {DEPARTMENT},
        "viewer": everything,
        "manager": everything,
        "admin": everything,
    }
    # reporters and viewers review nothing; the province reviewer's remit is units, not organisations
    assert reviewable == {who: set() for who in SIGNED_IN} | {"manager": everything, "admin": everything}


def test_a_reviewer_whose_capture_scope_covers_the_organisation_reviews_its_updates(cast: Cast) -> None:
    reviewer = make_user("duyet_tuyen_giao", Role.REVIEWER, capture_organisations=[department(cast)])
    yen_the = Organisation.objects.get(programme=cast.programme, code="yen_the_district_party_committee")
    assert scopes.can_review_task_update(user=reviewer, organisation=department(cast), author=None)
    assert not scopes.can_review_task_update(user=reviewer, organisation=yen_the, author=None)
    assert not scopes.can_review_task_update(user=reviewer, organisation=department(cast), author=reviewer)
    # a reporter of the organisation posts its updates but does not review them
    assert not scopes.can_review_task_update(
        user=cast.department_reporter, organisation=department(cast), author=None
    )


def test_schedules_the_register_and_key_projects_by_role(cast: Cast) -> None:
    responsible = department(cast)
    users = {who: cast.by_name(who) or AnonymousUser() for who in ROLES}
    rules = {
        who: (
            scopes.can_manage_task_schedules(user=user),
            scopes.can_register_documents(user=user),
            scopes.can_edit_key_project(user=user, responsible=responsible),
            scopes.can_edit_key_project(user=user, responsible=None),
        )
        for who, user in users.items()
    }
    nothing = (False, False, False, False)
    assert rules == {who: nothing for who in ROLES} | {
        "department_reporter": (False, False, True, False),
        "manager": (True, True, True, True),
        "admin": (True, True, True, True),
    }


# -- the task page ------------------------------------------------------------------------------------------


def shown(html: str) -> dict[str, object]:
    """What the task page shows of the sample: its updates, evidence links, review and write forms."""
    return {
        "updates": re.findall(r'<article class="update" data-update="\d+" data-state="(\w+)"', html),
        "narrative": NARRATIVE in html,
        "evidence": re.findall(r'<a href="/nhiem-vu/minh-chung/\d+/">([^<]+)</a>', html),
        "review_form": "/duyet/" in html,
        "post_form": "Gửi báo cáo tiến độ" in html,
        "schedule_form": "Lưu thời hạn" in html,
    }


def test_each_role_sees_the_internal_update_only_within_its_view_scope(cast: Cast, sample: Sample) -> None:
    url = f"/nhiem-vu/{SAMPLE_ITEM}/"
    seen = {who: shown(html_of(cast, who, url)) for who in SIGNED_IN}
    outside = {
        "updates": [],
        "narrative": False,
        "evidence": [],
        "review_form": False,
        "post_form": False,
        "schedule_form": False,
    }
    inside = outside | {"updates": ["submitted"], "narrative": True, "evidence": ["bao-cao-tuyen-truyen.pdf"]}
    assert seen == {
        "commune_reporter": outside,
        "district_reporter": outside,
        "province_reviewer": outside,
        # its author: may post again, never review their own update
        "department_reporter": inside | {"post_form": True},
        "viewer": inside,
        "manager": inside | {"review_form": True, "post_form": True, "schedule_form": True},
        "admin": inside | {"review_form": True, "post_form": True, "schedule_form": True},
    }
    # the programme's own text of the task, for everyone signed in
    for who in SIGNED_IN:
        html = html_of(cast, who, url)
        assert '<dd data-role="lead">Ban Tuyên giáo Tỉnh ủy</dd>' in html, who
        assert "Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan thông tin, truyền thông" in html, who


def test_an_accepted_update_is_read_by_everyone_signed_in_without_its_evidence_or_comment(
    cast: Cast, sample: Sample
) -> None:
    update_review(
        user=cast.manager, update=sample.update, accept=True, comment="Đúng tiến độ, đủ minh chứng."
    )
    url = f"/nhiem-vu/{SAMPLE_ITEM}/"
    for who in SIGNED_IN:
        html = html_of(cast, who, url)
        page = shown(html)
        assert (page["updates"], page["narrative"]) == (["accepted"], True), who
        inside = who in DEPARTMENT_VIEW
        assert page["evidence"] == (["bao-cao-tuyen-truyen.pdf"] if inside else []), who
        assert ("Đúng tiến độ, đủ minh chứng." in html) is inside, who
        assert ("(quan_ly)" in html) is inside, who  # the reviewer's name goes with the comment
        assert page["review_form"] is False, who


def test_a_returned_update_and_its_comment_stay_within_the_view_scope(cast: Cast, sample: Sample) -> None:
    update_review(user=cast.admin, update=sample.update, accept=False, comment="Bổ sung số chuyên mục đã mở.")
    for who in SIGNED_IN:
        html = html_of(cast, who, f"/nhiem-vu/{SAMPLE_ITEM}/")
        inside = who in DEPARTMENT_VIEW
        assert shown(html)["updates"] == (["returned"] if inside else []), who
        assert ("Bổ sung số chuyên mục đã mở." in html) is inside, who


def test_evidence_downloads_within_the_view_scope_and_refusals_are_recorded(
    cast: Cast, sample: Sample
) -> None:
    url = f"/nhiem-vu/minh-chung/{sample.evidence.pk}/"
    for who in SIGNED_IN:
        response = client_for(cast, who).get(url)
        if who in DEPARTMENT_VIEW:
            assert response.status_code == 200, who
            assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
        else:
            assert response.status_code == 403, who
    refused = SecurityEvent.objects.filter(kind=EventKind.FILE_DENIED).order_by("pk")
    assert [(e.subject.get_username() if e.subject else None, e.detail["area"]) for e in refused] == [
        ("xa_tu_lan", "tracking"),
        ("huyen_viet_yen", "tracking"),
        ("duyet_tinh", "tracking"),
    ]


def test_the_public_page_shows_no_update_comment_or_evidence(
    cast: Cast, sample: Sample, client: Client
) -> None:
    update_review(
        user=cast.manager, update=sample.update, accept=False, comment="Ghi chú nội bộ: thiếu số liệu."
    )
    html = client.get("/cong-khai/").content.decode()
    for secret in (NARRATIVE, "Ghi chú nội bộ", "bao-cao-tuyen-truyen.pdf", "/nhiem-vu/", "ban_tuyen_giao"):
        assert secret not in html, secret


# -- reviewing ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", sorted(set(SIGNED_IN) - MANAGERS))
def test_a_refused_review_changes_nothing(cast: Cast, sample: Sample, who: str) -> None:
    before = update_row(sample.update)
    with pytest.raises(PermissionDenied):
        update_review(user=signed_in(cast, who), update=sample.update, accept=True)
    response = client_for(cast, who).post(
        f"/nhiem-vu/bao-cao/{sample.update.pk}/duyet/", {"decision": "return", "comment": "Thiếu minh chứng."}
    )
    assert response.status_code == 403
    assert update_row(sample.update) == before
    assert before["state"] == UpdateState.SUBMITTED


@pytest.mark.parametrize("who", sorted(MANAGERS))
def test_the_managers_accept_through_the_page(cast: Cast, sample: Sample, who: str) -> None:
    rule = TRACKING_RULES["tracking:review"]
    assert rule.post is not None
    response = client_for(cast, who).post(f"/nhiem-vu/bao-cao/{sample.update.pk}/duyet/", rule.post)
    assert (response.status_code, response["Location"]) == (302, f"/nhiem-vu/{SAMPLE_ITEM}/")
    accepted = ProgressUpdate.objects.get(pk=sample.update.pk)
    assert (accepted.state, accepted.reviewed_by) == (UpdateState.ACCEPTED, cast.by_name(who))


def test_what_waits_for_each_roles_review(cast: Cast, sample: Sample) -> None:
    department_reviewer = make_user(
        "duyet_tuyen_giao", Role.REVIEWER, capture_organisations=[department(cast)]
    )
    clients = {who: client_for(cast, who) for who in SIGNED_IN} | {"department_reviewer": Client()}
    clients["department_reviewer"].force_login(department_reviewer)
    waiting = {}
    for who, client in clients.items():
        html = client.get("/nhiem-vu/don-vi-cua-toi/").content.decode()
        found = re.search(r'<ul data-list="to-review">(.*?)</ul>', html, re.S)
        waiting[who] = re.findall(r"/nhiem-vu/([^/]+)/", found.group(1)) if found else []
    assert waiting == {who: [] for who in SIGNED_IN} | {
        "manager": [SAMPLE_ITEM],
        "admin": [SAMPLE_ITEM],
        "department_reviewer": [SAMPLE_ITEM],
    }


# -- posting ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["department_reporter", "manager", "admin"])
def test_the_departments_scope_and_the_managers_post_on_its_task(
    cast: Cast, sample: Sample, who: str
) -> None:
    rule = TRACKING_RULES["tracking:post"]
    assert rule.post is not None
    response = client_for(cast, who).post(f"/nhiem-vu/{SAMPLE_ITEM}/bao-cao/", rule.post)
    assert (response.status_code, response["Location"]) == (302, f"/nhiem-vu/{SAMPLE_ITEM}/")
    posted = ProgressUpdate.objects.exclude(pk=sample.update.pk).get()
    assert (posted.author, posted.organisation.code, posted.period, posted.percent, posted.state) == (
        cast.by_name(who),
        DEPARTMENT,
        "2022",
        50,
        UpdateState.SUBMITTED,
    )


# -- schedules and the register -----------------------------------------------------------------------------


def item_schedule(code: str) -> tuple[date | None, date | None, str]:
    item = TrackedItem.objects.get(code=code)
    return item.start, item.due, item.cycle


@pytest.mark.parametrize("who", sorted(MANAGERS))
def test_the_managers_set_a_schedule_through_the_page(cast: Cast, sample: Sample, who: str) -> None:
    rule = TRACKING_RULES["tracking:schedule"]
    assert rule.post is not None
    assert item_schedule(SAMPLE_ITEM) == (date(2022, 6, 16), date(2030, 12, 31), "yearly")
    response = client_for(cast, who).post(f"/nhiem-vu/{SAMPLE_ITEM}/thoi-han/", rule.post)
    assert response.status_code == 302
    assert item_schedule(SAMPLE_ITEM) == (date(2022, 6, 16), date(2030, 12, 31), "quarterly")


def test_a_reporter_cannot_set_a_schedule_or_register_a_document_and_nothing_changes(
    cast: Cast, sample: Sample
) -> None:
    user = cast.department_reporter
    documents = (RegisteredDocument.objects.count(), DocumentLink.objects.count())
    with pytest.raises(PermissionDenied) as caught:
        item_set_schedule(user=user, item=sample.item, start=None, due=date(2025, 12, 31), cycle="monthly")
    assert str(caught.value) == "Bạn không có quyền đặt thời hạn nhiệm vụ."
    with pytest.raises(PermissionDenied) as caught:
        document_register(
            user=user,
            programme=cast.programme,
            citation="Kế hoạch số 150/KH-UBND ngày 12/10/2022",
            issuer="UBND tỉnh Bắc Giang",
            links=[(sample.item, "assigns")],
        )
    assert str(caught.value) == "Bạn không có quyền vào sổ văn bản."
    assert item_schedule(SAMPLE_ITEM) == (date(2022, 6, 16), date(2030, 12, 31), "yearly")
    assert (RegisteredDocument.objects.count(), DocumentLink.objects.count()) == documents


@pytest.mark.parametrize("who", sorted(MANAGERS))
def test_the_managers_register_a_document_through_the_page(cast: Cast, sample: Sample, who: str) -> None:
    rule = TRACKING_RULES["tracking:register"]
    assert rule.post is not None
    assert "Vào sổ văn bản" in html_of(cast, who, "/nhiem-vu/van-ban/")
    response = client_for(cast, who).post("/nhiem-vu/van-ban/", rule.post)
    assert response.status_code == 302
    document = RegisteredDocument.objects.get(number="150/KH-UBND")
    assert (document.issuer, document.registered_by) == ("UBND tỉnh Bắc Giang", cast.by_name(who))
    assert [(link.item.code, link.relation) for link in document.links.all()] == [(SAMPLE_ITEM, "assigns")]


def test_only_the_managers_are_offered_the_register_form(cast: Cast, sample: Sample) -> None:
    offered = {who for who in SIGNED_IN if "Vào sổ văn bản" in html_of(cast, who, "/nhiem-vu/van-ban/")}
    assert offered == MANAGERS


# -- key projects -------------------------------------------------------------------------------------------


def project_state(project: ProjectTracking) -> tuple[str, str | None, str, list[str]]:
    fresh = ProjectTracking.objects.select_related("responsible").get(pk=project.pk)
    milestones = list(ProjectMilestone.objects.filter(project=project).values_list("name", flat=True))
    return fresh.status, fresh.responsible.code if fresh.responsible else None, fresh.note, milestones


@pytest.mark.parametrize("who", ["department_reporter", "manager", "admin"])
def test_the_responsible_organisation_and_the_managers_add_a_milestone(
    cast: Cast, sample: Sample, who: str
) -> None:
    rule = TRACKING_RULES["tracking:project"]
    assert rule.post is not None
    response = client_for(cast, who).post(f"/nhiem-vu/cong-trinh/{sample.project.pk}/", rule.post)
    assert response.status_code == 302
    assert project_state(sample.project) == ("preparing", DEPARTMENT, "", ["Phê duyệt chủ trương đầu tư"])


def test_only_those_who_may_update_a_project_are_offered_its_forms(cast: Cast, sample: Sample) -> None:
    url = f"/nhiem-vu/cong-trinh/{sample.project.pk}/"
    offered = {who for who in SIGNED_IN if 'value="milestone"' in html_of(cast, who, url)}
    assert offered == {"department_reporter", "manager", "admin"}


def test_the_responsible_organisation_reports_the_status_but_does_not_give_the_project_away(
    cast: Cast, sample: Sample
) -> None:
    other = Organisation.objects.get(programme=cast.programme, code="provincial_peoples_committee")
    before = project_state(sample.project)
    with pytest.raises(PermissionDenied) as caught:
        project_update(
            user=cast.department_reporter,
            project=sample.project,
            status=ProjectStatus.IN_PROGRESS,
            responsible=other,
        )
    assert str(caught.value) == "Chỉ người quản lý chương trình mới giao công trình, dự án cho cơ quan khác."
    assert project_state(sample.project) == before
    # through the page the responsible organisation is shown but kept, whatever is posted
    response = client_for(cast, "department_reporter").post(
        f"/nhiem-vu/cong-trinh/{sample.project.pk}/",
        {"form": "project", "status": "in_progress", "responsible": str(other.pk), "note": "Đã lập hồ sơ."},
    )
    assert response.status_code == 302
    assert project_state(sample.project) == ("in_progress", DEPARTMENT, "Đã lập hồ sơ.", [])
    # the programme manager gives it to another organisation
    project_update(user=cast.manager, project=sample.project, status="in_progress", responsible=other)
    assert project_state(sample.project)[1] == "provincial_peoples_committee"


@pytest.mark.parametrize("who", ["commune_reporter", "district_reporter", "province_reviewer", "viewer"])
def test_a_refused_project_update_changes_nothing(cast: Cast, sample: Sample, who: str) -> None:
    user = signed_in(cast, who)
    before = project_state(sample.project)
    with pytest.raises(PermissionDenied):
        project_update(user=user, project=sample.project, status="completed", responsible=department(cast))
    with pytest.raises(PermissionDenied):
        project_add_milestone(user=user, project=sample.project, name="Khởi công", due=date(2027, 1, 1))
    assert project_state(sample.project) == before


# -- "my organisations" -------------------------------------------------------------------------------------


def test_a_member_without_the_view_scope_does_not_read_its_organisations_internal_updates(
    cast: Cast, sample: Sample
) -> None:
    """Membership lists the organisation (for its deadlines) but grants nothing: its waiting and returned
    updates, with the reviewers' comments, need the view scope."""
    update_review(user=cast.manager, update=sample.update, accept=False, comment="Bổ sung minh chứng.")
    member = make_user("thanh_vien", Role.REPORTER)
    OrganisationMembership.objects.create(user=member, organisation=department(cast))
    for user, inside in ((member, False), (cast.department_reporter, True)):
        OrganisationMembership.objects.get_or_create(user=user, organisation=department(cast))
        client = Client()
        client.force_login(user)
        html = client.get("/nhiem-vu/don-vi-cua-toi/").content.decode()
        assert f'<section data-organisation="{DEPARTMENT}">' in html
        assert ("Bổ sung minh chứng." in html) is inside, user


def test_the_interim_model_permissions_are_gone(db: None) -> None:
    """The scopes decide: the permissions that used to grant reviewing and schedules no longer exist,
    so no grant of them is left that looks as if it counted."""
    retired = Permission.objects.filter(
        content_type__app_label="tracking", codename__in=["manage_schedule", "review_update"]
    )
    assert list(retired.values_list("codename", flat=True)) == []

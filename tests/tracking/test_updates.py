"""Progress updates: who may post, what is checked, review and return, the documents they register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.domain.evidence import MAX_EVIDENCE_BYTES
from nqtrack.programmes.models import Organisation, Programme
from nqtrack.tracking.models import (
    DocumentLink,
    Evidence,
    OrganisationMembership,
    ProgressUpdate,
    RegisteredDocument,
    TrackedItem,
    UpdateState,
)
from nqtrack.tracking.selectors import ItemState, item_states
from nqtrack.tracking.services import (
    UpdateInput,
    document_register,
    item_set_schedule,
    tracking_refresh_statuses,
    update_post,
    update_review,
)
from tests.grants import grant
from tests.tracking.conftest import item

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
SEPT_25 = date(2022, 9, 25)


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def plan_done(**changes: object) -> UpdateInput:
    fields: dict[str, object] = {
        "narrative": "Ban Thường vụ Huyện ủy đã ban hành Kế hoạch triển khai thực hiện Nghị quyết 11-NQ/TW.",
        "completes": True,
        "percent": 100,
        "document": "Kế hoạch số 45-KH/HU ngày 20/9/2022",
        "issuer": "Huyện ủy Yên Thế",
        "links": ("https://bacgiang.dcs.vn/ke-hoach-45",),
        "files": (SimpleUploadedFile("ke-hoach-45.pdf", PDF, "application/pdf"),),
    }
    fields.update(changes)
    return UpdateInput(**fields)  # type: ignore[arg-type]


def snapshot() -> tuple[int, int, int, int]:
    return (
        ProgressUpdate.objects.count(),
        RegisteredDocument.objects.count(),
        DocumentLink.objects.count(),
        Evidence.objects.count(),
    )


def test_it_records_a_district_plan_with_its_document_and_evidence(alice: User, media: Path) -> None:
    plan = item("IV.2-215")
    update = update_post(user=alice, item=plan, data=plan_done(), today=SEPT_25)
    assert (update.organisation.code, update.author, update.posted_on, update.state) == (
        "yen_the_district_party_committee",
        alice,
        SEPT_25,
        UpdateState.SUBMITTED,
    )
    document = update.document
    assert document is not None
    assert (document.kind, document.number, document.date, document.issuer) == (
        "Kế hoạch",
        "45-KH/HU",
        date(2022, 9, 20),
        "Huyện ủy Yên Thế",
    )
    assert [(link.item.code, link.relation) for link in document.links.all()] == [("IV.2-215", "completes")]
    files = update.evidence.exclude(file="")
    assert [(e.name, e.size) for e in files] == [("ke-hoach-45.pdf", len(PDF))]
    assert (media / str(files[0].file.name)).read_bytes() == PDF
    assert list(update.evidence.filter(file="").values_list("url", flat=True)) == [
        "https://bacgiang.dcs.vn/ke-hoach-45"
    ]
    assert item("IV.2-215").status == "done"
    assert item("IV.2").status == "not_reported"  # one plan of ten: nine districts have not reported


def test_only_the_lead_and_cooperating_organisations_post(bob: User, carol: User, alice: User) -> None:
    task = item("III.2.5")
    note = UpdateInput(narrative="Đã khởi công cầu Hòa Yên.", period="2022")
    assert update_post(user=bob, item=task, data=note, today=SEPT_25).organisation.code == (
        "provincial_pc_party_delegation"
    )
    assert update_post(user=carol, item=task, data=note, today=SEPT_25).organisation.code == (
        "provincial_peoples_committee"
    )
    before = snapshot()
    with pytest.raises(PermissionDenied) as caught:
        update_post(user=alice, item=task, data=note, today=SEPT_25)
    assert (
        str(caught.value)
        == "Chỉ cán bộ của cơ quan chủ trì hoặc phối hợp mới được báo cáo tiến độ nhiệm vụ này."
    )
    assert snapshot() == before


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_an_update_for_another_organisations_task_is_refused_and_nothing_is_saved(
    who: str, request: pytest.FixtureRequest, media: Path
) -> None:
    user = request.getfixturevalue(who)
    other_district = item("IV.2-216")  # Tân Yên's plan
    before = snapshot()
    with pytest.raises(PermissionDenied):
        update_post(user=user, item=other_district, data=plan_done(), today=SEPT_25)
    assert snapshot() == before
    assert list(media.rglob("*.pdf")) == []
    assert item("IV.2-216").status == "not_reported"


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"files": (SimpleUploadedFile("ke-hoach.exe", b"MZ\x90\x00", "application/octet-stream"),)},
            {
                "evidence": [
                    "Tệp “ke-hoach.exe”: loại tệp không được nhận; "
                    "chỉ nhận pdf, png, jpg, jpeg, docx, xlsx, odt, ods, doc, xls."
                ]
            },
        ),
        (
            {"files": (SimpleUploadedFile("scan.pdf", PDF + b"0" * MAX_EVIDENCE_BYTES, "application/pdf"),)},
            {"evidence": ["Tệp “scan.pdf” nặng 10,0 MB, vượt giới hạn 10,0 MB."]},
        ),
        (
            {"document": "Kế hoạch số 45/KH ngày 20/9/2022"},
            {
                "document": [
                    "Số, ký hiệu “45/KH” không đúng dạng: văn bản của Đảng ghi như 12-KH/TU, "
                    "văn bản nhà nước ghi như 123/QĐ-UBND hoặc 30/2020/NĐ-CP."
                ]
            },
        ),
        (
            {"document": "Kế hoạch số 45-KH/HU ngày 20/10/2022"},
            {"document": ["Ngày ban hành 20/10/2022 sau ngày hôm nay: kiểm tra lại ngày của văn bản."]},
        ),
        (
            {"document": "", "issuer": ""},
            {
                "document": [
                    "Báo cáo hoàn thành cần văn bản ghi nhận (ví dụ: Kế hoạch số 12-KH/HU ngày 20/9/2022)."
                ]
            },
        ),
        (
            {"issuer": ""},
            {"issuer": ["Ghi cơ quan ban hành văn bản (ví dụ: UBND tỉnh Bắc Giang)."]},
        ),
        (
            {"narrative": "  ", "percent": 120, "period": "2022", "links": ("ftp://x",)},
            {
                "narrative": ["Ghi nội dung đã thực hiện."],
                "percent": ["Tỷ lệ hoàn thành phải từ 0 đến 100%."],
                "period": ["Nhiệm vụ làm một lần không báo cáo theo kỳ."],
                "links": [
                    "Đường dẫn “ftp://x” không hợp lệ: ghi đầy đủ, bắt đầu bằng http:// hoặc https://."
                ],
            },
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    alice: User, media: Path, changes: dict[str, object], errors: dict[str, list[str]]
) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        update_post(user=alice, item=item("IV.2-215"), data=plan_done(**changes), today=SEPT_25)
    assert caught.value.message_dict == errors
    assert snapshot() == before
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_a_recurring_task_reports_on_one_of_its_periods(bob: User) -> None:
    task = item("III.2.5")
    with pytest.raises(ValidationError) as caught:
        update_post(user=bob, item=task, data=UpdateInput(narrative="x", period="2023"), today=SEPT_25)
    assert caught.value.message_dict == {
        "period": ["Chọn kỳ báo cáo của nhiệm vụ (hằng năm, từ năm 2022 đến năm 2022)."]
    }
    with pytest.raises(ValidationError) as caught:
        update_post(
            user=bob, item=task, data=UpdateInput(narrative="x", period="2022", completes=True), today=SEPT_25
        )
    assert caught.value.message_dict == {
        "completes": ["Nhiệm vụ thường xuyên không đánh dấu hoàn thành; báo cáo theo từng kỳ."]
    }
    assert ProgressUpdate.objects.count() == 0


def test_a_returned_update_no_longer_counts_and_keeps_the_reviewers_comment(alice: User, rita: User) -> None:
    update = update_post(user=alice, item=item("IV.2-215"), data=plan_done(), today=SEPT_25)
    with pytest.raises(ValidationError) as caught:
        update_review(user=rita, update=update, accept=False, comment=" ", today=SEPT_25)
    assert caught.value.message_dict == {"comment": ["Trả lại báo cáo cần ghi lý do để đơn vị bổ sung."]}
    assert ProgressUpdate.objects.get(pk=update.pk).state == UpdateState.SUBMITTED
    update_review(
        user=rita, update=update, accept=False, comment="Thiếu bản ký, đóng dấu.", today=date(2022, 10, 3)
    )
    returned = ProgressUpdate.objects.get(pk=update.pk)
    assert (returned.state, returned.review_comment, returned.reviewed_by) == (
        UpdateState.RETURNED,
        "Thiếu bản ký, đóng dấu.",
        rita,
    )
    # on 3/10 with its only report returned: nothing stands, so nothing is known (not "late")
    assert item("IV.2-215").status == "not_reported"


def test_an_accepted_update_stands_and_nobody_else_reviews(alice: User, bob: User, rita: User) -> None:
    update = update_post(user=alice, item=item("IV.2-215"), data=plan_done(), today=SEPT_25)
    for user in (alice, bob):
        with pytest.raises(PermissionDenied):
            update_review(user=user, update=update, accept=True)
    assert ProgressUpdate.objects.get(pk=update.pk).state == UpdateState.SUBMITTED
    update_review(user=rita, update=update, accept=True, today=SEPT_25)
    assert ProgressUpdate.objects.get(pk=update.pk).state == UpdateState.ACCEPTED
    with pytest.raises(ValidationError):
        update_review(user=rita, update=update, accept=False, comment="đổi ý")
    assert item("IV.2-215").status == "done"


def test_a_due_before_the_start_is_refused_and_nothing_changes(bob: User, charlie: User) -> None:
    manager = grant(bob, Role.PROGRAMME_MANAGER, ScopeSelection())
    plan = item("IV.2-215")
    with pytest.raises(ValidationError) as caught:
        item_set_schedule(
            user=manager, item=plan, start=date(2022, 10, 1), due=date(2022, 9, 30), cycle="yearly"
        )
    assert caught.value.message_dict == {"due": ["Hạn 30/09/2022 trước ngày bắt đầu 01/10/2022."]}
    assert (item("IV.2-215").start, item("IV.2-215").due) == (date(2022, 6, 16), date(2022, 9, 30))
    with pytest.raises(PermissionDenied):
        item_set_schedule(user=charlie, item=plan, start=None, due=date(2022, 12, 31), cycle="yearly")
    item_set_schedule(
        user=manager, item=plan, start=None, due=date(2022, 12, 31), cycle="yearly", today=date(2022, 10, 5)
    )
    assert (item("IV.2-215").due, item("IV.2-215").status) == (date(2022, 12, 31), "not_reported")


def test_the_register_links_a_document_to_the_tasks_it_assigns(tracked: Programme, bob: User) -> None:
    links = [(item("III.2.5"), "assigns"), (item("III.3.3"), "assigns")]
    citation = "Kế hoạch số 150/KH-UBND ngày 12/10/2022"
    with pytest.raises(PermissionDenied):
        document_register(user=bob, programme=tracked, citation=citation, issuer="UBND tỉnh", links=links)
    assert RegisteredDocument.objects.filter(number="150/KH-UBND").count() == 0
    clerk = grant(bob, Role.PROGRAMME_MANAGER, ScopeSelection())
    document = document_register(
        user=clerk,
        programme=tracked,
        citation=citation,
        issuer="UBND tỉnh Bắc Giang",
        title="thực hiện Chương trình hành động số …",
        links=links,
        today=date(2022, 10, 20),
    )
    assert (document.kind, document.date, document.registered_by) == ("Kế hoạch", date(2022, 10, 12), clerk)
    assert sorted((link.item.code, link.relation) for link in document.links.all()) == [
        ("III.2.5", "assigns"),
        ("III.3.3", "assigns"),
    ]
    # registering it again adds nothing
    document_register(
        user=clerk, programme=tracked, citation=citation, issuer="UBND tỉnh Bắc Giang", links=links
    )
    assert RegisteredDocument.objects.filter(number="150/KH-UBND").count() == 1
    assert DocumentLink.objects.filter(document=document).count() == 2


def test_the_same_plan_entered_by_two_updates_is_one_register_entry(alice: User, tracked: Programme) -> None:
    update_post(user=alice, item=item("IV.2-215"), data=plan_done(files=()), today=SEPT_25)
    update_post(user=alice, item=item("IV.2-215"), data=plan_done(files=(), completes=False), today=SEPT_25)
    assert RegisteredDocument.objects.filter(number="45-KH/HU").count() == 1
    assert sorted(
        DocumentLink.objects.filter(document__number="45-KH/HU").values_list("relation", flat=True)
    ) == [
        "completes",
        "reports",
    ]


def test_statuses_refresh_for_any_day(tracked: Programme, alice: User) -> None:
    # nothing reported: every item is "chưa báo cáo", before and after the September deadline
    assert tracking_refresh_statuses(programme=tracked, today=date(2022, 9, 30)) == []
    assert tracking_refresh_statuses(programme=tracked, today=date(2022, 10, 1)) == []
    assert set(TrackedItem.objects.values_list("status", flat=True)) == {"not_reported"}
    recurring = set(TrackedItem.objects.filter(kind="recurring").values_list("code", flat=True))
    assert len(recurring) == 33 + 4  # the section III tasks and IV.3-IV.6
    # Yên Thế reports a draft on 20/9 but no plan: on schedule until its due, late the day after
    draft = UpdateInput(narrative="Đang xây dựng dự thảo kế hoạch.")
    update_post(user=alice, item=item("IV.2-215"), data=draft, today=date(2022, 9, 20))
    tracking_refresh_statuses(programme=tracked, today=date(2022, 9, 30))
    assert (item("IV.2-215").status, item("IV.2").status) == ("on_schedule", "not_reported")
    moved = tracking_refresh_statuses(programme=tracked, today=date(2022, 10, 1))
    assert sorted(i.code for i in moved) == ["IV.2", "IV.2-215"]
    assert (item("IV.2-215").status, item("IV.2").status) == ("late", "late")
    assert item("IV.2-216").status == "not_reported"  # Tân Yên sent nothing: not known to be late


def test_item_states_for_a_report_on_any_past_day(tracked: Programme, alice: User) -> None:
    update_post(user=alice, item=item("IV.2-215"), data=plan_done(files=()), today=date(2022, 10, 4))
    before = item_states(programme=tracked, as_of=date(2022, 10, 3))
    after = item_states(programme=tracked, as_of=date(2022, 10, 4))
    assert before["IV.2-215"] == ItemState("not_reported", "Chưa báo cáo", False, False, "Huyện ủy Yên Thế")
    # completed by a plan dated 20/9, entered on 4/10: done in time from the day it was entered
    assert after["IV.2-215"] == ItemState("done", "Hoàn thành", True, False, "Huyện ủy Yên Thế")
    assert after["IV.2"].status == "not_reported"  # nine districts still missing
    assert after["III.1.1"] == ItemState(
        "not_reported", "Chưa báo cáo", False, False, "Ban cán sự đảng UBND tỉnh"
    )
    assert len(after) == 49


def test_a_membership_without_a_capture_scope_no_longer_lets_one_post(media: Path, alice: User) -> None:
    """The accounts scopes decide (docs/security.md): a membership of the lead organisation alone is not
    enough, and a reporter whose scope is an unrelated organisation is refused; nothing is saved."""
    plan = item("IV.2-215")  # Yên Thế's plan; alice (scope: Huyện ủy Yên Thế) may post it
    member_only = User.objects.create_user("dung", "dung@example.org", "mật-khẩu-dài-đủ-12")
    OrganisationMembership.objects.create(user=member_only, organisation=plan_lead(plan))
    unrelated = grant(
        User.objects.create_user("em", "em@example.org", "mật-khẩu-dài-đủ-12"),
        Role.REPORTER,
        ScopeSelection(
            capture_organisations=(Organisation.objects.get(code="provincial_peoples_committee"),)
        ),
    )
    before = snapshot()
    for user in (member_only, unrelated):
        with pytest.raises(PermissionDenied) as caught:
            update_post(user=user, item=plan, data=plan_done(), today=SEPT_25)
        assert str(caught.value) == (
            "Chỉ cán bộ của cơ quan chủ trì hoặc phối hợp mới được báo cáo tiến độ nhiệm vụ này."
        )
    assert snapshot() == before
    assert list(media.rglob("*.pdf")) == []
    assert item("IV.2-215").status == "not_reported"
    update = update_post(user=alice, item=plan, data=plan_done(), today=SEPT_25)
    assert (update.organisation.code, update.author) == ("yen_the_district_party_committee", alice)


def plan_lead(plan: TrackedItem) -> Organisation:
    [lead] = [r.organisation for r in plan.roles.select_related("organisation") if r.role == "lead"]
    return lead

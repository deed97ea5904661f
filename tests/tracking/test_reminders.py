"""Reminders by e-mail, once per period, and the daily commands `tasks overdue` and `send-reminders`."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail as django_mail
from django.core.management import call_command
from django.core.management.base import CommandError

from nqtrack.cli import main as nqtrack
from nqtrack.programmes.models import Organisation, Programme
from nqtrack.tracking.models import OrganisationMembership, ReminderLog, TrackedItem
from nqtrack.tracking.reminders import reminders_send
from nqtrack.tracking.services import UpdateInput, update_post
from tests.tracking.conftest import item

pytestmark = pytest.mark.django_db

Mailbox = list[django_mail.EmailMessage]


def subjects(mailoutbox: Mailbox) -> list[tuple[list[str], str]]:
    return [(m.to, str(m.subject)) for m in mailoutbox]


def test_a_district_is_reminded_once_before_its_plan_is_due_and_once_when_it_is_missing(
    tracked: Programme, alice: User, mailoutbox: Mailbox
) -> None:
    assert reminders_send(programme=tracked, today=date(2022, 9, 22)) == []  # 8 days before: not yet
    sent = reminders_send(programme=tracked, today=date(2022, 9, 23))
    assert [(m.recipient, [r.item.code for r in m.reminders], m.sent) for m in sent] == [
        ("alice@example.org", ["IV.2-215"], True)
    ]
    assert subjects(mailoutbox) == [
        (["alice@example.org"], "[nqtrack] Nhắc báo cáo nhiệm vụ IV.2-215: sắp đến hạn, hạn 30/09/2022")
    ]
    assert "http://127.0.0.1:8000/nhiem-vu/IV.2-215/" in mailoutbox[0].body
    # the same period again, the same day or later: nothing more
    assert reminders_send(programme=tracked, today=date(2022, 9, 23)) == []
    assert reminders_send(programme=tracked, today=date(2022, 9, 29)) == []
    assert len(mailoutbox) == 1
    # the deadline passed without a report: one more, then silence
    reminders_send(programme=tracked, today=date(2022, 10, 1))
    reminders_send(programme=tracked, today=date(2022, 10, 2))
    assert subjects(mailoutbox)[1:] == [
        (["alice@example.org"], "[nqtrack] Nhắc báo cáo nhiệm vụ IV.2-215: chưa có báo cáo, hạn 30/09/2022")
    ]
    assert sorted(ReminderLog.objects.values_list("item__code", "kind", "period", "recipient")) == [
        ("IV.2-215", "due_soon", "2022-09-30", "alice@example.org"),
        ("IV.2-215", "missing", "2022-09-30", "alice@example.org"),
    ]


def test_a_reported_period_is_not_reminded(tracked: Programme, alice: User, mailoutbox: Mailbox) -> None:
    update_post(
        user=alice,
        item=item("IV.2-215"),
        data=UpdateInput(
            narrative="Đã ban hành kế hoạch.",
            completes=True,
            document="Kế hoạch số 45-KH/HU ngày 20/9/2022",
            issuer="Huyện ủy Yên Thế",
        ),
        today=date(2022, 9, 21),
    )
    assert reminders_send(programme=tracked, today=date(2022, 9, 23)) == []
    assert reminders_send(programme=tracked, today=date(2022, 10, 1)) == []
    assert mailoutbox == []


def test_recurring_tasks_are_reminded_once_per_period_in_one_mail_per_person(
    tracked: Programme, bob: User, mailoutbox: Mailbox
) -> None:
    # Bob's organisation leads the 33 section III tasks and IV.6, all reporting yearly.
    reminders_send(programme=tracked, today=date(2022, 12, 27))
    reminders_send(programme=tracked, today=date(2022, 12, 30))
    assert subjects(mailoutbox) == [(["bob@example.org"], "[nqtrack] Nhắc báo cáo: 34 nhiệm vụ")]
    assert mailoutbox[0].body.count("(năm 2022): sắp đến hạn, hạn 31/12/2022") == 34
    reminders_send(programme=tracked, today=date(2023, 1, 2))  # 2022 now missing
    reminders_send(programme=tracked, today=date(2023, 1, 3))
    assert [m.subject for m in mailoutbox] == ["[nqtrack] Nhắc báo cáo: 34 nhiệm vụ"] * 2
    assert mailoutbox[1].body.count("(năm 2022): chưa có báo cáo, hạn 31/12/2022") == 34
    assert ReminderLog.objects.filter(recipient="bob@example.org").count() == 68


def test_members_without_e_mail_and_inactive_members_get_nothing(
    tracked: Programme, mailoutbox: Mailbox
) -> None:
    yen_the = Organisation.objects.get(code="yen_the_district_party_committee")
    for name, email, active in [("no-mail", "", True), ("gone", "gone@example.org", False)]:
        user = User.objects.create_user(name, email, "mật-khẩu-dài-đủ-12", is_active=active)
        OrganisationMembership.objects.create(user=user, organisation=yen_the)
    assert reminders_send(programme=tracked, today=date(2022, 9, 23)) == []
    assert mailoutbox == []


def test_send_reminders_dry_run_lists_and_sends_nothing(
    tracked: Programme,
    alice: User,
    mailoutbox: Mailbox,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A command run from the command line closes the database connections when it ends; here that would
    # end the test's own transaction (on PostgreSQL), so the connections are left open.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    nqtrack(["send-reminders", "--dry-run", "--today", "2022-09-23"])
    assert capsys.readouterr().out.splitlines() == [
        "Sẽ gửi 1 thư, nhắc 1 nhiệm vụ.",
        "alice@example.org\tIV.2-215: sắp đến hạn, hạn 30/09/2022",
    ]
    assert mailoutbox == []
    assert ReminderLog.objects.count() == 0
    nqtrack(["send-reminders", "--today", "2022-09-23"])
    assert capsys.readouterr().out.splitlines()[0] == "Đã gửi 1 thư, nhắc 1 nhiệm vụ."
    assert len(mailoutbox) == 1
    nqtrack(["send-reminders", "--today", "2022-09-23"])
    assert capsys.readouterr().out.splitlines() == ["Đã gửi 0 thư, nhắc 0 nhiệm vụ."]


def test_tasks_overdue_prints_what_is_late_with_its_lead(tracked: Programme) -> None:
    out = StringIO()
    call_command("tasks", "overdue", "--today", "2022-10-01", stdout=out)
    lines = out.getvalue().splitlines()
    # nothing was reported: due and unreported, not late
    assert lines[0] == "Ngày 01/10/2022: 0 nhiệm vụ chậm tiến độ, 11 nhiệm vụ đã đến hạn chưa báo cáo."
    assert lines[1:3] == [
        "IV.2\tchưa báo cáo, hạn 30/09/2022\tCác huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
        "IV.2-213\tchưa báo cáo, hạn 30/09/2022\tThành ủy Bắc Giang",
    ]
    assert TrackedItem.objects.get(code="IV.2-223").status == "not_reported"
    out = StringIO()
    call_command("tasks", "overdue", "--today", "2023-01-01", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Ngày 01/01/2023: 0 nhiệm vụ chậm tiến độ, 48 nhiệm vụ đã đến hạn chưa báo cáo."
    assert "III.1.1\tchưa báo cáo năm 2022\tBan cán sự đảng UBND tỉnh" in lines


def test_tasks_sync_is_idempotent_and_bad_dates_are_refused(programme: Programme) -> None:
    out = StringIO()
    call_command("tasks", "sync", stdout=out)
    assert out.getvalue().startswith("Đã đồng bộ nhiệm vụ theo dõi: ")
    out = StringIO()
    call_command("tasks", "sync", stdout=out)
    assert out.getvalue() == "Đã đồng bộ nhiệm vụ theo dõi: 0 mục mới, 0 cập nhật.\n"
    with pytest.raises(CommandError, match="Ngày “30/9/2022” không đúng dạng YYYY-MM-DD."):
        call_command("tasks", "overdue", "--today", "30/9/2022")


def test_tasks_member_links_a_user_to_an_organisation(tracked: Programme) -> None:
    User.objects.create_user("dung", "dung@example.org", "mật-khẩu-dài-đủ-12")
    out = StringIO()
    call_command("tasks", "member", "dung", "luc_nam_district_party_committee", stdout=out)
    call_command("tasks", "member", "dung", "luc_nam_district_party_committee", stdout=out)
    assert out.getvalue().splitlines() == [
        "Đã gắn dung với Huyện ủy Lục Nam.",
        "Đã gắn từ trước dung với Huyện ủy Lục Nam.",
    ]
    assert list(OrganisationMembership.objects.values_list("user__username", "organisation__code")) == [
        ("dung", "luc_nam_district_party_committee")
    ]
    with pytest.raises(CommandError, match="Không có tài khoản “dung” hoặc cơ quan “khong_co”."):
        call_command("tasks", "member", "dung", "khong_co")
    assert OrganisationMembership.objects.count() == 1

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nqtrack.core.commandline import iso_day
from nqtrack.domain.deadlines import missing_periods, period_label
from nqtrack.programmes.commands import add_programme_argument, programme_from_options
from nqtrack.programmes.models import Programme
from nqtrack.tracking.facts import facts_by_item, schedule_of
from nqtrack.tracking.models import Kind, Role, Status, TrackedItem
from nqtrack.tracking.selectors import late_items, unreported_items
from nqtrack.tracking.services import membership_add, tracking_refresh_statuses
from nqtrack.tracking.sync import tracking_sync


class Command(BaseCommand):
    help = (
        "Theo dõi nhiệm vụ. `tasks sync`: tạo các nhiệm vụ theo dõi từ chương trình đã nạp; "
        "`tasks overdue`: cập nhật trạng thái, in các nhiệm vụ chậm tiến độ và các nhiệm vụ đã đến hạn "
        "chưa báo cáo (chạy hằng ngày); "
        "`tasks member USERNAME ORG_CODE`: gắn tài khoản với cơ quan, đơn vị."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["sync", "overdue", "member"])
        parser.add_argument("names", nargs="*", help="member: tên đăng nhập và mã cơ quan")
        add_programme_argument(parser)
        parser.add_argument("--today", type=iso_day, help="ngày xét (YYYY-MM-DD; mặc định: hôm nay)")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = programme_from_options(options)
        today = options["today"] or timezone.localdate()
        if options["action"] == "member":
            self._member(programme, options["names"])
            return
        if options["action"] == "sync":
            summary = tracking_sync(programme=programme)
            tracking_refresh_statuses(programme=programme, today=today)
            made = sum(summary.created.values())
            self.stdout.write(
                f"Đã đồng bộ nhiệm vụ theo dõi: {made} mục mới, {sum(summary.updated.values())} cập nhật."
            )
            return
        tracking_refresh_statuses(programme=programme, today=today)
        late = late_items(programme=programme)
        unreported = unreported_items(programme=programme, today=today)
        self.stdout.write(
            f"Ngày {today:%d/%m/%Y}: {len(late)} nhiệm vụ chậm tiến độ, "
            f"{len(unreported)} nhiệm vụ đã đến hạn chưa báo cáo."
        )
        facts = facts_by_item(late + unreported)
        for item in late + unreported:
            self.stdout.write(_line(item, facts.get(item.pk, []), today))

    def _member(self, programme: Programme, names: list[str]) -> None:
        if len(names) != 2:
            raise CommandError("Ghi: nqtrack tasks member <tên đăng nhập> <mã cơ quan>.")
        member = get_user_model().objects.filter(username=names[0]).first()
        organisation = programme.organisations.filter(code=names[1]).first()
        if member is None or organisation is None:
            raise CommandError(f"Không có tài khoản “{names[0]}” hoặc cơ quan “{names[1]}”.")
        added = membership_add(user=None, member=member, organisation=organisation)
        verb = "Đã gắn" if added else "Đã gắn từ trước"
        self.stdout.write(f"{verb} {member.get_username()} với {organisation.name}.")


def _line(item: TrackedItem, facts: list[Any], today: date) -> str:
    leads = ", ".join(r.organisation.name for r in item.roles.all() if r.role == Role.LEAD) or "chưa giao"
    if item.kind == Kind.ONE_OFF:
        words = "chậm tiến độ" if item.status == Status.LATE else "chưa báo cáo"
        late = f"{words}, hạn {item.due:%d/%m/%Y}" if item.due else words
    else:
        missing = [period_label(p.key) for p in missing_periods(schedule_of(item), facts, today)]
        late = "chưa báo cáo " + ", ".join(missing) if missing else item.get_status_display()
    return f"{item.code}\t{late}\t{leads}"

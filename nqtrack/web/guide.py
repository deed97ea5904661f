"""The first-run guide a programme manager sees on the dashboard until every step is done.

Each step's "done" is read from the database, never ticked by hand except the first, which is a person's
judgement recorded as such (:class:`~nqtrack.web.models.ProgrammeCheck`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nqtrack.accounts.models import Profile, Role
from nqtrack.accounts.scopes import can_manage_programme, require_manage_programme
from nqtrack.core.users import AnyUser
from nqtrack.observations.models import Observation, Origin, YearClosure
from nqtrack.programmes.models import Programme
from nqtrack.tracking.models import ProgressUpdate
from nqtrack.web.models import ProgrammeCheck


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    how: str
    done: bool


@dataclass(frozen=True)
class Guide:
    steps: list[Step]
    reporting_year: int

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.steps if s.done)


def reporting_year() -> int:
    """The year whose figures are being collected: the last full calendar year."""
    return timezone.localdate().year - 1


def first_run_guide(*, programme: Programme, user: AnyUser) -> Guide | None:
    """The guide for a programme manager (or an administrator); None for others or once every step is done."""
    if not can_manage_programme(user=user):
        return None
    year = reporting_year()
    steps = [
        Step(
            "programme",
            _("Kiểm tra chương trình"),
            _("Đọc các chỉ tiêu, nhiệm vụ và thời hạn đã nạp; sửa tệp chương trình nếu cần, rồi xác nhận."),
            ProgrammeCheck.objects.filter(programme=programme).exists(),
        ),
        Step(
            "reporters",
            _("Mời người báo cáo và đặt phạm vi"),
            _("Quản trị hệ thống mời người báo cáo và đặt đơn vị, cơ quan, nhóm chỉ tiêu của từng người."),
            Profile.objects.filter(role=Role.REPORTER, user__is_active=True)
            .filter(Q(capture_units__isnull=False) | Q(capture_organisations__isnull=False))
            .exists(),
        ),
        Step(
            "year",
            _("Mở năm %(year)s để nhập số liệu") % {"year": year},
            _("Đặt hạn báo cáo của năm: nqtrack review close-year --year %(year)s --on NGÀY.")
            % {"year": year},
            YearClosure.objects.filter(programme=programme, year=year).exists(),
        ),
        Step(
            "figures",
            _("Đề nghị gửi số liệu"),
            _("Báo người báo cáo nhập số liệu năm %(year)s vào bảng nhập hoặc gửi tệp.") % {"year": year},
            Observation.objects.filter(indicator__programme=programme, origin=Origin.REPORTED).exists(),
        ),
        Step(
            "tasks",
            _("Ghi kết quả thực hiện nhiệm vụ đầu tiên"),
            _("Các cơ quan chủ trì báo cáo tiến độ nhiệm vụ ở trang Nhiệm vụ."),
            ProgressUpdate.objects.filter(item__programme=programme).exists(),
        ),
    ]
    if all(s.done for s in steps):
        return None
    return Guide(steps=steps, reporting_year=year)


def programme_mark_checked(*, programme: Programme, user: AnyUser) -> ProgrammeCheck:
    """Record that a programme manager checked the programme (the first step of the guide)."""
    require_manage_programme(user=user)
    check, _created = ProgrammeCheck.objects.get_or_create(
        programme=programme, defaults={"checked_by_id": getattr(user, "pk", None)}
    )
    return check

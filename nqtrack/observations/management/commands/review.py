"""`nqtrack review submit|approve|return|unlock --unit CODE --year YEAR [--group N] [--reason TEXT]` and
`nqtrack review close-year|reopen-year --year YEAR [--on DATE] [--reason TEXT]`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.observations.models import Channel
from nqtrack.observations.review import REVIEW_STEPS, Batch, ReviewRefused, year_close, year_reopen
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.commands import add_programme_argument, programme_from_options
from nqtrack.programmes.models import IndicatorGroup, Programme

STEPS = (*REVIEW_STEPS, "close-year", "reopen-year")


class Command(BaseCommand):
    help = "Gửi duyệt, duyệt, trả lại, mở khoá số liệu; khoá sổ hoặc mở lại một năm. Review figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("step", choices=STEPS)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="mã đơn vị hành chính (mặc định: tỉnh)")
        parser.add_argument("--group", type=int, help="số thứ tự nhóm chỉ tiêu (bỏ trống: chỉ tiêu bổ trợ)")
        parser.add_argument("--reason", default="", help="lý do (bắt buộc khi trả lại, mở khoá, mở lại năm)")
        parser.add_argument(
            "--on", type=date.fromisoformat, help="ngày khoá sổ (YYYY-MM-DD; mặc định hôm nay)"
        )
        add_programme_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            programme = programme_from_options(options)
            message = self._step(programme, options)
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        except ReviewRefused as refused:
            raise CommandError(
                "\n".join([refused.message, *(f"  {p}" for p in refused.problems)])
            ) from refused
        self.stdout.write(message)

    def _step(self, programme: Programme, options: dict[str, Any]) -> str:
        step, year, reason = options["step"], options["year"], options["reason"]
        if step == "close-year":
            closure = year_close(
                user=None,
                programme=programme,
                year=year,
                channel=Channel.CLI,
                closes_on=options["on"],
                reason=reason,
            )
            return f"Năm {year} khoá sổ từ ngày {closure.closes_on:%d/%m/%Y}."
        if step == "reopen-year":
            year_reopen(user=None, programme=programme, year=year, reason=reason, channel=Channel.CLI)
            return f"Năm {year} đã mở lại để nhập số liệu."
        batch = _batch(programme, options)
        count = REVIEW_STEPS[step].take(user=None, batch=batch, reason=reason, channel=Channel.CLI)
        return f"{batch.label}: {count} số liệu."


def _batch(programme: Programme, options: dict[str, Any]) -> Batch:
    code = options["unit"] or programme.province_code
    unit = unit_for_period(code=code, year=options["year"])
    if unit is None:
        raise CommandError(f"Không có đơn vị hành chính mã '{code}' trong năm {options['year']}.")
    group = None
    if options["group"] is not None:
        group = IndicatorGroup.objects.filter(programme=programme, number=options["group"]).first()
        if group is None:
            raise CommandError(f"Chương trình không có nhóm chỉ tiêu ({options['group']}).")
    return Batch(programme=programme, unit=unit, year=options["year"], group=group)

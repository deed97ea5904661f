"""`nqtrack report`: write a review report (DOCX, PDF or the XLSX annex) to a file.

Run with the operating-system account's authority; ``--user`` makes the report for that user, who must
be allowed to make reports (nqtrack.accounts.scopes.can_make_reports).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.domain.report_content import ReportKind
from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.programmes.commands import add_programme_argument, programme_from_options
from nqtrack.reports.models import ReportFormat, ReportState, ReportTemplate
from nqtrack.reports.services import ReportRejected, report_create, report_run

KINDS = [k.value for k in ReportKind]
FORMATS = [f.value for f in ReportFormat]


class Command(BaseCommand):
    help = (
        "Viết báo cáo sơ kết, tổng kết hoặc báo cáo năm (Word, PDF hoặc phụ lục Excel) ra tệp. "
        "Write a review report to a file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_programme_argument(parser)
        parser.add_argument("--as-of", required=True, help="số liệu đến ngày, dạng YYYY-MM-DD")
        parser.add_argument("--kind", required=True, help="so-ket | tong-ket | annual")
        parser.add_argument("--format", required=True, help="docx | pdf | xlsx")
        parser.add_argument("--out", required=True, type=Path, help="tệp ghi ra")
        parser.add_argument(
            "--from", dest="first_year", type=int, help="năm bắt đầu thực hiện (sơ kết, tổng kết)"
        )
        parser.add_argument(
            "--template", default="", help="tên một mẫu Word đã tải lên (mặc định: mẫu có sẵn)"
        )
        parser.add_argument(
            "--user",
            default="",
            help="tên đăng nhập của người tạo, ghi vào danh sách báo cáo; người này phải được tạo báo cáo",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        choices = _choices(options)
        try:
            report = report_create(**choices, via="cli")
        except (ReportRejected, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        report = report_run(report_id=report.pk)
        if report.state != ReportState.DONE or report.content is None:
            raise CommandError(report.error)
        out: Path = options["out"]
        try:
            out.write_bytes(bytes(report.content))
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {out}: {error.strerror}") from error
        self.stdout.write(f"Đã ghi {report.filename} ({format_vn_number(report.size, 0)} byte) vào {out}.")
        if report.to_complete:  # the officer's work left: searchable in Word by its mark
            self.stdout.write(
                f"{report.to_complete} chỗ cần hoàn thiện (tô vàng, bắt đầu bằng “[Cần bổ sung”)."
            )


def _choices(options: dict[str, Any]) -> dict[str, Any]:
    """Read and check the options, with a Vietnamese message for each mistake."""
    if options["kind"] not in KINDS:
        raise CommandError(f"--kind phải là một trong: {', '.join(KINDS)} (nhận được '{options['kind']}').")
    if options["format"] not in FORMATS:
        raise CommandError(
            f"--format phải là một trong: {', '.join(FORMATS)} (nhận được '{options['format']}')."
        )
    try:
        as_of = date.fromisoformat(options["as_of"])
    except ValueError as error:
        raise CommandError(f"--as-of '{options['as_of']}' không phải ngày dạng YYYY-MM-DD.") from error
    programme = programme_from_options(options)
    return {
        "user": _user(options["user"]),
        "programme": programme,
        "as_of": as_of,
        "kind": ReportKind(options["kind"]),
        "format": ReportFormat(options["format"]),
        "first_year": options["first_year"],
        "template": _template(options["template"]),
    }


def _user(username: str) -> Any:
    if not username:
        return None
    user = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    if user is None:
        raise CommandError(f"Không có người dùng '{username}'.")
    return user


def _template(name: str) -> ReportTemplate | None:
    if not name:
        return None
    template = ReportTemplate.objects.filter(name=name).first()
    if template is None:
        raise CommandError(f"Không có mẫu tên '{name}' (xem trang /bao-cao/mau/).")
    return template

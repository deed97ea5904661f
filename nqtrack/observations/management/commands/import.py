"""`nqtrack import FILE [--dry-run]`: import figures from XLSX, CSV, DHIS2 JSON/CSV or the
published-statistics CSV, recognised by content; the same summary as the web page's check."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from nqtrack.observations.files import observations_import_upload
from nqtrack.observations.formats.limits import FileRejected, check_size
from nqtrack.observations.models import Channel, Status
from nqtrack.observations.summaries import summary_lines
from nqtrack.programmes.commands import add_programme_argument, programme_from_options

LARGE = 500  # rows from which a progress bar is shown


class Command(BaseCommand):
    help = (
        "Nhập số liệu từ tệp XLSX, CSV, DHIS2 (JSON/CSV) hoặc CSV số liệu đã công bố; "
        "nhận dạng theo nội dung. "
        "Import figures; the format is recognised from the content."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        add_programme_argument(parser)
        parser.add_argument(
            "--user",
            help="nhập thay người dùng này, trong phạm vi nhập của họ; ghi tên vào nhật ký "
            "(mặc định: tài khoản hệ điều hành, mọi quyền)",
        )
        parser.add_argument(
            "--status",
            default=Status.UNKNOWN,
            choices=[s.value for s in Status],
            help="trạng thái của số liệu mới khi tệp không ghi (DHIS2 không có trạng thái)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            programme = programme_from_options(options)
            user = _user(options["user"])
            data = _read(path)
            result = observations_import_upload(
                user=user,
                programme=programme,
                name=path.name,
                data=data,
                dry_run=options["dry_run"],
                channel=Channel.CLI,
                default_status=options["status"],
                progress=self._progress,
            )
        except (FileRejected, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        lines = summary_lines(result)
        if not result.ok:
            raise CommandError("\n".join(lines))
        self.stdout.write("\n".join(lines))

    def _progress(self, total: int) -> Callable[[], None]:
        bar = tqdm(total=total or None, disable=total < LARGE, file=sys.stderr, unit=" dòng", desc="Kiểm tra")

        def tick() -> None:
            bar.update(1)

        return tick


def _user(name: str | None) -> Any:
    if name is None:
        return None
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise CommandError(f"Không có người dùng '{name}'.")
    return user


def _read(path: Path) -> bytes:
    try:
        check_size(path.name, path.stat().st_size)  # refuse a huge file before reading it
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"Không đọc được tệp {path}: {error.strerror}") from error

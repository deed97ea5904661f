"""`nqtrack import FILE [--dry-run]`: import figures from XLSX, CSV, DHIS2 dataValueSets (JSON, CSV, DXF2
XML, ADX) or the published-statistics CSV, recognised by content; the same summary as the web page's
check. DHIS2's import options: --strategy, --id-scheme (and the per-object ones), --atomic, --no-header."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from nqtrack.observations.dhis2_options import Dhis2ImportOptions, Dhis2ParameterError, IdScheme, Strategy
from nqtrack.observations.files import observations_import_upload
from nqtrack.observations.formats.limits import FileRejected, check_size
from nqtrack.observations.models import Channel, Status
from nqtrack.observations.summaries import summary_lines
from nqtrack.programmes.commands import add_programme_argument, programme_from_options

LARGE = 500  # rows from which a progress bar is shown
SCHEME_OPTIONS = {
    "--id-scheme": "idScheme",
    "--data-element-id-scheme": "dataElementIdScheme",
    "--org-unit-id-scheme": "orgUnitIdScheme",
    "--category-option-combo-id-scheme": "categoryOptionComboIdScheme",
}


class Command(BaseCommand):
    help = (
        "Nhập số liệu từ tệp XLSX, CSV, DHIS2 (JSON, CSV, XML, ADX) hoặc CSV số liệu đã công bố; "
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
        dhis2 = parser.add_argument_group("DHIS2 dataValueSets (JSON, CSV, XML, ADX)")
        dhis2.add_argument(
            "--strategy",
            choices=[s.value for s in Strategy],
            help="importStrategy của DHIS2 (mặc định CREATE_AND_UPDATE)",
        )
        for option, name in SCHEME_OPTIONS.items():
            dhis2.add_argument(
                option,
                dest=name,
                choices=[i.value for i in IdScheme if i is not IdScheme.ATTRIBUTE],
                help=f"{name} của DHIS2",
            )
        dhis2.add_argument(
            "--atomic",
            action="store_true",
            help="có xung đột thì không ghi giá trị nào (mặc định: ghi phần tốt)",
        )
        dhis2.add_argument(
            "--no-header",
            action="store_true",
            help="tệp CSV của DHIS2 không có dòng tiêu đề (firstRowIsHeader=false)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            programme = programme_from_options(options)
            user = _user(options["user"])
            data = _read(path)
            dhis2 = _dhis2_options(options)
            result = observations_import_upload(
                user=user,
                programme=programme,
                name=path.name,
                data=data,
                dry_run=options["dry_run"],
                channel=Channel.CLI,
                default_status=options["status"],
                progress=self._progress,
                dhis2=dhis2,
            )
        except (FileRejected, PermissionDenied, Dhis2ParameterError) as error:
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


def _dhis2_options(options: dict[str, Any]) -> Dhis2ImportOptions:
    """DHIS2's import options from the command line (the same names as the Web API's parameters)."""
    params: dict[str, Any] = {name: options[name] for name in SCHEME_OPTIONS.values() if options.get(name)}
    if options.get("strategy"):
        params["importStrategy"] = options["strategy"]
    return Dhis2ImportOptions.from_params(
        params, atomic=options["atomic"], first_row_is_header=not options["no_header"]
    )

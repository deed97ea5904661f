"""Uploads checked and never confirmed (or whose check crashed) are removed a day later, by the task and by
``nqtrack cleanup``; a recent upload and a confirmed large upload waiting for or in its write stay
(issue "No leaks, no crashes")."""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from nqtrack.observations.models import ImportJob, ImportJobState
from nqtrack.observations.tasks import cleanup_uploads
from nqtrack.programmes.models import Programme

pytestmark = pytest.mark.django_db

HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"
ROWS = (HEADER + 'forest_cover,,24,,2024,"38,1",%,Chính thức,,\r\n').encode()
HOUR = timedelta(hours=1)


@pytest.fixture
def imports(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "imports"
    with override_settings(NQTRACK_IMPORT_DIR=folder, NQTRACK_IMPORT_BACKGROUND_BYTES=1):
        yield folder


def check(client: Client, name: str) -> str:
    """Upload a file and let the page check it; never confirm. The token of the kept file."""
    checked = client.post("/so-lieu/nhap-tep/", {"tep": SimpleUploadedFile(name, ROWS)})
    assert checked.status_code == 200
    token = re.search(r'name="token" value="([0-9a-f]{32})"', checked.content.decode())
    assert token is not None
    return token.group(1)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def touch_now(folder: Path, user: User, token: str) -> None:
    """time-machine moves Python's clock, not the file system's: date the files at the travelled time."""
    for suffix in (".bin", ".name"):
        now = time.time()
        os.utime(folder / f"{user.pk}-{token}{suffix}", (now, now))


def jobs() -> list[tuple[str, str, bytes | None]]:
    return [
        (j.filename, j.state, None if j.content is None else bytes(j.content))
        for j in ImportJob.objects.order_by("pk")
    ]


def written_at(path: Path) -> str:
    """When the file was written, as the command says it."""
    moment = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone())
    return moment.strftime("%H:%M %d/%m/%Y")


def test_a_day_old_upload_goes_a_recent_one_and_confirmed_ones_stay(
    programme: Programme, alice: User, client: Client, imports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(alice)
        old = check(client, "cu.csv")  # checked, never confirmed
        confirmed = check(client, "lon.csv")
        response = client.post("/so-lieu/nhap-tep/", {"token": confirmed, "xac_nhan": "1"})
        assert response.status_code == 302  # a job: written once the transaction commits (never, here)
        ImportJob.objects.create(
            programme=programme,
            requested_by=alice,
            filename="dang-ghi.csv",
            size=len(ROWS),
            content=ROWS,
            state=ImportJobState.RUNNING,
            started_at=timezone.now(),
        )
        before_crash = set(files(imports))
        crashing = Client(raise_request_exception=False)
        crashing.force_login(alice)
        # the check crashes after the file is kept
        monkeypatch.setattr("nqtrack.observations.views.observations_import_upload", lambda **_: 1 / 0)
        crashed_page = crashing.post("/so-lieu/nhap-tep/", {"tep": SimpleUploadedFile("hong.csv", ROWS)})
        assert crashed_page.status_code == 500
        monkeypatch.undo()
        (crashed_bin,) = [n for n in set(files(imports)) - before_crash if n.endswith(".bin")]
    crashed = crashed_bin.removesuffix(".bin").split("-")[1]
    with time_machine.travel(start + 24 * HOUR, tick=False):
        client.force_login(alice)
        recent = check(client, "moi.csv")
        touch_now(imports, alice, recent)
    kept_jobs = [("lon.csv", ImportJobState.QUEUED, ROWS), ("dang-ghi.csv", ImportJobState.RUNNING, ROWS)]
    assert jobs() == kept_jobs
    assert files(imports) == sorted(
        f"{alice.pk}-{t}{s}" for t in (old, crashed, recent) for s in (".bin", ".name")
    )

    removed = sorted([(old, "cu.csv"), (crashed, "hong.csv")])
    when = {token: written_at(imports / f"{alice.pk}-{token}.bin") for token, _name in removed}
    with time_machine.travel(start + 25 * HOUR, tick=False):
        out = io.StringIO()
        call_command("cleanup", stdout=out)
    assert out.getvalue().splitlines() == [
        f"Đã xoá 2 tệp tải lên chưa xác nhận quá 24 giờ (1 KB) trong {imports}:",
        *(
            f"  {name} (1 KB), người dùng số {alice.pk} tải lên lúc {when[token]}: "
            f"{alice.pk}-{token}.bin, {alice.pk}-{token}.name"
            for token, name in removed
        ),
    ]
    assert files(imports) == [f"{alice.pk}-{recent}.bin", f"{alice.pk}-{recent}.name"]
    assert jobs() == kept_jobs


def test_the_background_task_removes_them_too(
    programme: Programme, alice: User, client: Client, imports: Path
) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(alice)
        check(client, "cu.csv")
    (imports / "ghi-chu.txt").write_text("not an upload", encoding="utf-8")  # not named as an upload: kept
    os.utime(imports / "ghi-chu.txt", (0, 0))
    with time_machine.travel(start + 23 * HOUR, tick=False):
        assert cleanup_uploads.enqueue().return_value == 0
    assert len(files(imports)) == 3
    with time_machine.travel(start + 25 * HOUR, tick=False):
        assert cleanup_uploads.enqueue().return_value == 1
    assert files(imports) == ["ghi-chu.txt"]


def test_a_dry_run_lists_and_removes_nothing(
    programme: Programme, alice: User, client: Client, imports: Path
) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(alice)
        check(client, "cu.csv")
    before = files(imports)
    with time_machine.travel(start + 3 * HOUR, tick=False):
        out = io.StringIO()
        call_command("cleanup", "--dry-run", "--hours", "2", stdout=out)
        assert out.getvalue().startswith("Sẽ xoá 1 tệp tải lên chưa xác nhận quá 2 giờ (1 KB) trong ")
        assert files(imports) == before
        out = io.StringIO()
        call_command("cleanup", "--hours", "4", stdout=out)
    assert out.getvalue() == "Không có tệp tải lên nào chưa xác nhận quá 4 giờ.\n"
    assert files(imports) == before


def test_nothing_to_remove_and_bad_options(imports: Path) -> None:
    out = io.StringIO()
    call_command("cleanup", stdout=out)  # the folder does not even exist yet
    assert out.getvalue() == "Không có tệp tải lên nào chưa xác nhận quá 24 giờ.\n"
    with pytest.raises(CommandError) as caught:
        call_command("cleanup", "--hours", "0")
    assert str(caught.value) == "--hours phải từ 1 trở lên."

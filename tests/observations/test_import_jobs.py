"""Large imports in the background (nqtrack/observations/jobs.py): a confirmed upload above the size
threshold is recorded as a job, written by a task as the user who asked (all rows or none), and its page
shows the state and the result; with the database backend a worker writes it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings

from nqtrack.accounts.models import Profile, Role
from nqtrack.observations.jobs import import_job_request, import_job_run
from nqtrack.observations.models import AuditEntry, ImportJob, ImportJobState, Observation, Origin
from nqtrack.observations.tasks import run_import_job
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state

pytestmark = pytest.mark.django_db

HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"
GOOD = (
    HEADER + 'forest_cover,,24,,2024,"38,1",%,Chính thức,,\r\nforest_cover,,24,,2023,37.8,%,Chính thức,,\r\n'
).encode()
# The second row's unit code names no unit: the whole file is refused.
BAD = (
    HEADER + 'forest_cover,,24,,2024,"38,1",%,Chính thức,,\r\nforest_cover,,99999,,2024,40,%,Chính thức,,\r\n'
).encode()
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

type OnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture(autouse=True)
def every_confirmed_upload_in_the_background(tmp_path: Path) -> Iterator[None]:
    with override_settings(NQTRACK_IMPORT_DIR=tmp_path / "imports", NQTRACK_IMPORT_BACKGROUND_BYTES=1):
        yield


def text(page: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.decode())).split())


def check_then_confirm(client: Client, data: bytes) -> Any:
    checked = client.post("/so-lieu/nhap-tep/", {"tep": SimpleUploadedFile("lon.csv", data)})
    assert checked.status_code == 200  # the check (a dry run) stays in the request
    token = re.search(r'name="token" value="([0-9a-f]{32})"', checked.content.decode())
    assert token is not None
    return client.post("/so-lieu/nhap-tep/", {"token": token.group(1), "xac_nhan": "1"})


def reported() -> list[tuple[str, int | None, str]]:
    return list(
        Observation.objects.filter(origin=Origin.REPORTED)
        .order_by("year")
        .values_list("indicator__code", "year", "value_text")
    )


def test_a_confirmed_upload_is_written_by_the_task_and_its_page_shows_the_result(
    figures: Programme, alice: User, client: Client, django_capture_on_commit_callbacks: OnCommit
) -> None:
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = check_then_confirm(client, GOOD)
    job = ImportJob.objects.get()
    assert (confirmed.status_code, confirmed["Location"]) == (302, f"/so-lieu/nhap-tep/{job.pk}/")
    assert (job.state, job.content, job.requested_by, job.size) == (
        ImportJobState.DONE,
        None,
        alice,
        len(GOOD),
    )
    assert reported() == [("forest_cover", 2024, "38.1")]  # 2023 equals the published figure: unchanged
    assert AuditEntry.objects.filter(action="create", channel="file", user=alice).count() == 1
    page = client.get(confirmed["Location"])
    assert page.status_code == 200
    assert "lon.csv (CSV theo mẫu nqtrack): đã thêm 1, sửa 0, xoá 0; giữ nguyên 1" in text(page.content)
    assert b'http-equiv="refresh"' not in page.content
    assert b'data-state="done"' in page.content


def test_a_waiting_job_reloads_itself_and_only_its_owner_and_managers_read_it(
    figures: Programme, alice: User, bob: User, client: Client
) -> None:
    client.force_login(alice)
    before = state()
    confirmed = check_then_confirm(client, GOOD)  # the commit never comes in this test: the job waits
    job = ImportJob.objects.get()
    assert (job.state, state()) == (ImportJobState.QUEUED, before)
    page = client.get(confirmed["Location"])
    assert b'<meta http-equiv="refresh" content="3">' in page.content
    assert "Đang chờ" in text(page.content)

    other = Client()
    other.force_login(bob)
    assert other.get(confirmed["Location"]).status_code == 404
    assert Client().get(confirmed["Location"]).status_code == 302  # to sign in
    manager = User.objects.create_user("quan_ly")
    Profile.objects.create(user=manager, role=Role.PROGRAMME_MANAGER)
    other.force_login(manager)
    assert other.get(confirmed["Location"]).status_code == 200


def test_a_file_with_a_bad_row_writes_nothing_and_the_job_names_the_row(
    figures: Programme, alice: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_request(user=alice, programme=figures, name="loi.csv", data=BAD)
    job.refresh_from_db()
    assert job.state == ImportJobState.REFUSED
    assert job.lines[0] == "loi.csv (CSV theo mẫu nqtrack): 1 lỗi, không ghi dòng nào."
    assert job.lines[1:] == ["  dòng 3, cột 'Mã đơn vị': mã đơn vị hành chính '99999' không tồn tại"]
    assert state() == before


def test_a_job_delivered_twice_writes_once(
    figures: Programme, alice: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_request(user=alice, programme=figures, name="lon.csv", data=GOOD)
    after_first = state()
    again = import_job_run(job_id=job.pk)
    assert (again.state, state()) == (ImportJobState.DONE, after_first)


def test_a_user_who_may_not_import_files_gets_no_job(figures: Programme) -> None:
    viewer = User.objects.create_user("chi_xem")
    with pytest.raises(PermissionDenied):
        import_job_request(user=viewer, programme=figures, name="lon.csv", data=GOOD)
    assert ImportJob.objects.count() == 0


def test_with_the_database_backend_a_worker_writes_the_file(
    figures: Programme, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker closes "old" connections between tasks; inside the test's transaction that would close
    # the test's own connection (on PostgreSQL), so it is kept open here.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    with override_settings(TASKS=DATABASE_TASKS):
        job = import_job_request(user=alice, programme=figures, name="lon.csv", data=GOOD)
        result = run_import_job.enqueue(job.pk)  # what the commit would hand over
        assert (result.status, reported()) == ("READY", [])

        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

        result.refresh()
        assert result.status == "SUCCESSFUL"
    job.refresh_from_db()
    assert (job.state, reported()) == (ImportJobState.DONE, [("forest_cover", 2024, "38.1")])

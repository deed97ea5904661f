"""Large imports in the background: a confirmed upload above ``NQTRACK_IMPORT_BACKGROUND_BYTES`` is
recorded as an ``ImportJob`` and written by a task (Django's task framework: at once with the embedded
default, by ``nqtrack db_worker`` with ``NQTRACK_TASKS=database``), so no web request holds a
nationwide file. The job runs the same service as the page (``observations_import_upload``), as the user
who asked, with the same checks and, for a DHIS2 ``dataValueSets`` file, the DHIS2 options chosen on the
page (kept in the job by DHIS2's names): all rows or none, or DHIS2's partial import, as on the page.

The page of a job shows its state (waiting, writing since, finished) and the result. The rows' progress
inside the write is not shown: the import is one transaction, invisible to other connections until it
commits, which is what makes it all or nothing.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from nqtrack.accounts import scopes
from nqtrack.observations.dhis2_options import Dhis2ImportOptions, Dhis2ParameterError
from nqtrack.observations.files import observations_import_upload
from nqtrack.observations.formats.limits import FileRejected
from nqtrack.observations.models import Channel, ImportJob, ImportJobState
from nqtrack.observations.permissions import require_import_files
from nqtrack.observations.summaries import summary_lines
from nqtrack.programmes.models import Programme

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)
_UNEXPECTED = "Lỗi không mong đợi khi nhập tệp, không ghi dòng nào; quản trị viên xem nhật ký máy chủ."


def import_in_background(*, size: int) -> bool:
    """Whether a confirmed upload of ``size`` bytes is written by a background task."""
    return size >= settings.NQTRACK_IMPORT_BACKGROUND_BYTES


def import_job_request(
    *, user: User, programme: Programme, name: str, data: bytes, dhis2_params: dict[str, str] | None = None
) -> ImportJob:
    """Record a confirmed upload and hand it to the background task once the record is committed.

    ``dhis2_params`` are DHIS2's import parameters by DHIS2's names (``importStrategy``, ``atomic``, the
    ``idScheme`` family, ``firstRowIsHeader``), as the page read them; they are checked here, so a job
    never starts with options it would refuse (``Dhis2ParameterError``)."""
    from nqtrack.observations.tasks import run_import_job  # the task module imports this one

    require_import_files(user=user, programme=programme)
    params = dict(dhis2_params or {})
    Dhis2ImportOptions.from_params(params)
    with transaction.atomic():
        job = ImportJob.objects.create(
            programme=programme,
            requested_by=user,
            filename=name,
            size=len(data),
            content=data,
            dhis2_params=params,
        )
        transaction.on_commit(partial(run_import_job.enqueue, job.pk))
    return job


def import_job_run(*, job_id: int) -> ImportJob:
    """Write a recorded upload (all rows or none) as the user who asked, and record the result."""
    job = ImportJob.objects.select_related("programme", "requested_by").get(pk=job_id)
    if job.state != ImportJobState.QUEUED:
        return job  # a task delivered twice writes once
    # A plain UPDATE, committed at once: the job's page sees that the write has started.
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJobState.RUNNING, started_at=timezone.now())
    try:
        result = observations_import_upload(
            user=job.requested_by,
            programme=job.programme,
            name=job.filename,
            data=bytes(job.content or b""),
            dry_run=False,
            channel=Channel.WEB,
            dhis2=Dhis2ImportOptions.from_params(job.dhis2_params or {}),
        )
    except (FileRejected, PermissionDenied) as error:
        return _finish(job, ImportJobState.REFUSED, [f"{job.filename}: {error}"])
    except Dhis2ParameterError as error:
        return _finish(job, ImportJobState.REFUSED, [f"{job.filename}: {error.message}"])
    except Exception:
        logger.exception("import job %s failed", job_id)
        _finish(job, ImportJobState.FAILED, [_UNEXPECTED])
        raise
    state = ImportJobState.DONE if result.ok else ImportJobState.REFUSED
    return _finish(job, state, summary_lines(result), result.dhis2.summary if result.dhis2 else None)


def import_job_get(*, user: Any, pk: int) -> ImportJob | None:
    """The job ``pk`` if the user may read it: who asked for it, or a programme manager."""
    job = ImportJob.objects.filter(pk=pk).defer("content").first()
    if job is None:
        return None
    if job.requested_by_id == user.pk or scopes.can_manage_programme(user=user):
        return job
    return None


def _finish(
    job: ImportJob, state: str, lines: list[str], dhis2_summary: dict[str, Any] | None = None
) -> ImportJob:
    job.state, job.lines, job.content, job.finished_at = state, lines, None, timezone.now()
    job.dhis2_summary = dhis2_summary
    job.save(update_fields=["state", "lines", "content", "finished_at", "dhis2_summary"])
    return job

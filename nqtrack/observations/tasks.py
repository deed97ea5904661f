"""Background tasks of the figures (Django's task framework, settings.TASKS)."""

from __future__ import annotations

from django.tasks import task

from nqtrack.observations.jobs import import_job_run
from nqtrack.observations.uploads import uploads_cleanup


@task
def run_import_job(job_id: int) -> None:
    """Write a confirmed upload recorded as an import job (nqtrack.observations.jobs.import_job_run)."""
    import_job_run(job_id=job_id)


@task
def cleanup_uploads() -> int:
    """Remove the uploads checked and never confirmed, a day after (nqtrack.observations.uploads; run daily
    by the deployment's scheduler, as ``nqtrack cleanup`` does); return how many were removed."""
    return len(uploads_cleanup().removed)

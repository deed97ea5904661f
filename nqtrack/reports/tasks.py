"""Background tasks of the reports app (Django's task framework, settings.TASKS)."""

from __future__ import annotations

from django.tasks import task

from nqtrack.reports.services import report_run


@task
def generate_report(report_id: int) -> None:
    """Make the file of a recorded report (nqtrack.reports.services.report_run)."""
    report_run(report_id=report_id)


def enqueue_report(report_id: int) -> None:
    """Hand a recorded report to the task backend."""
    generate_report.enqueue(report_id)

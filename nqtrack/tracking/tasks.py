"""Background tasks (Django's task framework): the daily overdue refresh and reminders.

Run daily by a scheduler of the deployment (cron: `nqtrack tasks overdue` and `nqtrack send-reminders`,
which call the same services), or enqueue these where a task worker runs.
"""

from __future__ import annotations

from django.tasks import task

from nqtrack.programmes.models import Programme
from nqtrack.tracking.reminders import reminders_send
from nqtrack.tracking.services import tracking_refresh_statuses


@task
def refresh_overdue() -> int:
    """Recompute every programme's task statuses for today; return how many changed."""
    return sum(len(tracking_refresh_statuses(programme=p)) for p in Programme.objects.all())


@task
def send_reminders() -> int:
    """Send today's reminders for every programme; return how many e-mails were sent."""
    return sum(sum(m.sent for m in reminders_send(programme=p)) for p in Programme.objects.all())

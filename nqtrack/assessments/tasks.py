"""Background task of the stored assessments (Django's task framework, settings.TASKS)."""

from __future__ import annotations

from django.tasks import task

from nqtrack.assessments.services import assessments_refresh
from nqtrack.programmes.models import Programme


@task
def refresh_assessments(programme_id: int, unit_codes: list[str] | None = None) -> dict[str, object]:
    """Refresh the stored assessments of a programme (of ``unit_codes`` only, when given); return the
    counts (``RefreshSummary.as_dict``)."""
    programme = Programme.objects.get(pk=programme_id)
    return assessments_refresh(programme=programme, unit_codes=unit_codes).as_dict()

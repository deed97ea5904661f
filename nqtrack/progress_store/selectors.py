"""Reads of stored assessments (written by ``services.assessments_refresh``)."""

from __future__ import annotations

from django.db.models import Count, Max

# The module, not its names: nqtrack.assessments.selectors may import this module at its top (to read
# stored assessments in the overview), and a module-level name import would then be circular.
from nqtrack.assessments import selectors as live
from nqtrack.domain.progress_model import STATUS_ORDER, Assessment, Status
from nqtrack.programmes import models as pm
from nqtrack.progress_store.codec import assessment_decode
from nqtrack.progress_store.models import StoredAssessment


def stored_assessments(
    *, programme: pm.Programme, unit_code: str | None = None, as_of: int | None = None
) -> dict[int, Assessment]:
    """Target id → the stored assessment of ``unit_code`` (default: the province) as of ``as_of``.

    Empty when nothing is stored for that unit and year (never refreshed, or a year not kept): the caller
    then assesses live. One query; the explanation texts are written here, for these targets only.
    """
    rows = StoredAssessment.objects.filter(
        programme=programme, unit_code=unit_code or programme.province_code
    ).select_related("target__indicator")
    rows = rows.filter(as_of__isnull=True) if as_of is None else rows.filter(as_of=as_of)
    return {row.target_id: assessment_decode(row.result, live.domain_target(row.target)) for row in rows}


def stored_status_counts(*, programme: pm.Programme, as_of: int | None = None) -> dict[Status, int]:
    """How many stored (target, unit) assessments of ``programme`` have each status, every status listed
    (best first, insufficient data last); counted by the database, nothing decoded."""
    rows = StoredAssessment.objects.filter(programme=programme)
    rows = rows.filter(as_of__isnull=True) if as_of is None else rows.filter(as_of=as_of)
    counted = dict(rows.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return {status: counted.get(status.value, 0) for status in (*STATUS_ORDER, Status.INSUFFICIENT_DATA)}


def assessed_unit_codes(*, programme: pm.Programme) -> set[str]:
    """The unit codes with stored assessments: the programme's province and every unit with a figure.

    For the dashboard's unit filter: one indexed query over a few thousand rows, where reading the codes
    of every commune figure scans all of the programme's figures (millions, nationwide).
    """
    rows = StoredAssessment.objects.filter(programme=programme, as_of__isnull=True)
    return set(rows.values_list("unit_code", flat=True).distinct())


def stored_version(*, programme: pm.Programme) -> str:
    """A stamp that changes whenever a refresh changes a stored assessment of ``programme`` (for caching a
    rendered page: a figure that changes an input changes the stamp); empty when nothing is stored."""
    found = StoredAssessment.objects.filter(programme=programme).aggregate(
        n=Count("id"), last=Max("computed_at")
    )
    return "" if not found["n"] else f"{found['n']}@{found['last'].isoformat()}"


def stored_assessment(
    *, target: pm.Target, unit_code: str | None = None, as_of: int | None = None
) -> Assessment | None:
    """The stored assessment of one target for ``unit_code`` (default: the province), or None."""
    programme = target.indicator.programme
    rows = StoredAssessment.objects.filter(target=target, unit_code=unit_code or programme.province_code)
    row = (rows.filter(as_of__isnull=True) if as_of is None else rows.filter(as_of=as_of)).first()
    return None if row is None else assessment_decode(row.result, live.domain_target(target))

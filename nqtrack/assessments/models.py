"""Stored assessments: the answer of the progress engine per (target, unit, as-of), kept until its inputs
change.

A unit is named by its GSO code, as the dashboard names it: the series of a code runs across its
versions (a 2022 figure stays on its 2022 version, and still counts for the code). ``as_of`` None means
"on every figure"; a year means "on the figures up to that year". ``fingerprint`` digests everything the
answer depends on (the figures of that indicator and unit that count, the target as defined, the
programme's method and base year), so a refresh recomputes a row only when one of those changed.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class StoredAssessment(models.Model):
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("programmes.Target", on_delete=models.CASCADE, related_name="+")
    unit_code = models.CharField(max_length=10)
    as_of = models.PositiveSmallIntegerField(null=True, blank=True)  # None: on every figure
    status = models.CharField(max_length=20)
    result = models.JSONField()  # codec.assessment_encode: the numbers and notes, no explanation texts
    fingerprint = models.CharField(max_length=32)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # Two partial constraints: a NULL as_of would count as distinct in one plain constraint.
            models.UniqueConstraint(
                fields=["target", "unit_code", "as_of"],
                condition=Q(as_of__isnull=False),
                name="stored_assessment_unique",
            ),
            models.UniqueConstraint(
                fields=["target", "unit_code"],
                condition=Q(as_of__isnull=True),
                name="stored_assessment_latest_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "unit_code", "as_of"], name="stored_assessment_unit"),
            models.Index(fields=["programme", "as_of", "status"], name="stored_assessment_status"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}/{self.unit_code}/{self.as_of or '*'}: {self.status}"

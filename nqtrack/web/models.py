"""What the web app records itself: a programme manager checked the loaded programme (first-run guide)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProgrammeCheck(models.Model):
    """A programme manager read the loaded programme (targets, tasks, deadlines) and said it is right."""

    programme = models.OneToOneField("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.programme_id} {self.checked_at:%Y-%m-%d}"

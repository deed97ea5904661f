"""Administrative units (đơn vị hành chính) with their history.

A unit row is one *version* of a unit: a code with a name, type and parent that held from ``valid_from``
(inclusive) to ``valid_to`` (exclusive); a change of type, name or parent closes a version and opens the
next. ``UnitSuccession`` links old versions to new ones (the crosswalk).
"""

from __future__ import annotations

from datetime import date

from django.db import models


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "Tỉnh"
    DISTRICT = "district", "Huyện"
    COMMUNE = "commune", "Xã"
    # Not an administrative level: a territory the statistics follow after its unit ended (Bắc Giang's
    # former territory within the new Bắc Ninh), entered and reviewed like a unit (docs/observations.md).
    TERRITORY = "territory", "Địa bàn thống kê"


class AdminUnit(models.Model):
    code = models.CharField(max_length=10, db_index=True)
    name = models.CharField(max_length=200)
    unit_type = models.CharField(max_length=50)
    level = models.CharField(max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(null=True, blank=True)  # null: since before the earliest list we hold
    valid_to = models.DateField(null=True, blank=True)  # exclusive; null: still valid
    source = models.CharField(max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_version_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(valid_from__isnull=True), name="unit_first_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def is_valid_on(self, on: date) -> bool:
        """Whether this version holds on ``on`` (``valid_from`` inclusive, ``valid_to`` exclusive)."""
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_to is None or on < self.valid_to)


class SuccessionKind(models.TextChoices):
    CHANGED = "changed", "Đổi loại, tên hoặc cấp trên"
    MERGED = "merged", "Nhập vào"
    SPLIT = "split", "Tách ra"


class UnitSuccession(models.Model):
    """One edge of the old→new crosswalk: ``predecessor`` became (part of) ``successor`` on ``date``."""

    predecessor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecessions")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=SuccessionKind.choices)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()}, {self.date})"

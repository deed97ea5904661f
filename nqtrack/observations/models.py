"""Observations (số liệu): a value for (indicator, unit, period) with status and source.

Several values may exist for one key (an estimate, then the official figure); none is overwritten. The
one used by default is chosen by ``selectors.best_observation`` (best status, then latest publication).
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    PLAN = "plan", "Kế hoạch"
    ESTIMATE = "estimate", "Ước"
    PRELIMINARY = "preliminary", "Sơ bộ"
    OFFICIAL = "official", "Chính thức"
    UNKNOWN = "unknown", "Không rõ"


class Bound(models.TextChoices):
    NONE = "", "Giá trị"
    LOW = "low", "Cận dưới"
    HIGH = "high", "Cận trên"


class Observation(models.Model):
    indicator = models.ForeignKey(
        "programmes.Indicator", on_delete=models.PROTECT, related_name="observations"
    )
    unit = models.ForeignKey("places.AdminUnit", on_delete=models.PROTECT, related_name="observations")
    # DHIS2-style period: "2024", "2024Q1", "2024S1", "202403"; empty when the source gives no year.
    period = models.CharField(max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, db_index=True
    )  # the period's year, for queries
    partial = models.BooleanField(default=False)  # a part of the period only ("to 16 Oct only")
    value = models.DecimalField(max_digits=24, decimal_places=6)
    value_text = models.CharField(max_length=40)  # as published, keeping its precision ("16.10")
    measure_unit = models.CharField(max_length=40)  # unit of the value as published (percent, billion_vnd …)
    bound = models.CharField(max_length=4, choices=Bound.choices, blank=True)  # one end of a published range
    status = models.CharField(max_length=12, choices=Status.choices)
    source_url = models.CharField(max_length=1000, blank=True)
    source_document = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    quote = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    statistics_key = models.CharField(max_length=100, blank=True)  # the key it was published under
    imported_from = models.CharField(max_length=300, blank=True)
    imported_row = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "unit_id", "year", "period", "id"]
        indexes = [models.Index(fields=["indicator", "unit", "year"], name="obs_indicator_unit_year")]
        # Uniqueness of (indicator, unit, period, status, published, source, bound) is enforced by the
        # import service, which reports a conflicting value with its row; published dates may be empty,
        # and NULLs are distinct in a database unique constraint on SQLite.

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.unit_id}/{self.period}={self.value_text} ({self.status})"

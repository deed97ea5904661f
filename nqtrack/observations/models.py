"""Observations (số liệu): a value for (indicator, unit, period) with status and source.

Two origins (docs/observations.md):

- **published** figures come from the statistics file (``import-statistics``). Several may exist for one
  key (an estimate, then the official figure); none is overwritten. They are imported as approved: the
  statistics office already published them.
- **reported** figures are entered in the grid, imported from an Excel/CSV template or from DHIS2. There is
  at most one per (indicator, unit, period); it is updated in place (every change is in the audit log),
  carries a version number for optimistic locking and a review state: draft → submitted → approved, per
  (unit, year, indicator group). Approved figures are locked.

The value used for a year is chosen by ``selectors.best_by_year`` (best status, then latest publication).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nqtrack.core.querysets import AppendOnlyQuerySet


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


class Origin(models.TextChoices):
    PUBLISHED = "published", _("Đã công bố")
    REPORTED = "reported", _("Báo cáo")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")


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
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.REPORTED)
    review_state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT)
    # Optimistic locking: every change of a reported figure adds one; a save that read an older version
    # is refused (the second saver is told the value changed under them).
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    followup = models.BooleanField(default=False)  # flagged by a validation rule (DHIS2's followup)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The import of a published-statistics file that created it: its audit record (``ImportBatch``).
    import_batch = models.ForeignKey(
        "observations.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["indicator_id", "unit_id", "year", "period", "id"]
        indexes = [
            models.Index(fields=["indicator", "unit", "year"], name="obs_indicator_unit_year"),
            models.Index(fields=["unit", "year", "review_state"], name="obs_unit_year_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"],
                condition=models.Q(origin="reported"),
                name="obs_reported_cell_unique",
            )
        ]
        # Uniqueness of published figures (indicator, unit, period, status, published, source, bound) is
        # enforced by the import service, which reports a conflicting value with its row; published dates
        # may be empty, and NULLs are distinct in a database unique constraint on SQLite.

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.unit_id}/{self.period}={self.value_text} ({self.status})"


class Channel(models.TextChoices):
    WEB = "web", _("Trang web")
    FILE = "file", _("Tệp Excel/CSV")
    DHIS2 = "dhis2", _("DHIS2")
    CLI = "cli", _("Dòng lệnh")
    API = "api", _("Giao diện lập trình (API)")


class AuditAction(models.TextChoices):
    CREATE = "create", _("Thêm")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xoá")
    SUBMIT = "submit", _("Gửi duyệt")
    APPROVE = "approve", _("Duyệt")
    RETURN = "return", _("Trả lại")
    UNLOCK = "unlock", _("Mở khoá")
    CLOSE_YEAR = "close_year", _("Khoá sổ năm")
    REOPEN_YEAR = "reopen_year", _("Mở lại năm")


class AuditEntry(models.Model):
    """One change of a figure or of its review state: who, when, through which channel, old and new.

    Append-only through the application (no update, no delete); it names the observation by id and by
    its key (indicator, unit, period), so the record outlives a deleted figure.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.CharField(max_length=150)  # the user name at the time (or "cli:<account>")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    action = models.CharField(max_length=12, choices=AuditAction.choices)
    programme = models.ForeignKey(
        "programmes.Programme", null=True, on_delete=models.PROTECT, related_name="+"
    )
    observation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    indicator = models.ForeignKey(
        "programmes.Indicator", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "places.AdminUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    group_number = models.PositiveSmallIntegerField(null=True, blank=True)  # the review batch's group
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)  # file name and row, DHIS2 index …

    LOG_NAME = "Nhật ký số liệu"  # what a refused update or delete names

    # Set on the line of a figure's history that its import's batch gives (``selectors.figure_history``:
    # an unsaved entry); None on a stored entry.
    batch: ImportBatch | None = None

    objects = AppendOnlyQuerySet["AuditEntry"].as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["indicator", "unit", "period"], name="audit_cell")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.indicator_id}/{self.unit_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Nhật ký số liệu chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Nhật ký số liệu chỉ được ghi thêm, không được xoá.")


class ImportBatch(models.Model):
    """The audit record of one import of a published-statistics file (``services.observations_import``):
    who imported which file (its SHA-256), when, through which channel, and what it did.

    Each figure the import created links to it (``Observation.import_batch``) instead of having a CREATE
    entry of its own in ``AuditEntry``; the figure's history reads it as its first line
    (``selectors.figure_history``). Append-only, as the audit log.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.CharField(max_length=150)  # the user name at the time (or "cli:<account>")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=300)
    checksum = models.CharField(max_length=64)  # SHA-256 (hex) of the file, or of its rows without one
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    LOG_NAME = "Nhật ký nhập tệp"

    objects = AppendOnlyQuerySet["ImportBatch"].as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.filename}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Nhật ký nhập tệp chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Nhật ký nhập tệp chỉ được ghi thêm, không được xoá.")


class YearClosure(models.Model):
    """A year closed for entry from ``closes_on`` (the reporting deadline) for a programme's figures."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    closes_on = models.DateField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="year_closure_unique")]

    def __str__(self) -> str:
        return f"{self.programme_id}/{self.year} từ {self.closes_on}"


class ValidationRuleRow(models.Model):
    """A configured validation rule; it replaces the default rule of the same code, or adds one.

    ``kind``, ``severity`` and ``params`` mean what ``nqtrack.domain.validation.Rule`` says; ``params``
    holds the numbers (minimum, maximum, total, tolerance, factor, threshold, mode).
    """

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=200)
    kind = models.CharField(max_length=12)
    indicators = models.JSONField(default=list)  # indicator codes
    severity = models.CharField(max_length=10)
    params = models.JSONField(default=dict)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="validation_rule_unique")]

    def __str__(self) -> str:
        return self.code


class Dhis2DataElement(models.Model):
    """Code table: a DHIS2 data element (with a category option combo, or the default one) ↔ indicator."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    data_element = models.CharField(max_length=11, blank=True)  # its uid (empty: known by code only)
    dhis2_code = models.CharField(max_length=50, blank=True)  # its code, for idScheme=CODE
    category_option_combo = models.CharField(max_length=11, blank=True)  # empty: the default combo
    combo_code = models.CharField(max_length=50, blank=True)  # the combo's code
    indicator = models.ForeignKey("programmes.Indicator", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "data_element", "category_option_combo"],
                condition=~models.Q(data_element=""),
                name="dhis2_element_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.data_element}.{self.category_option_combo or 'default'} → {self.indicator_id}"


class Dhis2OrgUnit(models.Model):
    """Code table: a DHIS2 organisation unit ↔ a GSO unit code."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    org_unit = models.CharField(max_length=11, blank=True)  # its uid (empty: known by code only)
    dhis2_code = models.CharField(max_length=50, blank=True)  # its code, for idScheme=CODE
    unit_code = models.CharField(max_length=10)
    # The unit version, when the code table names one (a code with two meanings: 24 is Tỉnh Bắc Giang
    # until 30/6/2025 and Tỉnh Bắc Ninh from 1/7/2025); empty: the version the figure's period gives.
    unit = models.ForeignKey(
        "places.AdminUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "org_unit"],
                condition=~models.Q(org_unit=""),
                name="dhis2_org_unit_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} → {self.unit_code}"


class Dhis2DefaultCombo(models.Model):
    """Code table: an id the partner DHIS2 uses for its default category (and attribute) option combo.

    Each DHIS2 database has its own id for the default combo; values with that id (or none) map to the
    code-table rows without a combo. Without a row here, DHIS2's demo id ``HllvX50cXC0`` is assumed.
    """

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    combo = models.CharField(max_length=11)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "combo"], name="dhis2_default_combo_unique")
        ]

    def __str__(self) -> str:
        return self.combo


class ImportJobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    REFUSED = "refused", _("Tệp có lỗi: không ghi dòng nào")
    FAILED = "failed", _("Lỗi")


class ImportJob(models.Model):
    """A confirmed upload too large to write within the web request, written by a background task.

    The file travels in the row (app servers are stateless: the worker may run on another machine) and is
    dropped once the job has run; the result keeps the summary lines the page shows.
    """

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content = models.BinaryField(null=True)
    state = models.CharField(max_length=10, choices=ImportJobState.choices, default=ImportJobState.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    lines = models.JSONField(default=list)  # the summary lines of the result, as the upload page shows them
    # DHIS2's import parameters chosen on the upload page (DHIS2's names), for a dataValueSets file
    dhis2_params = models.JSONField(default=dict, blank=True)
    dhis2_summary = models.JSONField(null=True, blank=True)  # DHIS2's import summary of such a file

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (ImportJobState.DONE, ImportJobState.REFUSED, ImportJobState.FAILED)


def published_q(prefix: str = "") -> Q:
    """The one definition of a published figure, what the public and the dashboard read: its review
    reached "approved".

    The statistics office's figures are imported approved (``services.observations_import``) and no
    review step moves them; a reported figure is published once a reviewer approves it. Drafts and
    figures waiting for review are not published. ``prefix`` lets a query on another model reach the
    observation (``"observations__"``).
    """
    return Q(**{f"{prefix}review_state": ReviewState.APPROVED})


def is_published(observation: Observation) -> bool:
    """``published_q`` for a figure in hand."""
    return observation.review_state == ReviewState.APPROVED

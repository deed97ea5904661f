"""The action programme as data (docs/programme-format.md).

Rows mirror the programme file; ``services.programme_load`` writes them from a parsed file and
``selectors.programme_as_domain`` reads them back, so load → export → load gives the same programme.
"""

from __future__ import annotations

import copy

from django.db import models


class Programme(models.Model):
    code = models.SlugField(max_length=100, unique=True)
    title = models.TextField()
    short_title = models.CharField(max_length=200, blank=True)
    issuer = models.CharField(max_length=300)
    issuer_kind = models.CharField(max_length=10, choices=[("party", "Đảng"), ("state", "Nhà nước")])
    number = models.CharField(max_length=50, blank=True)
    date = models.CharField(max_length=10, blank=True)
    implements = models.CharField(max_length=50)
    province_code = models.CharField(max_length=10)
    period_start = models.PositiveSmallIntegerField()
    period_end = models.PositiveSmallIntegerField()
    base_year = models.PositiveSmallIntegerField(null=True, blank=True)
    signed_by_title = models.CharField(max_length=200, blank=True)
    signed_by_name = models.CharField(max_length=200, blank=True)
    preamble = models.TextField(blank=True)
    purposes = models.JSONField(default=list)  # [{number, text}]: section I, read-only prose
    general_objective = models.JSONField(default=list)  # [paragraph]
    vision_year = models.PositiveSmallIntegerField(null=True, blank=True)
    vision_text = models.TextField(blank=True)
    progress_method = models.CharField(max_length=20, default="ratio")
    usd_exchange_rate = models.FloatField(null=True, blank=True)
    # YYYY-MM-DD: the unit list that frames the programme's territory (empty: 1 January of its first year).
    territory_as_of = models.CharField(max_length=10, blank=True)

    def __str__(self) -> str:
        return self.short_title or self.title

    @property
    def effective_base_year(self) -> int:
        return self.base_year if self.base_year is not None else self.period_start - 1


class Document(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(max_length=100)
    title = models.TextField()
    kind = models.CharField(max_length=100, blank=True)
    number = models.CharField(max_length=100, blank=True)
    date = models.CharField(max_length=10, blank=True)
    issuer = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="document_code_unique")]

    def __str__(self) -> str:
        return self.code


class Organisation(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="organisations")
    code = models.CharField(max_length=100)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, default="other")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    unit_code = models.CharField(max_length=10, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="organisation_code_unique")]

    def __str__(self) -> str:
        return self.name


class IndicatorGroup(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicator_groups")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="indicator_group_unique")]

    def __str__(self) -> str:
        return f"({self.number})"


class Indicator(models.Model):
    """A measured quantity. ``group`` is empty for supporting indicators (collected, no target)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    group = models.ForeignKey(
        IndicatorGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=50)
    direction = models.CharField(
        max_length=10, choices=[("higher", "Cao hơn là tốt"), ("lower", "Thấp hơn là tốt")]
    )
    statistics_keys = models.JSONField(default=list)  # [{key, unit_code?}]
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20)
    comparator = models.CharField(max_length=20)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    direction = models.CharField(max_length=10, blank=True)
    tolerance = models.FloatField(null=True, blank=True)
    base_year = models.PositiveSmallIntegerField(null=True, blank=True)  # overrides the programme's
    # First year of a new series (a change of standard): no growth or change is computed across it.
    series_break = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_value = models.FloatField(null=True, blank=True)
    out_of = models.PositiveIntegerField(null=True, blank=True)
    equivalent_value = models.FloatField(null=True, blank=True)
    equivalent_unit = models.CharField(max_length=50, blank=True)
    series_kind = models.CharField(max_length=20, default="level")
    part_of = models.CharField(max_length=100, blank=True)
    method = models.CharField(max_length=20, blank=True)  # empty: the programme's progress method
    source_text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    # The terms a later decision re-based the target on (the programme file's ``rebased``, as written
    # there: since, decided_by, source_text, comparator and the bounds it gives); empty: none.
    rebased = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.source_text

    @property
    def period(self) -> tuple[int, int] | None:
        """(first year, last year) of a period target, else None."""
        if self.period_start is None or self.period_end is None:
            return None
        return (self.period_start, self.period_end)

    @property
    def judged(self) -> Target:
        """The target on the terms it is judged on: itself, or for a re-based target an unsaved copy with
        the re-based terms (comparator, bounds, year or period, "of how many", and kind and unit where they
        give them). A baseline belongs to the original terms and goes with them; the rest stays. Pages,
        charts and reports show these terms and the engine judges on them (``domain_target``)."""
        if not self.rebased:
            return self
        terms = self.rebased
        judged = copy.copy(self)
        judged.rebased = {}
        judged.kind = terms.get("kind", self.kind)
        judged.comparator = terms["comparator"]
        judged.low = terms.get("low")
        judged.high = terms.get("high")
        judged.unit = terms.get("unit", self.unit)
        judged.year = terms.get("year")
        judged.period_start, judged.period_end = terms.get("period") or (None, None)
        judged.out_of = terms.get("out_of")
        judged.baseline_year = judged.baseline_value = None
        return judged


class Milestone(models.Model):
    group = models.ForeignKey(IndicatorGroup, on_delete=models.CASCADE, related_name="milestones")
    code = models.CharField(max_length=100)
    text = models.TextField()
    due = models.CharField(max_length=10)
    units = models.JSONField(default=list)  # GSO codes, 2022 frame
    kind = models.CharField(max_length=50, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="milestone_code_unique")]

    def __str__(self) -> str:
        return self.text


class TaskGroup(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="task_groups")
    number = models.PositiveSmallIntegerField()
    title = models.TextField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="task_group_unique")]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(max_length=50)
    text = models.TextField()
    kind = models.CharField(max_length=10, default="recurring")
    due = models.CharField(max_length=10, blank=True)
    documents = models.ManyToManyField(Document, blank=True, through="TaskDocument", related_name="tasks")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="task_code_unique")]

    def __str__(self) -> str:
        return self.code


class KeyProject(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="key_projects")
    code = models.CharField(max_length=100)
    name = models.TextField()
    kind = models.CharField(max_length=50, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["task", "code"], name="key_project_code_unique")]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="assignments")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    organisations = models.ManyToManyField(
        Organisation, blank=True, through="AssignmentOrganisation", related_name="assignments"
    )
    due = models.CharField(max_length=10, blank=True)
    recurring = models.BooleanField(default=False)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"IV.{self.number}"


class TaskDocument(models.Model):
    """A document a task refers to, in the order the programme names them."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE)
    document = models.ForeignKey(Document, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.task_id} → {self.document_id}"


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    COOPERATING = "cooperating", "Phối hợp"


class AssignmentOrganisation(models.Model):
    """An organisation's role in an assignment: it leads (chủ trì) or cooperates (phối hợp)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    role = models.CharField(max_length=12, choices=AssignmentRole.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.organisation_id}"

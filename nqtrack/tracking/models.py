"""Following the work: tracked items, progress updates, the document register, key projects, reminders.

Built on the programme's rows (``programmes.Task``, ``Assignment``, ``Organisation``, ``KeyProject``,
``Document``) by foreign key; the programme file stays the source of what the work *is*, these tables
hold how it is going. ``services.tracking_sync`` creates the items from a loaded programme.

An item goes with the programme row it tracks, but an item that has progress updates cannot be deleted
(``ProgressUpdate.item`` is PROTECT): loading a corrected programme that drops a task already reported on
fails instead of silently deleting the reported work.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nqtrack.domain.deadlines import Cycle, ItemStatus
from nqtrack.places.models import AdminUnit
from nqtrack.programmes import models as pm


class Kind(models.TextChoices):
    ONE_OFF = "one_off", _("Làm một lần, có hạn")
    RECURRING = "recurring", _("Thường xuyên, báo cáo định kỳ")


class CycleChoice(models.TextChoices):
    MONTHLY = Cycle.MONTHLY.value, _("Hằng tháng")
    QUARTERLY = Cycle.QUARTERLY.value, _("Hằng quý")
    HALF_YEARLY = Cycle.HALF_YEARLY.value, _("6 tháng")
    YEARLY = Cycle.YEARLY.value, _("Hằng năm")


class Status(models.TextChoices):
    # The same four words on the dashboard, the task pages, reminders and reports.
    NOT_REPORTED = ItemStatus.NOT_REPORTED.value, _("Chưa báo cáo")
    ON_SCHEDULE = ItemStatus.ON_SCHEDULE.value, _("Đúng tiến độ")
    LATE = ItemStatus.LATE.value, _("Chậm tiến độ")
    DONE = ItemStatus.DONE.value, _("Hoàn thành")
    DONE_LATE = ItemStatus.DONE_LATE.value, _("Hoàn thành muộn")


class Role(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COOPERATING = "cooperating", _("Phối hợp")


class TrackedItem(models.Model):
    """A piece of work followed to its deadline: a task (III), an assignment (IV) or a sub-task of one."""

    programme = models.ForeignKey(pm.Programme, on_delete=models.CASCADE, related_name="tracked_items")
    code = models.CharField(max_length=60)  # III.2.5, IV.2, IV.2-213 (sub-task for unit 213)
    task = models.ForeignKey(pm.Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(
        pm.Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="subitems"
    )
    title = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    cycle = models.CharField(max_length=12, choices=CycleChoice.choices, default=CycleChoice.YEARLY)
    start = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)  # one-off: deadline; recurring: last day it runs
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_REPORTED)
    status_on = models.DateField(null=True, blank=True)  # the day the status was last computed for
    organisations = models.ManyToManyField(pm.Organisation, through="ItemOrganisation", related_name="+")
    indicators = models.ManyToManyField(pm.Indicator, blank=True, related_name="+")
    milestones = models.ManyToManyField(pm.Milestone, blank=True, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="tracked_item_code_unique"),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(due__isnull=True)
                | models.Q(due__gte=models.F("start")),
                name="tracked_item_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class ItemOrganisation(models.Model):
    """An organisation's part in an item: it leads (chủ trì) or cooperates (phối hợp)."""

    item = models.ForeignKey(TrackedItem, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(pm.Organisation, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=12, choices=Role.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "organisation"], name="item_organisation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.get_role_display()} {self.organisation_id}"


class OrganisationMembership(models.Model):
    """A user works for an organisation: may post its updates and receives its reminders."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(pm.Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.organisation_id}"


class RegisteredDocument(models.Model):
    """A document in the register (sổ văn bản): a plan, decision or report that assigns or records work.

    Documents the programme cites are registered from it (``source``); the rest come with updates or
    are entered by the office. One issuer cannot issue the same number twice on one day.
    """

    programme = models.ForeignKey(pm.Programme, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=50)
    number = models.CharField(max_length=60, blank=True)
    date = models.DateField(null=True, blank=True)
    issuer = models.CharField(max_length=300)
    title = models.TextField(blank=True)
    source = models.OneToOneField(
        pm.Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number", "date", "issuer"], name="registered_document_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        """ "Kế hoạch số 12-KH/UBND ngày 05/9/2022" (or the title when there is no number)."""
        if not self.number:
            return f"{self.kind} {self.title}".strip()
        text = f"{self.kind} số {self.number}"
        return f"{text} ngày {self.date.day:02d}/{self.date.month}/{self.date.year}" if self.date else text


class Relation(models.TextChoices):
    ASSIGNS = "assigns", _("Giao nhiệm vụ")
    COMPLETES = "completes", _("Ghi nhận hoàn thành")
    REPORTS = "reports", _("Báo cáo kết quả")
    REFERS = "refers", _("Được dẫn chiếu")


class DocumentLink(models.Model):
    """A document assigns, completes, reports on or is cited by an item."""

    document = models.ForeignKey(RegisteredDocument, on_delete=models.CASCADE, related_name="links")
    item = models.ForeignKey(TrackedItem, on_delete=models.CASCADE, related_name="document_links")
    relation = models.CharField(max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "item", "relation"], name="document_link_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.relation} {self.item_id}"


class UpdateState(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ duyệt")
    ACCEPTED = "accepted", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


class ProgressUpdate(models.Model):
    """What an organisation reports on an item for one period: narrative, percent, evidence, document."""

    item = models.ForeignKey(TrackedItem, on_delete=models.PROTECT, related_name="updates")
    organisation = models.ForeignKey(pm.Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=8, blank=True)  # 2024, 2024S1, 2024Q3, 202403; "" for one-off
    narrative = models.TextField()
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    completes = models.BooleanField(default=False)
    document = models.ForeignKey(
        RegisteredDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="updates"
    )
    posted_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=UpdateState.choices, default=UpdateState.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-posted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True) | models.Q(percent__lte=100),
                name="update_percent_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.period or self.posted_on}"


def evidence_path(instance: Evidence, filename: str) -> str:
    """Store evidence under its item, so a folder holds one task's files."""
    return f"tracking/evidence/{instance.update.item_id}/{filename}"


class Evidence(models.Model):
    """A file or a link that backs an update."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, blank=True)
    name = models.CharField(max_length=255, blank=True)  # the uploaded file's own name
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""), name="evidence_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.url


class ProjectStatus(models.TextChoices):
    # A project nobody has reported on is not known to be "not started".
    UNKNOWN = "unknown", _("Chưa có thông tin")
    NOT_STARTED = "not_started", _("Chưa triển khai")
    PREPARING = "preparing", _("Chuẩn bị đầu tư / lập hồ sơ")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    COMPLETED = "completed", _("Hoàn thành")
    SUSPENDED = "suspended", _("Tạm dừng")


class ProjectTracking(models.Model):
    """How a key project of the programme (a road, bridge, dossier, college) is going."""

    key_project = models.OneToOneField(pm.KeyProject, on_delete=models.CASCADE, related_name="tracking")
    item = models.ForeignKey(TrackedItem, on_delete=models.CASCADE, related_name="projects")
    status = models.CharField(max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.UNKNOWN)
    responsible = models.ForeignKey(
        pm.Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locations = models.ManyToManyField(AdminUnit, blank=True, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["item__position", "key_project__position"]

    def __str__(self) -> str:
        return self.key_project.name


class ProjectMilestone(models.Model):
    """A dated step of a key project (approval, groundbreaking, opening, recognition)."""

    project = models.ForeignKey(ProjectTracking, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=300)
    due = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.name


class ReminderLog(models.Model):
    """One reminder e-mail sent: never sent again for the same item, kind, period and recipient."""

    item = models.ForeignKey(TrackedItem, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10)  # due_soon | missing
    period = models.CharField(max_length=10)  # period key (recurring) or due day (one-off)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["item", "kind", "period", "recipient"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.kind} {self.period} → {self.recipient}"

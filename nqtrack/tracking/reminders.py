"""E-mail reminders: before a deadline, and when a period's report is missing. Each sent once.

Recipients are the members (with an e-mail address) of an item's lead organisations. A reminder is
logged in ``ReminderLog`` in the same transaction that sends it; the log's unique key (item, kind,
period, recipient) makes a second send for the same period impossible, and a failed send rolls the log
back so the next run tries again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from nqtrack.domain.deadlines import ReminderDue, ReminderKind, period_label, reminders_due
from nqtrack.programmes import models as pm
from nqtrack.tracking.facts import facts_by_item, schedule_of
from nqtrack.tracking.models import Kind, OrganisationMembership, ReminderLog, Role, TrackedItem

DAYS_BEFORE = 7


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing to remind of: an item and what is due."""

    item: TrackedItem
    due: ReminderDue

    @property
    def line(self) -> str:
        what = (
            self.item.code
            if self.item.kind == Kind.ONE_OFF
            else f"{self.item.code} ({period_label(self.due.key)})"
        )
        state = "chưa có báo cáo" if self.due.kind == ReminderKind.MISSING else "sắp đến hạn"
        return f"{what}: {state}, hạn {self.due.deadline:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class ReminderMail:
    """One e-mail to one person, listing every reminder for them on this run, and whether it went out."""

    recipient: str
    reminders: tuple[Reminder, ...]
    sent: bool = False

    @property
    def subject(self) -> str:
        if len(self.reminders) == 1:
            return f"[nqtrack] Nhắc báo cáo nhiệm vụ {self.reminders[0].line}"
        return f"[nqtrack] Nhắc báo cáo: {len(self.reminders)} nhiệm vụ"

    @property
    def body(self) -> str:
        site = getattr(settings, "NQTRACK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
        lines = ["Kính gửi đồng chí,", "", "Các nhiệm vụ sau cần cơ quan, đơn vị gửi báo cáo tiến độ:", ""]
        for reminder in self.reminders:
            lines += [f"- {reminder.line}", f"  {site}/nhiem-vu/{reminder.item.code}/"]
        lines += ["", "Thư này do hệ thống nqtrack gửi tự động; mỗi kỳ báo cáo chỉ nhắc một lần."]
        return "\n".join(lines)


def _recipients(items: list[TrackedItem]) -> dict[int, list[str]]:
    """E-mail addresses of the members of each item's lead organisations."""
    leads: dict[int, set[int]] = {}
    for item in items:
        leads[item.pk] = {r.organisation_id for r in item.roles.all() if r.role == Role.LEAD}
    wanted = {org for orgs in leads.values() for org in orgs}
    emails: dict[int, set[str]] = {}
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    memberships = OrganisationMembership.objects.filter(organisation_id__in=wanted, user__in=users)
    for membership in memberships.select_related("user"):
        emails.setdefault(membership.organisation_id, set()).add(membership.user.email)
    return {pk: sorted({e for org in orgs for e in emails.get(org, set())}) for pk, orgs in leads.items()}


def _send_once(mail: ReminderMail) -> bool:
    """Log every reminder of the mail and send it, all or nothing."""
    try:
        with transaction.atomic():
            ReminderLog.objects.bulk_create(
                ReminderLog(item=r.item, kind=r.due.kind, period=r.due.key, recipient=mail.recipient)
                for r in mail.reminders
            )
            send_mail(mail.subject, mail.body, None, [mail.recipient])
    except IntegrityError:  # logged by a run at the same moment: it was sent there
        return False
    return True


def reminders_send(
    *,
    programme: pm.Programme,
    today: date | None = None,
    dry_run: bool = False,
    days_before: int = DAYS_BEFORE,
) -> list[ReminderMail]:
    """Send the reminders due on ``today`` not sent before, one e-mail per person; ``dry_run`` only lists."""
    day = today or timezone.localdate()
    # Items split into sub-tasks are reminded through their sub-tasks, each to its own organisation.
    items = list(
        TrackedItem.objects.filter(programme=programme, subitems__isnull=True)
        .order_by("position")
        .prefetch_related("roles")
    )
    facts = facts_by_item(items)
    recipients = _recipients(items)
    sent_before = set(
        ReminderLog.objects.filter(item__programme=programme).values_list(
            "item_id", "kind", "period", "recipient"
        )
    )
    pending: dict[str, list[Reminder]] = {}
    for item in items:
        for due in reminders_due(schedule_of(item), facts.get(item.pk, []), day, days_before=days_before):
            for email in recipients[item.pk]:
                if (item.pk, str(due.kind), due.key, email) not in sent_before:
                    pending.setdefault(email, []).append(Reminder(item, due))
    mails = [ReminderMail(email, tuple(reminders)) for email, reminders in sorted(pending.items())]
    if dry_run:
        return mails
    return [ReminderMail(m.recipient, m.reminders, sent=_send_once(m)) for m in mails]

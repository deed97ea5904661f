"""Review of reported figures: draft → submitted → approved, per (unit, year, indicator group).

The batch's state is the state its reported figures carry (they move together). A reporter submits a
draft batch; a reviewer approves it (the figures are then locked and feed the public view) or returns it
with a reason; an approved batch is unlocked back to draft only with a reason. A reviewer can close a year
for entry from a date (the reporting deadline) and reopen it with a reason. Every step is in the audit log,
and every step that moves figures asks for the batch unit's stored assessments to be refreshed once it
commits: approving and unlocking change what they read (approved figures only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from nqtrack.core.messages import Worded, said_in, translatable
from nqtrack.core.users import AnyUser
from nqtrack.domain.text_limits import REASON
from nqtrack.domain.validation import check_value, refusals
from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.observations.audit import Actor, actor_for, audit_entry, audit_write, snapshot
from nqtrack.observations.in_use import values_in_use
from nqtrack.observations.models import (
    AuditAction,
    AuditEntry,
    Observation,
    Origin,
    ReviewState,
    YearClosure,
)
from nqtrack.observations.permissions import (
    require_capture,
    require_capture_batch,
    require_capture_figures,
    require_programme_operations,
    require_review,
    require_review_batch,
    require_review_figures,
)
from nqtrack.observations.rules import programme_rules
from nqtrack.observations.signals import figures_changed_send
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, IndicatorGroup, Programme

MIN_REASON = 5  # characters: a reason must say something


class ReviewRefused(Exception):
    """The step cannot be taken; ``message`` and ``problems`` say why, in the language active when raised."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True, slots=True)
class Batch:
    """The unit of review: one unit's figures of one indicator group (None: supporting ones) for a year."""

    programme: Programme
    unit: AdminUnit
    year: int
    group: IndicatorGroup | None

    @property
    def label(self) -> str:
        if self.group:
            what = translatable(gettext_noop("nhóm chỉ tiêu (%(number)s)"), number=self.group.number)
        else:
            what = translatable(gettext_noop("các chỉ tiêu bổ trợ"))
        return translatable(
            gettext_noop("%(what)s, %(unit)s, năm %(year)s"), what=what, unit=self.unit.name, year=self.year
        )

    def figures(self) -> QuerySet[Observation]:
        rows = Observation.objects.filter(
            origin=Origin.REPORTED, unit=self.unit, year=self.year, indicator__programme=self.programme
        )
        if self.group is None:
            return rows.filter(indicator__group__isnull=True)
        return rows.filter(indicator__group=self.group)


# -- the review steps -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewStep:
    """One review step of a batch: its figures move from ``source`` to ``target``, audited as ``action``.

    ``name`` is the step as the web form and the command call it; ``verb`` says it in a refusal ("Không
    <verb> được …", "Cần ghi lý do <verb>"); ``done`` is what the page says once it is taken (``%(n)s``
    figures, ``%(batch)s``). Both are marked for translation here and translated where they are shown:
    they stay plain (Vietnamese) strings, the msgids.
    """

    name: str
    source: ReviewState
    target: ReviewState
    action: AuditAction
    verb: str
    done: str
    run: Callable[[AnyUser | None, Batch, str, str], int]  # (user, batch, reason, channel) → figures moved

    def take(self, *, user: AnyUser | None, batch: Batch, reason: str, channel: str) -> int:
        """Take the step; ``reason`` is read by the steps that need one (return, unlock)."""
        return self.run(user, batch, reason, channel)


REVIEW_STEPS: dict[str, ReviewStep] = {
    step.name: step
    for step in (
        ReviewStep(
            name="submit",
            source=ReviewState.DRAFT,
            target=ReviewState.SUBMITTED,
            action=AuditAction.SUBMIT,
            verb=gettext_noop("gửi duyệt"),
            done=gettext_noop("Đã gửi duyệt %(n)s số liệu: %(batch)s."),
            run=lambda user, batch, reason, channel: review_submit(user=user, batch=batch, channel=channel),
        ),
        ReviewStep(
            name="approve",
            source=ReviewState.SUBMITTED,
            target=ReviewState.APPROVED,
            action=AuditAction.APPROVE,
            verb=gettext_noop("duyệt"),
            done=gettext_noop("Đã duyệt %(n)s số liệu: %(batch)s."),
            run=lambda user, batch, reason, channel: review_approve(user=user, batch=batch, channel=channel),
        ),
        ReviewStep(
            name="return",
            source=ReviewState.SUBMITTED,
            target=ReviewState.DRAFT,
            action=AuditAction.RETURN,
            verb=gettext_noop("trả lại"),
            done=gettext_noop("Đã trả lại %(n)s số liệu: %(batch)s."),
            run=lambda user, batch, reason, channel: review_return(
                user=user, batch=batch, reason=reason, channel=channel
            ),
        ),
        ReviewStep(
            name="unlock",
            source=ReviewState.APPROVED,
            target=ReviewState.DRAFT,
            action=AuditAction.UNLOCK,
            verb=gettext_noop("mở khoá"),
            done=gettext_noop("Đã mở khoá %(n)s số liệu: %(batch)s."),
            run=lambda user, batch, reason, channel: review_unlock(
                user=user, batch=batch, reason=reason, channel=channel
            ),
        ),
    )
}


def review_submit(*, user: AnyUser | None, batch: Batch, channel: str) -> int:
    """Send a draft batch for review; refused when it is empty or a validation rule refuses a figure."""
    require_capture(user=user)
    step = REVIEW_STEPS["submit"]
    require_capture_batch(user=user, batch=batch, verb=step.verb)  # before reading its figures or state
    with transaction.atomic():
        figures = _locked(batch, step.source, step.verb)
        require_capture_figures(user=user, figures=figures)
        problems = _rule_problems(batch, figures)
        if problems:
            message = gettext_noop("Chưa gửi duyệt được %(batch)s: còn số liệu chưa đạt quy tắc kiểm tra.")
            raise ReviewRefused(translatable(message, batch=batch.label), problems)
        return _move(batch, figures, step.target, step.action, actor_for(user=user, channel=channel))


def review_approve(*, user: AnyUser | None, batch: Batch, channel: str) -> int:
    """Approve a submitted batch: its figures are locked and feed the public view."""
    require_review(user=user)
    step = REVIEW_STEPS["approve"]
    require_review_batch(user=user, batch=batch, verb=step.verb)  # before reading its figures or state
    with transaction.atomic():
        figures = _locked(batch, step.source, step.verb)
        require_review_figures(user=user, figures=figures)
        return _move(batch, figures, step.target, step.action, actor_for(user=user, channel=channel))


def review_return(*, user: AnyUser | None, batch: Batch, reason: str, channel: str) -> int:
    """Send a submitted batch back to draft, saying what to fix."""
    require_review(user=user)
    step = REVIEW_STEPS["return"]
    require_review_batch(user=user, batch=batch, verb=step.verb)  # before reading its figures or state
    reason = _reason(reason, step.verb)
    with transaction.atomic():
        figures = _locked(batch, step.source, step.verb)
        require_review_figures(user=user, figures=figures)
        actor = actor_for(user=user, channel=channel)
        return _move(batch, figures, step.target, step.action, actor, reason)


def review_unlock(*, user: AnyUser | None, batch: Batch, reason: str, channel: str) -> int:
    """Unlock an approved batch back to draft; the reason is recorded."""
    require_review(user=user)
    step = REVIEW_STEPS["unlock"]
    require_review_batch(user=user, batch=batch, verb=step.verb)  # before reading its figures or state
    reason = _reason(reason, step.verb)
    with transaction.atomic():
        figures = _locked(batch, step.source, step.verb)
        require_review_figures(user=user, figures=figures)
        actor = actor_for(user=user, channel=channel)
        return _move(batch, figures, step.target, step.action, actor, reason)


def year_close(
    *,
    user: AnyUser | None,
    programme: Programme,
    year: int,
    channel: str,
    closes_on: date | None = None,
    reason: str = "",
) -> YearClosure:
    """Close ``year`` for entry from ``closes_on`` (default today); closing again moves the date."""
    require_programme_operations(user=user, programme=programme)
    _refuse_long_reason(reason)
    actor = actor_for(user=user, channel=channel)
    on = closes_on or timezone.localdate()
    with transaction.atomic():
        closure, _created = YearClosure.objects.update_or_create(
            programme=programme,
            year=year,
            defaults={"closes_on": on, "closed_by_id": actor.user_id, "reason": reason},
        )
        _audit_year(actor, programme, year, AuditAction.CLOSE_YEAR, {"closes_on": on.isoformat()}, reason)
    return closure


def year_reopen(*, user: AnyUser | None, programme: Programme, year: int, reason: str, channel: str) -> None:
    """Open a closed year for entry again; the reason is recorded."""
    require_programme_operations(user=user, programme=programme)
    reason = _reason(reason, gettext_noop("mở lại năm"))
    actor = actor_for(user=user, channel=channel)
    with transaction.atomic():
        closure = YearClosure.objects.select_for_update().filter(programme=programme, year=year).first()
        if closure is None:
            raise ReviewRefused(translatable(gettext_noop("Năm %(year)s chưa khoá sổ."), year=year))
        old = {"closes_on": closure.closes_on.isoformat()}
        closure.delete()
        _audit_year(actor, programme, year, AuditAction.REOPEN_YEAR, None, reason, old=old)


# -- helpers ----------------------------------------------------------------------------------------------


def _reason(reason: str, what: str) -> str:
    """The reason, its spaces tidied; refused when shorter than ``MIN_REASON`` (``what``: a msgid)."""
    cleaned = " ".join(reason.split())
    if len(cleaned) < MIN_REASON:
        message = gettext_noop("Cần ghi lý do %(what)s (ít nhất %(min)s ký tự).")
        raise ReviewRefused(translatable(message, what=translatable(what), min=MIN_REASON))
    _refuse_long_reason(cleaned)
    return cleaned


def _refuse_long_reason(reason: str) -> None:
    """A reason is stored with every figure's audit entry: at most ``text_limits.REASON`` characters."""
    if len(reason) > REASON:
        raise ReviewRefused(
            translatable(
                gettext_noop("Lý do dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự."),
                length=format_vn_number(len(reason), 0),
                limit=format_vn_number(REASON, 0),
            )
        )


def _locked(batch: Batch, expected: str, verb: str) -> list[Observation]:
    """The batch's figures, locked for this transaction; refused unless all are in ``expected``.

    ``verb`` (a msgid) says the step in the refusal."""
    # Lock the figures only: PostgreSQL cannot lock the nullable side of the join to the group.
    figures = list(
        batch.figures()
        .select_for_update(of=("self",))
        .select_related("indicator__group", "unit")
        .order_by("id")
    )
    if not figures:
        message = gettext_noop("Không %(verb)s được: %(batch)s chưa có số liệu nào.")
        raise ReviewRefused(translatable(message, verb=translatable(verb), batch=batch.label))
    states = {obs.review_state for obs in figures}
    if states != {expected}:
        now = Worded(
            {
                language: ", ".join(sorted(said_in(ReviewState(s).label, language) for s in states))
                for language in ("vi", "en")
            }
        )
        message = gettext_noop(
            "Không %(verb)s được %(batch)s: số liệu đang ở trạng thái %(now)s, cần ở trạng thái %(expected)s."
        )
        raise ReviewRefused(
            translatable(
                message,
                verb=translatable(verb),
                batch=batch.label,
                now=now,
                expected=ReviewState(expected).label,
            )
        )
    return figures


def _move(
    batch: Batch, figures: list[Observation], state: str, action: str, actor: Actor, reason: str = ""
) -> int:
    old = {obs.pk: snapshot(obs) for obs in figures}
    Observation.objects.filter(pk__in=old).update(
        review_state=state, version=F("version") + 1, updated_at=timezone.now(), updated_by_id=actor.user_id
    )
    for obs in figures:
        obs.refresh_from_db(fields=["review_state", "version", "updated_at", "updated_by"])
    audit_write(
        audit_entry(actor, action, obs, old=old[obs.pk], new=snapshot(obs), reason=reason) for obs in figures
    )
    figures_changed_send(programme=batch.programme, unit_codes={batch.unit.code})
    return len(figures)


def _rule_problems(batch: Batch, figures: list[Observation]) -> list[str]:
    """Figures a validation rule refuses now that the whole batch is there (shares that do not add up)."""
    rules = programme_rules(programme=batch.programme)
    values = values_in_use(programme=batch.programme, unit_ids={batch.unit.pk}, years={batch.year}).get(
        batch.unit.pk, {}
    )
    names = dict(Indicator.objects.filter(programme=batch.programme).values_list("code", "name"))
    problems: list[str] = []
    for obs in figures:
        findings = check_value(
            rules,
            indicator=obs.indicator.code,
            year=obs.year,
            annual=obs.period == str(obs.year),
            value=float(obs.value),
            values=values,
            names=names,
        )
        for finding in refusals(findings, has_comment=bool(obs.comment.strip())):
            problems.append(
                translatable(
                    gettext_noop("“%(indicator)s” kỳ %(period)s: %(problem)s"),
                    indicator=obs.indicator.name,
                    period=obs.period,
                    problem=Worded({"vi": finding.message_vi, "en": finding.message_en}),
                )
            )
    return problems


def _audit_year(
    actor: Actor,
    programme: Programme,
    year: int,
    action: str,
    new: dict[str, Any] | None,
    reason: str,
    old: dict[str, Any] | None = None,
) -> None:
    AuditEntry.objects.create(
        user_id=actor.user_id,
        actor=actor.name,
        channel=actor.channel,
        action=action,
        programme=programme,
        year=year,
        old=old,
        new=new,
        reason=reason,
    )

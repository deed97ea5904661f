"""Writes of tracking: progress updates and their review, schedules, the document register, key projects.

Every write takes the acting ``user`` and checks it first, in :mod:`nqtrack.tracking.permissions`, which
asks :mod:`nqtrack.accounts.scopes` (raising ``PermissionDenied`` with a Vietnamese message); then it
validates the whole input (raising ``ValidationError`` keyed by form field, every problem at once) and
writes in one transaction. Nothing is saved when anything is wrong.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from nqtrack.core.messages import Worded, said_in, translatable
from nqtrack.domain import evidence as ev
from nqtrack.domain import text_limits as limits
from nqtrack.domain.deadlines import Cycle, period_label, reportable_periods
from nqtrack.domain.document_numbers import Citation, DocumentNumberError, parse_citation
from nqtrack.programmes import models as pm
from nqtrack.tracking import permissions
from nqtrack.tracking.facts import schedule_of, statuses_on
from nqtrack.tracking.models import (
    CycleChoice,
    DocumentLink,
    Evidence,
    Kind,
    OrganisationMembership,
    ProgressUpdate,
    ProjectMilestone,
    ProjectStatus,
    ProjectTracking,
    RegisteredDocument,
    Relation,
    TrackedItem,
    UpdateState,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from nqtrack.tracking.permissions import AnyUser
else:
    AnyUser = Any


def _signed_in(user: AnyUser) -> User:
    """The acting user, who must be signed in to write anything."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Đăng nhập để thực hiện việc này.")
    return user


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


# -- statuses ---------------------------------------------------------------------------------------------


def tracking_refresh_statuses(*, programme: pm.Programme, today: date | None = None) -> list[TrackedItem]:
    """Recompute every item's status for ``today`` (default: today here); return the items that changed.

    The daily job and every load of the task list call this, so an item turns late the day after its
    deadline without anyone touching it.
    """
    day = today or timezone.localdate()
    items = list(TrackedItem.objects.filter(programme=programme))
    statuses = statuses_on(items, day)
    moved = [i for i in items if i.status != statuses[i.pk]]
    stale = [i for i in items if i.status != statuses[i.pk] or i.status_on != day]
    for item in stale:
        item.status, item.status_on = statuses[item.pk], day
    TrackedItem.objects.bulk_update(stale, ["status", "status_on"])
    return moved


# -- the document register --------------------------------------------------------------------------------


def _too_long(errors: dict[str, list[str]], field: str, label: str, text: str, limit: int) -> bool:
    """Record on ``field`` that ``text`` is longer than ``limit`` characters; whether it was."""
    problem = limits.too_long(label, text, limit)
    if problem is not None:
        errors.setdefault(field, []).append(problem)
    return problem is not None


def _citation(
    text: str, issuer: str, today: date, errors: dict[str, list[str]]
) -> tuple[Citation, str] | None:
    if _too_long(errors, "document", "Văn bản", _nfc(text), limits.CITATION):
        return None
    try:
        citation = parse_citation(text)
    except DocumentNumberError as error:
        errors.setdefault("document", []).append(str(error))
        return None
    _too_long(errors, "document", "Số, ký hiệu văn bản", citation.number.text, limits.DOCUMENT_NUMBER)
    if citation.date > today:
        errors.setdefault("document", []).append(
            f"Ngày ban hành {citation.date:%d/%m/%Y} sau ngày hôm nay: kiểm tra lại ngày của văn bản."
        )
    who = _nfc(issuer) or citation.issuer
    if not who:
        errors.setdefault("issuer", []).append("Ghi cơ quan ban hành văn bản (ví dụ: UBND tỉnh Bắc Giang).")
    long_issuer = _too_long(errors, "issuer", "Cơ quan ban hành", who, limits.ISSUER)
    return (citation, who) if "document" not in errors and who and not long_issuer else None


def _register(
    programme: pm.Programme, citation: Citation, issuer: str, title: str, user: AnyUser
) -> RegisteredDocument:
    document, _ = RegisteredDocument.objects.get_or_create(
        programme=programme,
        number=citation.number.text,
        date=citation.date,
        issuer=issuer,
        defaults={
            "kind": citation.kind,
            "title": title,
            "registered_by": _signed_in(user),
        },
    )
    return document


def document_register(
    *,
    user: AnyUser,
    programme: pm.Programme,
    citation: str,
    issuer: str,
    title: str = "",
    links: Sequence[tuple[TrackedItem, str]] = (),
    today: date | None = None,
) -> RegisteredDocument:
    """Enter a document in the register ("Kế hoạch số 150/KH-UBND ngày …") and link it to items."""
    if not permissions.can_register_documents(user=user):
        raise PermissionDenied("Bạn không có quyền vào sổ văn bản.")
    errors: dict[str, list[str]] = {}
    parsed = _citation(citation, issuer, today or timezone.localdate(), errors)
    _too_long(errors, "title", "Trích yếu", _nfc(title), limits.DOCUMENT_TITLE)
    for item, relation in links:
        if item.programme_id != programme.pk or relation not in Relation.values:
            errors.setdefault("items", []).append(f"Không liên kết được với nhiệm vụ {item.code}.")
    if errors or parsed is None:
        raise ValidationError(errors)
    with transaction.atomic():
        document = _register(programme, parsed[0], parsed[1], _nfc(title), user)
        for item, relation in links:
            DocumentLink.objects.get_or_create(document=document, item=item, relation=relation)
    return document


# -- progress updates -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateInput:
    """What an organisation reports: the form's fields, already cleaned of their types."""

    narrative: str
    period: str = ""
    percent: int | None = None
    completes: bool = False
    document: str = ""  # the citation of the document that records it
    issuer: str = ""
    links: tuple[str, ...] = ()
    files: tuple[UploadedFile[Any], ...] = field(default=())


def _check_period(item: TrackedItem, data: UpdateInput, today: date, errors: dict[str, list[str]]) -> None:
    if item.kind == Kind.ONE_OFF:
        if data.period:
            errors.setdefault("period", []).append("Nhiệm vụ làm một lần không báo cáo theo kỳ.")
        return
    keys = [p.key for p in reportable_periods(schedule_of(item), today)]
    if data.period not in keys:
        # English names a period by its key (2024Q3); the domain words periods in Vietnamese only
        span = (
            translatable(
                gettext_noop("từ %(first)s đến %(last)s"),
                first=Worded({"vi": period_label(keys[0]), "en": keys[0]}),
                last=Worded({"vi": period_label(keys[-1]), "en": keys[-1]}),
            )
            if keys
            else translatable(gettext_noop("chưa đến kỳ nào"))
        )
        cycle = CycleChoice(item.cycle).label
        errors.setdefault("period", []).append(
            translatable(
                gettext_noop("Chọn kỳ báo cáo của nhiệm vụ (%(cycle)s, %(span)s)."),
                cycle=Worded({language: said_in(cycle, language).lower() for language in ("vi", "en")}),
                span=span,
            )
        )
    if data.completes:
        errors.setdefault("completes", []).append(
            "Nhiệm vụ thường xuyên không đánh dấu hoàn thành; báo cáo theo từng kỳ."
        )


def _check_evidence(data: UpdateInput, errors: dict[str, list[str]]) -> None:
    if len(data.files) > ev.MAX_FILES:
        errors.setdefault("evidence", []).append(
            translatable(gettext_noop("Gửi tối đa %(n)s tệp minh chứng mỗi lần."), n=ev.MAX_FILES)
        )
    for upload in data.files:
        head = upload.read(16)
        upload.seek(0)
        problem = ev.file_problem(upload.name or "", upload.size or 0, head)
        if problem:
            errors.setdefault("evidence", []).append(problem)
    problem = ev.links_problem(len(data.links))
    if problem:
        errors.setdefault("links", []).append(problem)
    for link in data.links[: ev.MAX_LINKS]:
        problem = ev.link_problem(link)
        if problem:
            errors.setdefault("links", []).append(problem)


def _check_update(
    item: TrackedItem, data: UpdateInput, today: date
) -> tuple[dict[str, list[str]], tuple[Citation, str] | None]:
    errors: dict[str, list[str]] = {}
    if not _nfc(data.narrative):
        errors["narrative"] = ["Ghi nội dung đã thực hiện."]
    _too_long(errors, "narrative", "Nội dung đã thực hiện", _nfc(data.narrative), limits.NARRATIVE)
    if data.percent is not None and not 0 <= data.percent <= 100:
        errors["percent"] = ["Tỷ lệ hoàn thành phải từ 0 đến 100%."]
    _check_period(item, data, today, errors)
    parsed = None
    if data.document.strip():
        parsed = _citation(data.document, data.issuer, today, errors)
    elif data.completes and item.kind == Kind.ONE_OFF:
        errors.setdefault("document", []).append(
            "Báo cáo hoàn thành cần văn bản ghi nhận (ví dụ: Kế hoạch số 12-KH/HU ngày 20/9/2022)."
        )
    _check_evidence(data, errors)
    return errors, parsed


def update_post(
    *, user: AnyUser, item: TrackedItem, data: UpdateInput, today: date | None = None
) -> ProgressUpdate:
    """Post an organisation's progress update on ``item``, with its evidence and recording document."""
    day = today or timezone.localdate()
    organisation = permissions.posting_organisation(user=user, item=item)
    if organisation is None:
        raise PermissionDenied(
            "Chỉ cán bộ của cơ quan chủ trì hoặc phối hợp mới được báo cáo tiến độ nhiệm vụ này."
        )
    errors, parsed = _check_update(item, data, day)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = None
        if parsed is not None:
            document = _register(item.programme, parsed[0], parsed[1], "", user)
            relation = Relation.COMPLETES if data.completes else Relation.REPORTS
            DocumentLink.objects.get_or_create(document=document, item=item, relation=relation)
        update = ProgressUpdate.objects.create(
            item=item,
            organisation=organisation,
            author=_signed_in(user),
            period=data.period,
            narrative=_nfc(data.narrative),
            percent=data.percent,
            completes=data.completes,
            document=document,
            posted_on=day,
        )
        for upload in data.files:
            Evidence.objects.create(update=update, file=upload, name=upload.name or "", size=upload.size or 0)
        for link in data.links:
            Evidence.objects.create(update=update, url=link.strip())
        tracking_refresh_statuses(programme=item.programme, today=day)
    return update


def update_review(
    *, user: AnyUser, update: ProgressUpdate, accept: bool, comment: str = "", today: date | None = None
) -> ProgressUpdate:
    """Accept an update, or return it with a comment (a returned update no longer counts)."""
    if not permissions.can_review(user=user, update=update):
        raise PermissionDenied("Bạn không có quyền duyệt báo cáo này (không tự duyệt báo cáo của mình).")
    if update.state != UpdateState.SUBMITTED:
        raise ValidationError({"comment": ["Báo cáo này đã được duyệt hoặc trả lại."]})
    if not accept and not _nfc(comment):
        raise ValidationError({"comment": ["Trả lại báo cáo cần ghi lý do để đơn vị bổ sung."]})
    if problem := limits.too_long("Nhận xét", _nfc(comment), limits.COMMENT):
        raise ValidationError({"comment": [problem]})
    with transaction.atomic():
        update.state = UpdateState.ACCEPTED if accept else UpdateState.RETURNED
        update.review_comment = _nfc(comment)
        update.reviewed_by = _signed_in(user)
        update.reviewed_at = timezone.now()
        update.save(update_fields=["state", "review_comment", "reviewed_by", "reviewed_at"])
        tracking_refresh_statuses(programme=update.item.programme, today=today)
    return update


# -- memberships ------------------------------------------------------------------------------------------


def membership_add(*, user: AnyUser | None, member: User, organisation: pm.Organisation) -> bool:
    """Link ``member`` to ``organisation``; True when the link is new.

    ``user`` None is the operator at the command line; a web user must administer accounts (who set
    the scopes that decide what the member may do; the link itself grants nothing).
    """
    if user is not None and not permissions.can_link_members(user=user):
        raise PermissionDenied("Bạn không có quyền gắn tài khoản với cơ quan, đơn vị.")
    _, created = OrganisationMembership.objects.get_or_create(user=member, organisation=organisation)
    return created


# -- schedules --------------------------------------------------------------------------------------------


def item_set_schedule(
    *,
    user: AnyUser,
    item: TrackedItem,
    start: date | None,
    due: date | None,
    cycle: str,
    today: date | None = None,
) -> TrackedItem:
    """Change when an item runs: start, due (or end), reporting cycle."""
    if not permissions.can_manage_schedule(user=user):
        raise PermissionDenied("Bạn không có quyền đặt thời hạn nhiệm vụ.")
    errors: dict[str, list[str]] = {}
    if start is not None and due is not None and due < start:
        errors["due"] = [
            translatable(
                gettext_noop("Hạn %(due)s trước ngày bắt đầu %(start)s."),
                due=f"{due:%d/%m/%Y}",
                start=f"{start:%d/%m/%Y}",
            )
        ]
    if cycle not in Cycle._value2member_map_:
        errors["cycle"] = ["Chọn một chu kỳ báo cáo."]
    if item.kind == Kind.ONE_OFF and due is None:
        errors.setdefault("due", []).append("Nhiệm vụ làm một lần cần có hạn.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item.start, item.due, item.cycle = start, due, cycle
        item.save(update_fields=["start", "due", "cycle"])
        tracking_refresh_statuses(programme=item.programme, today=today)
    return item


# -- key projects -----------------------------------------------------------------------------------------


def project_update(
    *,
    user: AnyUser,
    project: ProjectTracking,
    status: str,
    responsible: pm.Organisation | None,
    note: str = "",
) -> ProjectTracking:
    """Set a key project's status, responsible organisation and note.

    The responsible organisation's own officers may report the status; giving the project to another
    organisation (or to none) is the programme managers' decision.
    """
    if not permissions.can_edit_project(user=user, project=project):
        raise PermissionDenied("Bạn không có quyền cập nhật công trình, dự án này.")
    if responsible != project.responsible and not permissions.can_reassign_project(user=user):
        raise PermissionDenied("Chỉ người quản lý chương trình mới giao công trình, dự án cho cơ quan khác.")
    if status not in ProjectStatus.values:
        raise ValidationError({"status": ["Chọn một tình trạng."]})
    if responsible is not None and responsible.programme_id != project.item.programme_id:
        raise ValidationError({"responsible": ["Cơ quan không thuộc chương trình."]})
    if problem := limits.too_long("Ghi chú", _nfc(note), limits.COMMENT):
        raise ValidationError({"note": [problem]})
    with transaction.atomic():
        project.status, project.responsible, project.note = status, responsible, _nfc(note)
        project.save(update_fields=["status", "responsible", "note"])
    return project


def project_add_milestone(
    *, user: AnyUser, project: ProjectTracking, name: str, due: date, done_on: date | None = None
) -> ProjectMilestone:
    """Add a dated step to a key project."""
    if not permissions.can_edit_project(user=user, project=project):
        raise PermissionDenied("Bạn không có quyền cập nhật công trình, dự án này.")
    if not _nfc(name):
        raise ValidationError({"name": ["Ghi tên mốc (ví dụ: Khởi công)."]})
    if problem := limits.too_long("Tên mốc", _nfc(name), limits.MILESTONE_NAME):
        raise ValidationError({"name": [problem]})
    return ProjectMilestone.objects.create(project=project, name=_nfc(name), due=due, done_on=done_on)

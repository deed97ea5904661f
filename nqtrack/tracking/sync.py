"""Create the tracked items of a loaded programme: tasks (III), assignments (IV) and their sub-tasks.

Idempotent: running it again changes nothing; running it after a corrected programme was loaded brings
the items in line with the file (codes, texts, kinds, dues, the assignments' organisations) and leaves
what people entered (schedules they changed, updates, documents, key-project details) alone.

Rules the programme does not state, chosen here and documented in docs/tracking.md:

- **Start**: the programme's date; the seed has none, so the date of the latest document it cites (it
  cannot have been issued earlier: 19-NQ/TW of 16/6/2022 for the seed).
- **Lead of a section III task**: the organisations of assignment IV.1, the one that directs the whole
  implementation ("Ban cán sự đảng UBND tỉnh … chỉ đạo UBND tỉnh … ban hành Kế hoạch thực hiện"), set once
  when the item is created.
- **Recurring items** ("thường xuyên") run to the end of the programme's period and report yearly.
- **Sub-tasks**: an item led by a collective organisation (one the programme lists others under, as
  "Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy") is split into one sub-task per member
  organisation, with the same kind and due date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from nqtrack.domain.deadlines import parse_due
from nqtrack.domain.place_names import NamedUnit, units_named_in
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import unit_version_on, units_valid_on
from nqtrack.programmes import models as pm
from nqtrack.tracking.models import (
    DocumentLink,
    ItemOrganisation,
    Kind,
    ProjectTracking,
    RegisteredDocument,
    Relation,
    Role,
    TrackedItem,
)

# The unit frame the programme names places in (docs: "8/9 huyện" etc. refer to the 2022 frame).
FRAME_2022 = date(2022, 10, 1)


@dataclass(slots=True)
class SyncSummary:
    """What a sync did: rows created and changed, per kind of row."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, table: str, *, created: bool) -> None:
        counts = self.created if created else self.updated
        counts[table] = counts.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def programme_start(programme: pm.Programme) -> date:
    """The day the programme's work starts (see the module notes)."""
    if programme.date:
        return date.fromisoformat(programme.date)
    cited = [date.fromisoformat(d.date) for d in programme.documents.all() if d.date]
    return max(cited) if cited else date(programme.period_start, 1, 1)


@transaction.atomic
def tracking_sync(*, programme: pm.Programme) -> SyncSummary:
    """Create or bring up to date the tracked items, register and key projects of ``programme``."""
    summary = SyncSummary()
    start = programme_start(programme)
    end = date(programme.period_end, 12, 31)
    position = 0
    default_roles = _assignment_roles(programme.assignments.filter(number=1).first())
    for task in pm.Task.objects.filter(group__programme=programme).order_by("group__number", "position"):
        position += 1
        item = _upsert_item(programme, task.code, _task_fields(task, start, end, position), summary)
        _set_roles(item, default_roles, summary, only_if_empty=True)
    for assignment in programme.assignments.order_by("number"):
        position += 1
        fields = _assignment_fields(assignment, start, end, position)
        item = _upsert_item(programme, f"IV.{assignment.number}", fields, summary)
        _set_roles(item, _assignment_roles(assignment), summary, only_if_empty=False)
    _split_collective_items(programme, summary)
    _register_documents(programme, summary)
    _track_key_projects(programme, summary)
    return summary


def _task_fields(task: pm.Task, start: date, end: date, position: int) -> dict[str, Any]:
    one_off = task.kind == Kind.ONE_OFF
    return {
        "task": task,
        "title": task.text,
        "kind": Kind.ONE_OFF if one_off else Kind.RECURRING,
        "start": start,
        "due": parse_due(task.due) if one_off else end,
        "position": position,
    }


def _assignment_fields(assignment: pm.Assignment, start: date, end: date, position: int) -> dict[str, Any]:
    return {
        "assignment": assignment,
        "title": assignment.text,
        "kind": Kind.RECURRING if assignment.recurring else Kind.ONE_OFF,
        "start": start,
        "due": end if assignment.recurring else parse_due(assignment.due),
        "position": position,
    }


# Fields a user may change later (the schedule): set when the item is created, never overwritten.
_USER_FIELDS = ("start", "due", "cycle")


def _upsert_item(
    programme: pm.Programme, code: str, fields: dict[str, Any], summary: SyncSummary
) -> TrackedItem:
    item = TrackedItem.objects.filter(programme=programme, code=code).first()
    if item is None:
        summary.count("items", created=True)
        return TrackedItem.objects.create(programme=programme, code=code, **fields)
    changed = [k for k, v in fields.items() if k not in _USER_FIELDS and getattr(item, k) != v]
    for name in changed:
        setattr(item, name, fields[name])
    if changed:
        item.save(update_fields=changed)
        summary.count("items", created=False)
    return item


def _assignment_roles(assignment: pm.Assignment | None) -> list[tuple[pm.Organisation, str]]:
    if assignment is None:
        return []
    return [
        (r.organisation, r.role) for r in assignment.roles.select_related("organisation").order_by("position")
    ]


def _set_roles(
    item: TrackedItem, roles: list[tuple[pm.Organisation, str]], summary: SyncSummary, *, only_if_empty: bool
) -> None:
    existing = {(r.organisation_id, r.role, r.position) for r in item.roles.all()}
    if only_if_empty and existing:
        return
    wanted = {(org.pk, role, i) for i, (org, role) in enumerate(roles)}
    if existing == wanted:
        return
    item.roles.all().delete()
    ItemOrganisation.objects.bulk_create(
        ItemOrganisation(item=item, organisation=org, role=role, position=i)
        for i, (org, role) in enumerate(roles)
    )
    summary.count("roles", created=not existing)


def _split_collective_items(programme: pm.Programme, summary: SyncSummary) -> None:
    parents = TrackedItem.objects.filter(programme=programme, parent__isnull=True).prefetch_related("roles")
    for parent in parents:
        leads = [r.organisation for r in parent.roles.all() if r.role == Role.LEAD]
        members = [child for org in leads for child in org.children.order_by("position")]
        for offset, member in enumerate(members, start=1):
            fields = {
                "parent": parent,
                "assignment": parent.assignment,
                "task": parent.task,
                "title": member.name,
                "kind": parent.kind,
                "start": parent.start,
                "due": parent.due,
                "cycle": parent.cycle,
                "position": parent.position * 1000 + offset,
            }
            code = f"{parent.code}-{member.unit_code or member.code}"
            item = _upsert_item(programme, code, fields, summary)
            _set_roles(item, [(member, Role.LEAD)], summary, only_if_empty=False)


def _register_documents(programme: pm.Programme, summary: SyncSummary) -> None:
    items = {
        i.task_id: i
        for i in TrackedItem.objects.filter(programme=programme, parent__isnull=True, task__isnull=False)
    }
    for document in programme.documents.all():
        registered, created = RegisteredDocument.objects.update_or_create(
            source=document,
            defaults={
                "programme": programme,
                "kind": document.kind,
                "number": document.number,
                "date": date.fromisoformat(document.date) if document.date else None,
                "issuer": document.issuer,
                "title": document.title,
            },
        )
        if created:
            summary.count("documents", created=True)
        for link in pm.TaskDocument.objects.filter(document=document):
            item = items.get(link.task_id)
            if item is not None:
                _, made = DocumentLink.objects.get_or_create(
                    document=registered, item=item, relation=Relation.REFERS
                )
                if made:
                    summary.count("document_links", created=True)


def _district_units(programme: pm.Programme) -> dict[str, AdminUnit]:
    """The programme province's districts in the 2022 frame, by code (empty if units are not loaded)."""
    province = unit_version_on(code=programme.province_code, on=FRAME_2022)
    if province is None:
        return {}
    return {u.code: u for u in units_valid_on(on=FRAME_2022, under=province, level=UnitLevel.DISTRICT)}


def _track_key_projects(programme: pm.Programme, summary: SyncSummary) -> None:
    items = {
        i.task_id: i
        for i in TrackedItem.objects.filter(programme=programme, parent__isnull=True, task__isnull=False)
    }
    districts = _district_units(programme)
    named = [NamedUnit(u.code, u.name, u.unit_type) for u in districts.values()]
    projects = pm.KeyProject.objects.filter(task__group__programme=programme).order_by(
        "task__position", "position"
    )
    for project in projects:
        tracking, created = ProjectTracking.objects.get_or_create(
            key_project=project, defaults={"item": items[project.task_id]}
        )
        if not created:
            continue
        summary.count("projects", created=True)
        tracking.locations.set([districts[code] for code in units_named_in(project.name, named)])

"""Turn tracked items and their updates into the pure domain's inputs (``nqtrack.domain.deadlines``).

Shared by the status refresh, the reminders and the item page, so all three judge an item the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from nqtrack.domain.deadlines import (
    Cycle,
    ItemStatus,
    Schedule,
    UpdateFact,
    combined_status,
    item_status,
)
from nqtrack.tracking.models import Kind, ProgressUpdate, TrackedItem, UpdateState


def schedule_of(item: TrackedItem) -> Schedule:
    """The item's schedule as the domain sees it."""
    return Schedule(
        recurring=item.kind == Kind.RECURRING, start=item.start, due=item.due, cycle=Cycle(item.cycle)
    )


def fact_of(update: ProgressUpdate) -> UpdateFact:
    """A standing update as the domain sees it: completion dates from the document that records it."""
    completed_on = update.document.date if update.completes and update.document is not None else None
    return UpdateFact(
        on=update.posted_on,
        period=update.period or None,
        completes=update.completes,
        completed_on=completed_on,
    )


def facts_by_item(items: Iterable[TrackedItem]) -> dict[int, list[UpdateFact]]:
    """The standing (not returned) updates of each item, one query."""
    facts: dict[int, list[UpdateFact]] = defaultdict(list)
    updates = (
        ProgressUpdate.objects.filter(item__in=[i.pk for i in items])
        .exclude(state=UpdateState.RETURNED)
        .select_related("document")
    )
    for update in updates:
        facts[update.item_id].append(fact_of(update))
    return facts


def statuses_on(items: list[TrackedItem], today: date) -> dict[int, ItemStatus]:
    """Every item's status on ``today``; an item split into sub-items takes their combined status."""
    facts = facts_by_item(items)
    children: dict[int, list[int]] = defaultdict(list)
    for item in items:
        if item.parent_id is not None:
            children[item.parent_id].append(item.pk)
    statuses = {i.pk: item_status(schedule_of(i), facts.get(i.pk, []), today) for i in items}
    for parent_id, child_ids in children.items():
        if parent_id in statuses:
            statuses[parent_id] = combined_status([statuses[c] for c in child_ids])
    return statuses

"""Who may do what in tracking: the tracking services ask here, and this module asks
:mod:`nqtrack.accounts.scopes` (the one place that decides, docs/security.md) where it has a rule.

- Posting an update: a user whose capture scope covers one of the item's lead or cooperating
  organisations (:func:`nqtrack.accounts.scopes.can_post_task_update`). ``OrganisationMembership`` no
  longer grants anything: it says whom reminders go to and which organisations a user's page lists.
- Reviewing an update: a user with the ``tracking.review_update`` permission, never on their own update.
- Setting an item's schedule: ``tracking.manage_schedule``. Registering documents:
  ``tracking.add_registereddocument``. Key projects: ``tracking.change_projecttracking`` or a user whose
  capture scope covers the responsible organisation. (The scopes have no rule for these yet: interim.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nqtrack.accounts import scopes
from nqtrack.programmes.models import Organisation
from nqtrack.tracking.models import (
    ItemOrganisation,
    OrganisationMembership,
    ProgressUpdate,
    ProjectTracking,
    TrackedItem,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any


def member_organisation_ids(*, user: AnyUser) -> set[int]:
    """The organisations the user works for."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        OrganisationMembership.objects.filter(user_id=user.pk).values_list("organisation_id", flat=True)
    )


def posting_organisation(*, user: AnyUser, item: TrackedItem) -> Organisation | None:
    """The organisation the user posts for on ``item`` (a lead before a cooperating one), or None."""
    roles = ItemOrganisation.objects.filter(item=item).select_related("organisation")
    ordered = sorted(roles, key=lambda r: (r.role != "lead", r.position))
    allowed = (
        r.organisation for r in ordered if scopes.can_post_task_update(user=user, organisation=r.organisation)
    )
    return next(allowed, None)


def _has(user: AnyUser, permission: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(permission))


def can_review(*, user: AnyUser, update: ProgressUpdate | None = None) -> bool:
    """Whether the user may accept or return updates (``update``: this one, which is not theirs)."""
    if not _has(user, "tracking.review_update"):
        return False
    return update is None or update.author_id != user.pk


def can_manage_schedule(*, user: AnyUser) -> bool:
    return _has(user, "tracking.manage_schedule")


def can_register_documents(*, user: AnyUser) -> bool:
    return _has(user, "tracking.add_registereddocument")


def can_edit_project(*, user: AnyUser, project: ProjectTracking) -> bool:
    if _has(user, "tracking.change_projecttracking"):
        return True
    responsible = project.responsible
    return responsible is not None and scopes.can_post_task_update(user=user, organisation=responsible)

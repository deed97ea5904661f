"""Who may do what in tracking: the one place that decides (until nqtrack.accounts' scopes take over).

- Posting an update: a member (``OrganisationMembership``) of one of the item's lead or cooperating
  organisations.
- Reviewing an update: a user with the ``tracking.review_update`` permission, never on their own update.
- Setting an item's schedule: ``tracking.manage_schedule``. Registering documents:
  ``tracking.add_registereddocument``. Key projects: ``tracking.change_projecttracking`` or a member of
  the responsible organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    mine = member_organisation_ids(user=user)
    roles = ItemOrganisation.objects.filter(item=item, organisation_id__in=mine).select_related(
        "organisation"
    )
    ordered = sorted(roles, key=lambda r: (r.role != "lead", r.position))
    return ordered[0].organisation if ordered else None


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
    return project.responsible_id is not None and project.responsible_id in member_organisation_ids(user=user)

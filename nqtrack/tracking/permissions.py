"""Tracking's questions put to :mod:`nqtrack.accounts.scopes` (the one place that decides, docs/security.md).

This module only says which organisation a tracking object belongs to; the scopes decide:

- Posting an update: a user whose capture scope covers one of the item's lead or cooperating
  organisations (:func:`~nqtrack.accounts.scopes.can_post_task_update`). ``OrganisationMembership``
  grants nothing: it says whom reminders go to and which organisations a user's page lists.
- Reviewing an update: :func:`~nqtrack.accounts.scopes.can_review_task_update` for the organisation the
  update was posted for, never the author.
- Reading an update's internal parts (an update not yet accepted, the review comment, the evidence):
  :func:`~nqtrack.accounts.scopes.can_view_organisation` for that organisation.
- Setting an item's schedule and links: :func:`~nqtrack.accounts.scopes.can_manage_task_schedules`.
  Registering documents: :func:`~nqtrack.accounts.scopes.can_register_documents`. Key projects:
  :func:`~nqtrack.accounts.scopes.can_edit_key_project` for the responsible organisation.
- Linking an account to an organisation on the web: account administrators
  (:func:`~nqtrack.accounts.scopes.can_manage_accounts`), who set the scopes too.
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
    """The organisations the user works for (reminders and "my organisations"; grants nothing)."""
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


def can_review(*, user: AnyUser, update: ProgressUpdate) -> bool:
    """Whether the user may accept or return ``update`` (within their remit, and not their own)."""
    return scopes.can_review_task_update(user=user, organisation=update.organisation, author=update.author)


def sees_internals(*, user: AnyUser, update: ProgressUpdate) -> bool:
    """Whether the user may read ``update``'s internal parts: the update before it is accepted, the
    review comment and the evidence. The view scope decides alone: a reporter's covers what they may
    post for, and an author moved elsewhere no longer reads what they sent."""
    return scopes.can_view_organisation(user=user, organisation=update.organisation)


def can_manage_schedule(*, user: AnyUser) -> bool:
    return scopes.can_manage_task_schedules(user=user)


def can_register_documents(*, user: AnyUser) -> bool:
    return scopes.can_register_documents(user=user)


def can_edit_project(*, user: AnyUser, project: ProjectTracking) -> bool:
    return scopes.can_edit_key_project(user=user, responsible=project.responsible)


def can_reassign_project(*, user: AnyUser) -> bool:
    """Whether the user may give a key project to another responsible organisation."""
    return scopes.can_manage_programme(user=user)


def can_link_members(*, user: AnyUser) -> bool:
    return scopes.can_manage_accounts(user=user)

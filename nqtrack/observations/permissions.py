"""Who may enter and who may review figures: the observation services ask here, and this module asks
:mod:`nqtrack.accounts.scopes` (the one place that decides, docs/security.md).

- Entering a figure: :func:`nqtrack.accounts.scopes.capture_allowed` for its unit and indicator.
- Approving, returning or unlocking a figure: :func:`nqtrack.accounts.scopes.is_reviewer_for`, never a
  figure the reviewer entered.
- Reading unpublished figures: the views and exports read through :mod:`nqtrack.observations.selectors`,
  which filter with :func:`nqtrack.accounts.scopes.view_filter_observations` (figures) and
  :func:`nqtrack.accounts.scopes.view_filter_audit` (the audit log).
- Programme-wide operations (closing or reopening a year, loading validation rules or the DHIS2 code
  table, importing the province-wide published statistics):
  :func:`nqtrack.accounts.scopes.can_run_programme_operations`.
- Without a unit and indicator (a service's first check before it reads the figures) the user's role
  decides: a capturing role, a reviewing role.

A command run from the shell (``user`` None) acts with the operating-system account's authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from nqtrack.accounts import scopes

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from nqtrack.observations.models import Observation
    from nqtrack.places.models import AdminUnit
    from nqtrack.programmes.models import Indicator, Programme

    AnyUser = AbstractBaseUser | AnonymousUser
else:
    AnyUser = Any


def can_capture(*, user: AnyUser | None) -> bool:
    """Whether ``user`` may enter, import or delete reported figures somewhere (a capturing role)."""
    return user is None or scopes.access_for(user=user).role in scopes.CAPTURE_ROLES


def require_capture(*, user: AnyUser | None) -> None:
    if not can_capture(user=user):
        raise PermissionDenied(_("Bạn không có quyền nhập số liệu."))


def capture_allowed(*, user: AnyUser | None, unit: AdminUnit, indicator: Indicator) -> bool:
    """Whether ``user`` may enter ``indicator`` for ``unit`` (their capture scope)."""
    return user is None or scopes.capture_allowed(user=user, unit=unit, indicator=indicator)


def figure_readable(*, user: AnyUser | None, observation: Observation) -> bool:
    """Whether ``user`` may read the stored ``observation`` (published, or in their view scope)."""
    return user is None or scopes.can_view_figure(user=user, observation=observation)


def require_capture_figures(*, user: AnyUser | None, figures: Iterable[Observation]) -> None:
    """Raise PermissionDenied unless every figure is in the user's capture scope."""
    if user is None:
        return
    for obs in figures:
        scopes.require_capture(user=user, unit=obs.unit, indicator=obs.indicator)


def can_import_files(*, user: AnyUser | None, programme: Programme) -> bool:
    """Whether ``user`` may upload files of figures at all: a capturing role (each row of reported figures
    is then checked against their capture scope) or the programme-wide right (published statistics)."""
    return (
        user is None
        or can_capture(user=user)
        or scopes.can_run_programme_operations(user=user, programme=programme)
    )


def require_import_files(*, user: AnyUser | None, programme: Programme) -> None:
    if not can_import_files(user=user, programme=programme):
        raise PermissionDenied(_("Bạn không có quyền nhập số liệu từ tệp."))


def can_review(*, user: AnyUser | None) -> bool:
    """Whether ``user`` may approve, return or unlock figures somewhere (a reviewing role)."""
    return user is None or scopes.access_for(user=user).role in scopes.REVIEW_ROLES


def require_review(*, user: AnyUser | None) -> None:
    if not can_review(user=user):
        raise PermissionDenied(_("Bạn không có quyền duyệt số liệu."))


def require_review_figures(*, user: AnyUser | None, figures: Iterable[Observation]) -> None:
    """Raise PermissionDenied unless every figure is within the user's remit and none was entered by them."""
    if user is None:
        return
    for obs in figures:
        # Compare ids rather than load the author: only "is it the reviewer?" matters.
        entered_by = user if obs.created_by_id is not None and obs.created_by_id == user.pk else None
        scopes.require_review(user=user, unit=obs.unit, indicator=obs.indicator, entered_by=entered_by)


def require_programme_operations(*, user: AnyUser | None, programme: Programme) -> None:
    """Raise PermissionDenied unless ``user`` may run the programme-wide operations of ``programme``."""
    if user is not None:
        scopes.require_programme_operations(user=user, programme=programme)

"""Who may enter and who may review figures: the observation services ask here, and this module asks
:mod:`nqtrack.accounts.scopes` (the one place that decides, docs/security.md).

- Entering a figure: :func:`nqtrack.accounts.scopes.capture_allowed` for its unit and indicator.
- Approving, returning or unlocking a figure: :func:`nqtrack.accounts.scopes.is_reviewer_for`, never a
  figure the reviewer entered.
- A review step on a batch: the batch itself first (:func:`require_capture_batch`,
  :func:`require_review_batch`), before its figures or state are read, so an outsider learns nothing of it.
- Reading unpublished figures: the views and exports read through :mod:`nqtrack.observations.selectors`,
  which filter with :func:`view_filter_observations` (figures) and :func:`view_filter_audit` (the audit
  log), below: the rules that need an observation live beside observations, and ask the user's view
  scope of :mod:`nqtrack.accounts.scopes`.
- Programme-wide operations (closing or reopening a year, loading validation rules or the DHIS2 code
  table, importing the province-wide published statistics):
  :func:`nqtrack.accounts.scopes.can_run_programme_operations`.
- Without a unit and indicator (a service's first check before it reads the figures) the user's role
  decides: a capturing role, a reviewing role.

A command run from the shell (``user`` None) acts with the operating-system account's authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from nqtrack.accounts import scopes
from nqtrack.core.users import AnyUser
from nqtrack.observations.models import AuditEntry, Observation, is_published, published_q
from nqtrack.programmes.models import Indicator

if TYPE_CHECKING:
    from nqtrack.observations.review import Batch
    from nqtrack.places.models import AdminUnit
    from nqtrack.programmes.models import Programme


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
    return user is None or can_view_figure(user=user, observation=observation)


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


def require_capture_batch(*, user: AnyUser | None, batch: Batch, verb: str) -> None:
    """Raise PermissionDenied unless ``user`` may enter every indicator of ``batch`` for its unit.

    Asked before the batch's figures are read: an outsider is refused with the same words whether or not
    the batch holds figures, whatever its state and whichever indicators they are (``verb`` names the
    step, "gửi duyệt").
    """
    if user is not None and not all(
        scopes.capture_allowed(user=user, unit=batch.unit, indicator=i) for i in _batch_indicators(batch)
    ):
        raise _batch_refused(batch, verb)


def require_review_batch(*, user: AnyUser | None, batch: Batch, verb: str) -> None:
    """Raise PermissionDenied unless ``batch`` is within the reviewer's remit (every indicator of it, for its
    unit), before its figures are read, as :func:`require_capture_batch`. That none of the figures is the
    reviewer's own is checked on the figures afterwards (:func:`require_review_figures`)."""
    if user is not None and not all(
        scopes.is_reviewer_for(user=user, unit=batch.unit, indicator=i) for i in _batch_indicators(batch)
    ):
        raise _batch_refused(batch, verb)


def _batch_indicators(batch: Batch) -> list[Indicator]:
    """The indicators a batch's figures can be of: the programme's structure, no figure."""
    indicators = Indicator.objects.filter(programme=batch.programme)
    if batch.group is None:
        return list(indicators.filter(group__isnull=True))
    return list(indicators.filter(group=batch.group))


def _batch_refused(batch: Batch, verb: str) -> PermissionDenied:
    # Made of the request's own words (step, unit, year, group): nothing read from the figures.
    return PermissionDenied(
        _("Bạn không có quyền %(verb)s số liệu %(batch)s.") % {"verb": _(verb), "batch": batch.label}
    )


def require_programme_operations(*, user: AnyUser | None, programme: Programme) -> None:
    """Raise PermissionDenied unless ``user`` may run the programme-wide operations of ``programme``."""
    if user is not None:
        scopes.require_programme_operations(user=user, programme=programme)


# -- reading figures and their audit log --------------------------------------------------------------------


def view_filter_observations(*, user: AnyUser, queryset: QuerySet[Observation]) -> QuerySet[Observation]:
    """The figures of ``queryset`` the user may read: the published ones and those in their view scope."""
    view = scopes.access_for(user=user).view
    if view == scopes.EVERYTHING:
        return queryset
    if view.no_units:
        return queryset.filter(published_q())
    return queryset.filter(published_q() | _in_view(view))


def can_view_figure(*, user: AnyUser, observation: Observation) -> bool:
    """Whether the user may read ``observation``: a published figure, or one in their view scope.

    The per-figure form of :func:`view_filter_observations`, for a service that holds a figure already
    (an import comparing a file's row with what is stored must not tell an outsider that they match).
    """
    if is_published(observation):
        return True
    view = scopes.access_for(user=user).view
    return view.has_unit(observation.unit_id) and view.has_indicator(observation.indicator)


def view_filter_audit(*, user: AnyUser, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    """The entries of the figures' audit log the user may read.

    An entry holds a figure's values before review (drafts, returned figures), so only the changes of
    figures in the user's view scope are shown, published or not; the programme-wide entries without a
    unit (a year closed or reopened for entry) are shown to everyone who may open the log.
    """
    view = scopes.access_for(user=user).view
    if view == scopes.EVERYTHING:
        return queryset
    return queryset.filter(Q(unit__isnull=True) | (Q(unit__isnull=False) & _in_view(view)))


def view_filter_imported(*, user: AnyUser, queryset: QuerySet[Observation]) -> QuerySet[Observation]:
    """The imported figures whose import (``ImportBatch``) the user may read as a line of their history:
    the rule of :func:`view_filter_audit` for the figures themselves (those in the user's view scope)."""
    view = scopes.access_for(user=user).view
    if view == scopes.EVERYTHING:
        return queryset
    return queryset.filter(_in_view(view))


def _in_view(view: scopes.Scope) -> Q:
    """The figures (or audit entries) of the units and indicators (groups, programmes) of ``view``."""
    in_scope = Q() if view.unit_ids is None else Q(unit_id__in=view.unit_ids)
    return in_scope & view.indicator_q("indicator")

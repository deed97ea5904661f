"""Who may see and change what: the one place that decides (docs/security.md).

Every other app asks these functions; none reads roles or scopes itself. A user has a **role** and two
scopes, as DHIS2 separates them:

- the **capture scope** — the units, organisations and indicator groups they enter figures and task
  updates for; for a reviewer it is the remit they approve in;
- the **view scope** — what they may read beyond the published figures everybody sees. A reporter's or
  reviewer's view scope always includes their capture scope.

A scope on a unit covers that unit version, every unit version below it while it was valid (a 2022 district
covers its 2022 communes, also those that changed name or type later while still in it) and the later
versions of the same unit reached by a "changed" succession (Việt Yên district → Việt Yên town). A merger
does not widen a scope: a Yên Dũng scope does not cover Bắc Giang city. A province that ended covers the
statistical territory that follows it (Tỉnh Bắc Giang: Bắc Giang (địa bàn cũ)); a scope on that territory
covers its own figures alone. A scope on an organisation covers
the organisations below it. An empty indicator-group list means every group.

Each scope may be **limited to programmes** (``capture_programmes``, ``view_programmes``; empty: every
programme, as an empty group list means every group). Several programmes are loaded side by side, each
with its own indicator groups, indicators, organisations and tasks, and a limit narrows the scope to
theirs: the indicators to those of the programmes (the groups chosen are intersected with the
programmes' groups; without a group chosen, every indicator of the programmes, its supporting ones
included), the organisations to those of the programmes (so the tasks whose updates the user posts,
reviews or reads the internal parts of are the programmes' tasks: a task's organisations are its
programme's), and the programme-wide rights (operations, reports) to those programmes. The units are
not narrowed: programmes share the unit tree. A reviewer's remit is their capture scope and follows the
same rule; a reporter's or reviewer's view scope still includes their capture scope, limit and all.

Administrators (once verified by two-factor authentication) and programme managers may capture and view
everything, in every programme: their scope choices, programme limits included, are not read. Anonymous
visitors, users without a role and inactive users see published figures only.

A request reads the user's role and the units, organisations, groups and programmes chosen in their
scopes in one query (:func:`access_for`). Expanding those choices through the unit and organisation trees
(and narrowing them to the programmes chosen) is the costly part, and it depends on nothing else: it is
kept in Django's cache under a digest of the choices (every field of ``SCOPE_FIELDS``, the programme
limits too) and the pages' version (:mod:`nqtrack.core.pagecache`), which every change to the units,
their successions and the organisations moves. A changed role, scope or programme limit is therefore
read on the very next request, in every process, and needs nothing invalidated; an inactive user is never
signed in (Django's ``ModelBackend``) and has no role here. Readers of cached page parts are told apart by
their view scope, its programme limit included (``web.pagecache.reader_scope``).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import ManyToManyField, Q, QuerySet
from django.utils.translation import gettext as _

from nqtrack.accounts.models import Profile, Role
from nqtrack.core.pagecache import PAGE_TIMEOUT, pages_changed, pages_version
from nqtrack.core.users import AnyUser
from nqtrack.places.models import AdminUnit, SuccessionKind, UnitLevel, UnitSuccession
from nqtrack.places.selectors import statistical_territory_of, units_valid_on
from nqtrack.programmes.models import Indicator, IndicatorGroup, Organisation, Programme

# Stands for "before the earliest unit list we hold" (a version whose valid_from is empty).
_EARLIEST = date(1900, 1, 1)
_MEMO = "_nqtrack_access"
_CHOICES_MEMO = "_nqtrack_scope_choices"
_EXPANDED_KEY = "nqtrack:scopes:expanded"
# A profile's scope fields, in the order :class:`_Choices` holds their ids.
SCOPE_FIELDS = (
    "capture_units",
    "capture_organisations",
    "capture_indicator_groups",
    "capture_programmes",
    "view_units",
    "view_organisations",
    "view_indicator_groups",
    "view_programmes",
)

CAPTURE_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.REPORTER})
REVIEW_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.REVIEWER})
EVERYTHING_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_MANAGER})


@dataclass(frozen=True, slots=True)
class Scope:
    """Ids a scope covers; None in a dimension means "everything".

    ``programme_ids`` is the programme limit (None: every programme). The organisations are narrowed to
    the programmes' already; the indicators are checked against it by :meth:`has_indicator` and
    :meth:`indicator_q`, which every reader of the indicator dimension uses.
    """

    unit_ids: frozenset[int] | None
    organisation_ids: frozenset[int] | None
    indicator_group_ids: frozenset[int] | None
    programme_ids: frozenset[int] | None = None

    def has_unit(self, unit_id: int) -> bool:
        return self.unit_ids is None or unit_id in self.unit_ids

    def has_organisation(self, organisation_id: int) -> bool:
        return self.organisation_ids is None or organisation_id in self.organisation_ids

    @property
    def no_units(self) -> bool:
        """A scope without any unit: it adds no figures beyond the published ones."""
        return self.unit_ids is not None and not self.unit_ids

    def has_programme(self, programme_id: int) -> bool:
        return self.programme_ids is None or programme_id in self.programme_ids

    def has_indicator(self, indicator: Indicator) -> bool:
        if not self.has_programme(indicator.programme_id):
            return False
        if self.indicator_group_ids is None:
            return True
        return indicator.group_id is not None and indicator.group_id in self.indicator_group_ids

    def indicator_q(self, path: str = "indicator") -> Q:
        """The rows whose indicator (reached from the queried model by ``path``) :meth:`has_indicator`
        covers: its groups and its programmes."""
        condition = Q()
        if self.indicator_group_ids is not None:
            condition &= Q(**{f"{path}__group_id__in": self.indicator_group_ids})
        if self.programme_ids is not None:
            condition &= Q(**{f"{path}__programme_id__in": self.programme_ids})
        return condition


EVERYTHING = Scope(None, None, None, None)
NOTHING = Scope(frozenset(), frozenset(), frozenset(), frozenset())


@dataclass(frozen=True, slots=True)
class Access:
    """A user's effective role and scopes, computed once per user object (one request)."""

    role: Role | None
    capture: Scope
    view: Scope


# -- roles ------------------------------------------------------------------------------------------------


def user_role(*, user: AnyUser) -> Role | None:
    """The user's effective role; None for anonymous, inactive or role-less users.

    A superuser counts as an administrator. An administrator signed in through a request but not yet
    verified by two-factor authentication has no role until verified (the middleware sends them to set up
    or enter a code; this is the second lock).
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "is_superuser", False):
        role: Role | None = Role.ADMINISTRATOR
    else:
        role = _choices(user).role
    if role == Role.ADMINISTRATOR and not _two_factor_verified(user):
        return None
    return role


def is_administrator_account(*, user: AnyUser) -> bool:
    """Whether the user is an administrator by their account, whatever their verification state."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return _choices(user).role == Role.ADMINISTRATOR


def access_for(*, user: AnyUser) -> Access:
    """The user's role and scopes (memoised on the user object, which lives for one request).

    One query for the role and the scope choices; their expansion comes from the cache (module docs)."""
    memo = getattr(user, _MEMO, None)
    if isinstance(memo, Access):
        return memo
    access = _compute_access(user)
    if user.is_authenticated:
        setattr(user, _MEMO, access)
    return access


def forget_access(*, user: AnyUser) -> None:
    """Drop the memoised access after the user's role or scopes changed within the same request."""
    for memo in (_MEMO, _CHOICES_MEMO):
        if hasattr(user, memo):
            delattr(user, memo)


# -- figures ----------------------------------------------------------------------------------------------


def capture_allowed(*, user: AnyUser, unit: AdminUnit, indicator: Indicator) -> bool:
    """Whether the user may enter or import a figure of ``indicator`` for ``unit``."""
    access = access_for(user=user)
    return (
        access.role in CAPTURE_ROLES
        and access.capture.has_unit(unit.pk)
        and access.capture.has_indicator(indicator)
    )


def require_capture(*, user: AnyUser, unit: AdminUnit, indicator: Indicator) -> None:
    """Raise PermissionDenied unless the user may enter ``indicator`` for ``unit``."""
    if not capture_allowed(user=user, unit=unit, indicator=indicator):
        raise PermissionDenied(
            _("Bạn không có quyền nhập số liệu “%(indicator)s” cho %(unit)s.")
            % {"indicator": indicator.name, "unit": unit.name}
        )


def is_reviewer_for(
    *, user: AnyUser, unit: AdminUnit, indicator: Indicator, entered_by: AnyUser | None = None
) -> bool:
    """Whether the user may approve or return a figure of ``indicator`` for ``unit``.

    Within their remit (capture scope), and never a figure they entered themselves.
    """
    access = access_for(user=user)
    if entered_by is not None and entered_by.is_authenticated and entered_by.pk == user.pk:
        return False
    return (
        access.role in REVIEW_ROLES
        and access.capture.has_unit(unit.pk)
        and access.capture.has_indicator(indicator)
    )


def require_review(
    *, user: AnyUser, unit: AdminUnit, indicator: Indicator, entered_by: AnyUser | None = None
) -> None:
    """Raise PermissionDenied unless :func:`is_reviewer_for` allows it."""
    if not is_reviewer_for(user=user, unit=unit, indicator=indicator, entered_by=entered_by):
        raise PermissionDenied(
            _("Bạn không có quyền duyệt số liệu “%(indicator)s” của %(unit)s.")
            % {"indicator": indicator.name, "unit": unit.name}
        )


def viewable_units(*, user: AnyUser) -> QuerySet[AdminUnit]:
    """The units whose unpublished figures the user may read."""
    ids = access_for(user=user).view.unit_ids
    return AdminUnit.objects.all() if ids is None else AdminUnit.objects.filter(pk__in=ids)


def capturable_units(*, user: AnyUser) -> QuerySet[AdminUnit]:
    """The units the user may enter figures for (for choice lists)."""
    access = access_for(user=user)
    if access.role not in CAPTURE_ROLES:
        return AdminUnit.objects.none()
    ids = access.capture.unit_ids
    return AdminUnit.objects.all() if ids is None else AdminUnit.objects.filter(pk__in=ids)


def can_view_unit(*, user: AnyUser, unit: AdminUnit) -> bool:
    """Whether the user may read the unpublished figures of ``unit``."""
    return access_for(user=user).view.has_unit(unit.pk)


# -- tasks and organisations ------------------------------------------------------------------------------


def can_post_task_update(*, user: AnyUser, organisation: Organisation) -> bool:
    """Whether the user may report progress on a task or assignment for ``organisation``."""
    access = access_for(user=user)
    return access.role in CAPTURE_ROLES and access.capture.has_organisation(organisation.pk)


def require_task_update(*, user: AnyUser, organisation: Organisation) -> None:
    """Raise PermissionDenied unless the user may report progress for ``organisation``."""
    if not can_post_task_update(user=user, organisation=organisation):
        raise PermissionDenied(
            _("Bạn không có quyền báo cáo tiến độ thay cho %(organisation)s.")
            % {"organisation": organisation}
        )


def can_view_organisation(*, user: AnyUser, organisation: Organisation) -> bool:
    """Whether the user may read the internal task updates of ``organisation``."""
    return access_for(user=user).view.has_organisation(organisation.pk)


def viewable_organisations(*, user: AnyUser) -> QuerySet[Organisation]:
    """The organisations whose internal task updates the user may read."""
    ids = access_for(user=user).view.organisation_ids
    return Organisation.objects.all() if ids is None else Organisation.objects.filter(pk__in=ids)


def can_review_task_update(
    *, user: AnyUser, organisation: Organisation, author: AnyUser | None = None
) -> bool:
    """Whether the user may accept or return a progress update posted for ``organisation``.

    Programme managers and administrators (the office that follows the whole programme, as IV.6 gives
    the monitoring to the provincial bodies) and reviewers whose capture scope covers the organisation:
    the same remit rule as for figures. Never an update they posted themselves (``author``).
    """
    if author is not None and author.is_authenticated and author.pk == user.pk:
        return False
    access = access_for(user=user)
    return access.role in REVIEW_ROLES and access.capture.has_organisation(organisation.pk)


def task_review_organisations(*, user: AnyUser) -> QuerySet[Organisation]:
    """The organisations whose progress updates the user may accept or return (their own updates aside)."""
    access = access_for(user=user)
    if access.role not in REVIEW_ROLES:
        return Organisation.objects.none()
    ids = access.capture.organisation_ids
    return Organisation.objects.all() if ids is None else Organisation.objects.filter(pk__in=ids)


def can_manage_task_schedules(*, user: AnyUser) -> bool:
    """Whether the user may set an item's start, due and reporting cycle and link it to targets.

    Programme managers and administrators only: a deadline is the programme's (or the office's) decision,
    not the reporting organisation's.
    """
    return access_for(user=user).role in EVERYTHING_ROLES


def can_register_documents(*, user: AnyUser) -> bool:
    """Whether the user may enter documents in the register and link them to items (programme managers).

    Documents that record an update are registered with the update by whoever may post it.
    """
    return access_for(user=user).role in EVERYTHING_ROLES


def can_edit_key_project(*, user: AnyUser, responsible: Organisation | None) -> bool:
    """Whether the user may set a key project's status and note and add its milestones.

    Programme managers and administrators, and users whose capture scope covers the project's
    responsible organisation (as they post its task updates). Giving the project to another
    organisation is the programme managers' alone (:func:`can_manage_programme`).
    """
    if access_for(user=user).role in EVERYTHING_ROLES:
        return True
    return responsible is not None and can_post_task_update(user=user, organisation=responsible)


# -- whole-programme operations ---------------------------------------------------------------------------


def can_manage_programme(*, user: AnyUser) -> bool:
    """Whether the user may load programmes, import province-wide statistics and run reports."""
    return access_for(user=user).role in EVERYTHING_ROLES


def require_manage_programme(*, user: AnyUser) -> None:
    """Raise PermissionDenied unless the user manages the programme."""
    if not can_manage_programme(user=user):
        raise PermissionDenied(_("Chỉ người quản lý chương trình mới được làm việc này."))


def can_run_programme_operations(*, user: AnyUser, programme: Programme) -> bool:
    """Whether the user may close (and reopen) a year of ``programme`` for entry, load its validation rules
    and DHIS2 code table, and import the province-wide published statistics.

    Programme managers and administrators; and a reviewer whose remit covers the programme's whole
    province: a version of the province-level unit carrying the programme's province code, in every
    indicator group. The provincial office that approves the province's figures sets the deadline and
    the rules they are checked by; a district's or a department's reviewer approves within that frame.
    """
    access = access_for(user=user)
    if access.role in EVERYTHING_ROLES:
        return True
    return access.role == Role.REVIEWER and _covers_province(access.capture, programme)


def require_programme_operations(*, user: AnyUser, programme: Programme) -> None:
    """Raise PermissionDenied unless :func:`can_run_programme_operations` allows it."""
    if not can_run_programme_operations(user=user, programme=programme):
        raise PermissionDenied(
            _(
                "Chỉ người quản lý chương trình hoặc người duyệt số liệu của cả tỉnh mới được làm việc "
                "này (khoá sổ, quy tắc kiểm tra, bảng mã DHIS2, số liệu đã công bố)."
            )
        )


def can_make_reports(*, user: AnyUser) -> bool:
    """Whether the user may ask for review reports and upload report templates.

    A review report is the programme office's internal draft until it is issued: programme managers and
    administrators write it.
    """
    return access_for(user=user).role in EVERYTHING_ROLES


def require_make_reports(*, user: AnyUser) -> None:
    """Raise PermissionDenied unless the user may make reports."""
    if not can_make_reports(user=user):
        raise PermissionDenied(
            _("Chỉ người quản lý chương trình mới được tạo báo cáo và tải mẫu báo cáo lên.")
        )


def can_read_reports(*, user: AnyUser, programme: Programme) -> bool:
    """Whether the user may read the review reports of ``programme`` (list, progress, file).

    A report speaks for the whole province and every indicator group: those who make reports, and any
    role whose view scope covers the programme's province in every group (the provincial reviewer, the
    leaders who read the province); not a commune's, a district's or one department's reporter.
    """
    access = access_for(user=user)
    if access.role in EVERYTHING_ROLES:
        return True
    return access.role is not None and _covers_province(access.view, programme)


def require_read_reports(*, user: AnyUser, programme: Programme) -> None:
    """Raise PermissionDenied unless the user may read the reports of ``programme``."""
    if not can_read_reports(user=user, programme=programme):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo của chương trình này."))


def report_readable_programmes(*, user: AnyUser) -> QuerySet[Programme]:
    """The programmes whose review reports the user may read."""
    programmes = Programme.objects.order_by("id")
    if access_for(user=user).role in EVERYTHING_ROLES:
        return programmes
    return programmes.filter(pk__in=[p.pk for p in programmes if can_read_reports(user=user, programme=p)])


def _covers_province(scope: Scope, programme: Programme) -> bool:
    """Whether ``scope`` covers a version of the programme's province in every indicator group (and the
    programme, when it is limited to programmes)."""
    if scope.indicator_group_ids is not None or not scope.has_programme(programme.pk):
        return False
    if scope.unit_ids is None:
        return True
    return AdminUnit.objects.filter(
        code=programme.province_code, level=UnitLevel.PROVINCE, pk__in=scope.unit_ids
    ).exists()


def can_manage_accounts(*, user: AnyUser) -> bool:
    """Whether the user may invite users and set roles and scopes (verified administrators only)."""
    return access_for(user=user).role == Role.ADMINISTRATOR


def require_manage_accounts(*, user: AnyUser) -> None:
    """Raise PermissionDenied unless the user is a verified administrator."""
    if not can_manage_accounts(user=user):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được làm việc này."))


# -- scope computation ------------------------------------------------------------------------------------


def covered_unit_ids(units: Iterable[AdminUnit]) -> frozenset[int]:
    """Ids of ``units`` and every unit version below them while they were valid, following history.

    Each version below a unit is valid on its own start date, so walking the tree on the unit's start and
    on every change date within its life finds them all. "Changed" successions of the scope units
    themselves (same unit, new type or name) are followed forwards; mergers and splits are not.
    """
    change_dates = sorted(
        {d for d in AdminUnit.objects.values_list("valid_from", flat=True).distinct() if d is not None}
    )
    found: set[int] = set()
    todo = list(units)
    while todo:
        unit = todo.pop()
        if unit.pk in found:
            continue
        found.add(unit.pk)
        starts: list[date] = [unit.valid_from or _EARLIEST, *(d for d in change_dates if unit.is_valid_on(d))]
        for on in starts:
            found.update(units_valid_on(on=on, under=unit).values_list("pk", flat=True))
        todo.extend(
            edge.successor
            for edge in UnitSuccession.objects.filter(
                predecessor=unit, kind=SuccessionKind.CHANGED
            ).select_related("successor")
        )
        # An ended province's former territory, now a statistical unit (Bắc Giang (địa bàn cũ)), is its own.
        territory = statistical_territory_of(unit=unit) if unit.level == UnitLevel.PROVINCE else None
        if territory is not None:
            found.add(territory.pk)
    return frozenset(found)


def covered_organisation_ids(organisations: Iterable[Organisation]) -> frozenset[int]:
    """Ids of ``organisations`` and every organisation below them."""
    found = {o.pk for o in organisations}
    frontier = set(found)
    while frontier:
        frontier = set(Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= found
        found |= frontier
    return frozenset(found)


def _pk(user: AnyUser) -> int:
    pk = user.pk
    if pk is None:  # only signed-in users reach here
        raise PermissionDenied(_("Bạn cần đăng nhập."))
    return int(pk)


def _two_factor_verified(user: AnyUser) -> bool:
    # Users from a request carry is_verified (django-otp's middleware); a user loaded elsewhere (a command,
    # a background task) was authenticated by the operating system account instead.
    is_verified = getattr(user, "is_verified", None)
    return True if is_verified is None else bool(is_verified())


@dataclass(frozen=True, slots=True)
class _Choices:
    """A user's profile as the administrator set it: the role (None without a profile) and the ids chosen
    in each scope field, before expansion (in the order of ``SCOPE_FIELDS``)."""

    role: Role | None
    ids: tuple[frozenset[int], ...]


def _choices(user: AnyUser) -> _Choices:
    """The user's role and scope choices, read in one query (memoised on the user object, as the access)."""
    memo = getattr(user, _CHOICES_MEMO, None)
    if isinstance(memo, _Choices):
        return memo
    sql = _choices_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [_pk(user)] * sql.count("%s"))
        rows = cursor.fetchall()
    role: Role | None = None
    ids: list[set[int]] = [set() for _field in SCOPE_FIELDS]
    for field, ref, word in rows:
        if field == 0:
            role = Role(word)
        else:
            ids[field - 1].add(ref)
    found = _Choices(role, tuple(frozenset(each) for each in ids))
    setattr(user, _CHOICES_MEMO, found)
    return found


@functools.cache
def _choices_sql() -> str:
    """The one query of :func:`_choices`: a row for the profile (its role) and one per chosen unit,
    organisation or group, tagged with its field's number, each part by the user's profile through the
    tables' indexes. Written from the models' own names once; SQL rather than a union of querysets, which
    took longer to build on every request than the database takes to answer it."""
    quote = connection.ops.quote_name  # every name below is the models', never a value
    profile = Profile._meta
    table, pk, user_id = quote(profile.db_table), quote("id"), quote("user_id")
    own = f"(SELECT {pk} FROM {table} WHERE {user_id} = %s)"  # noqa: S608 - names from the model
    parts = [f"SELECT 0, {pk}, {quote('role')} FROM {table} WHERE {user_id} = %s"]  # noqa: S608 - likewise
    for number, name in enumerate(SCOPE_FIELDS, start=1):
        field = profile.get_field(name)
        assert isinstance(field, ManyToManyField)  # noqa: S101 - the fields above are
        assert field.remote_field.through is not None  # noqa: S101 - set once the models are loaded
        through = quote(field.remote_field.through._meta.db_table)
        chosen, owner = quote(field.m2m_reverse_name()), quote(field.m2m_column_name())
        parts.append(f"SELECT {number}, {chosen}, '' FROM {through} WHERE {owner} = {own}")  # noqa: S608
    return " UNION ALL ".join(parts)


def _expanded(choices: _Choices) -> tuple[Scope, Scope]:
    """The capture and view scopes the choices cover, expanded through the unit and organisation trees.

    Kept in the cache under the choices themselves and the pages' version, which every change to the
    trees moves (:func:`trees_changed` for a row saved or removed, apps.py; the unit loads themselves):
    users with the same choices share the entry, and a changed choice reads another.
    ``PAGE_TIMEOUT`` bounds an entry's life, as a page part's.
    """
    described = "|".join(",".join(map(str, sorted(ids))) for ids in choices.ids)
    digest = hashlib.blake2b(described.encode(), digest_size=16).hexdigest()
    key = f"{_EXPANDED_KEY}:{pages_version()}:{digest}"
    found = cache.get(key)
    if isinstance(found, tuple):
        capture, view = found
        if isinstance(capture, Scope) and isinstance(view, Scope):
            return capture, view
    capture = _profile_scope(*choices.ids[:4])
    view = _profile_scope(*choices.ids[4:])
    cache.set(key, (capture, view), timeout=PAGE_TIMEOUT)
    return capture, view


def trees_changed(*_args: object, **_kwargs: object) -> None:
    """A receiver for a unit, succession or organisation saved or removed: the cached scope expansions
    are read no more.

    Moves the pages' version now and again once the transaction commits, so that an expansion another
    request made from the rows before the commit is not kept under the new version either.
    """
    pages_changed()
    transaction.on_commit(pages_changed)


def _compute_access(user: AnyUser) -> Access:
    role = user_role(user=user)
    if role is None:
        return Access(role=None, capture=NOTHING, view=NOTHING)
    if role in EVERYTHING_ROLES:
        return Access(role=role, capture=EVERYTHING, view=EVERYTHING)
    capture, own_view = _expanded(_choices(user))
    if role == Role.VIEWER:
        return Access(role=role, capture=NOTHING, view=own_view)
    return Access(role=role, capture=capture, view=_union(capture, own_view))


def _profile_scope(
    unit_ids: frozenset[int],
    organisation_ids: frozenset[int],
    group_ids: frozenset[int],
    programme_ids: frozenset[int],
) -> Scope:
    """One scope from its choices (in the order of ``SCOPE_FIELDS``): the units and organisations with
    those below them; the organisations and the groups chosen narrowed to the programmes chosen."""
    organisations = covered_organisation_ids(Organisation.objects.filter(pk__in=organisation_ids))
    groups: frozenset[int] | None = group_ids or None
    programmes = programme_ids or None
    if programmes is not None:
        organisations = _of_programmes(Organisation.objects.all(), organisations, programmes)
        if groups is not None:
            groups = _of_programmes(IndicatorGroup.objects.all(), groups, programmes)
    return Scope(
        unit_ids=covered_unit_ids(AdminUnit.objects.filter(pk__in=unit_ids)),
        organisation_ids=organisations,
        indicator_group_ids=groups,
        programme_ids=programmes,
    )


def _of_programmes(
    rows: QuerySet[Organisation] | QuerySet[IndicatorGroup], ids: frozenset[int], programmes: frozenset[int]
) -> frozenset[int]:
    """Those of ``ids`` whose row (an organisation, an indicator group) belongs to one of ``programmes``."""
    if not ids:
        return ids
    return frozenset(rows.filter(pk__in=ids, programme_id__in=programmes).values_list("pk", flat=True))


def _union(a: Scope, b: Scope) -> Scope:
    """Each dimension joined on its own, as DHIS2 does (a slight over-approximation, documented).

    A scope without units adds no figures, so its indicator groups and its programme limit do not widen
    the other's (an empty view scope, "every programme", leaves the capture scope's limit as it is). The
    organisations are narrowed to each scope's programmes already, so they join as they are.
    """

    def join(x: frozenset[int] | None, y: frozenset[int] | None) -> frozenset[int] | None:
        return None if x is None or y is None else x | y

    if b.no_units:
        groups, programmes = a.indicator_group_ids, a.programme_ids
    elif a.no_units:
        groups, programmes = b.indicator_group_ids, b.programme_ids
    else:
        groups = join(a.indicator_group_ids, b.indicator_group_ids)
        programmes = join(a.programme_ids, b.programme_ids)
    return Scope(
        unit_ids=join(a.unit_ids, b.unit_ids),
        organisation_ids=join(a.organisation_ids, b.organisation_ids),
        indicator_group_ids=groups,
        programme_ids=programmes,
    )

"""The scopes' expansion kept in the cache (nqtrack.accounts.scopes): a warm request reads a user's role and
scope choices in one query, and whatever changes them, the unit tree or the organisation tree reaches the
very next request; a deactivated user is not served."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from nqtrack.accounts import scopes
from nqtrack.accounts.models import Profile, Role
from nqtrack.accounts.services import ScopeSelection, user_set_access
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.programmes.models import Organisation
from nqtrack.web.pagecache import PUBLISHED, reader_scope
from tests.accounts.conftest import Cast, unit
from tests.pages import seed_url

pytestmark = pytest.mark.django_db

SCOPED = ["commune_reporter", "district_reporter", "province_reviewer", "department_reporter", "viewer"]


def fresh(user: User) -> User:
    """The user as the next request loads them (access is memoised on the object)."""
    return User.objects.get(pk=user.pk)


def access_of(client: Client) -> scopes.Access:
    """The access the client's last request worked with (memoised on its user), after a new request."""
    response = client.get(seed_url("/"))
    assert response.status_code == 200
    return scopes.access_for(user=response.wsgi_request.user)


def test_a_warm_request_reads_role_and_choices_in_one_query_and_the_same_access(
    cast: Cast, settings: Settings
) -> None:
    cold, warm, counts = {}, {}, {}
    for name in SCOPED:
        user = getattr(cast, name)
        cold[name] = scopes.access_for(user=fresh(user))
        again = fresh(user)
        with CaptureQueriesContext(connection) as queries:
            warm[name] = scopes.access_for(user=again)
        counts[name] = len(queries)
    twin = User.objects.create_user("lanh_dao_2")  # the viewer's very choices: their cached expansion
    profile = Profile.objects.create(user=twin, role=Role.VIEWER)
    profile.view_units.set(cast.viewer.profile.view_units.all())
    profile.view_organisations.set(cast.viewer.profile.view_organisations.all())
    twin = fresh(twin)
    with CaptureQueriesContext(connection) as queries:
        twin_access = scopes.access_for(user=twin)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    uncached = {name: scopes.access_for(user=fresh(getattr(cast, name))) for name in SCOPED}

    assert counts == dict.fromkeys(SCOPED, 1)
    assert warm == cold == uncached
    assert (len(queries), twin_access) == (1, warm["viewer"])
    assert warm["district_reporter"].capture.unit_ids == scopes.covered_unit_ids([unit("222")])
    assert len(warm["viewer"].view.unit_ids or ()) > 200  # the whole province, through its history


def test_a_scope_or_role_changed_by_any_path_reaches_the_next_request(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.viewer)
    province = scopes.covered_unit_ids([unit("24")])
    district = scopes.covered_unit_ids([unit("222")])
    profile = cast.viewer.profile
    before = [access_of(client) for _warm in range(2)]

    profile.view_units.set([unit("222")])  # no service: a shell or a data migration
    narrowed = access_of(client)
    Profile.objects.filter(pk=profile.pk).update(role=Role.REPORTER)  # an update sends no signal at all
    reporter = access_of(client)
    admin = User.objects.create_superuser("quan_tri", "quan_tri@example.gov.vn")
    user_set_access(actor=admin, user=cast.viewer, role=Role.VIEWER, scope=ScopeSelection(), active=True)
    nothing = access_of(client)

    assert [(a.role, a.view.unit_ids) for a in before] == [(Role.VIEWER, province)] * 2
    assert (narrowed.role, narrowed.view.unit_ids) == (Role.VIEWER, district)
    assert (reporter.role, reporter.capture.unit_ids, reporter.view.unit_ids) == (
        Role.REPORTER,
        frozenset(),
        district,
    )
    assert nothing == scopes.Access(Role.VIEWER, scopes.NOTHING, scopes.Scope(frozenset(), frozenset(), None))


def test_a_deactivated_user_is_not_served_from_the_next_request(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.district_reporter)
    signed_in = [client.get(seed_url("/")) for _warm in range(2)]
    admin = User.objects.create_superuser("quan_tri", "quan_tri@example.gov.vn")
    choices = ScopeSelection(capture_units=(unit("222"),))
    user_set_access(actor=admin, user=cast.district_reporter, role=Role.REPORTER, scope=choices, active=False)

    after = client.get(seed_url("/"))
    entry = client.get("/so-lieu/")

    assert [r.wsgi_request.user.pk for r in signed_in] == [cast.district_reporter.pk] * 2
    assert [reader_scope(user=r.wsgi_request.user).startswith("scope-") for r in signed_in] == [True, True]
    assert after.wsgi_request.user.is_authenticated is False
    assert reader_scope(user=after.wsgi_request.user) == PUBLISHED
    assert 'class="who"' not in after.content.decode()  # no user menu: an anonymous page
    assert (entry.status_code, entry["Location"].split("?")[0]) == (302, "/tai-khoan/dang-nhap/")
    # The account is otherwise as it was: only the flag changed.
    assert scopes.access_for(user=fresh(cast.district_reporter)).role is None
    assert list(cast.district_reporter.profile.capture_units.all()) == [unit("222")]


def test_a_change_to_the_organisation_or_unit_tree_reaches_the_next_request(cast: Cast) -> None:
    viewer, district_reporter = cast.viewer, cast.district_reporter
    before_organisations = scopes.access_for(user=fresh(viewer)).view.organisation_ids or frozenset()
    before_units = scopes.access_for(user=fresh(district_reporter)).capture.unit_ids or frozenset()
    top = Organisation.objects.filter(programme=cast.programme, parent=None).order_by("position")[0]
    elsewhere = Organisation.objects.create(programme=cast.programme, code="khac", name="Cơ quan khác")

    child = Organisation.objects.create(programme=cast.programme, code="moi", name="Cơ quan mới", parent=top)
    commune = AdminUnit.objects.create(
        code="99999", name="Xã Mới", unit_type="Xã", level=UnitLevel.COMMUNE, parent=unit("222")
    )
    after_organisations = scopes.access_for(user=fresh(viewer)).view.organisation_ids
    after_units = scopes.access_for(user=fresh(district_reporter)).capture.unit_ids
    child.parent = None
    child.save(update_fields=["parent"])
    moved_away = scopes.access_for(user=fresh(viewer)).view.organisation_ids

    assert child.pk not in before_organisations
    assert after_organisations == before_organisations | {child.pk}
    assert after_units == before_units | {commune.pk}
    assert moved_away == before_organisations
    assert elsewhere.pk not in (after_organisations or ())

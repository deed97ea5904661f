"""Fixtures of the tracking tests: the seed programme's items, and a small cast of users.

Alice, Bob and Carol are reporters whose capture scope (set through the accounts services) is the
organisation they work for (also recorded as an ``OrganisationMembership``, which reminders use):

- Alice works for Huyện ủy Yên Thế (lead of sub-task IV.2-215).
- Bob works for Ban cán sự đảng UBND tỉnh (lead of the section III tasks, IV.1 and IV.6).
- Carol works for UBND tỉnh (cooperating on the section III tasks and IV.1).
- Charlie works for nobody.
- Rita reviews the district party committees' updates (a reviewer whose capture scope is their
  collective organisation, "Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy").
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.programmes.models import Organisation, Programme
from nqtrack.tracking.models import OrganisationMembership, TrackedItem
from nqtrack.tracking.sync import tracking_sync
from tests.grants import grant


@pytest.fixture
def tracked(programme: Programme) -> Programme:
    """The seed programme with its tracked items."""
    tracking_sync(programme=programme)
    return programme


def _member(username: str, organisation_code: str | None) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "mật-khẩu-dài-đủ-12")
    if organisation_code:
        organisation = Organisation.objects.get(code=organisation_code)
        OrganisationMembership.objects.create(user=user, organisation=organisation)
        user = grant(user, Role.REPORTER, ScopeSelection(capture_organisations=(organisation,)))
    return user


@pytest.fixture
def alice(tracked: Programme) -> User:
    return _member("alice", "yen_the_district_party_committee")


@pytest.fixture
def bob(tracked: Programme) -> User:
    return _member("bob", "provincial_pc_party_delegation")


@pytest.fixture
def carol(tracked: Programme) -> User:
    return _member("carol", "provincial_peoples_committee")


@pytest.fixture
def charlie(tracked: Programme) -> User:
    return _member("charlie", None)


@pytest.fixture
def rita(tracked: Programme) -> User:
    districts = Organisation.objects.get(code="district_party_committees")
    return grant(_member("rita", None), Role.REVIEWER, ScopeSelection(capture_organisations=(districts,)))


def item(code: str) -> TrackedItem:
    return TrackedItem.objects.get(code=code)

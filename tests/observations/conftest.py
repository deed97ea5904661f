"""Fixtures of the observation tests: the real figures, and a small cast (Alice reports, Bob reviews)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.observations.dhis2 import dhis2_codes_load
from nqtrack.observations.models import AuditEntry, Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Programme
from tests.grants import grant
from tests.observations.dhis2_payloads import CODES
from tests.seed import SEED_STATISTICS


@pytest.fixture
def figures(programme: Programme) -> Programme:
    """The seed programme with the 144 published figures imported."""
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def _provinces() -> tuple[AdminUnit, ...]:
    """Every version of every top-level unit: a scope on them covers every unit the figures use."""
    return tuple(AdminUnit.objects.filter(parent=None).order_by("pk"))


@pytest.fixture
def alice(units: None) -> User:
    """A reporter for the whole province (every unit version), no review rights."""
    return grant(User.objects.create_user("alice"), Role.REPORTER, ScopeSelection(capture_units=_provinces()))


@pytest.fixture
def carol(units: None) -> User:
    """A second reporter for the whole province (the other side of a concurrent edit)."""
    return grant(User.objects.create_user("carol"), Role.REPORTER, ScopeSelection(capture_units=_provinces()))


@pytest.fixture
def bob(units: None) -> User:
    """A reviewer for the whole province (every unit version)."""
    return grant(User.objects.create_user("bob"), Role.REVIEWER, ScopeSelection(capture_units=_provinces()))


@pytest.fixture
def coded(figures: Programme, bob: User) -> Programme:
    """The seed figures with the DHIS2 code table of tests/observations/dhis2_payloads.py loaded by Bob."""
    dhis2_codes_load(user=bob, programme=figures, data=CODES.encode(), name="codes.csv")
    return figures


def state() -> list[tuple[Any, ...]]:
    """Everything the observation services can change, to assert that nothing changed."""
    figures = list(
        Observation.objects.order_by("id").values_list(
            "id", "value", "status", "comment", "review_state", "version", "origin"
        )
    )
    return [*figures, ("audit", AuditEntry.objects.count())]


def record(value: object) -> dict[str, Any]:
    """An audit entry's old or new facts (a JSON object)."""
    assert isinstance(value, dict)
    return value

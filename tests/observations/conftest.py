"""Fixtures of the observation tests: the real figures, and a small cast (Alice reports, Bob reviews)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from nqtrack.observations.models import AuditEntry, Observation
from nqtrack.observations.permissions import REVIEWER_GROUP
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.seed import SEED_STATISTICS


@pytest.fixture
def figures(programme: Programme) -> Programme:
    """The seed programme with the 144 published figures imported."""
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


@pytest.fixture
def alice(db: None) -> User:
    """A reporter: signed in, no review rights."""
    return User.objects.create_user("alice")


@pytest.fixture
def bob(db: None) -> User:
    """A reviewer (member of the reviewers group)."""
    user = User.objects.create_user("bob")
    user.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    return user


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

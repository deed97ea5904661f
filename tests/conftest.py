"""Shared fixtures: the real shipped data, loaded through the same services `make run` uses."""

from __future__ import annotations

import pytest

from nqtrack.places.services import units_load_history
from nqtrack.programmes.models import Programme
from nqtrack.programmes.services import programme_load_file
from tests.seed import SEED_PROGRAMME, SEED_UNITS


@pytest.fixture
def units(db: None) -> None:
    """The administrative units of Bắc Giang with their history."""
    units_load_history(csv_path=SEED_UNITS)


@pytest.fixture
def programme(units: None) -> Programme:
    """The seed programme, loaded."""
    return programme_load_file(path=SEED_PROGRAMME).programme

"""Fixtures for the places tests: the real seed file, loaded once per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from nqtrack.places.services import UnitsLoadSummary, units_load_history


@pytest.fixture
def units_csv() -> Path:
    return Path(settings.NQTRACK_SEED_UNITS)


@pytest.fixture
def loaded(db: None, units_csv: Path) -> UnitsLoadSummary:
    """The real admin-units CSV (and the package's 2025 data) loaded into the test database."""
    return units_load_history(csv_path=units_csv)

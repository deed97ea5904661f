"""Pages anyone may open show approved figures only: a draft or submitted figure never appears."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Programme
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_drafts(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    forest = Indicator.objects.get(code="forest_cover")
    for code, state in (("24", ReviewState.DRAFT), ("220", ReviewState.SUBMITTED)):
        Observation.objects.create(
            indicator=forest,
            unit=AdminUnit.objects.get(code=code, valid_from__isnull=True),
            period="2024",
            year=2024,
            value=Decimal("12.345"),
            value_text="12.345",
            measure_unit="percent",
            status="official",
            origin=Origin.REPORTED,
            review_state=state,
        )
    return programme


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?nam=2024",
        "/?don-vi=220",
        "/chi-tieu/forest_cover_2030/",
        "/so-sanh-don-vi/?chi-tieu=forest_cover&nam=2024",
    ],
)
def test_no_draft_or_submitted_figure_reaches_a_public_page(
    client: Client, with_drafts: Programme, url: str
) -> None:
    response = client.get(seed_url(url))
    assert response.status_code == 200
    html = response.content.decode()
    assert "12,345" not in html
    assert "12.345" not in html
    assert Observation.objects.filter(value_text="12.345").count() == 2  # still there, only hidden

"""A write through the API is audited as such (channel "api"); the OpenAPI description says which
operations take anonymous callers; the SDMX-JSON message keeps its ETag while its data are unchanged."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from nqtrack.observations.models import AuditEntry, Observation, Origin
from nqtrack.programmes.models import Indicator
from tests.accounts.conftest import Cast, client_for, unit
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

TOKENS: list[dict[str, list[str]]] = [{"ApiTokenAuth": []}, {"BearerAuth": []}, {"SessionAuth": []}]


def _save(client: Client, value: str) -> Any:
    figure = {"indicator": "forest_cover", "unit": "07774", "period": "2022", "value": value}
    return client.post("/api/figures", {"figures": [figure]}, content_type="application/json")


def test_figures_and_review_steps_written_through_the_api_are_audited_as_api(cast: Cast) -> None:
    assert _save(token_client(cast.commune_reporter), "40.9").json()["created"] == 1
    step = {"unit": "07774", "year": 2022, "group": 12, "step": "submit"}
    submitted = token_client(cast.commune_reporter).post(
        "/api/review-steps", step, content_type="application/json"
    )
    assert submitted.status_code == 200
    entries = AuditEntry.objects.filter(unit__code="07774", period="2022").order_by("pk")
    assert [(e.action, e.channel, e.user) for e in entries] == [
        ("create", "api", cast.commune_reporter),
        ("submit", "api", cast.commune_reporter),
    ]
    page = client_for(cast, "commune_reporter").get("/so-lieu/lich-su/", {"don_vi": "07774"})
    assert page.status_code == 200
    assert page.content.decode().count("<td>Giao diện lập trình (API)</td>") == 2


def _operations() -> dict[tuple[str, str], dict[str, Any]]:
    described = Client().get("/api/openapi.json").json()
    return {
        (method, path): operation
        for path, methods in described["paths"].items()
        for method, operation in methods.items()
    }


def test_the_description_says_where_signing_in_is_optional_and_where_it_is_needed() -> None:
    operations = _operations()
    for public in (
        ("get", "/api/programmes"),
        ("get", "/api/targets"),
        ("get", "/api/figures"),
        ("get", "/api/units"),
        ("get", "/api/sdmx/data.json"),
    ):
        assert operations[public]["security"] == [*TOKENS, {}], public
    for signed_in in (
        ("post", "/api/figures"),
        ("post", "/api/review-steps"),
        ("get", "/api/tasks"),
        ("get", "/api/reports"),
        ("get", "/api/dataValueSets"),
        ("post", "/api/dataValueSets"),
    ):
        assert operations[signed_in]["security"] == TOKENS, signed_in
    # every operation says one or the other
    assert all(o["security"] in (TOKENS, [*TOKENS, {}]) for o in operations.values())


def _publish(cast: Cast, period: str, value: str) -> Observation:
    return Observation.objects.create(
        indicator=Indicator.objects.get(programme=cast.programme, code="forest_cover"),
        unit=unit("07774"),
        period=period,
        year=int(period),
        value=value,
        value_text=value,
        measure_unit="percent",
        status="official",
        origin=Origin.PUBLISHED,
        review_state="approved",
    )


def test_the_sdmx_json_etag_stays_while_the_data_are_unchanged(cast: Cast) -> None:
    query = {"unit": "07774"}
    _publish(cast, "2021", "40.25")
    with time_machine.travel(datetime(2026, 12, 1, 8, 0, tzinfo=UTC), tick=False):
        first = Client().get("/api/sdmx/data.json", query)
    with time_machine.travel(datetime(2026, 12, 1, 9, 30, tzinfo=UTC), tick=False):
        second = Client().get("/api/sdmx/data.json", query)
    assert first.status_code == second.status_code == 200
    assert (first.json()["meta"]["prepared"], second.json()["meta"]["prepared"]) == (
        "2026-12-01T08:00:00Z",
        "2026-12-01T09:30:00Z",
    )
    assert first["ETag"] == second["ETag"]
    assert first["ETag"].startswith('W/"')
    again = Client().get("/api/sdmx/data.json", query, headers={"If-None-Match": first["ETag"]})
    assert (again.status_code, again.content) == (304, b"")

    _publish(cast, "2022", "40.5")
    changed = Client().get("/api/sdmx/data.json", query, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["data"]["dataSets"][0]["observations"] == {
        "0:0:0": [40.25, 0, 0],
        "0:0:1": [40.5, 0, 0],
    }

"""The API's plumbing: pagination, ETags, the rate limit, the JSON error body before a route is reached,
the docs served from this origin, and SDMX messages of the published figures only."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from nqtrack.observations.models import Observation, Origin
from tests.accounts.conftest import Cast
from tests.accounts.matrix_figures import figures_sample
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def test_lists_are_paginated_with_their_count(cast: Cast) -> None:
    everything = Client().get("/api/targets", {"limit": "1000"}).json()
    page = Client().get("/api/targets", {"limit": "2", "offset": "1"}).json()
    assert page["count"] == everything["count"] > 3
    assert [t["code"] for t in page["items"]] == [t["code"] for t in everything["items"][1:3]]
    refused = Client().get("/api/targets", {"limit": "0"})
    assert refused.status_code == 422
    assert refused.json()["message"] == {
        "vi": "Dữ liệu gửi lên không hợp lệ.",
        "en": "The data sent is not valid.",
    }
    assert [e["field"] for e in refused.json()["errors"]] == ["limit"]


def test_an_answer_carries_an_etag_and_an_unchanged_one_is_not_sent_again(cast: Cast) -> None:
    first = Client().get("/api/programmes")
    etag = first["ETag"]
    assert etag.startswith('"')
    again = Client().get("/api/programmes", headers={"If-None-Match": etag})
    assert (again.status_code, again.content) == (304, b"")
    assert Client().get("/api/programmes", headers={"If-None-Match": '"khac"'}).status_code == 200


def test_the_rate_limit_answers_429_with_the_error_body(cast: Cast, settings: Settings) -> None:
    settings.NQTRACK_API_RATE = "3/m"
    client = token_client(cast.viewer)
    assert [client.get("/api/programmes").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/programmes")
    assert refused.status_code == 429
    assert refused.json()["message"] == {
        "vi": "Gửi quá nhiều yêu cầu; chờ một lát rồi gửi lại.",
        "en": "Too many requests; wait a moment, then send again.",
    }
    assert int(refused["Retry-After"]) > 0
    assert token_client(cast.manager).get("/api/programmes").status_code == 200  # counted per user


def test_errors_before_a_route_and_unknown_addresses_are_json_too(cast: Cast) -> None:
    unknown = Client().get("/api/khong-co")
    assert unknown.status_code == 404
    assert unknown.json()["message"] == {"vi": "Không tìm thấy.", "en": "Not found."}
    wrong_method = Client().delete("/api/programmes")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"
    assert wrong_method["Allow"] == "GET"
    nul = Client().get("/api/figures", {"unit": "07\x0074"})
    assert nul.status_code == 400
    assert nul.json()["code"] == "bad_request"


def test_the_interactive_docs_load_their_assets_from_this_origin(cast: Cast) -> None:
    page = Client().get("/api/docs").content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in page
    assert "https://" not in page.split("swagger-settings")[0]
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200
    assert Client().get("/api/openapi.json").json()["openapi"] == "3.1.0"


def test_sdmx_messages_hold_the_published_figures_only(cast: Cast) -> None:
    figures_sample(cast)  # Tự Lạn's draft and submitted figures: never in SDMX
    observation = Observation.objects.filter(origin=Origin.REPORTED).first()
    assert observation is not None
    published = Observation.objects.create(
        indicator=observation.indicator,
        unit=observation.unit,
        period="2021",
        year=2021,
        value="40.25",
        value_text="40.25",
        measure_unit="percent",
        status="official",
        origin=Origin.PUBLISHED,
        review_state="approved",
    )
    sent = Client().get("/api/sdmx/data.csv", {"unit": "07774"}).content.decode()
    rows = list(csv.reader(io.StringIO(sent)))
    assert rows == [
        ["DATAFLOW", "INDICATOR", "REF_AREA", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"],
        ["NQTRACK:DF_BAC_GIANG_11_NQTW(1.0)", "forest_cover", "07774", "2021", "40.25", "percent", "A"],
    ]
    message = Client().get("/api/sdmx/data.json", {"unit": "07774"})
    assert message["Content-Type"].startswith("application/vnd.sdmx.data+json")
    data = message.json()["data"]
    dimensions = data["structure"]["dimensions"]["observation"]
    assert [d["id"] for d in dimensions] == ["INDICATOR", "REF_AREA", "TIME_PERIOD"]
    assert [v["id"] for v in dimensions[2]["values"]] == ["2021"]
    assert data["dataSets"][0]["observations"] == {"0:0:0": [40.25, 0, 0]}
    assert published.pk is not None


def test_the_statistical_territory_is_listed_at_its_own_level_below_no_unit(cast: Cast) -> None:
    """Bắc Giang (địa bàn cũ) stands outside the unit tree: listed by its level from 1/7/2025, never below
    a unit (the schemathesis run found level=territory answered 500)."""
    found = Client().get("/api/units", {"level": "territory", "on": "2026-01-01"}).json()
    assert [(u["code"], u["name"], u["level"]) for u in found["items"]] == [
        ("24-BG", "Bắc Giang (địa bàn cũ)", "territory")
    ]
    before = Client().get("/api/units", {"level": "territory", "on": "2025-06-30"}).json()
    assert (before["count"], before["items"]) == (0, [])
    below = Client().get("/api/units", {"level": "territory", "on": "2026-01-01", "under": "24"}).json()
    assert (below["count"], below["items"]) == (0, [])

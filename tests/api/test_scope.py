"""The API reads figures within the caller's view scope and writes within the capture scope, through the
services of the pages: each role of the cast reads through ``/api/figures`` exactly the figures it reads
on the entry grid (tests/observations/test_view_scope.py's world and its ``READS``), a reporter never
sees another unit's unpublished figures, and a refused write or review step changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nqtrack.observations.entries import E_SCOPE
from nqtrack.observations.models import Observation, Origin
from tests.accounts.conftest import ROLES, Cast
from tests.accounts.test_matrix import database_snapshot as every_row
from tests.api.conftest import token_client
from tests.observations.test_view_scope import (  # the world of figures, and who reads which
    HUONG_MAI_APPROVED,
    READS,
    TU_LAN_DRAFT,
    Key,
    world,
)

pytestmark = pytest.mark.django_db

SIGNED_IN = [r for r in ROLES if r != "anonymous"]
__all__ = ["world"]  # the fixture, used by name


def database_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row, but a token's time of last use (a request records it)."""
    return {table: rows for table, rows in every_row().items() if table != "api.apitoken"}


def _read(client: Client, **query: Any) -> set[Key]:
    response = client.get("/api/figures", {"include_drafts": "true", "limit": "1000", **query})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["items"])
    return {
        (row["unit"], row["indicator"], row["year"])
        for row in body["items"]
        if row["indicator"] != "population"
    }


def _reported(keys: set[Key]) -> set[Key]:
    """The world's figures among ``keys`` (the published statistics of the seed are left out)."""
    return {k for k in keys if k in set().union(*READS.values())}


@pytest.mark.parametrize("who", SIGNED_IN)
def test_each_role_reads_through_the_api_what_it_reads_on_the_pages(world: Cast, who: str) -> None:
    user = world.by_name(who)
    assert user is not None
    assert _reported(_read(token_client(user))) == READS[who]


def test_anonymous_and_without_drafts_only_published_figures(world: Cast) -> None:
    assert _reported(_read(Client())) == {HUONG_MAI_APPROVED}
    response = token_client(world.manager).get("/api/figures", {"limit": "1000"})
    keys = {(r["unit"], r["indicator"], r["year"]) for r in response.json()["items"]}
    assert _reported(keys) == {HUONG_MAI_APPROVED}
    assert all(r["published"] for r in response.json()["items"])


def test_a_reporter_never_sees_another_units_drafts_by_any_filter(world: Cast) -> None:
    client = token_client(world.department_reporter)
    for query in (
        {"unit": "07774"},
        {"indicator": "forest_cover"},
        {"start_year": "2024", "end_year": "2024"},
    ):
        assert TU_LAN_DRAFT not in _read(client, **query)
    assert TU_LAN_DRAFT not in {
        (v.get("orgUnit"), v.get("dataElement"), v.get("period"))
        for v in client.get("/api/dataValueSets").json().get("dataValues", [])
    }
    assert b"07774" not in client.get("/api/sdmx/data.csv", {"unit": "07774"}).content


def _save(client: Client, unit: str, value: str) -> Any:
    figure = {
        "indicator": "forest_cover",
        "unit": unit,
        "period": "2022",
        "value": value,
        "status": "official",
    }
    return client.post("/api/figures", {"figures": [figure]}, content_type="application/json")


def test_a_figure_is_written_within_the_capture_scope_only(world: Cast) -> None:
    client = token_client(world.commune_reporter)
    before = database_snapshot()
    refused = _save(client, "07771", "40.1")  # Hương Mai: outside the commune reporter's scope
    assert refused.status_code == 200
    body = refused.json()
    assert (body["created"], body["rejected"]) == (0, 1)
    assert [e["code"] for e in body["rows"][0]["errors"]] == [E_SCOPE]
    assert database_snapshot() == before

    saved = _save(client, "07774", "40.9")
    assert saved.json()["created"] == 1
    stored = Observation.objects.get(origin=Origin.REPORTED, unit__code="07774", year=2022)
    assert (stored.value_text, stored.review_state, stored.created_by) == (
        "40.9",
        "draft",
        world.commune_reporter,
    )


def test_a_bad_number_is_refused_with_its_message_and_nothing_written(world: Cast) -> None:
    before = database_snapshot()
    for text in ("12,345", "+5", "007", "1e3", "٣"):
        response = _save(token_client(world.commune_reporter), "07774", text)
        assert response.status_code == 400, text
        assert response.json()["message"] == {
            "vi": "Giá trị phải là một số viết với dấu chấm trước phần thập phân (ví dụ 1234.5).",
            "en": "The value must be a number written with a dot before the decimals (for example 1234.5).",
        }
    assert database_snapshot() == before


def test_a_review_step_outside_the_remit_is_refused_and_changes_nothing(world: Cast) -> None:
    step = {"unit": "07774", "year": 2023, "group": 12, "step": "approve"}
    before = database_snapshot()
    for who in ("department_reporter", "commune_reporter"):  # outside the remit; the batch's own author
        user = world.by_name(who)
        assert user is not None
        refused = token_client(user).post("/api/review-steps", step, content_type="application/json")
        assert refused.status_code == 403, who
        assert refused.json()["code"] == "forbidden"
    assert database_snapshot() == before
    taken = token_client(world.province_reviewer).post(
        "/api/review-steps", step, content_type="application/json"
    )
    assert taken.status_code == 200
    assert (taken.json()["figures"], taken.json()["state"]) == (1, "approved")
    assert taken.json()["message"]["vi"].startswith("Đã duyệt")
    assert (
        Observation.objects.get(origin=Origin.REPORTED, unit__code="07774", year=2023).review_state
        == "approved"
    )


def test_a_step_that_cannot_be_taken_is_a_conflict_and_changes_nothing(world: Cast) -> None:
    step = {"unit": "07774", "year": 2021, "group": 12, "step": "submit"}
    before = database_snapshot()
    refused = token_client(world.commune_reporter).post(
        "/api/review-steps", step, content_type="application/json"
    )
    assert refused.status_code == 409
    assert (
        refused.json()["message"]["vi"]
        == "Không gửi duyệt được: nhóm chỉ tiêu (12), Xã Tự Lạn, năm 2021 chưa có số liệu nào."
    )
    assert (
        refused.json()["message"]["en"]
        == "Cannot submit: indicator group (12), Xã Tự Lạn, year 2021 has no figures yet."
    )
    assert database_snapshot() == before


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/review-steps", {"unit": "\x00", "year": 2023, "group": 12, "step": "approve"}),
        ("/api/figures", {"figures": [{"indicator": "forest_cover", "unit": "07774\x00", "period": "2022"}]}),
        ("/api/tasks/T1/updates", {"narrative": "Đã làm", "links": ["https://a.vn/\x00"]}),
    ],
)
def test_a_nul_in_a_json_body_is_invalid_on_every_database_and_changes_nothing(
    world: Cast, path: str, body: dict[str, Any]
) -> None:
    """JSON escapes a NUL past the form middleware; PostgreSQL would refuse it inside a query (a 500)."""
    before = database_snapshot()
    refused = token_client(world.province_reviewer).post(path, body, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["code"] == "invalid"
    assert [e["message"]["en"] for e in refused.json()["errors"]] == [
        "Invalid value (Value error, a NUL character (code 0) is not allowed)."
    ]
    assert database_snapshot() == before

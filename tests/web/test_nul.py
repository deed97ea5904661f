"""A NUL character in a path or a value is answered before any view, the same on SQLite and PostgreSQL
(PostgreSQL refuses NUL in a query)."""

from __future__ import annotations

import pytest
from django.test import Client

from nqtrack.observations.models import Observation
from nqtrack.programmes.models import Programme


@pytest.mark.parametrize("url", ["/chi-tieu/forest%00cover/", "/so-sanh-don-vi/%00/", "/%00"])
def test_a_nul_in_the_path_is_not_found(client: Client, programme: Programme, url: str) -> None:
    response = client.get(url)
    assert (response.status_code, response.content.decode()) == (404, "Không có trang này.")


@pytest.mark.parametrize("query", ["nam=20%0024", "don_vi=%00", "x%00=1"])
def test_a_nul_in_a_query_value_is_a_bad_request(client: Client, programme: Programme, query: str) -> None:
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert response.content.decode() == "Yêu cầu có ký tự NUL (mã 0), không dùng được."


def test_a_nul_in_a_form_value_is_a_bad_request_and_changes_nothing(
    client: Client, programme: Programme
) -> None:
    before = Observation.objects.count()
    response = client.post("/so-lieu/duyet/", {"buoc": "duyet", "don_vi": "07201\x00", "nam": "2024"})
    assert response.status_code == 400
    assert response.content.decode() == "Yêu cầu có ký tự NUL (mã 0), không dùng được."
    assert Observation.objects.count() == before


def test_an_english_reader_gets_the_english_words(client: Client, programme: Programme) -> None:
    client.cookies["django_language"] = "en"
    response = client.get("/?nam=%00")
    assert (response.status_code, response.content.decode()) == (
        400,
        "The request holds a NUL character (code 0) and cannot be used.",
    )

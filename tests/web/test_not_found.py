"""An address the site does not have gets the site's page in the reader's language, never Django's English
"Not Found" nor the name of a model."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from nqtrack.programmes.models import Programme
from tests.pages import seed_url

VI = "Không có trang hoặc nội dung này, hoặc địa chỉ đã thay đổi. Hãy kiểm tra lại địa chỉ."
EN = "This page or item does not exist, or its address has changed. Please check the address."


def alert_of(content: bytes) -> str:
    found = re.search(r'<p role="alert">(.*?)</p>', content.decode(), re.S)
    assert found is not None
    return html.unescape(found.group(1)).strip()


# an unknown address, an unknown target, a chart in a format the site does not draw, an unknown programme
@pytest.mark.parametrize(
    "url",
    [
        "/khong-co-trang/",
        seed_url("/chi-tieu/khong-co/"),
        seed_url("/chi-tieu/forest_cover_2030/bieu-do.gif"),
        "/ct/khong-co/",
        "/ct/khong-co/chi-tieu/forest_cover_2030/",
        "/ct/khong-co/vung/",
    ],
)
def test_an_unknown_address_gets_the_sites_page_in_vietnamese(
    client: Client, programme: Programme, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert alert_of(response.content) == VI
    assert "<title>Không tìm thấy trang · nqtrack</title>" in response.content.decode()
    assert "Not Found" not in response.content.decode()
    assert "matches the given query" not in response.content.decode()


def test_an_english_reader_gets_it_in_english(client: Client, programme: Programme) -> None:
    client.cookies["django_language"] = "en"
    response = client.get("/khong-co-trang/")
    assert response.status_code == 404
    assert alert_of(response.content) == EN

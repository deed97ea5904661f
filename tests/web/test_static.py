"""The JavaScript the pages load is local, current, and loaded only where it is needed."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nqtrack.programmes.models import Programme
from nqtrack.web.bundle import BUNDLE_PATH, bundle_text
from tests.pages import seed_url

pytestmark = pytest.mark.django_db


def test_the_committed_vega_bundle_is_the_one_of_the_installed_vl_convert() -> None:
    # After an upgrade of vl-convert-python: `nqtrack charts_bundle`, so pages and documents draw alike.
    assert BUNDLE_PATH.read_text(encoding="utf-8") == bundle_text()


@pytest.mark.parametrize("url", ["/", "/chi-tieu/forest_cover_2030/", "/so-sanh-don-vi/", "/vung/"])
def test_pages_load_only_local_scripts_and_styles(client: Client, programme: Programme, url: str) -> None:
    response = client.get(seed_url(url))
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    # The 0.9 MB chart library and its drawing script only where charts are.
    charts = (
        ["/static/web/vendor/vega-bundle.js", "/static/web/charts.js"] if url not in ("/", "/vung/") else []
    )
    assert sources == [
        "/static/web/favicon.svg",
        "/static/web/site.css",
        "/static/web/vendor/htmx-2.0.11.min.js",
        "/static/web/site.js",
        *charts,
    ]

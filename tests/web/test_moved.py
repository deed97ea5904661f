"""Every programme page lives under its programme, /ct/<code>/…, the default programme's too: today's short
URLs answer with a redirect there, query string kept (nqtrack/web/moved.py), and no page links to them."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from nqtrack.programmes.services import programme_load_file
from tests.accounts.conftest import PASSWORD, Cast, client_for, make_user
from tests.pages import SEED_CODE, seed_url
from tests.seed import SEED_STATISTICS
from tests.web.test_not_found import VI, alert_of
from tests.web.test_programmes_side_by_side import SECOND

pytestmark = pytest.mark.django_db

SEED = f"/ct/{SEED_CODE}"
OTHER = "ke-hoach-khac"  # the second programme's code (tests/web/test_programmes_side_by_side.py)
MOVED = {"overview", "target", "target_chart", "units", "units_map", "region"}  # the names of web.moved


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


@pytest.fixture
def second(loaded: Programme, tmp_path: Path) -> Programme:
    path = tmp_path / "ke-hoach-khac.yaml"
    path.write_text(SECOND, encoding="utf-8")
    return programme_load_file(path=path).programme


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/", f"{SEED}/"),
        ("/?nam=2024&don_vi=24", f"{SEED}/?nam=2024&don_vi=24"),
        ("/?nam=2023&don-vi=215&trang-thai=achieved", f"{SEED}/?nam=2023&don-vi=215&trang-thai=achieved"),
        ("/chi-tieu/grdp_growth_2021_2030/", f"{SEED}/chi-tieu/grdp_growth_2021_2030/"),
        ("/chi-tieu/forest_cover_2030/?tu=bang", f"{SEED}/chi-tieu/forest_cover_2030/?tu=bang"),
        ("/chi-tieu/forest_cover_2030/bieu-do.png", f"{SEED}/chi-tieu/forest_cover_2030/bieu-do.png"),
        ("/chi-tieu/forest_cover_2030/bieu-do.svg", f"{SEED}/chi-tieu/forest_cover_2030/bieu-do.svg"),
        ("/so-sanh-don-vi/", f"{SEED}/so-sanh-don-vi/"),
        (
            "/so-sanh-don-vi/?chi-tieu=poverty_rate&nam=2022",
            f"{SEED}/so-sanh-don-vi/?chi-tieu=poverty_rate&nam=2022",
        ),
        (
            "/so-sanh-don-vi/ban-do.svg?chi-tieu=poverty_rate&nam=2022",
            f"{SEED}/so-sanh-don-vi/ban-do.svg?chi-tieu=poverty_rate&nam=2022",
        ),
        ("/vung/", f"{SEED}/vung/"),
        ("/vung/?x=%C4%91&y=1&y=2", f"{SEED}/vung/?x=%C4%91&y=1&y=2"),  # kept as sent, encoding and all
        # an unknown target: to the default programme's address, which says it has none (404, below)
        ("/chi-tieu/khong-co/?nam=2024", f"{SEED}/chi-tieu/khong-co/?nam=2024"),
    ],
)
def test_each_short_url_redirects_to_the_default_programmes_page_with_its_query(
    client: Client, loaded: Programme, old: str, new: str
) -> None:
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (302, new)


def test_the_redirect_leads_to_the_very_page_of_the_new_address(client: Client, loaded: Programme) -> None:
    for old in (
        "/?nam=2023",
        "/chi-tieu/forest_cover_2030/",
        "/so-sanh-don-vi/?chi-tieu=poverty_rate",
        "/vung/",
    ):
        followed = client.get(old, follow=True)
        assert followed.redirect_chain == [(seed_url(old), 302)]
        direct = client.get(seed_url(old))
        assert (followed.status_code, direct.status_code) == (200, 200)
        assert strip_request_parts(followed.content) == strip_request_parts(direct.content)
    chart = client.get("/chi-tieu/forest_cover_2030/bieu-do.svg", follow=True)
    assert (chart.status_code, chart["Content-Type"]) == (200, "image/svg+xml")
    unknown = client.get("/chi-tieu/khong-co/", follow=True)
    assert (unknown.status_code, alert_of(unknown.content)) == (404, VI)


def strip_request_parts(content: bytes) -> str:
    """The page without what differs between two answers (nonce, CSRF token)."""
    return re.sub(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"', "", content.decode())


def test_a_programme_named_in_the_query_is_the_one_redirected_to(client: Client, second: Programme) -> None:
    assert client.get(f"/?programme={OTHER}&nam=2027")["Location"] == f"/ct/{OTHER}/?nam=2027"
    assert client.get(f"/so-sanh-don-vi/?programme={OTHER}")["Location"] == f"/ct/{OTHER}/so-sanh-don-vi/"
    assert client.get(f"/vung/?nam=2030&programme={SEED_CODE}")["Location"] == f"{SEED}/vung/?nam=2030"
    # a target of the second programme at its old address: its own programme's page
    assert client.get("/chi-tieu/che_phu_rung_khac_2030/")["Location"] == (
        f"/ct/{OTHER}/chi-tieu/che_phu_rung_khac_2030/"
    )
    # … unless the query names another programme, whose address then says it has no such target
    named = client.get(f"/chi-tieu/che_phu_rung_khac_2030/?programme={SEED_CODE}")
    assert named["Location"] == f"{SEED}/chi-tieu/che_phu_rung_khac_2030/"
    assert client.get(named["Location"]).status_code == 404


def test_an_unknown_programme_in_the_query_is_not_found(client: Client, second: Programme) -> None:
    for old in (
        "/?programme=khong-co",
        "/chi-tieu/forest_cover_2030/?programme=khong-co",
        "/vung/?programme=x",
    ):
        response = client.get(old)
        assert (response.status_code, alert_of(response.content)) == (404, VI), old


@pytest.mark.parametrize(
    "url",
    [
        "/ct/khong-co/",
        "/ct/khong-co/?nam=2024",
        "/ct/khong-co/chi-tieu/forest_cover_2030/",
        "/ct/khong-co/chi-tieu/forest_cover_2030/bieu-do.svg",
        "/ct/khong-co/so-sanh-don-vi/",
        "/ct/khong-co/so-sanh-don-vi/ban-do.png",
        "/ct/khong-co/vung/",
    ],
)
def test_an_unknown_programme_code_under_ct_is_not_found_in_vietnamese(
    client: Client, loaded: Programme, url: str
) -> None:
    response = client.get(url)
    assert (response.status_code, alert_of(response.content)) == (404, VI)
    assert "<title>Không tìm thấy trang · nqtrack</title>" in response.content.decode()


def test_with_no_programme_loaded_the_short_urls_answer_as_before(client: Client, db: None) -> None:
    for url in ("/", "/?nam=2024", "/?programme=khong-co", "/so-sanh-don-vi/", "/vung/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Chưa nạp chương trình hành động nào." in response.content.decode(), url
    for url in (
        "/chi-tieu/forest_cover_2030/",
        "/chi-tieu/forest_cover_2030/bieu-do.svg",
        "/so-sanh-don-vi/ban-do.svg",
        "/ct/khong-co/",
    ):
        response = client.get(url)
        assert (response.status_code, alert_of(response.content)) == (404, VI), url
    # the pages of no programme link to the short dashboard: there is nowhere else to go yet
    assert '<a class="brand" href="/">nqtrack</a>' in client.get("/chuong-trinh/").content.decode()


def test_a_short_url_takes_only_get(client: Client, loaded: Programme) -> None:
    assert client.post("/").status_code == 405
    assert client.post("/vung/").status_code == 405


def short_links(page: str) -> list[str]:
    """Every address of ``page`` (links, forms, images, htmx) that names a short URL of web.moved."""
    found = []
    for value in re.findall(r'(?:href|src|action|hx-get)="(/[^"]*)"', page):
        path = urlsplit(html.unescape(value)).path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.namespace == "web" and match.url_name in MOVED:
            found.append(value)
    return found


def test_the_pages_link_straight_to_the_programme_addresses(
    client: Client, second: Programme, cast: Cast
) -> None:
    pages = [
        seed_url("/"),
        seed_url("/?nam=2023"),
        seed_url("/chi-tieu/forest_cover_2030/"),
        seed_url("/so-sanh-don-vi/?chi-tieu=poverty_rate&nam=2022"),
        seed_url("/vung/"),
        f"/ct/{OTHER}/",
        f"/ct/{OTHER}/chi-tieu/che_phu_rung_khac_2030/",
        "/chuong-trinh/",
        "/cong-khai/",
        "/tai-khoan/dang-nhap/",
        "/khong-co-trang/",
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert short_links(page) == [], url
        assert 'href="/chi-tieu/' not in page, url
        assert 'href="/"' not in page, url
        assert f'<a class="brand" href="{SEED}/">nqtrack</a>' in page, url
    dashboard = client.get(seed_url("/")).content.decode()
    assert f'<a href="{SEED}/chi-tieu/forest_cover_2030/">' in dashboard
    assert f'action="{SEED}/" hx-get="{SEED}/"' in dashboard
    assert f'<a href="{SEED}/so-sanh-don-vi/">' in dashboard
    assert f'<a href="{SEED}/vung/">' in dashboard
    target = client.get(seed_url("/chi-tieu/forest_cover_2030/")).content.decode()
    assert f'<a href="{SEED}/chi-tieu/forest_cover_2030/bieu-do.png" download>' in target
    assert f'<img src="{SEED}/chi-tieu/forest_cover_2030/bieu-do.svg"' in target
    region = client.get(seed_url("/vung/")).content.decode()
    assert f'<a href="{SEED}/chi-tieu/forest_cover_2030/">' in region
    # signed in: the menus of the other pages lead to the default programme's addresses too
    manager = client_for(cast, "manager")
    for url in ("/so-lieu/", "/nhiem-vu/", "/tai-khoan/doi-mat-khau/xong/", seed_url("/")):
        response = manager.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert short_links(page) == [], url
        assert f'<a href="{SEED}/so-sanh-don-vi/">' in page, url


def test_the_guide_and_the_sign_in_lead_to_the_programme_address(client: Client, cast: Cast) -> None:
    manager = client_for(cast, "manager")
    response = manager.post(f"/huong-dan/da-kiem-tra/?programme={cast.programme.code}")
    assert (response.status_code, response["Location"]) == (302, f"/ct/{cast.programme.code}/")
    make_user("alice", None)
    signed_in = client.post("/tai-khoan/dang-nhap/", {"username": "alice", "password": PASSWORD})
    assert (signed_in.status_code, signed_in["Location"]) == (302, f"/ct/{cast.programme.code}/")
    assert reverse("web:overview") == "/"  # the URL names are kept: web:* the short URLs, ct:* the pages
    assert reverse("ct:overview", args=[cast.programme.code]) == f"/ct/{cast.programme.code}/"

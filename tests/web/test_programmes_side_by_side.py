"""Several programmes side by side: the portfolio lists each with its status counts, every programme's
pages live under /ct/<code>/ with links that stay there, and the first loaded keeps today's short URLs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from nqtrack.programmes.services import programme_load_file
from tests.accounts.conftest import Cast
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

SECOND = """\
format: nqtrack-programme/1
code: ke-hoach-khac
identity:
  title: Kế hoạch phát triển khác
  short_title: Kế hoạch khác
  issuer: Ủy ban nhân dân tỉnh
  issuer_kind: state
  implements: ''
  province_code: '24'
  period: [2026, 2030]
general_objective: []
indicator_groups:
- number: 1
  text: Tỷ lệ che phủ rừng đạt 40%.
  indicators:
  - code: che_phu_rung_khac
    name: Tỷ lệ che phủ rừng (kế hoạch khác)
    unit: percent
    targets:
    - code: che_phu_rung_khac_2030
      kind: level
      comparator: at_least
      low: 40
      year: 2030
      source_text: Tỷ lệ che phủ rừng đạt 40%
task_groups: []
assignments: []
organisations: []
"""


@pytest.fixture
def two(programme: Programme, tmp_path: Path) -> tuple[Programme, Programme]:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    path = tmp_path / "ke-hoach-khac.yaml"
    path.write_text(SECOND, encoding="utf-8")
    return programme, programme_load_file(path=path).programme


def _rows(html: str) -> dict[str, str]:
    return dict(re.findall(r'<tr data-programme="([^"]+)">(.*?)</tr>', html, re.S))


def test_the_portfolio_lists_every_programme_with_the_dashboards_counts(
    client: Client, two: tuple[Programme, Programme]
) -> None:
    seed, second = two
    html = client.get("/chuong-trinh/").content.decode()
    rows = _rows(html)
    assert list(rows) == [seed.code, second.code]
    assert '<a href="/">' in rows[seed.code]
    assert f'<a href="/ct/{second.code}/">Kế hoạch khác</a>' in rows[second.code]
    # The seed's counts are the dashboard's, status by status, best first.
    counts = re.findall(r'data-status="([a-z_]+)".*?</span>: (\d+)</li>', rows[seed.code], re.S)
    dashboard = client.get("/").content.decode()
    shown = re.search(r'<ul class="counts".*?</ul>', dashboard, re.S)
    assert shown is not None
    assert counts == re.findall(
        r'data-status="([a-z_]+)".*?<strong>(\d+)</strong></li>', shown.group(0), re.S
    )
    assert counts == [
        ("achieved", "1"),
        ("on_track", "3"),
        ("needs_acceleration", "3"),
        ("insufficient_data", "22"),
    ]
    assert 'data-targets="29"' in rows[seed.code]
    assert re.findall(r'data-status="([a-z_]+)"', rows[second.code]) == ["insufficient_data"]
    assert 'data-changed=""' in rows[second.code]  # no figure of its own yet
    assert "data-late" not in html  # tasks are for signed-in readers


def test_a_signed_in_reader_sees_each_programmes_tasks(
    client: Client, two: tuple[Programme, Programme], cast: Cast
) -> None:
    client.force_login(cast.viewer)
    rows = _rows(client.get("/chuong-trinh/").content.decode())
    assert re.search(r'data-late="0">0/0<', rows[two[1].code])


def test_each_programmes_pages_live_under_its_code(client: Client, two: tuple[Programme, Programme]) -> None:
    seed, second = two
    page = client.get(f"/ct/{second.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert re.findall(r'<tr data-target="([^"]+)">', html) == ["che_phu_rung_khac_2030"]
    assert f'action="/ct/{second.code}/"' in html  # the filters stay on this programme
    assert f'<a href="/ct/{second.code}/so-sanh-don-vi/">' in html  # and so does the menu
    assert '<a class="programme" href="/chuong-trinh/"' in html
    target = client.get(f"/ct/{second.code}/chi-tieu/che_phu_rung_khac_2030/").content.decode()
    assert f'<a href="/ct/{second.code}/#nhom-1">' in target
    # The seed under its code shows what its short URL shows, with today's links.
    assert re.findall(r'<tr data-target="([^"]+)">', client.get(f"/ct/{seed.code}/").content.decode()) == (
        re.findall(r'<tr data-target="([^"]+)">', client.get("/").content.decode())
    )
    assert len(re.findall(r'<tr data-target="', client.get("/").content.decode())) == 29


def test_an_unknown_programme_or_another_programmes_target_is_not_found(
    client: Client, two: tuple[Programme, Programme]
) -> None:
    seed, second = two
    assert client.get("/ct/khong-co/").status_code == 404
    assert client.get(f"/ct/{second.code}/chi-tieu/forest_cover_2030/").status_code == 404
    assert client.get(f"/ct/{seed.code}/chi-tieu/forest_cover_2030/").status_code == 200

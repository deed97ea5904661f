"""Several programmes side by side: the portfolio lists each with its status counts, and the region's
targets beside the default programme's; every programme's pages live under /ct/<code>/ with links that stay
there, the first loaded's too (today's short URLs redirect there: tests/web/test_moved.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from nqtrack.assessments.region import Comparison, region_comparison, region_load
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from nqtrack.programmes.services import programme_load_file
from tests.accounts.conftest import Cast
from tests.pages import seed_url
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
    assert f'<a href="/ct/{seed.code}/">{seed.short_title}</a>' in rows[seed.code]
    assert f'<a href="/ct/{second.code}/">Kế hoạch khác</a>' in rows[second.code]
    # The seed's counts are the dashboard's, status by status, best first.
    counts = re.findall(r'data-status="([a-z_]+)".*?</span>: (\d+)</li>', rows[seed.code], re.S)
    dashboard = client.get(seed_url("/")).content.decode()
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
    # The seed's pages live under its code too, with links that stay there; its short URL leads there.
    seed_page = client.get(f"/ct/{seed.code}/").content.decode()
    assert len(re.findall(r'<tr data-target="', seed_page)) == 29
    assert f'<a href="/ct/{seed.code}/chi-tieu/forest_cover_2030/">' in seed_page
    assert f'action="/ct/{seed.code}/"' in seed_page
    assert (client.get("/").status_code, client.get("/")["Location"]) == (302, f"/ct/{seed.code}/")


def test_an_unknown_programme_or_another_programmes_target_is_not_found(
    client: Client, two: tuple[Programme, Programme]
) -> None:
    seed, second = two
    assert client.get("/ct/khong-co/").status_code == 404
    assert client.get(f"/ct/{second.code}/chi-tieu/forest_cover_2030/").status_code == 404
    assert client.get(f"/ct/{seed.code}/chi-tieu/forest_cover_2030/").status_code == 200


REGION_ROW = re.compile(r'<tr data-region="11-NQ/TW">(.*?)</tr>', re.S)


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]


def test_the_portfolio_has_a_row_for_the_regions_targets_beside_the_default_programmes(
    client: Client, two: tuple[Programme, Programme]
) -> None:
    seed, second = two
    html = client.get("/chuong-trinh/").content.decode()
    row = REGION_ROW.search(html)
    assert row is not None
    assert list(_rows(html)) == [seed.code, second.code]  # the programmes first, the region's row after them
    assert html.index(f'<tr data-programme="{second.code}">') < row.start()
    assert _cells(row.group(1)) == [
        f'<a href="/ct/{seed.code}/vung/">Mục tiêu của vùng: Vùng trung du và miền núi Bắc Bộ</a><br><small>'
        "Nghị quyết số 96/NQ-CP ngày 01/8/2022 của Chính phủ ban hành Chương trình hành động của Chính phủ "
        "thực hiện Nghị quyết số 11-NQ/TW</small>",
        "2021–2030",
        '<ul class="counts">'
        '<li data-comparison="below"><span aria-hidden="true">▼</span> Tỉnh đặt thấp hơn vùng: 3</li>'
        '<li data-comparison="same"><span aria-hidden="true">=</span> Bằng mục tiêu của vùng: 2</li>'
        '<li data-comparison="above"><span aria-hidden="true">▲</span> Tỉnh đặt cao hơn vùng: 11</li>'
        "</ul>Tổng: 16 mục tiêu của vùng, so với chỉ tiêu của Chương trình hành động thực hiện Nghị quyết số "
        "11-NQ/TW",
        "—",
    ]
    assert 'data-targets="16"' in row.group(1)
    # The counts are the region page's comparisons, counted.
    compared = [r.comparison for r in region_comparison(programme=seed, region=region_load())]
    assert (len(compared), compared.count(Comparison.BELOW)) == (16, 3)
    assert (compared.count(Comparison.SAME), compared.count(Comparison.ABOVE)) == (2, 11)
    region_page = client.get(f"/ct/{seed.code}/vung/")
    assert region_page.status_code == 200
    assert "3 chỉ tiêu của tỉnh thấp hơn mục tiêu của vùng." in region_page.content.decode()


def test_the_regions_row_for_a_signed_in_reader_and_in_english(
    client: Client, two: tuple[Programme, Programme], cast: Cast
) -> None:
    client.force_login(cast.viewer)
    row = REGION_ROW.search(client.get("/chuong-trinh/").content.decode())
    assert row is not None
    assert _cells(row.group(1))[3:] == ["—", "—", "—"]  # no change of status, no tasks of its own
    client.cookies["django_language"] = "en"
    row = REGION_ROW.search(client.get("/chuong-trinh/").content.decode())
    assert row is not None
    cells = _cells(row.group(1))
    assert cells[0].startswith(f'<a href="/ct/{two[0].code}/vung/">Regional targets: Vùng trung du')
    assert re.sub(r"<[^>]+>", "", cells[2]) == (
        "▼ The province aims lower than the region: 3= Same as the region: 2"
        "▲ The province aims higher than the region: 11"
        "Total: 16 regional targets, compared with the targets of "
        "Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW"
    )


def test_an_unreadable_region_file_is_said_in_the_regions_row(
    client: Client, two: tuple[Programme, Programme], settings: Settings, tmp_path: Path
) -> None:
    missing = tmp_path / "none.yaml"
    settings.NQTRACK_REGION_TARGETS = missing
    html = client.get("/chuong-trinh/").content.decode()
    row = re.search(r'<tr data-region="">(.*?)</tr>', html, re.S)
    assert row is not None
    assert _cells(row.group(1)) == [
        f'<a href="/ct/{two[0].code}/vung/">Mục tiêu của vùng</a>',
        '<span class="problems" role="alert">'
        f"Không đọc được tệp chỉ tiêu vùng {missing}: No such file or directory.</span>",
    ]
    assert list(_rows(html)) == [two[0].code, two[1].code]  # the programmes' rows are as ever


def test_without_a_programme_the_portfolio_has_no_regions_row(client: Client, db: None) -> None:
    html = client.get("/chuong-trinh/").content.decode()
    assert "Chưa nạp chương trình hành động nào." in html
    assert "data-region" not in html

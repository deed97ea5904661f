"""Day one in a real browser: each demo user signs in with the printed password, visits every page of the
role, and axe-core finds no serious or critical violation; the header fits one line at 1366 px and folds
behind a menu button at 390 px; the dashboard prints without its controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect
from pytest_django.fixtures import Settings

from nqtrack.accounts.demo import DemoUser, demo_users_ensure
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from nqtrack.tracking.models import TrackedItem
from tests.conftest import save_screenshot
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS
from tests.web.a11y import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [seed_url("/"), seed_url("/so-sanh-don-vi/"), seed_url("/vung/"), "/cong-khai/"]
SIGNED_IN = [
    "/so-lieu/",
    "/so-lieu/nhap-tep/",
    "/so-lieu/xuat/",
    "/so-lieu/lich-su/",
    "/so-lieu/cho-duyet/",
    "/nhiem-vu/",
    "/nhiem-vu/bang/",
    "/nhiem-vu/don-vi-cua-toi/",
    "/nhiem-vu/van-ban/",
    "/nhiem-vu/cong-trinh/",
    "/bao-cao/",
    "/bao-cao/mau/",
    "/tai-khoan/doi-mat-khau/",
]
SIGNED_OUT = ["/tai-khoan/dang-nhap/", "/tai-khoan/quen-mat-khau/"]
DASHBOARD = seed_url("/")
# What each role may open of SIGNED_IN (others answer 403: not the role's pages).
REFUSED = {
    "programme_manager": set(),
    "reviewer": {"/bao-cao/mau/"},
    "reporter": {"/so-lieu/cho-duyet/", "/bao-cao/", "/bao-cao/mau/"},
    "viewer": {"/so-lieu/nhap-tep/", "/so-lieu/cho-duyet/", "/bao-cao/mau/"},
}


@pytest.fixture
def demo(programme: Programme, settings: Settings, tmp_path: Path) -> list[DemoUser]:
    """The installation as `make run` leaves it: figures, tasks and the demo cast (development settings)."""
    settings.DEBUG = True  # demo users exist and sign in only in development
    settings.NQTRACK_DEMO_USERS_FILE = tmp_path / "demo-users.tsv"
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    call_command("tasks", "sync", verbosity=0)
    return demo_users_ensure(programme=programme)


@pytest.fixture
def context_page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


def sign_in(page: Page, base: str, user: DemoUser) -> None:
    """Sign in through the form, as a newcomer would with the printed user name and password."""
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(user.password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{base}{DASHBOARD}")  # straight to the dashboard: no two-factor step


def check(
    page: Page, base: str, paths: list[str], found: dict[str, list[str]], who: str, axe: set[str]
) -> list[str]:
    """Visit each page; run axe on those that open and are in ``axe``; return the paths that opened."""
    opened = []
    for path in paths:
        response = page.goto(f"{base}{path}")
        assert response is not None
        if response.status == 403:
            continue
        assert response.status == 200, (who, path, response.status)
        opened.append(path)
        if path in axe:
            violations = axe_violations(page)
            if violations:
                found[f"{who} {path}"] = violations
    return opened


def test_day_one_every_demo_user_signs_in_every_page_passes_axe_and_the_header_fits(
    context_page: Page, live_server: object, demo: list[DemoUser]
) -> None:
    """One test, so the installation is set up once: the pages of every role, then the header."""
    base = str(live_server)
    page = context_page
    target = Target.objects.order_by("id").first()
    item = TrackedItem.objects.order_by("position", "id").first()
    assert target is not None
    assert item is not None
    public = [*PUBLIC, seed_url(f"/chi-tieu/{target.code}/")]
    found: dict[str, list[str]] = {}
    anonymous = [*public, *SIGNED_OUT]
    assert check(page, base, anonymous, found, "anonymous", set(anonymous)) == anonymous
    # axe does find a violation when there is one (an image without a text alternative)
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [v.split(":")[0] for v in axe_violations(page)] == ["critical image-alt"]
    assert [u.role.value for u in demo] == [
        "programme_manager",
        "reviewer",
        "reporter",
        "reporter",
        "reporter",
        "viewer",
    ]
    checked: set[tuple[str, str]] = set()
    for user in demo:
        sign_in(page, base, user)
        pages = [DASHBOARD, seed_url(f"/chi-tieu/{target.code}/"), *SIGNED_IN, f"/nhiem-vu/{item.code}/"]
        # axe on every page the first time a role sees it (the same template and the same role's links), and
        # on the dashboard for every user (the header names them; the guide is a manager's)
        axe = {p for p in pages if (user.role.value, p) not in checked} | {DASHBOARD}
        opened = check(page, base, pages, found, user.username, axe)
        checked |= {(user.role.value, p) for p in opened}
        assert set(pages) - set(opened) == REFUSED[user.role.value], user.username
    assert found == {}
    header_checks(page, base, demo[0], target.code)


def header_checks(page: Page, base: str, manager: DemoUser, target_code: str) -> None:
    sign_in(page, base, manager)
    expect(page.locator("section.guide")).to_be_visible()  # the first-run guide, nothing done yet
    expect(page.locator("section.guide li.done")).to_have_count(1)  # the demo reporters have their scopes
    # 1366 px: programme name, navigation, language switch and user menu on one line
    parts = [
        "header.site .brand",
        "header.site .programme",
        ".site-nav a >> nth=0",
        ".site-nav a >> nth=-1",
        "form.language button >> nth=-1",
        ".user-menu summary",
    ]
    middles = []
    for selector in parts:
        box = page.locator(selector).bounding_box()
        assert box is not None, selector
        middles.append(box["y"] + box["height"] / 2)
    assert max(middles) - min(middles) < 8, middles
    summary = page.locator(".user-menu summary").bounding_box()
    assert summary is not None
    assert summary["x"] + summary["width"] <= 1366  # nothing cut off at the right edge
    assert page.evaluate("document.querySelector('header.site').scrollWidth") <= 1366
    expect(page.locator("header.site .menu-toggle")).to_be_hidden()
    save_screenshot(page, "dashboard-1366")
    # the user menu opens by keyboard
    page.locator(".user-menu summary").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.keyboard.press("Enter")

    # 390 px: the menu behind a button that says whether it is open
    page.set_viewport_size({"width": 390, "height": 844})
    toggle = page.locator("header.site .menu-toggle")
    expect(toggle).to_be_visible()
    expect(page.locator(".site-nav")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "dashboard-390")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".site-nav")).to_be_visible()
    save_screenshot(page, "dashboard-390-menu")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".site-nav")).to_be_hidden()

    # printed: the content without the controls, on the dashboard and a target page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.emulate_media(media="print")
    for path in [DASHBOARD, seed_url(f"/chi-tieu/{target_code}/")]:
        page.goto(f"{base}{path}")
        for hidden in [".site-nav", "form.language", ".user-menu", "section.guide", "form.filters"]:
            assert page.locator(hidden).evaluate_all("els => els.every(e => e.offsetParent === null)"), (
                path,
                hidden,
            )
        expect(page.locator("main h1")).to_be_visible()
    page.emulate_media(media="screen")

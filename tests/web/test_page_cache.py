"""The pages from the cache (nqtrack.core.pagecache): a warm page is the cold page without a query, and
every change a page shows reaches the next page: an approved figure, a reloaded definition, the language,
the reader's scope."""

from __future__ import annotations

import pickle
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.template import Template
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django.fixtures import Settings

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.assessments.services import assessments_refresh
from nqtrack.core import pagecache
from nqtrack.observations.entries import observations_save_cells
from nqtrack.observations.review import Batch, review_approve, review_submit
from nqtrack.observations.rows import EntryRow
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Programme, Target
from nqtrack.programmes.services import programme_load_file
from nqtrack.web.pagecache import EVERYTHING, PUBLISHED
from tests.grants import grant
from tests.pages import seed_url
from tests.seed import SEED_PROGRAMME, SEED_STATISTICS

pytestmark = pytest.mark.django_db

VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')
PAGES = [
    *map(
        seed_url,
        [
            "/",
            "/?nam=2023",
            "/?don-vi=215",
            "/?trang-thai=achieved",
            "/chi-tieu/forest_cover_2030/",
            "/chi-tieu/grdp_growth_2021_2030/",
            "/so-sanh-don-vi/",
            "/vung/",
        ],
    ),
    "/cong-khai/",
]
DASHBOARD = seed_url("/")
FOREST = seed_url("/chi-tieu/forest_cover_2030/")


@pytest.fixture
def stored(programme: Programme) -> Programme:
    """The seed figures with every assessment stored (what the bootstrap leaves)."""
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    assessments_refresh(programme=programme)
    return programme


def page(client: Client, path: str) -> tuple[int, str]:
    """The page's queries and its HTML without what differs between any two answers (nonce, CSRF)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries), VOLATILE.sub("", response.content.decode())


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def forest_row(html: str) -> str:
    row = re.search(r'<tr data-target="forest_cover_2030">(.*?)</tr>', html, re.S)
    assert row is not None
    return words(row.group(1))


def judgement(html: str) -> str:
    """The target page's judgement: its status and the sentence that explains it."""
    found = re.search(r"(?:Đánh giá|Assessment) (.*?) \{", words(html))
    assert found is not None
    return found.group(1)


def guide(html: str) -> str | None:
    """The heading of the first-run guide (a programme manager's, not cached), or None."""
    found = re.search(r'<h2 id="guide-title">(.*?)</h2>', html, re.S)
    return None if found is None else words(found.group(1))


def readers_of(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(part, reader) of every cached part the pages read from now on."""
    seen: list[tuple[str, str]] = []
    real = pagecache.page_key

    def spy(part: str, *, reader: str, **arguments: object) -> str:
        seen.append((part, reader))
        return real(part, reader=reader, **arguments)

    monkeypatch.setattr(pagecache, "page_key", spy)
    return seen


def test_a_warm_page_is_the_cold_page_and_the_uncached_page_without_a_query(
    client: Client, stored: Programme, settings: Settings
) -> None:
    cold = {path: page(client, path) for path in PAGES}
    warm = {path: page(client, path) for path in PAGES}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    uncached = {path: page(client, path)[1] for path in PAGES}

    for path in PAGES:
        assert warm[path][1] == cold[path][1] == uncached[path], path
    # The status filter is applied to the cached rows of the dashboard: nothing more to read.
    assert [path for path, (queries, _html) in cold.items() if queries == 0] == [
        seed_url("/?trang-thai=achieved")
    ]
    # An anonymous reader: no session, no guide, every part from the cache. The public page's header
    # names the site's programme (the context processor's one query).
    assert {path: queries for path, (queries, _html) in warm.items()} == {
        **dict.fromkeys(PAGES, 0),
        "/cong-khai/": 1,
    }


def test_an_approved_figure_shows_on_the_next_dashboard_and_target_page(
    client: Client, stored: Programme, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    provinces = tuple(AdminUnit.objects.filter(parent=None))
    alice = grant(User.objects.create_user("alice"), Role.REPORTER, ScopeSelection(capture_units=provinces))
    bob = grant(User.objects.create_user("bob"), Role.REVIEWER, ScopeSelection(capture_units=provinces))
    unit = unit_for_period(code="24", year=2024)
    assert unit is not None
    batch = Batch(
        programme=stored,
        unit=unit,
        year=2024,
        group=Target.objects.get(code="forest_cover_2030").indicator.group,
    )
    before_row = (
        "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 37,8 năm 2023 · chính thức · nguồn ✔ Đã đạt"
    )
    before_judgement = (
        "✔ Đã đạt Đã đạt: năm 2023 đạt 37,8%, mục tiêu từ 37% trở lên vào năm 2030; "
        "cao hơn mức cần đạt 0,80%; theo xu hướng từ năm 2020, năm 2030 đạt khoảng 37,34%."
    )
    for _warm in range(2):
        assert forest_row(page(client, DASHBOARD)[1]) == before_row
        assert judgement(page(client, FOREST)[1]) == before_judgement
    cell = EntryRow(1, "forest_cover", "24", "2024", Decimal("36.2"), "36.2", "official", seen_version=0)

    with django_capture_on_commit_callbacks(execute=True):
        observations_save_cells(user=alice, programme=stored, rows=[cell], channel="web")
        review_submit(user=alice, batch=batch, channel="web")
    # A figure waiting for review is not on the pages.
    assert forest_row(page(client, DASHBOARD)[1]) == before_row
    assert judgement(page(client, FOREST)[1]) == before_judgement
    with django_capture_on_commit_callbacks(execute=True):
        review_approve(user=bob, batch=batch, channel="web")

    dashboard, target = page(client, DASHBOARD)[1], page(client, FOREST)[1]
    # 36.2 % in 2024, down from 37.8 % in 2023: below the 37 % target and moving away from it.
    assert forest_row(dashboard) == (
        "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 36,2 năm 2024 · chính thức "
        "✖ Đi ngược mục tiêu cần tăng 0,36%/năm"
    )
    assert judgement(target) == (
        "✖ Đi ngược mục tiêu Từ nay cần tăng 0,36%/năm Đi ngược mục tiêu: năm 2024 đạt 36,2%, mục tiêu từ "
        "37% trở lên vào năm 2030; từ năm 2020 (38%) bình quân giảm 1,21%/năm, ngược chiều với yêu cầu, "
        "theo đà này năm 2030 đạt khoảng 33,66%; từ nay cần tăng 0,36%/năm đến năm 2030."
    )


def test_a_reloaded_definition_reaches_the_next_page(
    client: Client,
    stored: Programme,
    tmp_path: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    for _warm in range(2):
        assert forest_row(page(client, DASHBOARD)[1]).startswith(
            "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 "
        )
    changed = tmp_path / "programme.yaml"
    changed.write_text(
        SEED_PROGRAMME.read_text(encoding="utf-8").replace(
            "low: 37\n            year: 2030", "low: 40\n            year: 2030"
        ),
        encoding="utf-8",
    )

    with django_capture_on_commit_callbacks(execute=True):
        programme_load_file(path=changed)

    # 37.8 % in 2023 no longer reaches the target, now 40 %, and the trend is downwards.
    assert forest_row(page(client, DASHBOARD)[1]) == (
        "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 40 37,8 năm 2023 · chính thức · nguồn "
        "✖ Đi ngược mục tiêu cần tăng 0,81%/năm"
    )
    assert judgement(page(client, FOREST)[1]) == (
        "✖ Đi ngược mục tiêu Từ nay cần tăng 0,81%/năm Đi ngược mục tiêu: năm 2023 đạt 37,8%, mục tiêu từ "
        "40% trở lên vào năm 2030; từ năm 2020 (38%) bình quân giảm 0,18%/năm, ngược chiều với yêu cầu, "
        "theo đà này năm 2030 đạt khoảng 37,34%; từ nay cần tăng 0,81%/năm đến năm 2030."
    )


def territory_note(html: str) -> str:
    found = re.search(r'<p class="territory-note" role="note">(.*?)</p>', html, re.S)
    assert found is not None
    return words(found.group(1))


def test_english_and_vietnamese_are_cached_apart(client: Client, stored: Programme) -> None:
    vietnamese = {path: page(client, path)[1] for path in (DASHBOARD, FOREST)}
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = {path: page(client, path)[1] for path in (DASHBOARD, FOREST)}
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    vietnamese_again = {path: page(client, path)[1] for path in (DASHBOARD, FOREST)}

    # The note is translated when the dashboard's part is computed: each language has its own.
    assert territory_note(vietnamese[DASHBOARD]).startswith(
        "Từ 1/7/2025, Tỉnh Bắc Giang nhập vào Tỉnh Bắc Ninh (từ 1/7/2025) và cấp huyện không còn"
    )
    assert territory_note(english[DASHBOARD]).startswith(
        "On 1/7/2025 Tỉnh Bắc Giang merged into Tỉnh Bắc Ninh (from 1/7/2025) and the district level was "
        "abolished"
    )
    assert judgement(vietnamese[FOREST]).startswith("✔ Đã đạt Đã đạt: năm 2023 đạt 37,8%")
    assert judgement(english[FOREST]) == (
        "✔ Achieved Achieved: 37.8% in 2023 against a target of at least 37% by 2030; 0.80% above the bar; "
        "on its trend since 2020 it would be about 37.34% in 2030."
    )
    assert vietnamese_again == vietnamese


def test_two_readers_of_different_scopes_never_read_each_others_parts(
    client: Client, stored: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    province, district = (AdminUnit.objects.filter(code=code).first() for code in ("24", "215"))
    assert province is not None
    assert district is not None
    province_viewer = grant(
        User.objects.create_user("tinh"), Role.VIEWER, ScopeSelection(view_units=(province,))
    )
    district_viewer = grant(
        User.objects.create_user("huyen"), Role.VIEWER, ScopeSelection(view_units=(district,))
    )
    manager = grant(User.objects.create_user("quan_ly"), Role.PROGRAMME_MANAGER, ScopeSelection())
    no_role = User.objects.create_user("khach")
    read = readers_of(monkeypatch)

    def readers(user: User | None) -> set[str]:
        reader = Client()
        if user is not None:
            reader.force_login(user)
        read.clear()
        reader.get(DASHBOARD)
        reader.get(FOREST)
        return {who for _part, who in read}

    by_user = {
        name: readers(user)
        for name, user in [
            ("anonymous", None),
            ("no role", no_role),
            ("province", province_viewer),
            ("district", district_viewer),
            ("manager", manager),
        ]
    }

    assert by_user["anonymous"] == by_user["no role"] == {PUBLISHED}
    assert by_user["manager"] == {EVERYTHING}
    [province_word] = by_user["province"]
    [district_word] = by_user["district"]
    assert len({PUBLISHED, EVERYTHING, province_word, district_word}) == 4


def test_a_changed_scope_or_role_reaches_the_readers_next_page(
    client: Client, stored: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    province, district = (AdminUnit.objects.filter(code=code).first() for code in ("24", "215"))
    assert province is not None
    assert district is not None
    user = grant(User.objects.create_user("lanh_dao"), Role.VIEWER, ScopeSelection(view_units=(province,)))
    read = readers_of(monkeypatch)
    client.force_login(user)
    html = page(client, DASHBOARD)[1]
    before = {who for _part, who in read}
    assert guide(html) is None

    grant(user, Role.VIEWER, ScopeSelection(view_units=(district,)))
    read.clear()
    page(client, DASHBOARD)
    after_scope = {who for _part, who in read}
    grant(user, Role.PROGRAMME_MANAGER, ScopeSelection())
    read.clear()
    html = page(client, DASHBOARD)[1]

    assert len(before | after_scope) == 2
    assert {who for _part, who in read} == {EVERYTHING}
    assert guide(html) == "Bắt đầu (đã xong 0/5 bước)"


def test_no_cached_part_holds_the_csrf_token_or_the_guide(client: Client, stored: Programme) -> None:
    manager = grant(User.objects.create_user("quan_ly"), Role.PROGRAMME_MANAGER, ScopeSelection())
    client.force_login(manager)
    response = client.get(DASHBOARD)  # cold: every part is written during this request
    html = response.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    assert guide(html) == "Bắt đầu (đã xong 0/5 bước)"
    stored_parts = [
        pickle.loads(value)  # noqa: S301 - this test's own cache
        for key, value in caches["default"]._cache.items()  # type: ignore[attr-defined]
        if ":nqtrack:page:" in key
    ]

    assert len(stored_parts) == 5  # the programme, the years and note, the units, the rows, the body
    kept = repr(stored_parts)
    assert (token.group(1) in kept, "guide-title" in kept) == (False, False)


def test_a_warm_target_page_renders_only_its_shell_around_the_kept_body(
    client: Client, stored: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = AdminUnit.objects.filter(code="215").first()
    assert district is not None
    viewer = grant(User.objects.create_user("huyen"), Role.VIEWER, ScopeSelection(view_units=(district,)))
    read = readers_of(monkeypatch)

    def get(reader: Client, path: str) -> tuple[list[str], str]:
        """The templates the page rendered, in order, and its HTML."""
        names: list[str] = []

        def record(sender: object, template: Template, **_kwargs: object) -> None:
            names.append(str(template.name))

        template_rendered.connect(record)
        try:
            response = reader.get(path)
        finally:
            template_rendered.disconnect(record)
        assert response.status_code == 200, path
        return names, response.content.decode()

    cold = get(client, FOREST)
    warm = get(Client(), f"{FOREST}?tu=bang")  # another anonymous reader and query: the same kept body
    parts_anonymous = list(read)
    read.clear()
    scoped = Client()
    scoped.force_login(viewer)
    scoped_page = get(scoped, FOREST)
    kept = repr(
        [
            pickle.loads(value)  # noqa: S301 - this test's own cache
            for key, value in caches["default"]._cache.items()  # type: ignore[attr-defined]
            if ":nqtrack:page:target-page:" in key
        ]
    )

    def request_parts(html: str) -> tuple[str, str]:
        """The CSRF token and the return path of the header's language form: this request's own."""
        found = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)">\s*<input type="hidden" name="next" value="([^"]*)"',
            html,
        )
        assert found is not None
        return found.group(1), found.group(2)

    def main(html: str) -> str:
        found = re.search(r'<main id="main" tabindex="-1">(.*)</main>', html, re.S)
        assert found is not None
        return found.group(1)

    shell = ["web/target.html", "web/base.html", "web/_sitenav.html", "accounts/_usermenu.html"]
    body = ["web/_target.html", "web/_goal.html", "web/_status.html"]
    assert cold[0] == body + shell
    assert warm[0] == shell
    # A reader of another scope never reads the anonymous readers' body: theirs is rendered for them.
    assert scoped_page[0] == body + shell
    # Each request reads the programme its address names, the programme its target belongs to, the body.
    parts = ["programme", "target-programme", "target-page"]
    assert parts_anonymous == [(part, PUBLISHED) for part in parts] * 2
    assert [part for part, _word in read] == parts
    assert all(word.startswith("scope-") for _part, word in read)
    # The shell is this request's: its own CSRF token and path; the kept body holds neither.
    (cold_token, cold_next), (warm_token, warm_next) = request_parts(cold[1]), request_parts(warm[1])
    assert (cold_next, warm_next) == (FOREST, f"{FOREST}?tu=bang")
    assert cold_token != warm_token
    assert main(warm[1]) == main(cold[1]) == main(scoped_page[1])
    assert kept.count('<blockquote class="source-text">') == 2  # the two readers' bodies
    assert (cold_token in kept, warm_token in kept, "csrfmiddlewaretoken" in kept, "nonce" in kept) == (
        False,
        False,
        False,
        False,
    )

"""The page cache on the real Redis (production's ``NQTRACK_CACHE_URL``) at 127.0.0.1:6379.

Skipped, saying why, when no Redis answers there, except under ``NQTRACK_REQUIRE_POSTGRES=1`` (CI, whose
``.ci/run`` starts it): then a missing Redis fails. Each test keeps its keys under a prefix of its own and
removes them afterwards, so two test runs side by side never see each other's pages.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django.fixtures import Settings

from nqtrack.assessments.services import assessments_refresh
from nqtrack.core.pagecache import VERSION_KEY, pages_version
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

REDIS_URL = os.environ.get("NQTRACK_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _unreachable() -> str:
    """Why Redis does not answer at REDIS_URL; empty when it does."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"{type(error).__name__}: {error}"
    return ""


_PROBLEM = _unreachable()
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        bool(_PROBLEM) and os.environ.get("NQTRACK_REQUIRE_POSTGRES") != "1",
        reason=f"no Redis at {REDIS_URL} ({_PROBLEM}); CI starts one (.ci/run)",
    ),
]

VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')


@pytest.fixture
def prefix(settings: Settings) -> Iterator[str]:
    """The page cache on Redis, under a key prefix of this test's own; its keys are removed afterwards."""
    own = f"nqtrack-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": own,
        }
    }
    yield own
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{own}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def stored(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    assessments_refresh(programme=programme)
    return programme


def page(client: Client, path: str = seed_url("/")) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), VOLATILE.sub("", response.content.decode())


def forest_row(html: str) -> str:
    row = re.search(r'<tr data-target="forest_cover_2030">(.*?)</tr>', html, re.S)
    assert row is not None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(1))).strip()


def test_the_cache_is_redis_and_a_warm_page_reads_nothing_else(
    client: Client, stored: Programme, prefix: str
) -> None:
    cold_queries, cold = page(client)
    warm_queries, warm = page(client)

    assert isinstance(caches["default"], RedisCache)
    assert (cold_queries > 0, warm_queries, warm) == (True, 0, cold)
    stored_keys = redis.Redis.from_url(REDIS_URL).scan_iter(match=f"{prefix}:*:nqtrack:page:*")
    assert sorted(key.decode().split(":")[4] for key in stored_keys) == [
        "dashboard",
        "dashboard-body",
        "dashboard-rows",
        "dashboard-units",
        "programme",
    ]


def test_a_change_said_by_another_process_reaches_this_ones_next_page(
    client: Client, stored: Programme, prefix: str
) -> None:
    page(client)
    assert page(client)[0] == 0
    version = pages_version()
    # Another process (a web worker, the task worker) with its own connection to the same Redis.
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    other.incr(VERSION_KEY)

    queries, _html = page(client)

    assert pages_version() == version + 1
    assert queries > 0


def test_an_imported_figure_shows_on_the_next_page_through_redis(
    client: Client,
    stored: Programme,
    prefix: str,
    tmp_path: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    for _warm in range(2):
        assert forest_row(page(client)[1]) == (
            "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 37,8 năm 2023 · chính thức · nguồn ✔ Đã đạt"
        )
    csv = tmp_path / "rung.csv"
    csv.write_text(
        "indicator,year,value,unit,status,source_url,published,quote,note\n"
        "forest_cover,2024,36.2,percent,official,https://example.test/rung,2025-02-10,,\n",
        encoding="utf-8",
    )

    with django_capture_on_commit_callbacks(execute=True):
        observations_import_file(path=csv, programme=stored)

    assert forest_row(page(client)[1]) == (
        "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 36,2 năm 2024 · chính thức · nguồn "
        "✖ Đi ngược mục tiêu cần tăng 0,36%/năm"
    )

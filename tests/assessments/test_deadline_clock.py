"""On every figure (the pages, ``nqtrack assess --programme`` with no as-of year), a target whose year the
calendar has closed has a final verdict, even before a figure of its year arrives; the same on the target
page, the dashboard, the command and the store, and an answer stored before 1 January is not served after
it.

The seed's forest-cover target is moved to "≥ 38% by 2025"; its figures end with 37,8% in 2023.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import stored_assessment
from nqtrack.assessments.services import assessments_refresh
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

CODE = "forest_cover_2030"


@pytest.fixture
def forest_by_2025(programme: Programme) -> Target:
    Target.objects.filter(code=CODE).update(year=2025, low=38.0)
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return Target.objects.select_related("indicator__programme").get(code=CODE)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Callable[[date], None]:
    """Set the calendar's day (what ``timezone.localdate`` answers)."""

    def set_day(day: date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return set_day


def page_status(client: Client) -> tuple[str, str]:
    html = client.get(seed_url(f"/chi-tieu/{CODE}/")).content.decode()
    [status] = set(re.findall(r'data-status="([a-z_]+)"', html))
    explanation = re.search(r'<p class="explanation">(.*?)</p>', html, re.S)
    assert explanation is not None
    return status, explanation.group(1)


def command_status() -> str:
    out = StringIO()
    call_command("assess", programme="", stdout=out)
    [line] = [line for line in out.getvalue().splitlines() if line.startswith(f"{CODE} ")]
    return line.split()[1]


FINAL = (
    "Không đạt: năm 2023 đạt 37,8%, mục tiêu từ 38% trở lên vào năm 2025; năm 2025 chưa có số liệu nên đánh "
    "giá theo số liệu gần nhất trước đó (năm 2023)."
)


def test_in_2025_the_deadline_is_ahead_and_in_2026_it_has_passed(
    client: Client, forest_by_2025: Target, today: Callable[[date], None]
) -> None:
    today(date(2025, 6, 1))
    status, explanation = page_status(client)
    assert status == "moving_away"
    assert "từ nay cần" in explanation
    assert command_status() == "moving_away"

    today(date(2026, 1, 2))
    assert page_status(client) == ("not_achieved", FINAL)
    assert command_status() == "not_achieved"
    for page in (seed_url("/"), "/cong-khai/"):
        row = re.search(rf'<tr data-target="{CODE}">(.*?)</tr>', client.get(page).content.decode(), re.S)
        assert row is not None
        assert set(re.findall(r'data-status="([a-z_]+)"', row.group(1))) == {"not_achieved"}, page


def test_an_answer_stored_last_year_is_not_served_and_a_refresh_renews_it(
    client: Client, forest_by_2025: Target, today: Callable[[date], None]
) -> None:
    programme = forest_by_2025.indicator.programme
    today(date(2025, 6, 1))
    assessments_refresh(programme=programme, as_of_years=())
    stored = stored_assessment(target=forest_by_2025)
    assert stored is not None
    assert stored.status.value == "moving_away"
    # Those rows were computed in 2025.
    StoredAssessment.objects.update(
        computed_at=datetime(2025, 6, 1, 12, tzinfo=timezone.get_current_timezone())
    )

    today(date(2026, 1, 2))
    before = list(StoredAssessment.objects.order_by("pk").values_list("pk", "status", "fingerprint"))
    assert stored_assessment(target=forest_by_2025) is None  # judged before the calendar closed 2025
    assert page_status(client) == ("not_achieved", FINAL)  # assessed live meanwhile
    assert list(StoredAssessment.objects.order_by("pk").values_list("pk", "status", "fingerprint")) == before

    summary = assessments_refresh(programme=programme, as_of_years=())
    assert summary.updated > 0
    renewed = stored_assessment(target=forest_by_2025)
    assert renewed is not None
    assert (renewed.status.value, renewed.final) == ("not_achieved", True)
    assert page_status(client) == ("not_achieved", FINAL)


def test_an_answer_stored_as_of_the_target_year_is_final_as_the_live_one(
    forest_by_2025: Target, today: Callable[[date], None]
) -> None:
    """As of 2025 the deadline is reached whatever the calendar says; the store judges it so too."""
    today(date(2025, 6, 1))
    assessments_refresh(programme=forest_by_2025.indicator.programme, as_of_years=(2024, 2025))
    as_of = {year: stored_assessment(target=forest_by_2025, as_of=year) for year in (2024, 2025)}
    assert {year: (a.status.value, a.final) for year, a in as_of.items() if a is not None} == {
        2024: ("moving_away", None),
        2025: ("not_achieved", True),
    }

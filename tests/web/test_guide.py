"""The first-run guide on the dashboard: for programme managers, each step done as the database says."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nqtrack.accounts.models import Role
from nqtrack.observations.models import Observation, Origin, YearClosure
from nqtrack.programmes.models import Indicator, Programme
from nqtrack.tracking.models import ProgressUpdate, TrackedItem
from nqtrack.web.models import ProgrammeCheck
from tests.accounts.conftest import Cast, client_for, make_user, unit
from tests.pages import seed_url

pytestmark = pytest.mark.django_db

STEPS = ["programme", "reporters", "year", "figures", "tasks"]


def steps(client: Client) -> dict[str, bool] | None:
    """Each step shown on the dashboard with whether it is marked done; None when there is no guide."""
    html = client.get(seed_url("/")).content.decode()
    if 'class="guide"' not in html:
        return None
    found: dict[str, bool] = {}
    for code in STEPS:
        start = html.index(f'data-step="{code}"')
        opening = html[html.rindex("<li", 0, start) : start]
        found[code] = "done" in opening
    return found


@pytest.fixture
def manager(programme: Programme) -> Client:
    client = Client()
    client.force_login(make_user("quan_ly_moi", Role.PROGRAMME_MANAGER))
    return client


def test_each_step_is_done_when_the_database_says_so_and_then_the_guide_goes(
    manager: Client, programme: Programme
) -> None:
    assert steps(manager) == dict.fromkeys(STEPS, False)
    html = manager.get(seed_url("/")).content.decode()
    year = timezone.localdate().year - 1
    assert f"Mở năm {year} để nhập số liệu" in html
    assert "(đã xong 0/5 bước)" in html

    assert f'action="/huong-dan/da-kiem-tra/?programme={programme.code}"' in html
    response = manager.post(f"/huong-dan/da-kiem-tra/?programme={programme.code}")
    assert (response.status_code, response["Location"]) == (302, seed_url("/"))
    assert steps(manager) == dict.fromkeys(STEPS, False) | {"programme": True}

    make_user("bao_cao", Role.REPORTER)  # a reporter without a scope is not enough
    assert steps(manager) == dict.fromkeys(STEPS, False) | {"programme": True}
    make_user("bao_cao_xa", Role.REPORTER, capture_units=[unit("07774")])
    assert steps(manager) == dict.fromkeys(STEPS, True) | {"year": False, "figures": False, "tasks": False}

    YearClosure.objects.create(programme=programme, year=year, closes_on=date(year + 1, 3, 31))
    Observation.objects.create(
        indicator=Indicator.objects.get(programme=programme, code="grdp_growth"),
        unit=unit("07774"),
        year=year,
        value=Decimal("7.5"),
        value_text="7.5",
        measure_unit="percent",
        status="official",
        origin=Origin.REPORTED,
    )
    assert steps(manager) == dict.fromkeys(STEPS, True) | {"tasks": False}
    assert "(đã xong 4/5 bước)" in manager.get(seed_url("/")).content.decode()

    call_command("tasks", "sync", stdout=StringIO())
    item = TrackedItem.objects.filter(programme=programme).order_by("id").first()
    assert item is not None
    organisation = item.organisations.first()
    assert organisation is not None
    ProgressUpdate.objects.create(
        item=item,
        organisation=organisation,
        author=make_user("co_quan", None),
        narrative="Đã triển khai.",
        posted_on=timezone.localdate(),
    )
    assert steps(manager) is None  # every step done: the guide is gone


def test_only_programme_managers_see_the_guide_and_may_mark_the_programme_checked(cast: Cast) -> None:
    assert steps(client_for(cast, "manager")) == dict.fromkeys(STEPS, False) | {"reporters": True}
    for name in ["anonymous", "viewer", "province_reviewer", "commune_reporter"]:
        client = client_for(cast, name)
        assert steps(client) is None, name
        assert client.post("/huong-dan/da-kiem-tra/").status_code == 403, name
    assert not ProgrammeCheck.objects.exists()

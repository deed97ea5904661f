"""One judgement in every place the engine's answer shows: the dashboard, each target page and
``nqtrack assess --programme`` give every target of the seed the same status and the same growth still
needed; a dated milestone past its date without a report reads "chưa có thông tin"."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_dashboard_the_target_pages_and_the_command_agree(client: Client, programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    out = StringIO()
    call_command("assess", programme="", stdout=out)
    command = {line.split()[0]: line.split()[1] for line in out.getvalue().splitlines()[1:-1]}
    assert len(command) == 29

    dashboard = client.get(seed_url("/")).content.decode()
    rows = dict(re.findall(r'<tr data-target="([a-z0-9_]+)">(.*?)</tr>', dashboard, re.S))
    assert set(rows) == set(command)
    for code, status in command.items():
        row = rows[code]
        assert re.findall(r'data-status="([a-z_]+)"', row) == [status], code
        page = client.get(seed_url(f"/chi-tieu/{code}/")).content.decode()
        assert re.findall(r'<span class="status [^"]*" data-status="([a-z_]+)"', page)[0] == status, code
        needed = re.search(r'<span class="needed">(.*?)</span>', row, re.S)
        on_page = re.search(r'<strong class="needed">Từ nay (.*?)</strong>', page, re.S)
        assert (needed is None) == (on_page is None), code
        if needed is not None and on_page is not None:
            assert _text(needed.group(1)) == _text(on_page.group(1)), code
    # The figures of the seed (programme review of 2026-12-03): GRDP growth judged against 15–16 % as
    # written, on every page.
    assert command["grdp_growth_2021_2030"] == "needs_acceleration"
    assert "cần tăng 15,99–17,67%/năm" in _text(rows["grdp_growth_2021_2030"])
    assert command["share_product_taxes_2030"] == "insufficient_data"


def test_a_milestone_past_its_date_without_a_report_has_no_information(
    client: Client, programme: Programme
) -> None:
    html = client.get(seed_url("/")).content.decode()  # as of today: the 2025 milestone is past its date
    item = re.search(r'<li data-milestone="son_dong_out_of_poverty">(.*?)</li>', html, re.S)
    assert item is not None
    # Due 2025, nothing reports it: neither done nor late.
    assert _text(item.group(1)).endswith("(chưa có thông tin)")

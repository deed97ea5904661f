"""One judgement in all six places a target's assessment shows: the dashboard, the target page, the public
page, ``nqtrack assess --programme``, the Word report (its annex 1) and the Excel annex. On the seed data
every one of the 29 targets has, in each place that shows them, the same status, the same latest figure
and the same growth still needed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from docx import Document
from docx.table import Table
from openpyxl import load_workbook

from nqtrack.assessments.presenters import STATUS_LOOK
from nqtrack.domain.report_content import ReportKind
from nqtrack.domain.vnnumbers import format_vn_number, parse_vn_number
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from nqtrack.reports.content import report_content_build
from nqtrack.reports.render_docx import render_docx
from nqtrack.reports.render_xlsx import TITLE_ROWS, render_xlsx
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

STATUS_OF_WORDS = {look.words: status.value for status, look in STATUS_LOOK.items()}
NO_FIGURE = "—"


@dataclass(frozen=True, slots=True)
class Shown:
    """What one place shows of a target; None where that place does not show it."""

    status: str
    latest: str | None  # "13,85 (2024)", as published; "—" without a figure
    needed: str | None  # "cần tăng 15,99–17,67%/năm"; "" when nothing is needed or known


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _latest_in_html(cell: str) -> str:
    value = re.search(r'<span class="value">(.*?)</span>', cell, re.S)
    year = re.search(r'<span class="meta">\s*năm (\d{4})', cell)
    if value is None or year is None:
        return NO_FIGURE
    return f"{_text(value.group(1))} ({year.group(1)})"


def _command(out: str) -> dict[str, tuple[Shown, str]]:
    """Code → (what the table shows, its column of yearly rates 'low–high')."""
    found = {}
    for line in out.splitlines()[1:-1]:
        row = re.match(r"(\S+) +(\S+) +(—|\S+ \(\d{4}\)) +(\S+)  ", line)
        assert row is not None, line
        code, status, latest, rates = row.groups()
        found[code] = (Shown(status, latest, None), rates)
    return found


def _dashboard(html: str) -> dict[str, Shown]:
    rows = dict(re.findall(r'<tr data-target="([a-z0-9_]+)">(.*?)</tr>', html, re.S))
    shown = {}
    for code, row in rows.items():
        [status] = re.findall(r'data-status="([a-z_]+)"', row)
        needed = re.search(r'<span class="needed">(.*?)</span>', row, re.S)
        latest = re.search(r'<td class="latest">(.*?)</td>', row, re.S)
        assert latest is not None, code
        shown[code] = Shown(
            status, _latest_in_html(latest.group(1)), _text(needed.group(1)) if needed else ""
        )
    return shown


def _target_page(html: str) -> tuple[Shown, tuple[int, float] | None]:
    """The page's status and needed phrase, and the latest figure among the numbers of its assessment as
    (year, value): the page writes the value the engine used, the other places the published text. A
    target the engine cannot judge has no such number (its figures stand in the table below)."""
    status = re.findall(r'<span class="status [^"]*" data-status="([a-z_]+)"', html)[0]
    needed = re.search(r'<strong class="needed">Từ nay (.*?)</strong>', html, re.S)
    latest = re.search(r'<dd data-number="latest">(\d{4}): (.*?)</dd>', html)
    figure = (int(latest.group(1)), parse_vn_number(latest.group(2))) if latest else None
    return Shown(status, None, _text(needed.group(1)) if needed else ""), figure


def _public(html: str) -> dict[str, Shown]:
    rows = dict(re.findall(r'<tr data-target="([a-z0-9_]+)">(.*?)</tr>', html, re.S))
    shown = {}
    for code, row in rows.items():
        status = re.search(r'<td class="assessment">.*?data-status="([a-z_]+)"', row, re.S)
        latest = re.search(r'<td class="latest">(.*?)</td>', row, re.S)
        assert status is not None, code
        assert latest is not None, code
        shown[code] = Shown(status.group(1), _latest_in_html(latest.group(1)), None)
    return shown


def _without_mark(text: str) -> str:
    return re.sub(r" \((ư|sb)\)$", "", text)


def _docx(data: bytes, code_of_number: dict[str, str]) -> dict[str, Shown]:
    """Annex 1 of the Word report, row by row ("TT" numbers the targets): its year columns, "Đánh giá" and
    "Cần đạt mỗi năm"."""
    [annex] = [
        t for t in Document(BytesIO(data)).tables if isinstance(t, Table) and t.rows[0].cells[0].text == "TT"
    ]
    heads = [c.text for c in annex.rows[0].cells]
    years = [i for i, head in enumerate(heads) if head.isdigit()]
    status_at, needed_at = heads.index("Đánh giá"), heads.index("Cần đạt mỗi năm")
    shown = {}
    for row in annex.rows[1:]:
        cells = [c.text for c in row.cells]
        filled = [i for i in years if cells[i]]
        latest = f"{_without_mark(cells[filled[-1]])} ({heads[filled[-1]]})" if filled else NO_FIGURE
        shown[code_of_number[cells[0]]] = Shown(STATUS_OF_WORDS[cells[status_at]], latest, cells[needed_at])
    return shown


def _xlsx(data: bytes) -> dict[str, tuple[Shown, str]]:
    """The Excel annex's sheet of targets: code → (what it shows, its yearly rates 'low–high')."""
    sheet = load_workbook(BytesIO(data)).worksheets[0]
    heads = [c.value for c in sheet[TITLE_ROWS + 1]]
    at = {head: i for i, head in enumerate(heads)}
    shown = {}
    for values in sheet.iter_rows(min_row=TITLE_ROWS + 2, values_only=True):
        if values[at["Mã"]] is None:
            break
        low, high = values[at["Cần tăng/năm (cận dưới)"]], values[at["Cần tăng/năm (cận trên)"]]
        rates = "–".join("·" if v is None else format_vn_number(v, 2) for v in (low, high))
        # The annex marks an estimate ("84,6 (ư) (2023)"); the other places say it in words.
        latest = re.sub(r" \((ư|sb)\)(?= \(\d{4}\)$)", "", values[at["Số liệu mới nhất"]] or NO_FIGURE)
        status = STATUS_OF_WORDS[values[at["Đánh giá"]]]
        shown[values[at["Mã"]]] = (Shown(status, latest, values[at["Cần đạt mỗi năm"]] or ""), rates)
    return shown


def _phrase_rates(phrase: str) -> list[str]:
    return re.findall(r"\d[\d.]*,\d+", phrase)


def test_the_six_places_give_every_target_one_status_figure_and_need(
    client: Client, programme: Programme
) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    out = StringIO()
    call_command("assess", programme="", stdout=out)
    command = _command(out.getvalue())
    dashboard = _dashboard(client.get(seed_url("/")).content.decode())
    public_html = client.get("/cong-khai/").content.decode()
    public = _public(public_html)
    content = report_content_build(
        user=None, programme=programme, as_of=timezone.localdate(), kind=ReportKind.SO_KET
    )
    docx = _docx(render_docx(content), {str(t.number): t.code for t in content.targets})
    xlsx = _xlsx(render_xlsx(content))
    assert len(command) == 29
    assert set(dashboard) == set(public) == set(docx) == set(xlsx) == set(command)

    for code, (said, rates) in command.items():
        page, page_figure = _target_page(client.get(seed_url(f"/chi-tieu/{code}/")).content.decode())
        sheet, sheet_rates = xlsx[code]
        statuses = {said.status, dashboard[code].status, page.status, public[code].status}
        statuses |= {docx[code].status, sheet.status}
        assert statuses == {said.status}, code
        latest = {said.latest, dashboard[code].latest, public[code].latest, docx[code].latest, sheet.latest}
        assert latest == {said.latest}, code
        if page_figure is not None:
            figure, year = str(said.latest).rsplit(" (", 1)
            assert page_figure == (int(year[:4]), parse_vn_number(figure)), code
        else:  # only where the engine judged nothing from a figure
            assert said.status == "insufficient_data", code
        needed = {dashboard[code].needed, page.needed, docx[code].needed, sheet.needed}
        assert len(needed) == 1, (code, needed)
        assert rates == sheet_rates, code
        # The phrase gives the command's rates (one when both ends round alike), without their sign.
        [phrase] = needed
        if phrase:
            ends = [r.lstrip("-") for r in rates.split("–") if r != "·"]
            assert _phrase_rates(phrase) in (ends, ends[::-1], ends[:1]), (code, phrase, rates)

    # The figures of the seed: the GRDP growth needs 15,99–17,67 %/năm from now, everywhere.
    assert command["grdp_growth_2021_2030"][0] == Shown("needs_acceleration", "13,85 (2024)", None)
    assert command["grdp_growth_2021_2030"][1] == "15,99–17,67"
    assert docx["grdp_growth_2021_2030"].needed == "cần tăng 15,99–17,67%/năm"
    assert xlsx["grdp_current_prices_2030"][0].latest == "207.000 (2024)"
    # The public page shows an estimate as such (84,6 % in 2023 is "ước"), and its note says it does.
    assert "(chính thức, sơ bộ hoặc ước tính, như ghi ở từng số liệu)" in _text(public_html)
    communes = re.search(r'<tr data-target="nrd_communes_share_2030">(.*?)</tr>', public_html, re.S)
    assert communes is not None
    assert "84,6 năm 2023 · ước" in _text(communes.group(1))
    assert xlsx["nrd_communes_share_2030"][0].latest == "84,6 (2023)"  # its mark taken off above

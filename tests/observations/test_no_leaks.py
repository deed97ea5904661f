"""No answer tells a user about figures they may not read (docs/security.md): the file check and the review
step answer an outsider with the same bytes whether or not another unit holds drafts.

Reporter B enters figures for their commune, Phường Thọ Xương (07201): GRDP growth 2024 and 2023 as
drafts, then sends 2023 (indicator group (1)) for review. Outsiders — reporter A of Thị trấn Cao Thượng
(07339), a reviewer of Cao Thượng, and the cast's commune, district and department reporters and viewer
(tests/accounts/conftest.py), none of whose view scopes holds Thọ Xương's group (1) — upload a file of
Thọ Xương rows (CSV and Excel) and take every review step on its batches. Each answer is compared, after
the CSRF token and the script nonce are taken out, with the answer to the same request before B entered
anything: it must be identical, hold none of B's values, and nothing in the database may change.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from openpyxl import Workbook

from nqtrack.accounts.models import Role
from nqtrack.observations.dhis2 import dhis2_codes_load
from nqtrack.observations.entries import observations_save_cells
from nqtrack.observations.formats.tabular import COLUMNS, SHEET_NAME
from nqtrack.observations.models import Channel, Observation, Origin, ReviewState
from nqtrack.observations.review import Batch, review_submit
from nqtrack.observations.rows import EntryRow
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme
from tests.accounts.conftest import Cast, client_for, make_user, sign_in, unit
from tests.accounts.test_matrix import database_snapshot

pytestmark = pytest.mark.django_db

OWN, OTHER = "07339", "07201"  # Thị trấn Cao Thượng (reporter A), Phường Thọ Xương (reporter B)
OTHER_NAME = "Phường Thọ Xương"
INDICATOR = "grdp_growth"  # indicator group (1)
GROUP = "1"
DRAFT_YEAR, SUBMITTED_YEAR, EMPTY_YEAR = 2024, 2023, 2022
# B's values: written so that no other number on the pages looks like them, in either notation. The file
# guesses the draft's value right, so it shows on the check as the row's own new value, never as an old one.
DRAFT_VALUE, SUBMITTED_VALUE = "12.3457", "11.2468"
SOURCE, COMMENT = "Chi cục Thống kê Thọ Xương", "Bản nháp của Thọ Xương"
SECRETS = ("11.2468", "11,2468", SOURCE, COMMENT)
CAST_OUTSIDERS = ("commune_reporter", "district_reporter", "department_reporter", "viewer")
OUTSIDERS = ("reporter_a", "reviewer_a", *CAST_OUTSIDERS)
# The probe's rows: B's draft guessed right, B's submitted figure guessed wrong, a figure of B's submitted
# batch that B has not entered, a year B has not touched.
FILE_ROWS = (
    (INDICATOR, OTHER, str(DRAFT_YEAR), DRAFT_VALUE),
    (INDICATOR, OTHER, str(SUBMITTED_YEAR), "10.5"),
    ("share_industry_construction", OTHER, str(SUBMITTED_YEAR), "40"),
    (INDICATOR, OTHER, str(EMPTY_YEAR), "9"),
)
SCOPE_REFUSAL = f"bạn không có quyền nhập số liệu “Tốc độ tăng trưởng kinh tế (GRDP)” cho {OTHER_NAME}"
# What the answers said before the scope came first: a batch's state, a lock, a change by someone else, the
# indicators a batch holds.
TELLING = (
    "chờ duyệt",
    "đã được duyệt",
    "vừa được",
    "vừa bị",
    "đang ở trạng thái",
    "chưa có số liệu",
    "số liệu “Tốc độ tăng trưởng kinh tế (GRDP)” của",
)
_VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')


@pytest.fixture(autouse=True)
def imports_dir(tmp_path: Path) -> Iterator[None]:
    with override_settings(NQTRACK_IMPORT_DIR=tmp_path / "imports"):
        yield


@dataclass(frozen=True)
class World:
    cast: Cast
    reporter_b: User
    clients: dict[str, Client]

    @property
    def programme(self) -> Programme:
        return self.cast.programme


@pytest.fixture
def world(cast: Cast) -> World:
    """The cast, reporters A and B, a reviewer of A's commune; every outsider signed in on a client (before
    any snapshot: signing in records the login time)."""
    reporter_a = make_user("tt_cao_thuong", Role.REPORTER, capture_units=[unit(OWN)])
    reviewer_a = make_user("duyet_cao_thuong", Role.REVIEWER, capture_units=[unit(OWN)])
    reporter_b = make_user("p_tho_xuong", Role.REPORTER, capture_units=[unit(OTHER)])
    clients = {name: client_for(cast, name) for name in CAST_OUTSIDERS}
    clients["reporter_a"] = sign_in(Client(), reporter_a)
    clients["reviewer_a"] = sign_in(Client(), reviewer_a)
    return World(cast=cast, reporter_b=reporter_b, clients=clients)


def _batch(programme: Programme, year: int) -> Batch:
    found = unit_for_period(code=OTHER, year=year)
    assert found is not None
    group = Indicator.objects.get(programme=programme, code=INDICATOR).group
    return Batch(programme=programme, unit=found, year=year, group=group)


def b_enters_drafts(world: World) -> None:
    """B's figures: a draft for 2024, a submitted one for 2023 (through the services the pages use)."""
    rows = [
        EntryRow(
            1,
            INDICATOR,
            OTHER,
            str(year),
            Decimal(value),
            value,
            "official",
            source=SOURCE,
            comment=COMMENT,
        )
        for year, value in ((DRAFT_YEAR, DRAFT_VALUE), (SUBMITTED_YEAR, SUBMITTED_VALUE))
    ]
    saved = observations_save_cells(
        user=world.reporter_b, programme=world.programme, rows=rows, channel=Channel.WEB
    )
    assert saved.errors == []
    submitted = _batch(world.programme, SUBMITTED_YEAR)
    assert review_submit(user=world.reporter_b, batch=submitted, channel=Channel.WEB) == 1
    reported = Observation.objects.filter(origin=Origin.REPORTED, unit__code=OTHER)
    assert sorted(reported.values_list("year", "review_state")) == [
        (SUBMITTED_YEAR, ReviewState.SUBMITTED),
        (DRAFT_YEAR, ReviewState.DRAFT),
    ]


def table(page: str) -> list[list[str]]:
    """The cells of the check's table of rows (row, indicator, unit, period, old, new, result, reason)."""
    rows = re.findall(r'<tr class="outcome-[a-z]+" data-row="\d+">(.*?)</tr>', page, re.S)
    return [[_text(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def told(page: str) -> list[str]:
    """B's values and the words about B's figures and batches that ``page`` holds (none, for an outsider)."""
    return [words for words in (*SECRETS, *TELLING) if words in page]


def normalised(body: bytes) -> str:
    """The page without what differs between any two requests (the CSRF token, the CSP nonce)."""
    return _VOLATILE.sub(r'\1""', body.decode())


def _csv() -> SimpleUploadedFile:
    header = ",".join(title for _, title in COLUMNS)
    lines = [f"{indicator},,{code},,{period},{value},,,," for indicator, code, period, value in FILE_ROWS]
    return SimpleUploadedFile("tho-xuong.csv", "\r\n".join([header, *lines, ""]).encode())


def _xlsx() -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_NAME
    sheet.append([title for _, title in COLUMNS])
    for indicator, code, period, value in FILE_ROWS:
        sheet.append([indicator, None, code, None, period, float(value), None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("tho-xuong.xlsx", buffer.getvalue())


FILES: dict[str, Callable[[], SimpleUploadedFile]] = {"csv": _csv, "xlsx": _xlsx}


def _check_answers(world: World, kind: str) -> dict[str, tuple[int, str]]:
    return {
        who: (response.status_code, normalised(response.content))
        for who, client in world.clients.items()
        for response in [client.post("/so-lieu/nhap-tep/", {"tep": FILES[kind]()})]
    }


@pytest.mark.parametrize("kind", sorted(FILES))
def test_the_file_check_answers_alike_with_and_without_another_units_drafts(world: World, kind: str) -> None:
    without = _check_answers(world, kind)
    b_enters_drafts(world)
    before = database_snapshot()
    with_drafts = _check_answers(world, kind)
    assert database_snapshot() == before
    for who in OUTSIDERS:
        assert with_drafts[who] == without[who], who
        page = with_drafts[who][1]
        assert told(page) == [], who
        assert DRAFT_VALUE not in page, who  # the right guess shows as the row's own value: 12,3457
        assert [row[4] for row in table(page)] in ([], [""] * len(FILE_ROWS)), who  # no old value
    # A reporter is told, for each row, that it is not theirs to enter, and nothing else.
    status, page = with_drafts["reporter_a"]
    assert status == 400
    industry = SCOPE_REFUSAL.replace(
        "Tốc độ tăng trưởng kinh tế (GRDP)", "Tỷ trọng công nghiệp - xây dựng trong cơ cấu kinh tế"
    )
    column = "Mã đơn vị" if kind == "csv" else "C (Mã đơn vị)"
    assert [(row[0], row[6], row[7]) for row in table(page)] == [
        ("2", "Từ chối", f"{column}: {SCOPE_REFUSAL}"),
        ("3", "Từ chối", f"{column}: {SCOPE_REFUSAL}"),
        ("4", "Từ chối", f"{column}: {industry}"),
        ("5", "Từ chối", f"{column}: {SCOPE_REFUSAL}"),
    ]
    # The viewer may import nothing; a reviewer who approves figures enters none.
    assert with_drafts["viewer"][0] == with_drafts["reviewer_a"][0] == 403


def test_the_file_check_writes_numbers_the_vietnamese_way(world: World) -> None:
    b_enters_drafts(world)
    client = sign_in(Client(), world.reporter_b)
    page = normalised(client.post("/so-lieu/nhap-tep/", {"tep": _csv()}).content)
    assert [(row[4], row[5]) for row in table(page)] == [
        ("12,3457", "12,3457"),
        ("11,2468", "10,5"),
        ("", "40"),
        ("", "9"),
    ]


def test_an_insider_still_reads_their_own_figures_in_the_check(world: World) -> None:
    """Reporter B reads their draft (as the old value) and is told that their batch waits for review."""
    b_enters_drafts(world)
    client = sign_in(Client(), world.reporter_b)
    response = client.post("/so-lieu/nhap-tep/", {"tep": _csv()})
    page = normalised(response.content)
    assert response.status_code == 400
    reasons = [row[7] for row in table(page)]
    assert reasons[0] == ""  # unchanged
    assert "Phường Thọ Xương đang chờ duyệt" in reasons[1]
    assert "bạn không có quyền" not in page


# -- the DHIS2 import ---------------------------------------------------------------------------------------

# The programme's code table maps two DHIS2 data elements and Thọ Xương's org unit (ids made for the test, of
# DHIS2's form: a letter and ten letters or digits).
DHIS2_CODES = (
    "kind,dhis2_id,category_option_combo,code,name\n"
    f"dataElement,GrdpGrowth1,,{INDICATOR},GRDP growth\n"
    "dataElement,IndShare001,,share_industry_construction,Industry share\n"
    f"orgUnit,ThoXuong001,,{OTHER},{OTHER_NAME}\n"
)
DHIS2_ELEMENTS = {INDICATOR: "GrdpGrowth1", "share_industry_construction": "IndShare001"}


def _dhis2() -> SimpleUploadedFile:
    values = [
        {"dataElement": DHIS2_ELEMENTS[indicator], "period": period, "orgUnit": "ThoXuong001", "value": value}
        for indicator, _code, period, value in FILE_ROWS
    ]
    return SimpleUploadedFile("tho-xuong.json", json.dumps({"dataValues": values}).encode())


def _dhis2_answers(world: World) -> dict[str, tuple[int, str]]:
    return {
        who: (response.status_code, normalised(response.content))
        for who, client in world.clients.items()
        for response in [client.post("/so-lieu/nhap-tep/", {"tep": _dhis2()})]
    }


def test_the_dhis2_import_answers_alike_with_and_without_another_units_drafts(world: World) -> None:
    dhis2_codes_load(
        user=world.cast.manager, programme=world.programme, data=DHIS2_CODES.encode(), name="m.csv"
    )
    without = _dhis2_answers(world)
    b_enters_drafts(world)
    before = database_snapshot()
    with_drafts = _dhis2_answers(world)
    assert database_snapshot() == before
    for who in OUTSIDERS:
        assert with_drafts[who] == without[who], who
        assert told(with_drafts[who][1]) == [], who
        assert DRAFT_VALUE not in with_drafts[who][1], who
    # A reporter is refused every value, as DHIS2 refuses values outside the user's org units; the viewer and
    # the reviewer, who enter nothing, are refused the upload.
    status, page = with_drafts["reporter_a"]
    text = _text(page)
    industry = SCOPE_REFUSAL.replace(
        "Tốc độ tăng trưởng kinh tế (GRDP)", "Tỷ trọng công nghiệp - xây dựng trong cơ cấu kinh tế"
    )
    assert status == 400
    assert "imported 0, updated 0, ignored 4, deleted 0." in text
    assert f"[NQ004] orgUnit 'ThoXuong001' (giá trị số 0, 1, 3): {SCOPE_REFUSAL}" in text
    assert f"[NQ004] orgUnit 'ThoXuong001' (giá trị số 2): {industry}" in text
    assert with_drafts["viewer"][0] == with_drafts["reviewer_a"][0] == 403


# -- the review step ----------------------------------------------------------------------------------------

STEPS = {"submit": "", "approve": "", "return": "Sai số liệu gốc", "unlock": "Cần sửa lại số liệu"}
YEARS = (DRAFT_YEAR, SUBMITTED_YEAR, EMPTY_YEAR)
# The page a refused step goes back to, with its reason: a light one of the figures' pages (the grid would
# do as well, but it is rendered 144 times here).
BACK = "/so-lieu/xuat/"


def _review_answers(world: World) -> dict[tuple[str, str, int], tuple[int, str]]:
    """Every outsider's answer to every step on B's batches: the redirect, and the page it leads to (with
    the reason of the refusal)."""
    answers = {}
    for who, client in world.clients.items():
        for step, reason in STEPS.items():
            for year in YEARS:
                post = {
                    "programme": world.programme.code,
                    "don_vi": OTHER,
                    "nam": str(year),
                    "nhom": GROUP,
                    "buoc": step,
                    "ly_do": reason,
                    "next": BACK,
                }
                response = client.post("/so-lieu/duyet/", post)
                assert (response.status_code, response["Location"]) == (302, BACK)
                shown = client.get(response["Location"])
                answers[(who, step, year)] = (shown.status_code, normalised(shown.content))
    return answers


def test_the_review_step_answers_an_outsider_alike_whether_or_not_the_batch_exists(world: World) -> None:
    without = _review_answers(world)
    b_enters_drafts(world)
    before = database_snapshot()
    with_drafts = _review_answers(world)
    assert database_snapshot() == before
    for key, answer in with_drafts.items():
        assert answer == without[key], key
        assert told(answer[1]) == [], key


def test_an_outsider_is_refused_the_batch_by_its_scope(world: World) -> None:
    b_enters_drafts(world)
    label = f"nhóm chỉ tiêu (1), {OTHER_NAME}, năm {SUBMITTED_YEAR}"
    for who, step, words in (
        ("reporter_a", "submit", f"Bạn không có quyền gửi duyệt số liệu {label}."),
        ("reviewer_a", "approve", f"Bạn không có quyền duyệt số liệu {label}."),
        ("commune_reporter", "approve", "Bạn không có quyền duyệt số liệu."),  # a reporter reviews nothing
    ):
        post = {
            "programme": world.programme.code,
            "don_vi": OTHER,
            "nam": str(SUBMITTED_YEAR),
            "nhom": GROUP,
            "buoc": step,
            "next": "/so-lieu/",
        }
        shown = world.clients[who].post("/so-lieu/duyet/", post, follow=True)
        assert [str(m) for m in shown.context["messages"]] == [words], who


def test_the_units_reviewer_still_approves_the_batch_from_the_page(world: World) -> None:
    b_enters_drafts(world)
    post = {
        "programme": world.programme.code,
        "don_vi": OTHER,
        "nam": str(SUBMITTED_YEAR),
        "nhom": GROUP,
        "buoc": "approve",
        "next": "/so-lieu/",
    }
    shown = client_for(world.cast, "province_reviewer").post("/so-lieu/duyet/", post, follow=True)
    label = f"nhóm chỉ tiêu (1), {OTHER_NAME}, năm {SUBMITTED_YEAR}"
    assert [str(m) for m in shown.context["messages"]] == [f"Đã duyệt 1 số liệu: {label}."]
    assert _batch(world.programme, SUBMITTED_YEAR).figures().get().review_state == ReviewState.APPROVED

"""The odd values of the issue "No leaks, no crashes — never a 500", one test each: a year or number written
with other digits than 0–9 ("²".isdigit() is true, int("²") fails) or too large for any year or id, a CSV
field longer than the csv module reads, a JSON file nesting 100,000 deep.

A page that already reports a bad filter and ignores it (the dashboard, the unit comparison, the task
list) keeps doing so; the other pages answer 400 with a Vietnamese message naming the value; a refused
POST changes nothing in the database."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from nqtrack.core.params import (
    AsciiIdChoiceField,
    AsciiIntegerField,
    BadParameter,
    ascii_int,
    given_number,
    given_year,
    year_or_none,
)
from nqtrack.observations.formats.csvrows import MAX_FIELD_CHARS
from nqtrack.observations.formats.limits import MAX_JSON_DEPTH, json_too_deep
from nqtrack.observations.selectors import entry_grid
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Organisation
from tests.accounts.conftest import Cast, client_for
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS
from tests.web.odd_values import HUGE, SUPERSCRIPT_TWO, database_state

pytestmark = pytest.mark.django_db
HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"
YEAR_RULE = "hãy ghi năm bằng chữ số 0–9, từ 1900 đến 2100."
BAD = (SUPERSCRIPT_TWO, HUGE)  # the values of the issue: a Unicode digit, 20 digits
DEEP_JSON = "[" * 100_000 + "]" * 100_000
DEEP_MESSAGE = (
    "có các mảng và đối tượng JSON lồng nhau quá 8 tầng (dataValueSets của DHIS2 chỉ cần 3 tầng): "
    "không đọc tệp này."
)


@pytest.fixture
def figures(cast: Cast) -> Cast:
    """The cast, with the 144 published figures of the seed imported (the dashboard has years)."""
    observations_import_file(path=SEED_STATISTICS, programme=cast.programme)
    return cast


@pytest.fixture(autouse=True)
def imports_dir(tmp_path: Path) -> Iterator[None]:
    with override_settings(NQTRACK_IMPORT_DIR=tmp_path / "imports"):
        yield


def text(content: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


def problem(content: bytes) -> str:
    """The message of the 400 page (web/bad_request.html)."""
    match = re.search(r"<p role=\"alert\" data-problem>(.*?)</p>", content.decode(), re.S)
    assert match is not None, content.decode()[:2000]
    return html.unescape(match.group(1)).strip()


# -- the one parser ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024", 2024),
        (" 2024 ", 2024),
        ("02024", 2024),
        (SUPERSCRIPT_TWO, None),
        ("٢٠٢٤", None),
        ("２０２４", None),
        ("1899", None),
        ("2101", None),
        (HUGE, None),
        ("1" * 5000, None),
        ("-2024", None),
        ("+2024", None),
        ("2024.0", None),
        ("20\x0024", None),
        ("", None),
        (None, None),
    ],
)
def test_a_year_is_ascii_digits_from_1900_to_2100(given: str | None, expected: int | None) -> None:
    assert year_or_none(given) == expected


def test_an_id_is_a_positive_63_bit_number() -> None:
    assert ascii_int("9223372036854775807", low=1) == 2**63 - 1
    assert ascii_int("9223372036854775808", low=1) is None
    assert ascii_int("0", low=1) is None
    assert ascii_int("٣", low=1) is None


def test_absent_or_empty_is_not_given_and_anything_else_bad_is_a_400() -> None:
    assert given_year({}, "nam") is None
    assert given_year({"nam": ""}, "nam") is None
    assert given_number({"nhom": "  "}, "nhom") is None
    with pytest.raises(BadParameter, match="Năm “²” \\(ô “nam”\\) không hợp lệ"):
        given_year({"nam": SUPERSCRIPT_TWO}, "nam")
    with pytest.raises(BadParameter, match=f"Giá trị “{HUGE}” \\(ô “id”\\) không hợp lệ"):
        given_number({"id": HUGE}, "id")
    with pytest.raises(BadParameter, match="“x{39}…”"):  # a long value is cut in the message
        given_year({"nam": "x" * 5000}, "nam")


@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, "٣", HUGE, "1" * 5000, "1,5", "2024.5"])
def test_a_form_integer_is_ascii_digits(value: str) -> None:
    field = AsciiIntegerField(min_value=0, max_value=100, required=False)
    with pytest.raises(ValidationError) as caught:
        field.clean(value)
    assert caught.value.code == "invalid"
    assert (field.clean("42"), field.clean(" 7 "), field.clean("")) == (42, 7, None)


# -- the dashboard and the unit comparison: a bad year is reported and ignored -----------------------------


@pytest.mark.parametrize("path", ["/", "/so-sanh-don-vi/"])
def test_a_bad_year_on_the_public_pages_is_reported_and_ignored(figures: Cast, path: str) -> None:
    client = Client(raise_request_exception=False)
    before = database_state()
    for value in BAD:
        response = client.get(seed_url(path), {"nam": value})
        assert response.status_code == 200, value
        assert f"Năm “{value}” không dùng được: chọn một năm từ" in text(response.content)
    assert database_state() == before


# -- the figures pages: a bad year or group is a 400 -------------------------------------------------------


def refusal(name: str, value: str) -> str:
    """The message of a bad ``value`` for the parameter ``name`` of the figures pages."""
    if name == "nhom":
        return (
            f"Giá trị “{value}” (ô “nhom”) không hợp lệ: hãy ghi số nguyên bằng chữ số 0–9, từ 0 đến 32767."
        )
    return f"Năm “{value}” (ô “{name}”) không hợp lệ: {YEAR_RULE}"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        *[(path, name) for path in ("/so-lieu/", "/so-lieu/xuat/") for name in ("tu", "den", "nhom")],
        ("/so-lieu/mau.xlsx", "nam"),  # the template is for one year
    ],
)
def test_a_bad_year_or_group_on_the_figures_pages_is_a_400(figures: Cast, path: str, name: str) -> None:
    client = client_for(figures, "district_reporter")
    client.raise_request_exception = False
    before = database_state()
    query = {"dinh_dang": "csv"} if path == "/so-lieu/xuat/" else {}
    for value in BAD:
        response = client.get(path, {**query, name: value})
        assert (response.status_code, problem(response.content)) == (400, refusal(name, value))
    assert database_state() == before


def test_an_english_reader_gets_the_refusal_in_english(figures: Cast) -> None:
    client = client_for(figures, "district_reporter")
    client.raise_request_exception = False
    client.cookies["django_language"] = "en"
    response = client.get("/so-lieu/", {"tu": SUPERSCRIPT_TWO})
    assert (response.status_code, problem(response.content)) == (
        400,
        "The year “²” (field “tu”) is not valid: write the year in the digits 0–9, from 1900 to 2100.",
    )
    assert "Nothing has changed. Please correct the value and try again." in response.content.decode()


def test_a_good_year_still_works(figures: Cast) -> None:
    client = client_for(figures, "district_reporter")
    assert client.get("/so-lieu/", {"tu": "2023", "den": "2024", "nhom": "12"}).status_code == 200
    assert client.get("/so-lieu/mau.xlsx", {"nam": "2024"}).status_code == 200
    assert client.get("/so-lieu/xuat/", {"dinh_dang": "csv", "tu": "2023", "nhom": ""}).status_code == 200


def test_a_review_step_with_a_bad_year_or_group_is_a_400_and_changes_nothing(figures: Cast) -> None:
    client = client_for(figures, "province_reviewer")
    client.raise_request_exception = False
    step = {
        "programme": figures.programme.code,
        "don_vi": "24",
        "nam": "2024",
        "nhom": "12",
        "buoc": "submit",
    }
    before = database_state()
    for name in ("nam", "nhom"):
        for value in BAD:
            response = client.post("/so-lieu/duyet/", {**step, name: value})
            assert (response.status_code, problem(response.content)) == (400, refusal(name, value))
    assert database_state() == before


def test_a_grid_post_with_a_bad_version_is_a_400_and_saves_nothing(figures: Cast) -> None:
    user = figures.district_reporter
    grid = entry_grid(
        user=user, programme=figures.programme, unit_code="222", years=[2024], group_number=None
    )
    key = next(
        f"{row.indicator.pk}-{cell.year}" for group in grid.groups for row in group.rows for cell in row.cells
    )
    client = client_for(figures, "district_reporter")
    client.raise_request_exception = False
    before = database_state()
    for value in (*BAD, "-1"):
        cell = {
            f"v-{key}": "12,5",
            f"s-{key}": "official",
            f"src-{key}": "",
            f"n-{key}": "",
            f"ver-{key}": value,
        }
        response = client.post("/so-lieu/?don_vi=222&tu=2024&den=2024", cell)
        assert (response.status_code, problem(response.content)) == (
            400,
            f"Giá trị “{value}” (ô “ver-{key}”) không hợp lệ: hãy ghi số nguyên bằng chữ số 0–9.",
        )
    assert database_state() == before


# -- the task list: a bad group is reported (400) on the page ----------------------------------------------


def test_a_bad_task_group_is_reported_on_the_task_list(cast: Cast) -> None:
    client = client_for(cast, "viewer")
    client.raise_request_exception = False
    for value in (*BAD, "٣"):
        response = client.get("/nhiem-vu/", {"nhom": value})
        assert response.status_code == 400
        problem_text = f"Nhóm nhiệm vụ “{value}” không đúng: chọn một nhóm của mục III (1, 2, …) hoặc IV."
        assert problem_text in text(response.content)
    assert client.get("/nhiem-vu/", {"nhom": "2"}).status_code == 200


def test_a_due_in_other_digits_is_not_read_as_a_year(cast: Cast) -> None:
    client = client_for(cast, "viewer")
    response = client.get("/nhiem-vu/", {"han": "٢٠٢٥"})
    assert response.status_code == 400
    assert "Hạn “٢٠٢٥” không đúng dạng" in text(response.content)


# -- uploads: a CSV field over the limit, a JSON document nesting 100,000 deep -----------------------------


def long_field_csv() -> bytes:
    row = f'forest_cover,,24,,2024,"38,1",%,Chính thức,Cục Thống kê,"{"x" * (MAX_FIELD_CHARS + 1)}"\r\n'
    return (HEADER + 'forest_cover,,24,,2023,"37,9",%,Chính thức,,\r\n' + row).encode()


def unclosed_quote_csv() -> bytes:
    """A source opened with a quotation mark never closed: the rest of the file becomes one field."""
    rows = "forest_cover,,24,,2024,38.1,%,Chính thức,Cục Thống kê,\r\n" * 20_000
    return (HEADER + 'forest_cover,,24,,2023,37.9,%,Chính thức,"Cục Thống kê,\r\n' + rows).encode()


LONG_FIELD = (
    "có ô quá dài ở dòng 3, cột 10 (Ghi chú): hơn 131.072 ký tự, không đọc tệp này. "
    "Hãy kiểm tra lại ô đó (thường do thiếu dấu ngoặc kép đóng)."
)
UNCLOSED = (
    "có ô quá dài ở dòng 2, cột 9 (Nguồn): hơn 131.072 ký tự, không đọc tệp này. "
    "Hãy kiểm tra lại ô đó (thường do thiếu dấu ngoặc kép đóng)."
)


def uploader(cast: Cast, who: str = "commune_reporter") -> Client:
    client = client_for(cast, who)  # signing in records last_login: before the snapshot
    client.raise_request_exception = False
    return client


def upload(client: Client, name: str, data: bytes) -> tuple[int, str]:
    response = client.post("/so-lieu/nhap-tep/", {"tep": SimpleUploadedFile(name, data)})
    match = re.search(r'role="alert"[^>]*>(.*?)</', response.content.decode(), re.S)
    shown = html.unescape(match.group(1)).strip().removeprefix("✗ ") if match else text(response.content)
    return response.status_code, shown


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("dai.csv", long_field_csv(), LONG_FIELD),
        ("thieu-ngoac.csv", unclosed_quote_csv(), UNCLOSED),
        ("sau.json", DEEP_JSON.encode(), DEEP_MESSAGE),
        ("sau.json", ('{"dataValues": [' + DEEP_JSON + "]}").encode(), DEEP_MESSAGE),
    ],
)
def test_an_upload_over_the_limits_is_refused_with_its_row_and_column(
    figures: Cast, name: str, data: bytes, message: str
) -> None:
    client = uploader(figures)
    before = database_state()
    status, shown = upload(client, name, data)
    assert (status, shown) == (400, f"Tệp '{name}' {message}")
    assert database_state() == before


def test_a_long_header_cell_and_a_long_statistics_field_are_refused(figures: Cast) -> None:
    header = ("Mã chỉ tiêu," + "y" * (MAX_FIELD_CHARS + 1) + "\r\n").encode()
    assert upload(uploader(figures), "tieu-de.csv", header) == (
        400,
        "Tệp 'tieu-de.csv' có ô quá dài ở dòng 1, cột 2: hơn 131.072 ký tự, không đọc tệp này. "
        "Hãy kiểm tra lại ô đó (thường do thiếu dấu ngoặc kép đóng).",
    )
    statistics = SEED_STATISTICS.read_text(encoding="utf-8").splitlines()
    long_row = statistics[1] + ',"' + "z" * (MAX_FIELD_CHARS + 5) + '"'
    client = uploader(figures, "manager")  # published statistics: a programme-wide operation
    before = database_state()
    status, shown = upload(client, "thong-ke.csv", "\n".join([statistics[0], long_row, ""]).encode())
    assert (status, shown) == (
        400,
        "Tệp 'thong-ke.csv' có ô quá dài ở dòng 2, cột 10: hơn 131.072 ký tự, không đọc tệp này. "
        "Hãy kiểm tra lại ô đó (thường do thiếu dấu ngoặc kép đóng).",
    )
    assert database_state() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("dai.csv", long_field_csv(), LONG_FIELD),
        ("sau.json", DEEP_JSON.encode(), DEEP_MESSAGE),
    ],
)
def test_the_import_command_refuses_them_too(
    figures: Cast, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = database_state()
    with pytest.raises(CommandError) as caught:
        call_command("import", str(path), "--dry-run", stdout=StringIO(), stderr=StringIO())
    assert str(caught.value) == f"Tệp '{name}' {message}"
    assert database_state() == before


def test_a_dhis2_document_is_not_too_deep() -> None:
    document = '{"dataValues": [{"dataElement": "a", "period": "2024", "orgUnit": "24", "value": "[[[["}]}'
    assert not json_too_deep(document, 3)
    assert json_too_deep("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)
    assert not json_too_deep("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, MAX_JSON_DEPTH)
    assert not json_too_deep("[]" * 100_000, MAX_JSON_DEPTH)


def test_the_statistics_command_refuses_a_long_field(figures: Cast, tmp_path: Path) -> None:
    statistics = SEED_STATISTICS.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "thong-ke.csv"
    long_row = statistics[1] + ',"' + "z" * (MAX_FIELD_CHARS + 5) + '"'
    path.write_text("\n".join([statistics[0], long_row, ""]), encoding="utf-8")
    before = database_state()
    with pytest.raises(CommandError) as caught:
        call_command("import_statistics", str(path), "--dry-run", stdout=StringIO(), stderr=StringIO())
    assert str(caught.value) == (
        "Tệp 'thong-ke.csv' có ô quá dài ở dòng 2, cột 10: hơn 131.072 ký tự, không đọc tệp này. "
        "Hãy kiểm tra lại ô đó (thường do thiếu dấu ngoặc kép đóng)."
    )
    assert database_state() == before


@pytest.mark.parametrize("value", [HUGE, "٣", "9223372036854775808"])
def test_a_scope_chosen_by_a_bad_id_is_a_form_error_and_changes_nothing(cast: Cast, value: str) -> None:
    client = client_for(cast, "admin")
    client.raise_request_exception = False
    before = database_state()
    for field in ("capture_units", "capture_organisations", "capture_indicator_groups", "view_units"):
        response = client.post(f"/tai-khoan/nguoi-dung/{cast.viewer.pk}/", {"role": "viewer", field: value})
        assert response.status_code == 200, field  # the page again, with the form's errors
        assert f"Mã “{value}” không hợp lệ: hãy chọn trong danh sách." in text(response.content), field
    assert database_state() == before


def test_one_object_chosen_by_its_id_in_other_digits_or_too_large_is_refused(cast: Cast) -> None:
    organisation = Organisation.objects.filter(programme=cast.programme).order_by("pk").first()
    assert organisation is not None
    field = AsciiIdChoiceField(queryset=Organisation.objects.all(), required=False)
    # the same id in Arabic-Indic digits: Django's own field reads it as the id
    arabic = "".join(chr(0x0660 + int(digit)) for digit in str(organisation.pk))
    for value in (arabic, HUGE, "9223372036854775808", "0"):
        with pytest.raises(ValidationError) as caught:
            field.clean(value)
        assert caught.value.code == "invalid_choice", value
    assert (field.clean(str(organisation.pk)), field.clean("")) == (organisation, None)

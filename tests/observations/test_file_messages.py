"""What an import says about a bad cell or file, and the caching of signed-in pages ("No leaks, no
crashes", point 7): formulas, NaN and infinities in XLSX, values too small to keep, unbalanced quotes,
UTF-16 CSV, the template of a unit that does not exist, and ``Cache-Control`` on private responses."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import Workbook

from nqtrack.observations.exports import template_xlsx
from nqtrack.observations.files import UploadResult, observations_import_upload
from nqtrack.observations.formats.csvfile import read_csv
from nqtrack.observations.formats.limits import FileRejected
from nqtrack.observations.formats.tabular import COLUMNS
from nqtrack.observations.formats.xlsx import read_xlsx
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state

pytestmark = pytest.mark.django_db
HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"


def upload(programme: Programme, user: User, name: str, data: bytes) -> UploadResult:
    return observations_import_upload(
        user=user, programme=programme, name=name, data=data, dry_run=False, channel="web"
    )


def errors(result: UploadResult) -> list[tuple[int, str, str]]:
    assert result.entries is not None
    return [(e.row, e.column, e.message) for e in result.entries.errors]


def workbook(*rows: list[object], patch: dict[bytes, bytes] | None = None) -> bytes:
    """A template workbook with ``rows`` under the header; ``patch`` rewrites the sheet's XML."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Số liệu"
    sheet.append([header for _, header in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if not patch:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for old, new in patch.items():
                    data = data.replace(old, new)
            target.writestr(item, data)
    return out.getvalue()


def row(value: object, source: object = "Niên giám", comment: object = "") -> list[object]:
    return ["forest_cover", "", "24", "", "2024", value, "%", "Chính thức", source, comment]


def test_formula_nan_and_infinity_in_the_value_are_refused_with_row_and_column(
    figures: Programme, alice: User
) -> None:
    data = workbook(
        row("=37.5+1"),
        row(float("nan")),
        row(12345.0),
        row(54321.0),
        patch={b"12345": b"INF", b"54321": b"NaN"},
    )
    before = state()
    result = upload(figures, alice, "so-lieu.xlsx", data)
    assert not result.ok
    assert errors(result) == [
        (2, "F (Giá trị)", "ô chứa công thức: hãy dán giá trị"),
        (3, "F (Giá trị)", "giá trị không phải là số hữu hạn"),
        (4, "F (Giá trị)", "giá trị không phải là số hữu hạn"),
        (5, "F (Giá trị)", "giá trị không phải là số hữu hạn"),
    ]
    assert state() == before


def test_a_formula_in_the_source_or_comment_is_refused_and_nothing_is_erased(
    figures: Programme, alice: User
) -> None:
    data = workbook(row(38.5, source='=IF(1,"x","")'), row(38.5, comment="=A1"))
    before = state()
    result = upload(figures, alice, "so-lieu.xlsx", data)
    assert not result.ok
    assert errors(result) == [
        (2, "I (Nguồn)", "ô chứa công thức: hãy dán giá trị"),
        (3, "J (Ghi chú)", "ô chứa công thức: hãy dán giá trị"),
    ]
    assert state() == before


def test_a_value_too_small_to_keep_is_refused_as_written(figures: Programme, alice: User) -> None:
    before = state()
    result = upload(figures, alice, "so-lieu.xlsx", workbook(row(-1e-320)))
    assert errors(result) == [(2, "F (Giá trị)", "'-1e-320' có quá 6 chữ số thập phân")]
    assert state() == before


def test_binary_noise_of_a_spreadsheet_float_is_not_a_decimal_too_many(
    figures: Programme, alice: User
) -> None:
    read = read_xlsx(workbook(row(0.1 + 0.2)), name="so-lieu.xlsx")
    assert (read.errors, [r.value_text for r in read.rows]) == ([], ["0.3"])


def test_an_unbalanced_quote_in_a_csv_value_is_named(figures: Programme, alice: User) -> None:
    # the doubled quote is a quotation mark inside the cell, so the cell stays open to the end of the file
    data = (HEADER + 'forest_cover,,24,,2024,"37,8"",%,Chính thức,,\r\n').encode()
    before = state()
    with pytest.raises(FileRejected) as refused:
        upload(figures, alice, "so-lieu.csv", data)
    assert str(refused.value) == (
        "Tệp 'so-lieu.csv' có dấu ngoặc kép (\") mở ở dòng 2, cột 6 (Giá trị) mà không đóng: phần còn lại "
        "của tệp thành một ô, không đọc tệp này. Hãy thêm dấu ngoặc kép đóng ô đó."
    )
    assert state() == before


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ('forest_cover,,24,,2024,"37,8"x,%,Chính thức,,\r\n', "dòng 2, cột 6 (Giá trị)"),
        ('"forest_cover" ,,24,,2024,37,%,Chính thức,,\r\n', "dòng 2, cột 1 (Mã chỉ tiêu)"),
    ],
)
def test_text_after_a_closing_quote_is_named(figures: Programme, alice: User, line: str, where: str) -> None:
    before = state()
    with pytest.raises(FileRejected) as refused:
        upload(figures, alice, "so-lieu.csv", (HEADER + line + "forest_cover,,24,,2023,36,,,,\r\n").encode())
    assert str(refused.value) == (
        f"Tệp 'so-lieu.csv' có ký tự ngay sau dấu ngoặc kép đóng ô ở {where}, không đọc tệp này. "
        'Dấu ngoặc kép bên trong một ô phải được ghi hai lần ("").'
    )
    assert state() == before


def test_an_unclosed_quote_on_the_last_line_is_refused_not_read(figures: Programme, alice: User) -> None:
    before = state()
    with pytest.raises(FileRejected) as refused:
        upload(
            figures,
            alice,
            "so-lieu.csv",
            (HEADER + 'forest_cover,,24,,2024,38,%,Chính thức,"Niên giám,\r\n').encode(),
        )
    assert str(refused.value).startswith(
        "Tệp 'so-lieu.csv' có dấu ngoặc kép (\") mở ở dòng 2, cột 9 (Nguồn) mà không đóng"
    )
    assert state() == before
    # a quoted cell that is closed is read as before, its doubled quote as one quotation mark
    closed = HEADER + 'forest_cover,,24,,2024,"38,5",%,Chính thức,"Niên giám ""2024""",\r\n'
    read = read_csv(closed.encode(), name="so-lieu.csv")
    assert (read.errors, [(r.value_text, r.source) for r in read.rows]) == (
        [],
        [("38.5", 'Niên giám "2024"')],
    )


def test_a_utf16_csv_with_a_bom_is_read(figures: Programme, alice: User) -> None:
    text = HEADER.replace(",", "\t") + "forest_cover\t\t24\t\t2024\t38,5\t%\tChính thức\tNiên giám\t\r\n"
    assert upload(figures, alice, "so-lieu.csv", text.encode("utf-16")).ok
    read = read_csv(text.encode("utf-16"), name="so-lieu.csv")
    assert (read.errors, [r.value_text for r in read.rows]) == ([], ["38.5"])


def test_a_utf16_csv_without_a_bom_is_refused_plainly(figures: Programme, alice: User) -> None:
    before = state()
    with pytest.raises(FileRejected) as refused:
        upload(
            figures, alice, "so-lieu.csv", (HEADER + "forest_cover,,24,,2024,38,,,,\r\n").encode("utf-16-le")
        )
    assert str(refused.value) == (
        "Tệp 'so-lieu.csv' là văn bản UTF-16 không có dấu thứ tự byte (BOM), không đọc được. "
        "Trong Excel hãy lưu dưới dạng “CSV UTF-8 (phân cách bằng dấu phẩy)”."
    )
    assert state() == before


def test_the_template_of_a_unit_that_does_not_exist_is_not_found(
    figures: Programme, alice: User, client: Client
) -> None:
    client.force_login(alice)
    assert client.get("/so-lieu/mau.xlsx?don_vi=99999&nam=2024").status_code == 404
    with pytest.raises(AdminUnit.DoesNotExist) as missing:
        template_xlsx(programme=figures, year=2024, unit_code="99999", user=alice)
    assert str(missing.value) == "Không có mẫu nhập: không có đơn vị mã 99999 trong năm 2024."


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("alice", "/so-lieu/"),
        ("alice", "/so-lieu/xuat/?dinh_dang=csv&tu=2023&den=2023&nhom=12&nhap=1"),
        ("bob", "/so-lieu/cho-duyet/"),
        ("alice", "/so-lieu/lich-su/?don_vi=24&chi_tieu=forest_cover&ky=2023"),
        ("alice", "/so-lieu/mau.xlsx?nam=2024"),
    ],
)
def test_signed_in_responses_are_private_and_not_stored(
    figures: Programme, client: Client, request: pytest.FixtureRequest, who: str, path: str
) -> None:
    client.force_login(request.getfixturevalue(who))
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_public_dashboard_stays_cacheable(figures: Programme, client: Client) -> None:
    response = client.get("/cong-khai/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")

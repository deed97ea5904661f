"""Excel and CSV: template, export → edit → import, golden files, formula injection, and bad files."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from openpyxl import load_workbook

from nqtrack.observations.entries import Action, observations_import_entries
from nqtrack.observations.exports import observations_export, template_xlsx
from nqtrack.observations.files import UploadResult, observations_import_upload
from nqtrack.observations.formats.limits import FileRejected
from nqtrack.observations.formats.sniff import Kind
from nqtrack.observations.formats.xlsx import sheet_values
from nqtrack.observations.models import Observation, Origin, YearClosure
from nqtrack.observations.rows import EntryRead, EntryRow
from nqtrack.observations.selectors import Selection
from nqtrack.observations.summaries import summary_lines
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state
from tests.observations.golden_files import golden

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden"
HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"
PROVINCE_2022_2023 = Selection(first_year=2022, last_year=2023)


def upload(
    programme: Programme, user: User | None, name: str, data: bytes, *, dry_run: bool = False
) -> UploadResult:
    return observations_import_upload(
        user=user, programme=programme, name=name, data=data, dry_run=dry_run, channel="web"
    )


def test_the_csv_export_has_the_template_layout(figures: Programme) -> None:
    exported = observations_export(user=None, programme=figures, selection=PROVINCE_2022_2023, kind=Kind.CSV)
    text = exported.data.decode("utf-8")
    assert text.startswith("\ufeff" + HEADER)
    golden("export-province-2022-2023.csv", text)


def test_the_xlsx_export_has_the_same_rows_and_a_sheet_of_codes(figures: Programme) -> None:
    exported = observations_export(user=None, programme=figures, selection=PROVINCE_2022_2023, kind=Kind.XLSX)
    values = sheet_values(exported.data)
    golden("export-province-2022-2023.xlsx.json", json.dumps(values, ensure_ascii=False, indent=1) + "\n")
    codes = sheet_values(exported.data, "Danh mục")
    assert codes[0] == ["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Nhóm"]
    assert ["forest_cover", "Tỷ lệ che phủ rừng", "%", "(12)"] in codes
    assert ["220", "Huyện Sơn Động", "Huyện", None] in codes


def test_export_edit_import_changes_exactly_the_edited_figure(figures: Programme, alice: User) -> None:
    exported = observations_export(user=None, programme=figures, selection=PROVINCE_2022_2023, kind=Kind.XLSX)
    workbook = load_workbook(io.BytesIO(exported.data))
    sheet = workbook["Số liệu"]
    edited = next(
        r for r in sheet.iter_rows(min_row=2) if r[0].value == "forest_cover" and r[4].value == "2023"
    )
    edited[5].value = 38.2
    edited[9].value = "Theo niên giám 2023"
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = Observation.objects.count()
    result = upload(figures, alice, "so-lieu.xlsx", buffer.getvalue())
    assert result.ok
    assert result.entries is not None
    assert (result.entries.counts[Action.CREATE], result.entries.counts[Action.UNCHANGED]) == (
        1,
        exported.count - 1,
    )
    assert Observation.objects.count() == before + 1
    obs = Observation.objects.get(origin=Origin.REPORTED)
    assert (obs.indicator.code, obs.period, obs.value, obs.comment, obs.status) == (
        "forest_cover",
        "2023",
        Decimal("38.2"),
        "Theo niên giám 2023",
        "official",
    )


def test_the_csv_export_imports_back_unchanged(figures: Programme, alice: User) -> None:
    exported = observations_export(user=None, programme=figures, selection=PROVINCE_2022_2023, kind=Kind.CSV)
    before = state()
    result = upload(figures, alice, "so-lieu.csv", exported.data)
    assert result.entries is not None
    assert result.entries.counts[Action.UNCHANGED] == exported.count
    assert state() == before


def test_the_template_has_one_empty_row_per_indicator(figures: Programme, alice: User) -> None:
    template = template_xlsx(programme=figures, year=2024)
    rows = sheet_values(template.data)
    assert rows[1][:6] == [
        "grdp_growth",
        "Tốc độ tăng trưởng kinh tế (GRDP)",
        "24",
        "Tỉnh Bắc Giang",  # the province as it stood in 2024
        "2024",
        None,
    ]
    assert len(rows) == 1 + figures.indicators.count()
    before = state()
    result = upload(figures, alice, "mau.xlsx", template.data)
    assert result.entries is not None
    assert result.entries.counts[Action.SKIP] == figures.indicators.count()
    assert state() == before


def test_text_starting_like_a_formula_is_neutralised_and_kept(figures: Programme, alice: User) -> None:
    rows = [
        EntryRow(
            2,
            "forest_cover",
            "24",
            "2024",
            Decimal("38.1"),
            "38.1",
            "official",
            "+84 cổng",
            '=HYPERLINK("x")',
        )
    ]
    observations_import_entries(
        user=alice, programme=figures, read=EntryRead(rows=rows), channel="file", filename="a"
    )
    selection = Selection(first_year=2024, last_year=2024, group_number=12, include_drafts=True)
    csv_text = observations_export(
        user=alice, programme=figures, selection=selection, kind=Kind.CSV
    ).data.decode()
    assert '\'+84 cổng,"\'=HYPERLINK(""x"")"' in csv_text
    xlsx = observations_export(user=alice, programme=figures, selection=selection, kind=Kind.XLSX).data
    sheet = load_workbook(io.BytesIO(xlsx))["Số liệu"]
    cell = next(r for r in sheet.iter_rows(min_row=2) if r[4].value == "2024")[9]
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("x")', "s")
    before = state()
    result = upload(figures, alice, "lai.xlsx", xlsx)
    assert result.entries is not None
    assert result.entries.counts[Action.UNCHANGED] == 1
    assert state() == before


def bad_csv(body: str) -> bytes:
    return (HEADER + body).encode("utf-8")


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        (
            "forest_cover,,24,,2024,ba mươi,%,Chính thức,,\r\n",
            ["  dòng 2, cột 'Giá trị': 'ba mươi' không phải là số"],
        ),
        (
            "forest_cover,,24,,2024Q5,38,%,Chính "
            "thức,,\r\nno_such,,24,,2024,1,,,,\r\nforest_cover,,999,,2024,1,,,,\r\n",
            [
                "  dòng 2, cột 'Kỳ': kỳ '2024Q5' không tồn tại: quý phải từ Q1 đến Q4",
                "  dòng 3, cột 'Mã chỉ tiêu': mã chỉ tiêu 'no_such' không có trong chương trình",
                "  dòng 4, cột 'Mã đơn vị': mã đơn vị hành chính '999' không tồn tại",
            ],
        ),
        (
            'forest_cover,,24,,2024,38.1,%,,,\r\nforest_cover,,24,,2024,"38,4",%,,,\r\n',
            [
                "  dòng 3, cột 'Giá trị': trùng với dòng 2 (cùng chỉ tiêu, đơn vị và kỳ) nhưng khác "
                "giá trị: 38.4 ≠ 38.1"
            ],
        ),
        (
            "forest_cover,,24,,2024,38.1,tỷ đồng,,,\r\n",
            ["  dòng 2, cột 'Đơn vị tính': đơn vị tính 'tỷ đồng' khác đơn vị của chỉ tiêu (percent)"],
        ),
    ],
)
def test_bad_rows_give_row_and_column_and_write_nothing(
    figures: Programme, alice: User, body: str, lines: list[str]
) -> None:
    before = state()
    result = upload(figures, alice, "xau.csv", bad_csv(body))
    assert not result.ok
    assert summary_lines(result)[1:] == lines
    assert state() == before


def test_wrong_columns_are_named(figures: Programme, alice: User) -> None:
    before = state()
    data = "Mã chỉ tiêu,Mã đơn vị,Năm,Giá trị,Cột lạ\r\nforest_cover,24,2024,38\r\n".encode()
    result = upload(figures, alice, "cot.csv", data)
    assert summary_lines(result)[1:] == [
        "  dòng 1, cột 'Kỳ': thiếu cột bắt buộc",
        "  dòng 1, cột 'Năm, Cột lạ': cột không có trong mẫu; các cột của mẫu: Mã chỉ tiêu, Tên chỉ "
        "tiêu, Mã đơn vị, "
        "Tên đơn vị, Kỳ, Giá trị, Đơn vị tính, Trạng thái, Nguồn, Ghi chú",
    ]
    assert state() == before


def test_a_closed_year_refuses_the_file(figures: Programme, alice: User) -> None:
    YearClosure.objects.create(programme=figures, year=2024, closes_on=date(2025, 1, 15))
    before = state()
    result = upload(figures, alice, "dong.csv", bad_csv("forest_cover,,24,,2024,38.1,,,,\r\n"))
    assert summary_lines(result)[1] == (
        "  dòng 2, cột 'Kỳ': năm 2024 đã khoá sổ từ ngày 15/01/2025; không nhập thêm hay sửa số liệu "
        "năm này được"
    )
    assert state() == before


def test_a_decimal_comma_a_bom_and_semicolons_are_read(figures: Programme, alice: User) -> None:
    text = "\ufeff" + HEADER.replace(",", ";") + "forest_cover;;24;;2024;38,1;%;Sơ bộ;;\r\n"
    result = upload(figures, alice, "excel-vn.csv", text.encode("utf-8"))
    assert result.ok
    assert Observation.objects.get(origin=Origin.REPORTED).value_text == "38.1"


def test_a_text_cell_in_the_value_column_of_a_workbook_names_its_column(
    figures: Programme, alice: User
) -> None:
    template = template_xlsx(programme=figures, year=2024)
    workbook = load_workbook(io.BytesIO(template.data))
    workbook["Số liệu"]["F3"] = "khoảng 40"
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = state()
    result = upload(figures, alice, "mau.xlsx", buffer.getvalue())
    assert summary_lines(result)[1:] == ["  dòng 3, cột 'F (Giá trị)': 'khoảng 40' không phải là số"]
    assert state() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "so-lieu.xlsx",
            HEADER.encode(),
            "Tệp 'so-lieu.xlsx' có đuôi .xlsx nhưng nội dung là CSV theo mẫu nqtrack: có thể đã chọn "
            "nhầm tệp hoặc đổi tên sai.",
        ),
        ("so-lieu.csv", b"%PDF-1.7\n...", "Tệp 'so-lieu.csv' là tệp PDF, không phải tệp số liệu."),
        (
            "so-lieu.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "Tệp 'so-lieu.xls' là bảng tính Excel 97–2003 (.xls), không được hỗ trợ; hãy lưu lại "
            "thành .xlsx, không phải tệp số liệu.",
        ),
        (
            "so-lieu.csv",
            b"M\xe3 ch\xec ti\xeau,Gi\xe1 tr\xec\r\n",
            "Tệp 'so-lieu.csv' không phải văn bản UTF-8 (byte lỗi ở vị trí 1). Trong Excel hãy lưu "
            "dưới dạng “CSV UTF-8”.",
        ),
        (
            "so-lieu.json",
            b'{"rows": []}',
            "Tệp 'so-lieu.json' là JSON nhưng không phải dataValueSets của DHIS2 (thiếu danh sách "
            "'dataValues').",
        ),
        ("trong.csv", b"", "Tệp 'trong.csv' rỗng."),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    figures: Programme, alice: User, name: str, data: bytes, message: str
) -> None:
    before = state()
    with pytest.raises(FileRejected) as caught:
        upload(figures, alice, name, data)
    assert str(caught.value) == message
    assert state() == before


def test_an_xlsx_named_csv_is_refused(figures: Programme, alice: User) -> None:
    data = template_xlsx(programme=figures, year=2024).data
    before = state()
    with pytest.raises(FileRejected) as caught:
        upload(figures, alice, "so-lieu.csv", data)
    assert str(caught.value) == (
        "Tệp 'so-lieu.csv' có đuôi .csv nhưng nội dung là bảng tính Excel (.xlsx): có thể đã chọn "
        "nhầm tệp hoặc đổi tên sai."
    )
    assert state() == before


def zip_with(entry: str, size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr(entry, b"0" * size)
    return buffer.getvalue()


@override_settings(NQTRACK_MAX_XLSX_EXPANDED_BYTES=2 * 1024 * 1024)
def test_an_xlsx_expanding_beyond_the_limit_is_refused(figures: Programme, alice: User) -> None:
    bomb = zip_with("xl/worksheets/sheet1.xml", 3 * 1024 * 1024)
    assert len(bomb) < 10_000
    before = state()
    with pytest.raises(FileRejected) as caught:
        upload(figures, alice, "bom.xlsx", bomb)
    assert str(caught.value) == (
        "Tệp 'bom.xlsx' khi giải nén lên tới 3,0 MB, vượt giới hạn 2,0 MB (có thể là tệp nén độc hại)."
    )
    assert state() == before


def test_an_xlsx_part_compressed_suspiciously_well_is_refused(figures: Programme, alice: User) -> None:
    bomb = zip_with("xl/worksheets/sheet1.xml", 8 * 1024 * 1024)
    # The ratio is the zip's own (it depends on the compressor), read back from the archive.
    part = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("xl/worksheets/sheet1.xml")
    ratio = part.file_size // part.compress_size
    assert ratio > 1000
    before = state()
    with pytest.raises(FileRejected) as caught:
        upload(figures, alice, "bom.xlsx", bomb)
    assert str(caught.value) == (
        f"Tệp 'bom.xlsx': phần 'xl/worksheets/sheet1.xml' nén với tỷ lệ bất thường ({ratio}:1), không đọc "
        "(có thể là tệp nén độc hại)."
    )
    assert state() == before


@override_settings(NQTRACK_MAX_UPLOAD_BYTES=1024)
def test_a_file_above_the_size_limit_is_refused(figures: Programme, alice: User) -> None:
    before = state()
    data = bad_csv("forest_cover,,24,,2024,38.1,,,,\r\n" * 80)
    assert 2560 < len(data) < 3584
    with pytest.raises(FileRejected) as caught:
        upload(figures, alice, "lon.csv", data)
    assert (
        str(caught.value)
        == "Tệp 'lon.csv' dung lượng 3 KB, vượt giới hạn 1 KB. Hãy chia thành nhiều tệp nhỏ hơn."
    )
    assert state() == before

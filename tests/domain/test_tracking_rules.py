"""Pure rules tracking relies on: document citations, evidence files and links, place names."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.domain.document_numbers import (
    DocumentNumber,
    DocumentNumberError,
    parse_citation,
    parse_document_number,
)
from nqtrack.domain.evidence import MAX_EVIDENCE_BYTES, file_problem, link_problem
from nqtrack.domain.place_names import NamedUnit, units_named_in

PDF = b"%PDF-1.7\n"


def test_a_party_plan_citation_is_read() -> None:
    citation = parse_citation("Kế hoạch số 12-KH/UBND ngày 05/9/2022")
    assert citation.kind == "Kế hoạch"
    assert citation.number == DocumentNumber("12-KH/UBND", 12, "KH", "UBND")
    assert citation.date == date(2022, 9, 5)
    assert citation.text == "Kế hoạch số 12-KH/UBND ngày 05/9/2022"


def test_a_state_citation_with_its_year_and_issuer_is_read() -> None:
    citation = parse_citation("Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ")
    assert citation.number == DocumentNumber("30/2020/NĐ-CP", 30, "NĐ", "CP", 2020)
    assert (citation.date, citation.issuer) == (date(2020, 3, 5), "Chính phủ")


def test_a_state_official_letter_has_no_type() -> None:
    assert parse_document_number("1234/UBND-KTN", kind="Công văn") == DocumentNumber(
        "1234/UBND-KTN", 1234, "", "UBND-KTN"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Kế hoạch 12-KH/UBND",
            "Không đọc được văn bản “Kế hoạch 12-KH/UBND”: ghi theo dạng <loại văn bản> số <số, ký hiệu> "
            "ngày <ngày/tháng/năm>, ví dụ “Kế hoạch số 12-KH/UBND ngày 05/9/2022”.",
        ),
        (
            "Kế hoạch số 12/KH ngày 05/9/2022",
            "Số, ký hiệu “12/KH” không đúng dạng: văn bản của Đảng ghi như 12-KH/TU, văn bản nhà nước "
            "ghi như 123/QĐ-UBND hoặc 30/2020/NĐ-CP.",
        ),
        (
            "Kế hoạch số 12-NQ/HU ngày 05/9/2022",
            "Ký hiệu “NQ” trong số “12-NQ/HU” không khớp loại văn bản “Kế hoạch” (cần KH).",
        ),
        ("Kế hoạch số 12-KH/HU ngày 31/02/2022", "Ngày 31/02/2022 không có thật."),
        (
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2021",
            "Năm trong số, ký hiệu (2020) khác năm ban hành (2021).",
        ),
    ],
)
def test_a_citation_in_the_wrong_form_is_refused_with_how_to_write_it(text: str, message: str) -> None:
    with pytest.raises(DocumentNumberError) as caught:
        parse_citation(text)
    assert str(caught.value) == message


def test_evidence_files_are_judged_by_extension_size_and_content() -> None:
    assert file_problem("ke-hoach.pdf", 2048, PDF) is None
    assert file_problem("anh.JPG", 10, b"\xff\xd8\xff\xe0") is None
    assert file_problem("virus.exe", 10, b"MZ") == (
        "Tệp “virus.exe”: loại tệp không được nhận; "
        "chỉ nhận pdf, png, jpg, jpeg, docx, xlsx, odt, ods, doc, xls."
    )
    assert (
        file_problem("gia.pdf", 10, b"MZ\x90\x00")
        == "Tệp “gia.pdf”: nội dung không phải tệp pdf như tên tệp ghi."
    )
    assert (
        file_problem("lon.pdf", MAX_EVIDENCE_BYTES + 1, PDF)
        == "Tệp “lon.pdf” nặng 10,0 MB, vượt giới hạn 10,0 MB."
    )
    assert file_problem("rong.pdf", 0, b"") == "Tệp “rong.pdf” rỗng."


def test_evidence_links_must_be_web_addresses() -> None:
    assert link_problem("https://bacgiang.gov.vn/ke-hoach-12") is None
    assert link_problem("javascript:alert(1)") == (
        "Đường dẫn “javascript:alert(1)” không hợp lệ: ghi đầy đủ, bắt đầu bằng http:// hoặc https://."
    )


DISTRICTS = [
    NamedUnit("213", "Thành phố Bắc Giang", "Thành phố"),
    NamedUnit("218", "Huyện Lục Nam", "Huyện"),
    NamedUnit("219", "Huyện Lục Ngạn", "Huyện"),
    NamedUnit("220", "Huyện Sơn Động", "Huyện"),
    NamedUnit("222", "Huyện Việt Yên", "Huyện"),
]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("đình chùa Thổ Hà, huyện Việt Yên", ["222"]),
        ("các tuyến đường kết nối khu vực huyện Sơn Động, Lục Nam với tỉnh Quảng Ninh", ["218", "220"]),
        ("các tuyến đường kết nối huyện Lục Ngạn, Lục Nam với huyện Hữu Lũng, tỉnh Lạng Sơn", ["218", "219"]),
        ("phát triển thành phố Bắc Giang trở thành đô thị loại I", ["213"]),
        ("nước mặt sông Thương, sông Cầu và sông Lục Nam", []),  # the river, not the district
        ("Trường Cao đẳng nghề công nghệ Việt - Hàn Bắc Giang", []),  # the province's name, not the city
    ],
)
def test_units_count_only_where_the_text_names_them_as_units(text: str, codes: list[str]) -> None:
    assert units_named_in(text, DISTRICTS) == codes

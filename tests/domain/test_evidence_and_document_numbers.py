"""Evidence files and links, and Vietnamese document citations: every refusal with its exact message."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.domain.document_numbers import (
    KIND_ABBREVIATIONS,
    Citation,
    DocumentNumber,
    DocumentNumberError,
    parse_citation,
    parse_document_number,
)
from nqtrack.domain.evidence import (
    ALLOWED_EXTENSIONS,
    MAX_EVIDENCE_BYTES,
    MAX_FILES,
    MAX_LINKS,
    file_problem,
    link_problem,
    links_problem,
)

PDF = b"%PDF-1.7\n"
ALLOWED = "pdf, png, jpg, jpeg, docx, xlsx, odt, ods, doc, xls"


def test_the_limits_of_evidence() -> None:
    assert (MAX_EVIDENCE_BYTES, MAX_FILES, MAX_LINKS) == (10_485_760, 5, 10)
    assert ALLOWED_EXTENSIONS == (
        ".pdf",
        ".png",
        ".jpg",
        ".jpeg",
        ".docx",
        ".xlsx",
        ".odt",
        ".ods",
        ".doc",
        ".xls",
    )


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("kế hoạch.PDF", PDF),
        ("a.png", b"\x89PNG\r\n\x1a\n...."),
        ("a.jpg", b"\xff\xd8\xff\xe0"),
        ("a.jpeg", b"\xff\xd8\xff\xe1"),
        ("a.docx", b"PK\x03\x04rest"),
        ("a.xlsx", b"PK\x03\x04rest"),
        ("a.odt", b"PK\x03\x04rest"),
        ("a.ods", b"PK\x03\x04rest"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
    ],
)
def test_a_file_whose_content_matches_its_extension_is_accepted(name: str, head: bytes) -> None:
    assert file_problem(name, 1, head) is None
    assert file_problem(name, MAX_EVIDENCE_BYTES, head) is None


def test_file_refusals_say_what_is_wrong() -> None:
    assert file_problem("a.exe", 10, b"MZ") == f"Tệp “a.exe”: loại tệp không được nhận; chỉ nhận {ALLOWED}."
    assert file_problem("pdf", 10, PDF) == f"Tệp “pdf”: loại tệp không được nhận; chỉ nhận {ALLOWED}."
    assert file_problem("a.pdf", 0, b"") == "Tệp “a.pdf” rỗng."
    assert file_problem("a.pdf", MAX_EVIDENCE_BYTES + 1, PDF) == (
        "Tệp “a.pdf” nặng 10,0 MB, vượt giới hạn 10,0 MB."
    )
    assert file_problem("a.pdf", 12_845_056, PDF) == "Tệp “a.pdf” nặng 12,2 MB, vượt giới hạn 10,0 MB."
    assert file_problem("a.pdf", 10, b"MZ\x90") == "Tệp “a.pdf”: nội dung không phải tệp pdf như tên tệp ghi."
    assert file_problem("a.DOCX", 10, PDF) == "Tệp “a.DOCX”: nội dung không phải tệp docx như tên tệp ghi."
    assert (
        file_problem("a.xls", 10, b"PK\x03\x04")
        == "Tệp “a.xls”: nội dung không phải tệp xls như tên tệp ghi."
    )


def test_at_most_ten_links_per_update() -> None:
    assert links_problem(0) is None
    assert links_problem(10) is None
    assert links_problem(11) == "Gửi tối đa 10 đường dẫn minh chứng mỗi lần (đã gửi 11)."


@pytest.mark.parametrize("url", ["http://a.vn", "https://sokhdt.bacgiang.gov.vn/x?y=1", "  https://a.vn/b  "])
def test_a_full_http_address_is_accepted(url: str) -> None:
    assert link_problem(url) is None


@pytest.mark.parametrize("url", ["ftp://a.vn", "https://", "a.vn/b", "https://a.vn/b c", "http://[x", ""])
def test_a_link_that_is_not_a_full_http_address_is_refused(url: str) -> None:
    assert link_problem(url) == (
        f"Đường dẫn “{url}” không hợp lệ: ghi đầy đủ, bắt đầu bằng http:// hoặc https://."
    )


def test_a_link_longer_than_the_stored_length_is_refused_with_its_start_shown() -> None:
    url = "https://a.vn/" + "x" * 487
    assert len(url) == 500
    assert link_problem(url) is None
    longer = url + "y"
    assert link_problem(longer) == (f"Đường dẫn “{longer[:60]}…” dài 501 ký tự, vượt giới hạn 500 ký tự.")


def test_a_short_link_is_shown_whole_in_the_length_message() -> None:
    url = "https://a.vn/" + "x" * 47  # 60 characters: shown whole
    assert len(url) == 60
    assert link_problem(url) is None


def test_party_and_state_numbers_are_parsed() -> None:
    assert parse_document_number("12-KH/UBND") == DocumentNumber("12-KH/UBND", 12, "KH", "UBND")
    assert parse_document_number(" 11-NQ/TW ") == DocumentNumber("11-NQ/TW", 11, "NQ", "TW")
    assert parse_document_number("123/QĐ-UBND") == DocumentNumber("123/QĐ-UBND", 123, "QĐ", "UBND")
    assert parse_document_number("30/2020/NĐ-CP") == DocumentNumber("30/2020/NĐ-CP", 30, "NĐ", "CP", 2020)
    assert parse_document_number("5-KH/BCS-ĐU") == DocumentNumber("5-KH/BCS-ĐU", 5, "KH", "BCS-ĐU")
    assert parse_document_number("1234/UBND-KTN", kind="Công văn") == DocumentNumber(
        "1234/UBND-KTN", 1234, "", "UBND-KTN"
    )
    assert parse_document_number("123-CV/TU", kind="Công văn") == DocumentNumber("123-CV/TU", 123, "CV", "TU")
    assert parse_document_number("51-KH/TU", kind="Kế hoạch").type_code == "KH"
    assert parse_document_number("7/QĐi-TW", kind="Quy định").type_code == "QĐi"


WRONG_FORM = (
    "Số, ký hiệu “{}” không đúng dạng: văn bản của Đảng ghi như 12-KH/TU, "
    "văn bản nhà nước ghi như 123/QĐ-UBND hoặc 30/2020/NĐ-CP."
)


@pytest.mark.parametrize(
    "text", ["KH/UBND", "123456-KH/TU", "12-kh/TU", "12-KH/ubnd", "1234/UBND", "12_KH/TU"]
)
def test_a_number_in_the_wrong_form_is_refused(text: str) -> None:
    with pytest.raises(DocumentNumberError) as raised:
        parse_document_number(text)
    assert str(raised.value) == WRONG_FORM.format(text)


def test_a_number_whose_type_does_not_match_the_kind_is_refused() -> None:
    with pytest.raises(DocumentNumberError) as raised:
        parse_document_number("12-QĐ/UBND", kind="Kế hoạch")
    assert (
        str(raised.value) == "Ký hiệu “QĐ” trong số “12-QĐ/UBND” không khớp loại văn bản “Kế hoạch” (cần KH)."
    )
    with pytest.raises(DocumentNumberError) as raised:
        parse_document_number("12-KH/TW", kind="Quy định")
    assert str(raised.value) == (
        "Ký hiệu “KH” trong số “12-KH/TW” không khớp loại văn bản “Quy định” (cần QyĐ hoặc QĐi)."
    )
    with pytest.raises(DocumentNumberError) as raised:
        parse_document_number("12-KH/TW", kind="Sắc lệnh")
    assert str(raised.value) == "Không biết loại văn bản “Sắc lệnh”."
    with pytest.raises(DocumentNumberError) as raised:
        parse_document_number("1234/UBND-KTN", kind="Kế hoạch")
    assert (
        str(raised.value)
        == "Ký hiệu “UBND” trong số “1234/UBND-KTN” không khớp loại văn bản “Kế hoạch” (cần KH)."
    )


def test_every_kind_has_its_abbreviations() -> None:
    assert KIND_ABBREVIATIONS["Quy định"] == frozenset({"QĐi", "QyĐ"})
    assert KIND_ABBREVIATIONS["Chương trình"] == frozenset({"CTr"})
    assert len(KIND_ABBREVIATIONS) == 17


def test_citations_in_both_date_forms_are_parsed_and_written_back() -> None:
    cited = parse_citation("Kế hoạch số 12-KH/UBND ngày 05/9/2022")
    assert cited == Citation("Kế hoạch", DocumentNumber("12-KH/UBND", 12, "KH", "UBND"), date(2022, 9, 5))
    assert cited.text == "Kế hoạch số 12-KH/UBND ngày 05/9/2022"
    long_form = parse_citation("kế hoạch  số 45-KH/HU ngày 20 tháng 9 năm 2022 của Huyện ủy Việt Yên ")
    assert long_form == Citation(
        "Kế hoạch", DocumentNumber("45-KH/HU", 45, "KH", "HU"), date(2022, 9, 20), "Huyện ủy Việt Yên"
    )
    assert long_form.text == "Kế hoạch số 45-KH/HU ngày 20/9/2022"
    decree = parse_citation("Nghị định số 30/2020/NĐ-CP ngày 5/3/2020")
    assert decree.number.year == 2020
    assert decree.text == "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020"
    assert parse_citation("Quy định số 7-QĐi/TW ngày 1/1/2023").kind == "Quy định"


def test_citation_refusals_say_what_is_wrong() -> None:
    with pytest.raises(DocumentNumberError) as raised:
        parse_citation("Kế hoạch 12-KH/UBND")
    assert str(raised.value) == (
        "Không đọc được văn bản “Kế hoạch 12-KH/UBND”: ghi theo dạng <loại văn bản> số <số, ký hiệu> ngày "
        "<ngày/tháng/năm>, ví dụ “Kế hoạch số 12-KH/UBND ngày 05/9/2022”."
    )
    with pytest.raises(DocumentNumberError) as raised:
        parse_citation("Kế hoạch số 12-KH/UBND ngày 31/2/2022")
    assert str(raised.value) == "Ngày 31/2/2022 không có thật."
    with pytest.raises(DocumentNumberError) as raised:
        parse_citation("Nghị định số 30/2020/NĐ-CP ngày 5/3/2021")
    assert str(raised.value) == "Năm trong số, ký hiệu (2020) khác năm ban hành (2021)."
    with pytest.raises(DocumentNumberError) as raised:
        parse_citation("Quyết định số 12-KH/UBND ngày 05/9/2022")
    assert str(raised.value) == (
        "Ký hiệu “KH” trong số “12-KH/UBND” không khớp loại văn bản “Quyết định” (cần QĐ)."
    )


def test_the_size_of_a_large_file_is_said_in_mebibytes() -> None:
    assert (
        file_problem("a.pdf", 100 * 1024 * 1024, PDF) == "Tệp “a.pdf” nặng 100,0 MB, vượt giới hạn 10,0 MB."
    )

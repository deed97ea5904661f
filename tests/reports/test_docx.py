"""The DOCX: the official layout (page, margins, fonts, headings), the texts, the annex tables, charts;
and templates offices upload (rendered in a sandbox, checked before they are kept)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO
from zipfile import ZipFile

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table

from nqtrack.domain.report_text import state_header
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE, build_template
from nqtrack.reports.render_docx import TemplateProblem, render_docx
from tests.reports.conftest import RealReport

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(data: bytes) -> DocumentObject:
    return Document(BytesIO(data))


def _texts(table: Table, row: int, column: int) -> list[str]:
    return [p.text for p in table.cell(row, column).paragraphs]


def _size(section: Section) -> tuple[int, int]:
    width, height = section.page_width, section.page_height
    assert width is not None
    assert height is not None
    return round(width.mm), round(height.mm)


def _mm(twips: str) -> float:
    return int(twips) * 25.4 / 1440


def test_the_committed_template_is_what_the_script_writes() -> None:
    written = BytesIO()
    build_template().save(written)
    fresh, committed = ZipFile(written), ZipFile(BUILTIN_TEMPLATE)
    assert sorted(fresh.namelist()) == sorted(committed.namelist())
    assert [n for n in fresh.namelist() if fresh.read(n) != committed.read(n)] == []


def test_pages_are_a4_with_the_decree_30_margins(real_report: RealReport) -> None:
    body, annex = _open(real_report.docx).sections
    assert (body.orientation, _size(body)) == (WD_ORIENT.PORTRAIT, (210, 297))
    assert (annex.orientation, _size(annex)) == (WD_ORIENT.LANDSCAPE, (297, 210))
    for section in (body, annex):
        margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
        assert [round(m.mm) for m in margins if m is not None] == [20, 20, 30, 15]


def test_the_text_is_times_new_roman_14_pt(real_report: RealReport) -> None:
    doc = _open(real_report.docx)
    normal = doc.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(14))
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    # The template's own styles all say Times New Roman, and the body names no other typeface.
    ours = [s for s in doc.styles if s.name is not None and (s.name == "Normal" or s.name.startswith("NQ "))]
    assert len(ours) == 8
    assert {s.font.name for s in ours if isinstance(s, ParagraphStyle)} == {"Times New Roman"}
    body = ZipFile(BytesIO(real_report.docx)).read("word/document.xml").decode()
    assert {chunk.split('"')[0] for chunk in body.split('w:ascii="')[1:]} <= {"Times New Roman"}
    assert doc.styles["NQ Bảng"].font.size == Pt(11)


def test_page_numbers_are_centred_at_the_top_from_page_two(real_report: RealReport) -> None:
    body, annex = _open(real_report.docx).sections
    assert body.different_first_page_header_footer is True
    assert [p.text for p in body.first_page_header.paragraphs] == [""]
    [number] = body.header.paragraphs
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [f.get(qn("w:instr")) for f in number._p.iter(qn("w:fldSimple"))] == [" PAGE "]
    # The annex continues the numbering, its first page included.
    assert (annex.header.is_linked_to_previous, annex.different_first_page_header_footer) == (True, False)


def test_the_party_heading(real_report: RealReport) -> None:
    doc = _open(real_report.docx)
    heading = doc.tables[0]
    assert _texts(heading, 0, 0) == ["TỈNH ỦY BẮC GIANG", "*", "Số …-BC/TU"]
    assert _texts(heading, 0, 1) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Bắc Giang, ngày 31 tháng 12 năm 2025"]
    national = heading.cell(0, 1).paragraphs[0].runs[0]
    assert (national.bold, national.underline, national.font.size) == (True, True, Pt(15))
    assert heading.cell(0, 1).paragraphs[2].runs[0].italic is True
    assert heading.cell(0, 0).paragraphs[0].runs[0].bold is True


def test_the_state_heading_of_a_state_programme(real_report: RealReport) -> None:
    header = state_header(issuer="UBND tỉnh Bắc Giang", day=date(2025, 12, 31))
    doc = _open(render_docx(replace(real_report.content, header=header)))
    heading = doc.tables[0]
    assert _texts(heading, 0, 0) == ["ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "", "Số: …/BC-UBND"]
    assert _texts(heading, 0, 1) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Bắc Giang, ngày 31 tháng 12 năm 2025",
    ]
    rule = heading.cell(0, 0).paragraphs[1]._p
    assert rule.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None  # the short line under the organ


def test_the_body_has_the_sections_in_order_and_no_template_tags_left(real_report: RealReport) -> None:
    doc = _open(real_report.docx)
    texts = [p.text for p in doc.paragraphs]
    numerals = ("I.", "II.", "III.", "IV.", "V.", "VI.", "VII.")
    headings = [t for t in texts if t.split(" ", 1)[0] in numerals]
    assert headings == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT, TUYÊN TRUYỀN",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "III. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP",
        "IV. HẠN CHẾ, NGUYÊN NHÂN",
        "V. BÀI HỌC KINH NGHIỆM",
        "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026–2030",
        "VII. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    assert texts[1:3] == ["BÁO CÁO", real_report.content.subject]
    assert "a) Các chỉ tiêu đã đạt (1 chỉ tiêu)" in texts
    assert f"- {real_report.content.limitations[0]}" in texts
    everything = "\n".join(texts + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "{{" not in everything
    assert "{%" not in everything


def test_the_annex_tables_hold_every_target_and_task(real_report: RealReport) -> None:
    doc = _open(real_report.docx)
    targets, tasks = doc.tables[2], doc.tables[3]
    assert [c.text for c in targets.rows[0].cells] == [
        "TT", "Chỉ tiêu", "Mục tiêu", "2020", "2021", "2022", "2023", "2024", "2025", "Đánh giá",
        "Cần đạt mỗi năm", "Nguồn",
    ]  # fmt: skip
    assert len(targets.rows) == 1 + 29
    assert [c.text for c in targets.rows[1].cells] == [
        "1",
        "Tốc độ tăng trưởng kinh tế bình quân thời kỳ 2021-2030 đạt khoảng 15-16%",
        "khoảng 15–16%/năm (bình quân 2021–2030)",
        "", "7,82", "19,3", "13,45 (ư)", "13,85", "",
        "Cần đẩy nhanh",
        "cần tăng 15,99–17,67%/năm",
        "[1], [2], [3], [4]",
    ]  # fmt: skip
    assert [c.text for c in tasks.rows[0].cells] == [
        "Mã", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng", "Kết quả thực hiện",
        "Văn bản",
    ]  # fmt: skip
    # the whole paragraph of each task, never cut with "…"
    assert [r.cells[1].text for r in tasks.rows[1:]] == [t.full_text for t in real_report.content.tasks]
    assert [r.cells[0].text for r in tasks.rows[1:]] == [t.code for t in real_report.content.tasks]
    assert len(tasks.rows) == 1 + 39


def test_the_year_columns_fit_the_landscape_page(real_report: RealReport) -> None:
    table = _open(real_report.docx).tables[2]._tbl
    widths = [_mm(c.get(qn("w:w"))) for c in table.tblGrid.iter(qn("w:gridCol"))]
    assert len(widths) == 12
    assert sum(widths) == pytest.approx(252, abs=0.5)  # 297 − 30 − 15 mm
    # As the template draws them: six years fit, so nothing is scaled (the loop cells were 0,5 mm).
    assert [round(w) for w in widths] == [9, 49, 27, 18, 18, 18, 18, 18, 18, 20, 23, 15]


def test_a_final_review_to_2030_squeezes_eleven_years_into_the_page(real_report: RealReport) -> None:
    years = tuple(range(2020, 2031))
    lines = tuple(
        replace(t, values=t.values + tuple(replace(t.values[-1], year=y) for y in years[6:]))
        for t in real_report.content.targets
    )
    doc = _open(render_docx(replace(real_report.content, years=years, targets=lines)))
    table = doc.tables[2]
    assert [c.text for c in table.rows[0].cells][3:14] == [str(y) for y in years]
    widths = [_mm(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert (len(widths), round(sum(widths))) == (17, 252)


def test_the_charts_are_embedded(real_report: RealReport) -> None:
    doc = _open(real_report.docx)
    assert len(doc.inline_shapes) == 6
    # 120 mm wide, or narrower where a chart would be taller than 80 mm (test_chart_sizes.py)
    assert [round(s.width.mm) for s in doc.inline_shapes] == [120, 120, 116, 120, 120, 120]


# -- offices' own templates -------------------------------------------------------------------------------


def _template(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def test_an_office_template_gets_the_same_content(real_report: RealReport) -> None:
    template = _template(
        "{{ report.header.organ }} – {{ report.period.label }}",
        "{%p for t in report.targets %}",
        "{{ t.number }}. {{ t.indicator }}: {{ t.low|vn(1) }}",
        "{%p endfor %}",
    )
    doc = _open(render_docx(real_report.content, template=template, strict=True))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "TỈNH ỦY BẮC GIANG – sơ kết 3 năm 2022–2025"
    assert len(texts) == 1 + 29
    assert texts[7] == "7. Quy mô GRDP (giá hiện hành): 640.000,0"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ report.nguoi_ky }}", "Mẫu dùng một trường không có trong báo cáo: "),
        (
            "{{ report.__class__.__mro__ }}",
            "Mẫu dùng một lệnh không được phép: truy cập “__class__”.",
        ),
        ("{% for t in report.targets %}", "Mẫu có lỗi cú pháp ở một trường {{ … }} hoặc {% … %}: "),
        (
            "{{ cycler.__init__.__globals__ }}",
            "Mẫu dùng một lệnh không được phép: truy cập “__init__”.",
        ),
    ],
)
def test_a_bad_template_is_refused_with_a_message(real_report: RealReport, text: str, message: str) -> None:
    with pytest.raises(TemplateProblem) as caught:
        render_docx(real_report.content, template=_template(text), strict=True)
    assert str(caught.value).startswith(message)


def test_a_file_that_is_not_a_docx_is_refused(real_report: RealReport) -> None:
    with pytest.raises(TemplateProblem) as caught:
        render_docx(real_report.content, template=b"%PDF-1.4 not a word file")
    assert str(caught.value) == "Tệp mẫu không phải là tệp Word (DOCX) hợp lệ."


# -- layout: headings, signature, document numbers ----------------------------------------------------------


def test_headings_keep_with_the_next_paragraph_and_the_signature_with_the_text_above(
    real_report: RealReport,
) -> None:
    doc = _open(real_report.docx)
    for name in ("NQ Mục", "NQ Tiểu mục", "NQ Kết"):
        style = doc.styles[name]
        assert isinstance(style, ParagraphStyle)
        assert style.paragraph_format.keep_with_next is True, name
    closing = [p for p in doc.paragraphs if p.style is not None and p.style.name == "NQ Kết"]
    assert [p.text for p in closing] == ["[Cần bổ sung: kiến nghị, đề xuất với Trung ương, các bộ, ngành]"]
    signature = doc.tables[1]
    assert signature.rows[0]._tr.find(f"{W}trPr/{W}cantSplit") is not None
    assert all(p.paragraph_format.keep_with_next for c in signature.rows[0].cells for p in c.paragraphs)
    # the Party style of "Nơi nhận" (Hướng dẫn 36-HD/VPTW): underlined, 14 pt
    first = signature.cell(0, 0).paragraphs[0].runs[0]
    assert (first.text, first.underline, first.font.size) == ("Nơi nhận:", True, Pt(14))


def test_document_numbers_never_break_at_their_hyphen(real_report: RealReport) -> None:
    body = ZipFile(BytesIO(real_report.docx)).read("word/document.xml").decode()
    assert "11-NQ/TW" not in body  # written 11<w:noBreakHyphen/>NQ/TW
    assert '<w:t xml:space="preserve">NQ/TW' in body or ">NQ/TW" in body
    assert body.count("<w:noBreakHyphen/>") >= 3  # the subject, the opening, the annex references
    assert "kinh tế - xã hội" in body  # an ordinary hyphen between words stays

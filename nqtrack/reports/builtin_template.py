"""Write the built-in DOCX template of the review report (templates_docx/bao-cao.docx).

Run ``python -m nqtrack.reports.builtin_template`` after changing this script and commit the file; a test
checks that the committed file is what the script writes. The template is an ordinary docxtpl template
(docs/reports.md), like one an office uploads, in the official format:

- A4, Times New Roman, body 14 pt; margins top and bottom 20 mm, left 30 mm, right 15 mm; page numbers
  centred in the top margin from page 2 (Nghị định 30/2020/NĐ-CP, Phụ lục I);
- the Party heading of Hướng dẫn 36-HD/VPTW ("ĐẢNG CỘNG SẢN VIỆT NAM" underlined at the top right, the
  organ with "*" below it at the top left) or the state heading, chosen by ``report.header.party``;
- the annex tables in a landscape section.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

BUILTIN_TEMPLATE = Path(__file__).resolve().parent / "templates_docx" / "bao-cao.docx"

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
FIGURE_PT = 10  # the year columns of the annex
YEAR_MM = 18
CELL_MARGIN_MM = 1.0
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
HEADER_DISTANCE_MM = 10
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165
LANDSCAPE_TEXT_WIDTH_MM = PAGE_HEIGHT_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 252

# Paragraph styles, named so that an office editing the template can restyle a whole kind at once.
BODY = "Normal"
CENTRED = "NQ Giữa"  # centred, no indent: title lines
HEADING = "NQ Mục"  # section headings: bold
SUBHEADING = "NQ Tiểu mục"  # a), b): bold italic
CELL = "NQ Bảng"  # table text, 12 pt
CELL_HEAD = "NQ Bảng tiêu đề"  # table headings, 12 pt bold centred
NOTE = "NQ Ghi chú"  # legends and sources, 12 pt italic
CLOSING = "NQ Kết"  # the last paragraphs before the signature: kept on the signature's page


def _fonts(style: ParagraphStyle, size: int) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):  # every script, so Word never substitutes
        fonts.set(qn(attr), FONT)


def _style(
    doc: DocumentObject,
    name: str,
    *,
    size: int = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_mm: float = 10,
    after_pt: float = 6,
    keep_with_next: bool | None = None,
) -> ParagraphStyle:
    style = doc.styles[name] if name == BODY else doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)  # noqa: S101 - a paragraph style by construction
    if name != BODY:
        style.base_style = doc.styles[BODY]
    _fonts(style, size)
    style.font.bold = bold
    style.font.italic = italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Mm(indent_mm)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after_pt)
    fmt.line_spacing = 1.15  # between single and 1,5 lines (Nghị định 30/2020/NĐ-CP)
    fmt.keep_with_next = keep_with_next  # a heading never stays alone at the foot of a page
    return style


def _styles(doc: DocumentObject) -> None:
    _style(doc, BODY)
    _style(doc, CENTRED, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent_mm=0, after_pt=0)
    _style(doc, HEADING, bold=True, keep_with_next=True)
    _style(doc, SUBHEADING, bold=True, italic=True, keep_with_next=True)
    _style(doc, CLOSING, keep_with_next=True)
    _style(doc, CELL, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.LEFT, indent_mm=0, after_pt=0)
    _style(doc, CELL_HEAD, size=TABLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent_mm=0, after_pt=0)
    _style(doc, NOTE, size=TABLE_PT, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent_mm=0, after_pt=0)


def _page(section: Section, *, landscape: bool) -> None:
    width, height = (PAGE_HEIGHT_MM, PAGE_WIDTH_MM) if landscape else (PAGE_WIDTH_MM, PAGE_HEIGHT_MM)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field, centred: the page number in the top margin."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Mm(0)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _headers(section: Section) -> None:
    # Nghị định 30/2020/NĐ-CP: no number on the first page; the first-page header is left empty.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    _page_number(section.header.paragraphs[0])


@dataclass(frozen=True, slots=True)
class Look:
    """Direct formatting of a run, over its paragraph style (None: as the style says)."""

    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    size: int | None = None


PLAIN = Look()


def _write(paragraph: Paragraph, text: str, look: Look) -> Paragraph:
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = look.bold, look.italic, look.underline
        if look.size is not None:
            run.font.size = Pt(look.size)
    return paragraph


def _p(container: DocumentObject | _Cell, text: str = "", style: str = BODY, look: Look = PLAIN) -> Paragraph:
    return _write(container.add_paragraph(style=style), text, look)


def _cell_p(cell: _Cell, text: str, style: str, look: Look = PLAIN) -> Paragraph:
    """Write into a cell's first (empty) paragraph, or add one."""
    first = cell.paragraphs[0]
    if first.text or len(cell.paragraphs) > 1 or first.style is None or first.style.name != BODY:
        return _p(cell, text, style, look)
    first.style = style
    return _write(first, text, look)


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table: Table, widths_mm: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)


def _short_rule(cell: _Cell, indent_mm: float) -> None:
    """A short horizontal rule (the line under a state organ's name), as a bordered empty paragraph."""
    paragraph = _p(cell, "", CENTRED, Look(size=4))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(indent_mm)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _heading_block(doc: DocumentObject) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [65, TEXT_WIDTH_MM - 65])  # the national title needs the wider right column
    left, right = table.rows[0].cells
    _cell_p(left, "{{ report.header.organ }}", CENTRED, Look(bold=True))
    _cell_p(left, "{%p if report.header.party %}", CENTRED)
    _cell_p(left, "{{ report.header.organ_mark }}", CENTRED, Look(bold=False))
    _cell_p(left, "{%p else %}", CENTRED)
    _short_rule(left, 20)
    _cell_p(left, "{%p endif %}", CENTRED)
    _cell_p(left, "{{ report.header.number }}", CENTRED, Look(bold=False))
    _cell_p(right, "{%p if report.header.party %}", CENTRED)
    _cell_p(right, "{{ report.header.national }}", CENTRED, Look(bold=True, underline=True, size=15))
    _cell_p(right, "{%p else %}", CENTRED)
    _cell_p(right, "{{ report.header.national }}", CENTRED, Look(bold=True, size=12))
    _cell_p(right, "{{ report.header.motto }}", CENTRED, Look(bold=True, underline=True))
    _cell_p(right, "{%p endif %}", CENTRED)
    _cell_p(right, "", CENTRED)
    _cell_p(right, "{{ report.header.place_date }}", CENTRED, Look(bold=False, italic=True))


def _title(doc: DocumentObject) -> None:
    _p(doc, "", CENTRED)
    _p(doc, "{{ report.title }}", CENTRED, Look(size=15))
    _p(doc, "{{ report.subject }}", CENTRED)
    _p(doc, "-----", CENTRED, Look(bold=False))
    _p(doc, "", CENTRED)
    _p(doc, "{{ report.intro }}")


def _lines(doc: DocumentObject, loop: str, text: str = "{{ line }}", style: str = BODY) -> None:
    """One paragraph per item of a loop (the tag paragraphs disappear)."""
    _p(doc, f"{{%p for {loop} %}}")
    _p(doc, text, style)
    _p(doc, "{%p endfor %}")


def _section_leadership(doc: DocumentObject) -> None:
    _p(doc, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT, TUYÊN TRUYỀN", HEADING)
    _lines(doc, "line in report.leadership", "- {{ line }}")


def _section_targets(doc: DocumentObject) -> None:
    _p(doc, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", HEADING)
    _p(doc, "{{ report.indicator_count }}")
    # The yearly report: the year's results against the year's plan, the year's other figures against the
    # year before, then the cumulative picture.
    _p(doc, "{%p if report.plan_results or report.year_results %}")
    _p(doc, "{%p if report.plan_results %}")
    _p(doc, "Kết quả năm {{ report.period.last_year }} so với kế hoạch:", SUBHEADING)
    _lines(doc, "line in report.plan_results", "- {{ line }}")
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if report.year_results %}")
    _p(
        doc,
        "{% if report.plan_results %}Các chỉ tiêu chưa có kế hoạch năm, so với năm "
        "{{ report.period.last_year - 1 }}{% else %}Kết quả năm {{ report.period.last_year }}{% endif %}:",
        SUBHEADING,
    )
    _lines(doc, "line in report.year_results", "- {{ line }}")
    _p(doc, "{%p endif %}")
    _p(doc, "Kết quả từ đầu nhiệm kỳ thực hiện Chương trình:", SUBHEADING)
    _p(doc, "{%p endif %}")
    _p(doc, "{%p for group in report.results %}")
    _p(doc, "{{ group.heading }}", SUBHEADING)
    _p(doc, "{%p for t in group.targets %}")
    _p(
        doc,
        "- {{ t.indicator }}: {{ t.explanation }}"
        "{% if t.region_goal %} (Mục tiêu của vùng: {{ t.region_goal }}.){% endif %}",
    )
    _p(doc, "{%p if t.code in charts %}")
    _p(doc, "{{ charts[t.code] }}", CENTRED)
    _p(doc, "{%p endif %}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p if report.milestones %}")
    _p(doc, "Các mốc cụ thể:", SUBHEADING)
    _lines(
        doc,
        "m in report.milestones",
        "- {{ m.text }} (hạn {{ m.due }}){% if m.status %}: {{ m.status }}{% endif %}.",
    )
    _p(doc, "{%p endif %}")


def _section_tasks(doc: DocumentObject) -> None:
    _p(doc, "III. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP", HEADING)
    _p(doc, "{{ report.task_summary }}")
    _p(doc, "{%p for g in report.task_results %}")
    _p(doc, "{{ g.heading }}", SUBHEADING)
    _p(doc, "{{ g.summary }}")
    _lines(doc, "line in g.reports", "- {{ line }}")
    _p(doc, "{%p if g.to_complete %}")
    _p(doc, "{{ g.to_complete }}")
    _p(doc, "{%p endif %}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p if report.key_projects %}")
    _p(doc, "Các công trình, dự án trọng điểm:", SUBHEADING)
    _lines(
        doc,
        "p in report.key_projects",
        "- {{ p.name }} ({{ p.kind }}, nhiệm vụ {{ p.task_code }}): {{ p.status }}.",
    )
    _p(doc, "{%p endif %}")


def _sections_four_to_seven(doc: DocumentObject) -> None:
    _p(doc, "IV. HẠN CHẾ, NGUYÊN NHÂN", HEADING)
    _p(doc, "1. Hạn chế", HEADING)
    _lines(doc, "line in report.limitations", "- {{ line }}")
    _p(doc, "2. Nguyên nhân", HEADING)
    _lines(doc, "line in report.causes")
    _p(doc, "V. BÀI HỌC KINH NGHIỆM", HEADING)
    _lines(doc, "line in report.lessons")
    _p(doc, "{{ report.directions_heading }}", HEADING)
    _lines(doc, "line in report.directions", "- {{ line }}")
    _p(doc, "VII. KIẾN NGHỊ, ĐỀ XUẤT", HEADING)
    _lines(doc, "line in report.proposals", style=CLOSING)


def _signature(doc: DocumentObject) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [80, TEXT_WIDTH_MM - 80])
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # the block stays whole
    left, right = table.rows[0].cells
    # "Nơi nhận": underlined, 14 pt, lines in 12 pt in a Party report (Hướng dẫn 36-HD/VPTW); bold
    # italic 12 pt, lines in 11 pt in a state one (Nghị định 30/2020/NĐ-CP).
    _cell_p(left, "{%p if report.header.party %}", NOTE)
    _cell_p(left, "Nơi nhận:", NOTE, Look(italic=False, underline=True, size=BODY_PT))
    _cell_p(left, "{%p for line in report.recipients %}", NOTE)
    _cell_p(left, "{{ line }}", NOTE, Look(italic=False, size=12))
    _cell_p(left, "{%p endfor %}", NOTE)
    _cell_p(left, "{%p else %}", NOTE)
    _cell_p(left, "Nơi nhận:", NOTE, Look(bold=True, size=12))
    _cell_p(left, "{%p for line in report.recipients %}", NOTE)
    _cell_p(left, "{{ line }}", NOTE, Look(italic=False, size=11))
    _cell_p(left, "{%p endfor %}", NOTE)
    _cell_p(left, "{%p endif %}", NOTE)
    _cell_p(right, "{%p for line in report.signature.lines %}", CENTRED)
    _cell_p(right, "{{ line }}", CENTRED)
    _cell_p(right, "{%p endfor %}", CENTRED)
    for _ in range(4):
        _cell_p(right, "", CENTRED)
    _cell_p(right, "{{ report.signature.name }}", CENTRED)
    for cell in (left, right):  # Word keeps the rows of a table with keep-with-next together
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _annex_title(doc: DocumentObject, number: int, title: str) -> None:
    _p(doc, f"Phụ lục {number}", CENTRED)
    _p(doc, title, CENTRED)
    _p(
        doc,
        "(Kèm theo {{ report.header.reference }})",
        CENTRED,
        Look(bold=False, italic=True),
    )
    _p(doc, "", CENTRED)


def _cell_margins(table: Table, side_mm: float) -> None:
    """Narrow left and right cell margins: the annex has many columns."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(side_mm * 1440 / 25.4)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _grid_table(doc: DocumentObject, heads: list[str], cells: list[str], widths: list[float]) -> Table:
    """A bordered table: a heading row, a row per item of a docxtpl ``{%tr for %}`` loop."""
    table: Table = doc.add_table(rows=4, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell_p(cell, text, CELL_HEAD)
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        _cell_p(cell, text, CELL)
    table.rows[2]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays on one page
    _widths(table, widths)
    _cell_margins(table, CELL_MARGIN_MM)
    head = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the heading row repeats on every page of a long table
    head.append(repeat)
    return table


def _table_width(table: Table, width_mm: float) -> None:
    """The table's preferred width: the renderer fits the columns into it after the year loop."""
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        table._tbl.tblPr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(width_mm * 1440 / 25.4)))


def _loop_row(table: Table, row: int, tag: str) -> None:
    _cell_p(table.rows[row].cells[0], tag, CELL)


def _annex_targets(doc: DocumentObject) -> None:
    _annex_title(doc, 1, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỤ THỂ")
    heads = ["TT", "Chỉ tiêu", "Mục tiêu", "{%tc for y in report.years %}", "{{ y }}", "{%tc endfor %}"]
    heads += ["Đánh giá", "Cần đạt mỗi năm", "Nguồn"]
    cells = ["{{ t.number }}", "{{ t.wording }}", "{{ t.goal }}", "{%tc for v in t.values %}"]
    cells += [
        "{{ v.display }}",
        "{%tc endfor %}",
        "{{ t.status_words }}",
        "{{ t.needed }}",
        "{{ t.source_refs }}",
    ]
    # Each year column is drawn 18 mm wide ("155.876,0 (ư)" in 10 pt on two lines at most); the renderer
    # scales the table to its width (252 mm) when the years do not fit (a final review to 2030 has eleven).
    widths = [9.0, 0.0, 27, 0.5, YEAR_MM, 0.5, 20, 23, 15]
    widths[1] = LANDSCAPE_TEXT_WIDTH_MM - sum(widths) - YEAR_MM * 5  # room for six year columns in all
    table = _grid_table(doc, heads, cells, widths)
    _table_width(table, LANDSCAPE_TEXT_WIDTH_MM)
    for row in (0, 2):  # the figures a size smaller, so that large ones keep to one line
        for run in table.rows[row].cells[4].paragraphs[0].runs:
            run.font.size = Pt(FIGURE_PT)
    table.rows[2].cells[4].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT  # figures line up
    _loop_row(table, 1, "{%tr for t in report.targets %}")
    _loop_row(table, 3, "{%tr endfor %}")
    _p(doc, "{{ report.legend }}", NOTE)
    _p(doc, "Nguồn số liệu:", NOTE, Look(bold=True))
    _p(doc, "{%p for s in report.sources %}", NOTE)
    _p(doc, "[{{ s.number }}] {{ s.text }}", NOTE, Look(italic=False))
    _p(doc, "{%p endfor %}", NOTE)


def _annex_tasks(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _annex_title(doc, 2, "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP")
    heads = ["Mã", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng", "Kết quả thực hiện"]
    heads += ["Văn bản"]
    cells = [
        "{{ t.code }}",
        "{{ t.full_text }}",
        "{{ t.lead }}",
        "{{ t.due }}",
        "{{ t.status }}",
        "{{ t.result }}",
        "{{ t.documents }}",
    ]
    widths = [15.0, 0.0, 34, 20, 22, 50, 30]
    widths[1] = LANDSCAPE_TEXT_WIDTH_MM - sum(widths)
    table = _grid_table(doc, heads, cells, widths)
    _loop_row(table, 1, "{%tr for t in report.tasks %}")
    _loop_row(table, 3, "{%tr endfor %}")


def build_template() -> DocumentObject:
    """The built-in template as a python-docx document."""
    doc = Document()
    _styles(doc)
    first = doc.sections[0]
    _page(first, landscape=False)
    _headers(first)
    _heading_block(doc)
    _title(doc)
    _section_leadership(doc)
    _section_targets(doc)
    _section_tasks(doc)
    _sections_four_to_seven(doc)
    _signature(doc)
    annex = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(annex, landscape=True)
    annex.different_first_page_header_footer = False  # numbering continues on the annex's first page
    _annex_targets(doc)
    _annex_tasks(doc)
    doc.core_properties.title = "Báo cáo sơ kết, tổng kết (mẫu nqtrack)"
    doc.core_properties.author = "nqtrack"
    return doc


def main(argv: list[str] | None = None) -> None:
    """Write the template to ``argv[0]`` (default: the built-in template's path)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else BUILTIN_TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(str(target))


if __name__ == "__main__":
    main()

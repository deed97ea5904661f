"""LibreOffice opens the DOCX and converts it to PDF; the PDF's text and fonts carry every diacritic.

One conversion for the whole module (each takes seconds). The PDF's text, read with pypdf, is the DOCX's
text paragraph by paragraph. The pages are saved as images under var/test-artefacts/ for a person to look
at.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from zipfile import ZipFile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import _Row
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from nqtrack.reports.render_pdf import ConversionFailed, docx_to_pdf
from tests.conftest import ARTEFACTS
from tests.reports.conftest import RealReport

pytestmark = pytest.mark.django_db


@dataclass(frozen=True, slots=True)
class Pdf:
    path: Path
    text: str  # pdftotext -raw, NFC
    pages: int


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def pdf(real_report: RealReport, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    path = tmp_path_factory.mktemp("pdf") / "so-ket-2025.pdf"
    path.write_bytes(docx_to_pdf(real_report.docx))
    text = unicodedata.normalize("NFC", _run("pdftotext", "-raw", str(path), "-"))
    pages = int(re.search(r"^Pages:\s+(\d+)$", _run("pdfinfo", str(path)), re.MULTILINE).group(1))  # type: ignore[union-attr]
    return Pdf(path=path, text=text, pages=pages)


def _squeezed(text: str) -> str:
    """Text without any white space: table cells wrap lines, even after a hyphen; a non-breaking hyphen
    (document numbers) read as the hyphen it stands for."""
    return re.sub(r"\s+", "", text).replace("\u2011", "-")


@dataclass(frozen=True, slots=True)
class DocxParagraph:
    text: str
    table_header: str  # the squeezed text of the header rows its table repeats on each page, or ""


def _is_header_row(row: _Row) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


def _docx_paragraphs(docx: bytes) -> list[DocxParagraph]:
    """The DOCX's paragraphs in reading order, those of a table cell by cell (a merged cell once)."""
    found: list[DocxParagraph] = []
    for block in Document(BytesIO(docx)).iter_inner_content():
        if isinstance(block, Paragraph):
            found.append(DocxParagraph(block.text, ""))
            continue
        rows: list[tuple[_Row, list[str]]] = []
        for row in block.rows:
            seen: list[object] = []
            texts: list[str] = []
            for cell in row.cells:
                if cell._tc not in seen:  # python-docx repeats a merged cell for each column it spans
                    seen.append(cell._tc)
                    texts += [p.text for p in cell.paragraphs]
            rows.append((row, texts))
        header = "".join(_squeezed("".join(texts)) for row, texts in rows if _is_header_row(row))
        found += [DocxParagraph(text, header) for _, texts in rows for text in texts]
    return found


def _pdf_lines(path: Path) -> list[str]:
    """The PDF's lines as pypdf reads them, page by page, without the page number heading pages 2 on."""
    lines: list[str] = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        page_lines = unicodedata.normalize("NFC", page.extract_text()).splitlines()
        if number > 1:
            assert page_lines[0] == str(number), f"page {number}"
            page_lines = page_lines[1:]
        lines += page_lines
    return lines


def test_the_pdf_says_exactly_what_the_docx_says_paragraph_by_paragraph(
    pdf: Pdf, real_report: RealReport
) -> None:
    # The page breaks a paragraph into lines (and justifies them with wider spaces): each paragraph of the
    # DOCX, its white space left out, is the next stretch of the PDF's text, and nothing is left over but
    # the header rows an annex table repeats at the top of each page it runs onto.
    text = _squeezed("".join(_pdf_lines(pdf.path)))
    position = repeated = 0
    paragraphs = _docx_paragraphs(real_report.docx)
    for number, paragraph in enumerate(paragraphs, start=1):
        wanted = _squeezed(paragraph.text)
        if not text.startswith(wanted, position) and paragraph.table_header:
            assert text.startswith(paragraph.table_header, position), f"paragraph {number}: {paragraph.text}"
            position += len(paragraph.table_header)
            repeated += 1
        assert text[position : position + len(wanted)] == wanted, f"paragraph {number}: {paragraph.text}"
        position += len(wanted)
    assert text[position:] == ""
    assert len(paragraphs) > 500  # the whole report, annexes included, was compared
    assert 0 < repeated < pdf.pages


def test_the_pdf_has_the_vietnamese_headings(pdf: Pdf) -> None:
    for heading in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TỈNH ỦY BẮC GIANG",
        "Bắc Giang, ngày 31 tháng 12 năm 2025",
        "BÁO CÁO",
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT, TUYÊN TRUYỀN",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "III. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP",
        "IV. HẠN CHẾ, NGUYÊN NHÂN",
        "V. BÀI HỌC KINH NGHIỆM",
        "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026–2030",
        "VII. KIẾN NGHỊ, ĐỀ XUẤT",
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỤ THỂ",
        "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP",
    ):
        # a long heading wraps onto two lines of the page: compared with the lines joined
        assert heading in " ".join(pdf.text.split()).replace("\u2011", "-"), heading


def test_the_pdf_has_every_target_wording_with_its_diacritics(pdf: Pdf, real_report: RealReport) -> None:
    text = _squeezed(pdf.text)
    missing = [t.wording for t in real_report.content.targets if _squeezed(t.wording) not in text]
    assert missing == []
    assert "Tỷlệchephủrừngđạt37%" in text  # a spot check written out by hand


def test_the_pdf_lists_every_task(pdf: Pdf, real_report: RealReport) -> None:
    text = _squeezed(pdf.text)
    assert [t.code for t in real_report.content.tasks if _squeezed(t.text) not in text] == []


def test_the_fonts_are_embedded_liberation_serif(pdf: Pdf) -> None:
    lines = _run("pdffonts", str(pdf.path)).splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in lines}
    assert names == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    assert all(line.split()[-5] == "yes" for line in lines)  # the "emb" column: embedded


def test_portrait_body_and_landscape_annex(pdf: Pdf) -> None:
    sizes = _run("pdfinfo", "-f", "1", "-l", str(pdf.pages), str(pdf.path))
    orientation = [
        "portrait" if float(h) > float(w) else "landscape"
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts \(A4\)", sizes, re.MULTILINE)
    ]
    assert len(orientation) == pdf.pages
    first_annex = orientation.index("landscape")
    assert orientation[first_annex:] == ["landscape"] * (pdf.pages - first_annex)
    assert first_annex >= 5


def test_the_pages_are_saved_as_images(pdf: Pdf) -> None:
    folder = ARTEFACTS / "report-so-ket-2025"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf.path), str(folder / "page")], check=True)
    assert len(list(folder.glob("page-*.png"))) == pdf.pages
    (ARTEFACTS / "report-so-ket-2025.pdf").write_bytes(pdf.path.read_bytes())


def test_a_file_that_is_not_a_docx_is_not_converted() -> None:
    # LibreOffice would import these bytes as plain text and print them.
    with pytest.raises(ConversionFailed) as caught:
        docx_to_pdf(b"not a document")
    assert str(caught.value) == "Không chuyển được sang PDF: tệp không phải là tài liệu Word (DOCX)."


def test_a_document_libreoffice_cannot_read_fails_with_its_message(tmp_path: Path) -> None:
    archive = tmp_path / "broken.docx"
    with ZipFile(archive, "w") as broken:
        broken.writestr("word/document.xml", "<w:document>not closed")
    with pytest.raises(ConversionFailed) as caught:
        docx_to_pdf(archive.read_bytes())
    assert str(caught.value).startswith("LibreOffice không chuyển được báo cáo sang PDF: ")

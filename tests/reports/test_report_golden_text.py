"""The whole text of the Word report on the seed data, read line by line against a golden file.

Each paragraph is a line; a table row is one line with its cells joined by " | " (the heading block,
the signature, the annex rows). After an intended change, rewrite the file with NQTRACK_UPDATE_GOLDEN=1
and read the diff: it is the report an office receives.
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from nqtrack.reports.render_docx import places_to_complete
from tests.reports.conftest import RealReport

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden" / "so-ket-2025.txt"
MARK = "[Cần bổ sung"


def report_lines(docx: bytes) -> list[str]:
    """The document's text in reading order, one line per paragraph or table row, images left out."""
    lines: list[str] = []
    for block in Document(BytesIO(docx)).iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [" / ".join(p.text for p in cell.paragraphs if p.text) for cell in row.cells]
                lines.append(" | ".join(cells))
    return lines


def test_the_report_text_matches_the_golden_file_line_by_line(real_report: RealReport) -> None:
    lines = report_lines(real_report.docx)
    if os.environ.get("NQTRACK_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    for number, (got, want) in enumerate(zip(lines, expected, strict=False), start=1):
        assert got == want, f"line {number} of {GOLDEN.name}"
    assert len(lines) == len(expected)


def test_the_outline_is_that_of_a_party_review_report(real_report: RealReport) -> None:
    numerals = ("I.", "II.", "III.", "IV.", "V.", "VI.", "VII.")
    lines = report_lines(real_report.docx)
    headings = [line for line in lines if line.split(" ", 1)[0] in numerals and line == line.upper()]
    assert headings == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT, TUYÊN TRUYỀN",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "III. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP",
        "IV. HẠN CHẾ, NGUYÊN NHÂN",
        "V. BÀI HỌC KINH NGHIỆM",
        "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026–2030",
        "VII. KIẾN NGHỊ, ĐỀ XUẤT",
    ]


def test_no_task_is_cut_and_no_bare_ellipsis_stands_for_a_place_to_write(real_report: RealReport) -> None:
    lines = report_lines(real_report.docx)
    for task in real_report.content.tasks:
        assert any(task.full_text in line for line in lines), task.code
    # "…" is left only in the document number slots of the heading ("Số …-BC/TU"), which the register fills
    ellipses = [line for line in lines if "…" in line]
    assert all("…-BC/TU" in line for line in ellipses), ellipses


def test_every_place_to_write_is_highlighted_and_counted(real_report: RealReport) -> None:
    document = Document(BytesIO(real_report.docx))
    runs = [r for p in document.paragraphs for r in p.runs] + [
        r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    marked = [r for r in runs if MARK in r.text]
    assert marked != []
    assert all(r.font.highlight_color is not None for r in marked)
    assert not any(r.font.highlight_color is not None for r in runs if MARK not in r.text)
    text = "\n".join(report_lines(real_report.docx))
    # the programme's number and date, section I, the five task groups, two causes, lessons, proposals
    # and "Nơi nhận"
    assert places_to_complete(real_report.docx) == text.count(MARK) == 12

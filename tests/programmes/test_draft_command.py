"""`nqtrack draft-programme FILE --out DRAFT.yaml`: Word, PDF, text and Markdown documents; bad files."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from nqtrack.domain.programme import parse_programme
from nqtrack.programmes.models import Programme

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "programmes" / "bac-giang-11-nqtw.source.txt"
TARGET_LIST = (
    "II- MỤC TIÊU\n\n2. Chỉ tiêu cụ thể đến năm 2030\n\n(1) Tỷ lệ che phủ rừng đạt 37%.\n\n"
    "(2) Tỷ lệ hộ nghèo giảm bình quân 1-1,5%/năm.\n"
)


def _draft(path: Path, out: Path, *extra: str) -> str:
    stdout = StringIO()
    call_command("draft_programme", str(path), "--out", str(out), *extra, stdout=stdout)
    return stdout.getvalue()


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (ASCII, Helvetica)."""
    content = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def test_the_seed_document_drafts_to_a_file_that_loads(tmp_path: Path) -> None:
    out = tmp_path / "nhap.yaml"
    message = _draft(SEED, out)
    assert message == (
        f"Đã viết bản nháp {out}: 29 chỉ tiêu, 6 mốc, 6 nhóm nhiệm vụ (33 nhiệm vụ), 6 phân công; "
        "4 mục chưa chắc (ghi “CHƯA CHẮC” trong tệp).\n"
    )
    programme = parse_programme(out.read_text(encoding="utf-8"))
    assert programme.code == "bac-giang-11-nqtw"
    assert len(list(programme.targets())) == 29


@pytest.mark.django_db
def test_load_programme_accepts_the_draft(tmp_path: Path) -> None:
    out = tmp_path / "nhap.yaml"
    _draft(SEED, out)
    call_command("load_programme", str(out), stdout=StringIO())
    loaded = Programme.objects.get(code="bac-giang-11-nqtw")
    assert loaded.issuer == "Ban Thường vụ Tỉnh ủy Bắc Giang"


def test_a_word_document_with_a_table_drafts_its_paragraphs_and_rows(tmp_path: Path) -> None:
    document = docx.Document()
    for paragraph in TARGET_LIST.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Chỉ tiêu", "Đơn vị", "2025"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Tỷ lệ đô thị hóa", "%", "khoảng 45"), strict=True):
        cell.text = text
    path = tmp_path / "chuong-trinh.docx"
    document.save(str(path))
    out = tmp_path / "nhap.yaml"
    _draft(path, out)
    programme = parse_programme(out.read_text(encoding="utf-8"))
    assert [(t.source_text, t.comparator, t.low, t.year) for _, t in programme.targets()] == [
        ("Tỷ lệ che phủ rừng đạt 37%", "at_least", 37, 2030),
        ("Tỷ lệ hộ nghèo giảm bình quân 1-1,5%/năm", "range", 1, None),
        ("Tỷ lệ đô thị hóa: khoảng 45", "about", 45, 2025),
    ]


def test_a_pdf_with_a_text_layer_is_read(tmp_path: Path) -> None:
    path = tmp_path / "chuong-trinh.pdf"
    path.write_bytes(_pdf(["CHUONG TRINH HANH DONG", "Ty le che phu rung 37%."]))
    out = tmp_path / "nhap.yaml"
    text = tmp_path / "chu.txt"
    _draft(path, out, "--text", str(text))
    programme = parse_programme(out.read_text(encoding="utf-8"))
    assert [(t.source_text, t.comparator, t.low, t.year) for _, t in programme.targets()] == [
        ("Ty le che phu rung 37%", "at_least", 37, 2030)
    ]
    assert "Ty le che phu rung 37%." in text.read_text(encoding="utf-8")


def test_a_markdown_document_is_read(tmp_path: Path) -> None:
    path = tmp_path / "chuong-trinh.md"
    path.write_text(
        "## II- MỤC TIÊU\n\n### 2. Chỉ tiêu cụ thể đến năm 2030\n\n- **Tỷ lệ che phủ rừng đạt 37%.**\n"
    )
    out = tmp_path / "nhap.yaml"
    _draft(path, out)
    programme = parse_programme(out.read_text(encoding="utf-8"))
    assert [(t.source_text, t.year) for _, t in programme.targets()] == [("Tỷ lệ che phủ rừng đạt 37%", 2030)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "chuong-trinh.odt",
            b"x",
            "Không đọc được tệp chuong-trinh.odt: chỉ nhận văn bản .docx, .pdf (có lớp chữ), .txt hoặc .md.",
        ),
        (
            "chuong-trinh.docx",
            b"not a zip",
            "Không đọc được tệp Word chuong-trinh.docx: tệp hỏng hoặc không phải .docx.",
        ),
        (
            "chuong-trinh.pdf",
            b"%PDF-1.4 broken",
            "Không đọc được tệp PDF chuong-trinh.pdf: tệp hỏng hoặc không phải PDF.",
        ),
        (
            "chuong-trinh.txt",
            b"Ty \xe1 le che phu rung",  # a legacy 8-bit encoding
            "Tệp chuong-trinh.txt không phải văn bản UTF-8 (byte 3): hãy lưu lại dưới dạng UTF-8.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_stops_with_its_reason_and_writes_nothing(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "nhap.yaml"
    with pytest.raises(CommandError) as caught:
        _draft(path, out)
    assert str(caught.value) == message
    assert not out.exists()


def test_a_scanned_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ban-quet.pdf"
    path.write_bytes(_pdf([]))
    out = tmp_path / "nhap.yaml"
    with pytest.raises(CommandError) as caught:
        _draft(path, out)
    assert str(caught.value) == (
        "Tệp PDF ban-quet.pdf không có lớp chữ (bản quét ảnh): hãy dùng bản PDF có chữ, .docx hoặc .txt."
    )
    assert not out.exists()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    out = tmp_path / "nhap.yaml"
    with pytest.raises(CommandError) as caught:
        _draft(tmp_path / "khong-co.docx", out)
    assert str(caught.value) == f"Không tìm thấy tệp {tmp_path / 'khong-co.docx'}."
    assert not out.exists()


def test_an_output_in_a_missing_folder_is_refused_and_the_document_is_untouched(tmp_path: Path) -> None:
    source = tmp_path / "chuong-trinh.txt"
    shutil.copy(SEED, source)
    before = source.read_bytes()
    with pytest.raises(CommandError) as caught:
        _draft(source, tmp_path / "khong-co" / "nhap.yaml")
    assert str(caught.value).startswith(f"Không viết được tệp {tmp_path / 'khong-co' / 'nhap.yaml'}: ")
    assert source.read_bytes() == before

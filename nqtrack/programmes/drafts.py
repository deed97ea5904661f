"""Drafting a programme file from a programme document: read the file's text, draft, check, write.

The document may be Word (.docx: paragraphs and tables in order), PDF with a text layer (.pdf, through
pypdf), plain text (.txt) or Markdown (.md). The drafting itself is pure (``nqtrack.domain.drafting``);
this module only reads files and writes the draft. Nothing is loaded into the database: the draft is
checked with the programme file's own rules (``parse_programme``) so that ``nqtrack load-programme``
accepts it once a person has reviewed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nqtrack.domain.drafting import Draft, draft_programme
from nqtrack.domain.programme import parse_programme

__all__ = ["DocumentError", "DraftSummary", "document_text", "programme_draft_file"]

SUPPORTED = (".docx", ".pdf", ".txt", ".md")


class DocumentError(Exception):
    """A document that cannot be read; the message says why, in Vietnamese."""


@dataclass(frozen=True, slots=True)
class DraftSummary:
    targets: int
    milestones: int
    task_groups: int
    tasks: int
    assignments: int
    uncertain: int

    def message(self, out: Path) -> str:
        return (
            f"Đã viết bản nháp {out}: {self.targets} chỉ tiêu, {self.milestones} mốc, "
            f"{self.task_groups} nhóm nhiệm vụ ({self.tasks} nhiệm vụ), {self.assignments} phân công; "
            f"{self.uncertain} mục chưa chắc (ghi “CHƯA CHẮC” trong tệp)."
        )


def _docx_text(path: Path) -> str:
    import docx  # python-docx; imported here so that reading text files needs no Word library
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: WordDocument = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a file that is not a Word file
        raise DocumentError(
            f"Không đọc được tệp Word {path.name}: tệp hỏng hoặc không phải .docx."
        ) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [
                    " ; ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    for cell in row.cells
                ]
                lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError(f"Tệp PDF {path.name} có mật khẩu: hãy gỡ mật khẩu rồi thử lại.")
        pages = [page.extract_text() or "" for page in reader.pages]
    # pypdf raises its own errors, and at times a plain one from deep inside, for a file it cannot parse.
    except (PdfReadError, PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        raise DocumentError(f"Không đọc được tệp PDF {path.name}: tệp hỏng hoặc không phải PDF.") from error
    text = "\n".join(pages)
    if len(text.strip()) < 20:
        raise DocumentError(
            f"Tệp PDF {path.name} không có lớp chữ (bản quét ảnh): hãy dùng bản PDF có chữ, .docx hoặc .txt."
        )
    return text


def document_text(path: Path) -> str:
    """The text of a programme document, as the drafter reads it and as the draft's spans count it."""
    suffix = path.suffix.casefold()
    if not path.exists():
        raise DocumentError(f"Không tìm thấy tệp {path}.")
    if suffix not in SUPPORTED:
        raise DocumentError(
            f"Không đọc được tệp {path.name}: chỉ nhận văn bản .docx, .pdf (có lớp chữ), .txt hoặc .md."
        )
    try:
        if suffix == ".docx":
            return _docx_text(path)
        if suffix == ".pdf":
            return _pdf_text(path)
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise DocumentError(f"Không tìm thấy tệp {path}.") from error
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"Tệp {path.name} không phải văn bản UTF-8 (byte {error.start}): hãy lưu lại dưới dạng UTF-8."
        ) from error
    except OSError as error:
        raise DocumentError(f"Không đọc được tệp {path}: {error.strerror}") from error


def summary_of(draft: Draft) -> DraftSummary:
    return DraftSummary(
        targets=len(draft.items("targets")),
        milestones=len(draft.items("milestones")),
        task_groups=len(draft.data["task_groups"]),
        tasks=len(draft.items("tasks")),
        assignments=len(draft.items("assignments")),
        uncertain=sum(1 for note in draft.notes.values() if note.uncertain),
    )


def programme_draft_file(*, path: Path, out: Path, text_out: Path | None = None) -> DraftSummary:
    """Draft ``path`` into the programme file ``out``; its text, which the spans count, into ``text_out``.

    The draft is checked as a programme file before anything is written; ``ProgrammeFileError`` would mean
    a fault of the drafter, not of the document.
    """
    text = document_text(path)
    draft = draft_programme(text)
    content = draft.to_yaml()
    parse_programme(content, filename=str(out))
    out.write_text(content, encoding="utf-8")
    if text_out is not None:
        text_out.write_text(text, encoding="utf-8")
    return summary_of(draft)

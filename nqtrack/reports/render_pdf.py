"""The PDF of a report: LibreOffice (headless) converts the DOCX.

Why LibreOffice rather than WeasyPrint from HTML: the PDF must be the same document the office edits
and signs, in the same layout (headings, landscape annex, page numbers from page 2). Converting the DOCX
keeps one source of layout, including an office's own uploaded template; an HTML rendering would be a
second layout to keep in step, and would ignore uploaded templates. Debian's libreoffice-writer-nogui
runs without a display; Times New Roman is replaced by the metric-compatible Liberation Serif
(fonts-liberation), so line and page breaks match Word's, and the fonts are embedded (subset) in the PDF
with every Vietnamese diacritic.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path
from zipfile import BadZipFile, ZipFile

SOFFICE = "soffice"
CONVERT_TIMEOUT_SECONDS = 180


class ConversionFailed(RuntimeError):
    """LibreOffice could not convert the document; the message says why, in Vietnamese."""


def soffice_path() -> str:
    """The LibreOffice executable, or a clear error naming the Debian package to install."""
    found = shutil.which(SOFFICE)
    if found is None:
        raise ConversionFailed(
            "Không tìm thấy LibreOffice (soffice) để tạo PDF: cài gói Debian libreoffice-writer-nogui."
        )
    return found


def _check_docx(docx: bytes) -> None:
    # LibreOffice opens nearly anything (plain text included), so a broken file would become a PDF of
    # its bytes: check that this is a Word document first.
    try:
        with ZipFile(BytesIO(docx)) as archive:
            archive.getinfo("word/document.xml")
    except (BadZipFile, KeyError) as error:
        raise ConversionFailed(
            "Không chuyển được sang PDF: tệp không phải là tài liệu Word (DOCX)."
        ) from error


def docx_to_pdf(docx: bytes, *, timeout: float = CONVERT_TIMEOUT_SECONDS) -> bytes:
    """Convert DOCX bytes to PDF bytes with headless LibreOffice.

    Each conversion uses its own LibreOffice profile in a temporary directory, so that conversions in
    parallel (two workers, or a user's own LibreOffice) do not share a lock.
    """
    _check_docx(docx)
    executable = soffice_path()
    with tempfile.TemporaryDirectory(prefix="nqtrack-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "bao-cao.docx"
        source.write_bytes(docx)
        command = [
            executable,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            str(source),
        ]
        environment = {**os.environ, "HOME": str(folder)}
        try:
            result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                command, capture_output=True, timeout=timeout, check=False, env=environment
            )
        except subprocess.TimeoutExpired as error:
            raise ConversionFailed(
                f"LibreOffice không chuyển xong sang PDF sau {int(timeout)} giây."
            ) from error
        target = folder / "bao-cao.pdf"
        if result.returncode != 0 or not target.exists():
            detail = result.stderr.decode("utf-8", "replace").strip() or f"mã thoát {result.returncode}"
            raise ConversionFailed(f"LibreOffice không chuyển được báo cáo sang PDF: {detail}")
        return target.read_bytes()

"""The PDF of a report: LibreOffice (headless) converts the DOCX.

Why LibreOffice rather than WeasyPrint from HTML: the PDF must be the same document the office edits
and signs, in the same layout (headings, landscape annex, page numbers from page 2). Converting the DOCX
keeps one source of layout, including an office's own uploaded template; an HTML rendering would be a
second layout to keep in step, and would ignore uploaded templates. Debian's libreoffice-writer-nogui
runs without a display; Times New Roman is replaced by the metric-compatible Liberation Serif
(fonts-liberation), so line and page breaks match Word's, and the fonts are embedded (subset) in the PDF
with every Vietnamese diacritic.

LibreOffice's first start in an empty profile costs about a second (it builds the profile and tests the
graphics backend). Each conversion still runs in a profile of its own, but a copy of one left by an
earlier conversion (under the var dir, one per LibreOffice build): nothing of a document is kept in it
(a headless conversion records no recent file), only LibreOffice's settings.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path
from zipfile import BadZipFile, ZipFile

from django.conf import settings

SOFFICE = "soffice"
CONVERT_TIMEOUT_SECONDS = 180
PROFILE_DIR = Path("cache") / "libreoffice"  # under the var dir


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


def profile_template(executable: str) -> Path:
    """Where the profile copied into each conversion is kept: one per LibreOffice build (an upgraded
    LibreOffice would otherwise migrate the old profile at every start)."""
    program = Path(executable).resolve()
    build = hashlib.sha256(f"{program}:{program.stat().st_mtime_ns}".encode()).hexdigest()[:16]
    return Path(settings.VAR_DIR) / PROFILE_DIR / f"profile-{build}"


def _reuse_profile(template: Path, profile: Path) -> None:
    if template.is_dir():
        try:
            shutil.copytree(template, profile, symlinks=True)
        except OSError:  # a damaged copy: LibreOffice starts from an empty profile instead
            shutil.rmtree(profile, ignore_errors=True)


def _keep_profile(profile: Path, template: Path) -> None:
    """Keep a conversion's profile for the next ones. The rename is atomic, so two conversions that
    finish together never leave a half-copied profile: the second rename fails and its copy is dropped."""
    if template.is_dir() or not profile.is_dir():
        return
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="staging-", dir=template.parent))
    except OSError:
        return  # an unwritable var dir: the next conversion starts from an empty profile, as before
    try:
        shutil.copytree(profile, staging / "profile", symlinks=True, ignore=shutil.ignore_patterns(".lock"))
        (staging / "profile").rename(template)
    except OSError:
        pass  # another conversion kept its profile first
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def docx_to_pdf(docx: bytes, *, timeout: float = CONVERT_TIMEOUT_SECONDS) -> bytes:
    """Convert DOCX bytes to PDF bytes with headless LibreOffice.

    Each conversion uses its own LibreOffice profile in a temporary directory, so that conversions in
    parallel (two workers, or a user's own LibreOffice) do not share a lock; the profile starts as a
    copy of one kept from an earlier conversion (``profile_template``).
    """
    _check_docx(docx)
    executable = soffice_path()
    template = profile_template(executable)
    with tempfile.TemporaryDirectory(prefix="nqtrack-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "bao-cao.docx"
        source.write_bytes(docx)
        profile = folder / "profile"
        _reuse_profile(template, profile)
        command = [
            executable,
            f"-env:UserInstallation={profile.as_uri()}",
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
        _keep_profile(profile, template)
        return target.read_bytes()

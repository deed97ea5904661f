"""Each PDF conversion starts LibreOffice in a profile of its own, copied from one kept after an earlier
conversion (nqtrack.reports.render_pdf.profile_template), so the first start's setup is paid once."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader
from pytest_django.fixtures import Settings

from nqtrack.reports import render_pdf

TEXT = "Báo cáo sơ kết: độ che phủ rừng"


def _docx() -> bytes:
    document = Document()
    document.add_paragraph(TEXT)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).strip()


def test_the_second_conversion_starts_from_the_kept_profile(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.VAR_DIR = tmp_path
    template = render_pdf.profile_template(render_pdf.soffice_path())
    assert template.parent == tmp_path / "cache" / "libreoffice"
    started_with: list[bool] = []  # per conversion: did its profile hold LibreOffice's settings already?
    run = subprocess.run

    def watched(command: list[str], **kwargs: Any) -> Any:
        [profile] = [
            Path(a.removeprefix("-env:UserInstallation=file://")) for a in command if "UserInst" in a
        ]
        started_with.append((profile / "user" / "registrymodifications.xcu").is_file())
        return run(command, **kwargs)

    monkeypatch.setattr(subprocess, "run", watched)

    assert not template.exists()
    first = render_pdf.docx_to_pdf(_docx())
    assert (template / "user" / "registrymodifications.xcu").is_file()
    assert not (template / ".lock").exists()
    # Nothing of the document is kept with the settings: neither its words nor its file's name.
    kept = b"".join(p.read_bytes() for p in template.rglob("*") if p.is_file())
    assert b"bao-cao" not in kept
    assert "che phủ".encode() not in kept
    assert list(template.parent.iterdir()) == [template]  # no staging folder left behind

    second = render_pdf.docx_to_pdf(_docx())
    assert started_with == [False, True]
    assert _text(first) == _text(second) == TEXT

"""`nqtrack report`: the report written to a file; every bad option gets a Vietnamese message."""

from __future__ import annotations

import subprocess
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.programmes.models import Programme
from nqtrack.reports.models import Report, ReportState
from tests.grants import grant

pytestmark = pytest.mark.django_db


def _report(
    out: Path, *extra: str, kind: str = "so-ket", fmt: str = "docx", as_of: str = "2025-12-31"
) -> str:
    stdout = StringIO()
    call_command(
        "report", "--as-of", as_of, "--kind", kind, "--format", fmt, "--out", str(out), *extra, stdout=stdout
    )
    return stdout.getvalue()


def test_it_writes_the_word_report(loaded: Programme, tmp_path: Path) -> None:
    grant(get_user_model().objects.create_user(username="bob"), Role.PROGRAMME_MANAGER, ScopeSelection())
    out = tmp_path / "so-ket.docx"
    printed = _report(out, "--user", "bob")
    report = Report.objects.select_related("requested_by").get()
    assert report.requested_by is not None
    assert report.content is not None
    size = format_vn_number(report.size, 0)  # "626.845": a dot between thousands
    assert printed == (
        f"Đã ghi bao-cao-so-ket-2022-2025-bac-giang-11-nqtw.docx ({size} byte) vào {out}.\n"
        "12 chỗ cần hoàn thiện (tô vàng, bắt đầu bằng “[Cần bổ sung”).\n"
    )
    assert (report.state, report.requested_via, report.requested_by.get_username()) == (
        ReportState.DONE,
        "cli",
        "bob",
    )
    doc = Document(BytesIO(out.read_bytes()))
    assert doc.paragraphs[1].text == "BÁO CÁO"
    assert out.read_bytes() == bytes(report.content)


def test_it_writes_the_pdf(loaded: Programme, tmp_path: Path) -> None:
    out = tmp_path / "nam-2025.pdf"
    _report(out, kind="annual", fmt="pdf")
    assert out.read_bytes().startswith(b"%PDF-")
    printed = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True, text=True).stdout
    # lines joined (the subject wraps); a non-breaking hyphen read as the hyphen it shows
    text = " ".join(printed.split()).replace("\u2011", "-")
    assert "Kết quả năm 2025 thực hiện Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW" in text
    assert "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026" in text


def test_it_writes_the_excel_annex(loaded: Programme, tmp_path: Path) -> None:
    out = tmp_path / "phu-luc.xlsx"
    _report(out, "--from", "2021", kind="tong-ket", fmt="xlsx")
    book = load_workbook(out)
    assert book["Phụ lục 1 - Chỉ tiêu"]["A2"].value == (
        "Tổng kết thực hiện Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW ngày 10/02/2022 của "
        "Bộ Chính trị về phương hướng phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh vùng trung du "
        "và miền núi Bắc Bộ đến năm 2030, tầm nhìn đến năm 2045 (giai đoạn 2021–2025) "
        "(số liệu đến 31/12/2025)"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "quy"}, "--kind phải là một trong: so-ket, tong-ket, annual (nhận được 'quy')."),
        ({"fmt": "odt"}, "--format phải là một trong: docx, pdf, xlsx (nhận được 'odt')."),
        ({"as_of": "31/12/2025"}, "--as-of '31/12/2025' không phải ngày dạng YYYY-MM-DD."),
        ({"extra": ("--programme", "khong-co")}, "Chưa nạp chương trình 'khong-co'."),
        ({"extra": ("--template", "Mẫu X")}, "Không có mẫu tên 'Mẫu X' (xem trang /bao-cao/mau/)."),
        ({"extra": ("--user", "carol")}, "Không có người dùng 'carol'."),
        (
            {"extra": ("--from", "2026")},
            "Báo cáo sơ kết cần ít nhất một năm thực hiện: năm bắt đầu 2026, ngày số liệu 31/12/2025.",
        ),
    ],
)
def test_bad_options_are_refused_and_nothing_is_written(
    programme: Programme, tmp_path: Path, options: dict[str, Any], message: str
) -> None:
    out = tmp_path / "x.docx"
    with pytest.raises(CommandError) as caught:
        _report(
            out,
            *options.get("extra", ()),
            kind=options.get("kind", "so-ket"),
            fmt=options.get("fmt", "docx"),
            as_of=options.get("as_of", "2025-12-31"),
        )
    assert str(caught.value) == message
    assert (Report.objects.count(), out.exists()) == (0, False)


def test_an_unwritable_file_is_reported(loaded: Programme, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        _report(tmp_path / "khong-co" / "x.xlsx", fmt="xlsx")
    assert (
        str(caught.value)
        == f"Không ghi được tệp {tmp_path / 'khong-co' / 'x.xlsx'}: No such file or directory"
    )

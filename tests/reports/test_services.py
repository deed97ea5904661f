"""Asking for a report, making it, recording what went wrong; uploading templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO
from typing import Any
from zipfile import ZipFile

import pytest
from django.contrib.auth import get_user_model
from docx import Document

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.domain.report_content import ReportKind
from nqtrack.programmes.models import Programme
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE
from nqtrack.reports.models import Report, ReportFormat, ReportState, ReportTemplate
from nqtrack.reports.services import (
    ReportRejected,
    report_create,
    report_request,
    report_run,
    template_upload,
)
from nqtrack.reports.tasks import enqueue_report
from tests.grants import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice() -> Any:
    """A programme manager: who asks for reports and uploads templates (docs/security.md)."""
    return grant(
        get_user_model().objects.create_user(username="alice"), Role.PROGRAMME_MANAGER, ScopeSelection()
    )


def _file(report_id: int) -> bytes:
    content = Report.objects.get(pk=report_id).content
    assert content is not None
    return bytes(content)


def _choices(programme: Programme, **overrides: Any) -> dict[str, Any]:
    choices: dict[str, Any] = {
        "programme": programme,
        "as_of": date(2025, 12, 31),
        "kind": ReportKind.SO_KET,
        "format": ReportFormat.XLSX,
    }
    return choices | overrides


def test_a_report_is_recorded_then_made(loaded: Programme, alice: Any) -> None:
    report = report_create(user=alice, **_choices(loaded, format=ReportFormat.DOCX))
    assert (report.state, report.first_year, report.last_year, report.requested_by) == (
        ReportState.QUEUED,
        2022,
        2025,
        alice,
    )
    done = report_run(report_id=report.pk)
    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.progress, stored.step, stored.error) == (ReportState.DONE, 100, "", "")
    assert stored.filename == "bao-cao-so-ket-2022-2025-bac-giang-11-nqtw.docx"
    assert stored.size == len(_file(report.pk)) == done.size
    doc = Document(BytesIO(_file(report.pk)))
    assert doc.paragraphs[2].text.startswith("Sơ kết 3 năm thực hiện Chương trình hành động")
    assert len(doc.inline_shapes) == 6  # the charts of the judged targets not yet achieved
    # the places the officer must write, highlighted in the file and counted on the report
    assert stored.to_complete == 12


def test_a_request_is_made_in_the_background_once_committed(
    loaded: Programme, alice: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = report_request(enqueue=enqueue_report, user=alice, **_choices(loaded))
        assert Report.objects.get(pk=report.pk).state == ReportState.QUEUED  # nothing runs before commit
    assert len(callbacks) == 1
    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.filename) == (
        ReportState.DONE,
        "bao-cao-so-ket-2022-2025-bac-giang-11-nqtw.xlsx",
    )
    assert "xl/workbook.xml" in ZipFile(BytesIO(_file(report.pk))).namelist()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"first_year": 2025},
            "Báo cáo sơ kết cần ít nhất một năm thực hiện: năm bắt đầu 2025, ngày số liệu 31/12/2025.",
        ),
        (
            {"kind": ReportKind.TONG_KET, "as_of": date(2022, 3, 1)},
            "Báo cáo tổng kết cần ít nhất một năm thực hiện: năm bắt đầu 2022, ngày số liệu 01/03/2022.",
        ),
    ],
)
def test_impossible_periods_are_refused_and_nothing_is_recorded(
    programme: Programme, alice: Any, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(ReportRejected) as caught:
        report_create(user=alice, **_choices(programme, **overrides))
    assert str(caught.value) == message
    assert Report.objects.count() == 0


def test_a_word_template_cannot_shape_the_excel_annex(programme: Programme, alice: Any) -> None:
    template = ReportTemplate.objects.create(name="Mẫu A", filename="a.docx", content=b"")
    with pytest.raises(ReportRejected) as caught:
        report_create(user=alice, template=template, **_choices(programme))
    assert (
        str(caught.value) == "Mẫu Word chỉ dùng cho báo cáo Word hoặc PDF; phụ lục Excel có bố cục cố định."
    )
    assert Report.objects.count() == 0


def test_a_template_that_fails_is_recorded_on_the_report(programme: Programme, alice: Any) -> None:
    # A template stored before a change of field names: it no longer renders.
    broken = ReportTemplate.objects.create(name="Cũ", filename="cu.docx", content=b"not a docx")
    report = report_create(user=alice, template=broken, **_choices(programme, format=ReportFormat.DOCX))
    report_run(report_id=report.pk)
    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.error, stored.content, stored.filename) == (
        ReportState.FAILED,
        "Tệp mẫu không phải là tệp Word (DOCX) hợp lệ.",
        None,
        "",
    )
    assert stored.finished_at is not None


def _docx(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def test_the_built_in_template_can_be_uploaded_as_an_office_template(
    programme: Programme, alice: Any
) -> None:
    data = BUILTIN_TEMPLATE.read_bytes()
    template = template_upload(
        user=alice, programme=programme, name=" Mẫu Văn phòng ", filename="vp.docx", data=data
    )
    stored = ReportTemplate.objects.get()
    assert (stored.pk, stored.name, stored.filename, stored.uploaded_by) == (
        template.pk,
        "Mẫu Văn phòng",
        "vp.docx",
        alice,
    )
    assert bytes(stored.content) == data


@pytest.mark.parametrize(
    ("name", "filename", "data", "message"),
    [
        ("A", "mau.doc", b"x", "Tệp mau.doc không phải tệp Word .docx."),
        ("", "mau.docx", b"x", "Cần đặt tên cho mẫu."),
        ("A", "mau.docx", b"x" * (5 * 1024 * 1024 + 1), "Tệp mẫu lớn hơn 5 MB."),
        ("A", "mau.docx", b"x", "Mẫu mau.docx: Tệp mẫu không phải là tệp Word (DOCX) hợp lệ."),
        (
            "A",
            "mau.docx",
            _docx("{{ report.nguoi_ky }}"),
            "Mẫu mau.docx: Mẫu dùng một trường không có trong báo cáo: “nguoi_ky”.",
        ),
    ],
)
def test_a_bad_template_is_refused_and_nothing_is_stored(
    programme: Programme, alice: Any, name: str, filename: str, data: bytes, message: str
) -> None:
    with pytest.raises(ReportRejected) as caught:
        template_upload(user=alice, programme=programme, name=name, filename=filename, data=data)
    assert str(caught.value) == message
    assert ReportTemplate.objects.count() == 0


def test_an_uploaded_template_shapes_the_report(loaded: Programme, alice: Any) -> None:
    data = _docx(
        "{{ report.header.organ }}",
        "{{ report.targets|length }} chỉ tiêu, {{ report.tasks|length }} nhiệm vụ",
    )
    template = template_upload(user=alice, programme=loaded, name="Ngắn", filename="ngan.docx", data=data)
    report = report_create(user=alice, template=template, **_choices(loaded, format=ReportFormat.DOCX))
    report_run(report_id=report.pk)
    doc = Document(BytesIO(_file(report.pk)))
    assert [p.text for p in doc.paragraphs] == ["TỈNH ỦY BẮC GIANG", "29 chỉ tiêu, 39 nhiệm vụ"]

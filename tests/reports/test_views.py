"""The report pages: ask for a report, follow it, download it; upload a template."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.programmes.models import Programme
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE
from nqtrack.reports.models import Report, ReportState, ReportTemplate
from tests.grants import grant

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def alice() -> Any:
    """A programme manager: who asks for reports and uploads templates (docs/security.md)."""
    user = get_user_model().objects.create_user(username="alice", first_name="Alice", last_name="Nguyễn")
    return grant(user, Role.PROGRAMME_MANAGER, ScopeSelection())


@pytest.fixture
def signed_in(client: Client, alice: Any) -> Client:
    client.force_login(alice)
    return client


def _stored(programme: Programme, **fields: Any) -> Report:
    """A report as a worker leaves it, part-way or failed."""
    return Report.objects.create(
        programme=programme,
        kind="annual",
        first_year=2025,
        last_year=2025,
        as_of="2025-12-31",
        format="pdf",
        **fields,
    )


def _form(programme: Programme, **overrides: str) -> dict[str, Any]:
    data = {
        "programme": str(programme.pk),
        "kind": "so-ket",
        "as_of": "2025-12-31",
        "first_year": "",
        "format": "docx",
    }
    return data | overrides


@pytest.mark.parametrize(
    "url",
    [
        "/bao-cao/",
        "/bao-cao/1/",
        "/bao-cao/1/tien-do/",
        "/bao-cao/1/tai-ve/",
        "/bao-cao/mau/",
        "/bao-cao/mau/mac-dinh.docx",
    ],
)
def test_every_page_needs_a_signed_in_user(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_report_is_asked_for_made_and_downloaded(
    signed_in: Client, loaded: Programme, alice: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post("/bao-cao/tao/", _form(loaded))
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/bao-cao/{report.pk}/"
    assert (report.state, report.requested_by, report.requested_via) == (ReportState.DONE, alice, "web")

    page = signed_in.get(f"/bao-cao/{report.pk}/").content.decode()
    assert f'href="/bao-cao/{report.pk}/tai-ve/"' in page
    assert "bao-cao-so-ket-2022-2025-bac-giang-11-nqtw.docx" in page
    assert "hx-get" not in page  # finished: no more polling
    assert 'data-to-complete="12"' in page
    assert "12 chỗ cần hoàn thiện (tô vàng, bắt đầu bằng “[Cần bổ sung”)." in page

    listing = signed_in.get("/bao-cao/").content.decode()
    assert f'data-report="{report.pk}"' in listing
    assert f'<a href="/bao-cao/{report.pk}/">Sơ kết 3 năm 2022–2025</a>' in listing
    assert "Alice Nguyễn" in listing
    assert "31/12/2025" in listing

    download = signed_in.get(f"/bao-cao/{report.pk}/tai-ve/")
    assert download["Content-Type"] == DOCX
    assert (
        download["Content-Disposition"]
        == 'attachment; filename="bao-cao-so-ket-2022-2025-bac-giang-11-nqtw.docx"'
    )
    body = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert Document(BytesIO(body)).paragraphs[1].text == "BÁO CÁO"


def test_a_report_being_made_shows_its_progress_and_polls(signed_in: Client, programme: Programme) -> None:
    report = _stored(
        programme, state=ReportState.RUNNING, progress=70, step="Đang chuyển sang PDF (LibreOffice)"
    )
    fragment = signed_in.get(f"/bao-cao/{report.pk}/tien-do/").content.decode()
    assert f'hx-get="/bao-cao/{report.pk}/tien-do/"' in fragment
    assert 'hx-trigger="every 2s"' in fragment
    assert '<progress max="100" value="70"' in fragment
    assert "Đang chuyển sang PDF (LibreOffice)" in fragment
    assert signed_in.get(f"/bao-cao/{report.pk}/tai-ve/").status_code == 404


def test_a_failed_report_shows_why(signed_in: Client, programme: Programme) -> None:
    report = _stored(
        programme, state=ReportState.FAILED, error="Tệp mẫu không phải là tệp Word (DOCX) hợp lệ."
    )
    page = signed_in.get(f"/bao-cao/{report.pk}/").content.decode()
    assert '<p class="error" role="alert">Tệp mẫu không phải là tệp Word (DOCX) hợp lệ.</p>' in page
    assert "hx-get" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"as_of": "31-12-2025"}, "Ngày không hợp lệ: chọn ngày hoặc nhập dạng 31/12/2025."),
        (
            {"format": "odt"},
            "Hãy chọn một lựa chọn hợp lệ. odt không phải là một trong các lựa chọn khả thi.",
        ),
        (
            {"first_year": "2025"},
            "Báo cáo sơ kết cần ít nhất một năm thực hiện: năm bắt đầu 2025, ngày số liệu 31/12/2025.",
        ),
    ],
)
def test_a_bad_request_is_refused_with_a_message_and_nothing_is_recorded(
    signed_in: Client, programme: Programme, overrides: dict[str, str], message: str
) -> None:
    response = signed_in.post("/bao-cao/tao/", _form(programme, **overrides))
    assert response.status_code == 400
    assert f'<p class="error" role="alert">{message}</p>' in response.content.decode()
    assert Report.objects.count() == 0


def test_an_unknown_report_is_not_found(signed_in: Client) -> None:
    assert signed_in.get("/bao-cao/999/").status_code == 404


def test_the_built_in_template_can_be_downloaded(signed_in: Client) -> None:
    response = signed_in.get("/bao-cao/mau/mac-dinh.docx")
    assert response["Content-Disposition"] == 'attachment; filename="mau-bao-cao-nqtrack.docx"'
    assert b"".join(response.streaming_content) == BUILTIN_TEMPLATE.read_bytes()  # type: ignore[attr-defined]


def test_an_office_uploads_its_template(signed_in: Client, programme: Programme, alice: Any) -> None:
    upload = SimpleUploadedFile("van-phong.docx", BUILTIN_TEMPLATE.read_bytes(), content_type=DOCX)
    response = signed_in.post(
        "/bao-cao/mau/", {"name": "Mẫu Văn phòng Tỉnh ủy", "programme": str(programme.pk), "file": upload}
    )
    assert (response.status_code, response["Location"]) == (302, "/bao-cao/mau/")
    template = ReportTemplate.objects.get()
    assert (template.name, template.filename, template.uploaded_by) == (
        "Mẫu Văn phòng Tỉnh ủy",
        "van-phong.docx",
        alice,
    )
    page = signed_in.get("/bao-cao/mau/").content.decode()
    assert "Đã lưu mẫu “Mẫu Văn phòng Tỉnh ủy”." in page
    assert f'href="/bao-cao/mau/{template.pk}/tai-ve/">van-phong.docx</a>' in page
    assert "Mẫu Văn phòng Tỉnh ủy" in signed_in.get("/bao-cao/").content.decode()  # offered in the form


def test_a_bad_template_upload_is_refused_and_nothing_is_stored(
    signed_in: Client, programme: Programme
) -> None:
    upload = SimpleUploadedFile("ghi-chu.txt", b"hello", content_type="text/plain")
    response = signed_in.post("/bao-cao/mau/", {"name": "X", "programme": str(programme.pk), "file": upload})
    assert response.status_code == 400
    assert (
        '<p class="error" role="alert">Tệp ghi-chu.txt không phải tệp Word .docx.</p>'
        in response.content.decode()
    )
    assert ReportTemplate.objects.count() == 0

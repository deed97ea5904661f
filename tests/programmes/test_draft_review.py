"""The review page of a drafted programme (/chuong-trinh/du-thao/): upload, review, correct, load.

The seed document (``programmes/bac-giang-11-nqtw.source.txt``) is uploaded by the programme manager
beside the loaded seed programme (the ``cast`` fixture), reviewed under another code, and loaded; nothing
is in the programme tables before the load, and every refusal leaves the database as it was.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter
from pytest_django.fixtures import Settings

from nqtrack.drafting.models import ProgrammeDraft
from nqtrack.drafting.views import Review
from nqtrack.programmes.models import Indicator, Milestone, Programme, Target, Task
from tests.accounts.conftest import Cast, client_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "programmes" / "bac-giang-11-nqtw.source.txt"
NEW_CODE = "bac-giang-11-nqtw-ban-nhap"


def _tables() -> dict[str, int]:
    """Row counts of the programme tables and the drafts (a refusal must leave them all as they were)."""
    names = [
        "programmes_programme",
        "programmes_indicator",
        "programmes_target",
        "programmes_milestone",
        "programmes_task",
        "programmes_assignment",
        "drafting_programmedraft",
    ]
    with connection.cursor() as cursor:
        found = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {name}")  # noqa: S608 - names from the list above
            found[name] = cursor.fetchone()[0]
    return found


def _blank_pdf() -> bytes:
    """A PDF page without a text layer, as a scan is."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _upload(client: Client, name: str, content: bytes) -> Any:
    return client.post(reverse("drafting:drafts"), {"tep": SimpleUploadedFile(name, content)})


def _seed_draft(client: Client) -> ProgrammeDraft:
    response = _upload(client, SOURCE.name, SOURCE.read_bytes())
    assert response.status_code == 302
    draft = ProgrammeDraft.objects.get()
    assert response["Location"] == reverse("drafting:review", kwargs={"pk": draft.pk})
    return draft


def _form_data(response: Any) -> dict[str, str]:
    """What the page's form posts when nothing is changed: every field's shown value."""
    review: Review = response.context["review"]
    data = {"fingerprint": response.context["fingerprint"]}
    for form in review.forms():
        for bound in form:
            value = bound.field.prepare_value(bound.value())
            data[bound.html_name] = "" if value is None else str(value)
    return data


def _field(response: Any, code: str) -> str:
    """The form prefix of the drafted target ``code``."""
    review: Review = response.context["review"]
    return next(t.anchor for row in review.indicators for t in row.targets if t.target["code"] == code)


def test_the_manager_reviews_corrects_and_loads_the_seed_document(cast: Cast) -> None:
    client = client_for(cast, "manager")
    before = _tables()
    draft = _seed_draft(client)
    page = client.get(reverse("drafting:review", kwargs={"pk": draft.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    assert len(re.findall(r'<div class="draft-item" id="muc-t\d+">', html)) == 29
    assert len(re.findall(r'<a class="src[^"]*" id="nguon-t\d+" href="#muc-t\d+">', html)) == 29
    assert (
        '<a class="src uncertain" id="nguon-t' in html
    )  # "công nghiệp chiếm 60%": its comparator is borrowed
    assert "⚠ CHƯA CHẮC: so sánh lấy theo chỉ tiêu chứa nó (about)" in html
    assert re.search(r'id="nguon-(t\d+)" href="#muc-\1">dịch vụ chiếm 24-25%</a>', html)
    assert "Bản nháp có 29 chỉ tiêu, 6 mốc, 33 nhiệm vụ, 6 phân công; 4 mục chưa chắc." in html
    assert _tables() == before | {"drafting_programmedraft": 1}  # nothing in the programme tables

    data = _form_data(page)
    data["code"] = NEW_CODE
    dropped = _field(page, "thue_san_pham_2030")
    corrected = _field(page, "dich_vu_2030")
    data[f"{dropped}-action"] = "bo"
    data[f"{corrected}-comparator"] = "about"
    data[f"{corrected}-low"] = "24,5"
    data[f"{corrected}-high"] = "25,5"
    saved = client.post(reverse("drafting:review", kwargs={"pk": draft.pk}), data)
    assert saved.status_code == 302
    assert _tables() == before | {"drafting_programmedraft": 1}  # still nothing loaded

    loaded = client.post(reverse("drafting:load", kwargs={"pk": draft.pk}))
    assert loaded.status_code == 302
    programme = Programme.objects.get(code=NEW_CODE)
    targets = Target.objects.filter(indicator__programme=programme)
    assert targets.count() == 28
    assert not targets.filter(code="thue_san_pham_2030").exists()
    assert not Indicator.objects.filter(programme=programme, code="thue_san_pham").exists()
    service = targets.get(code="dich_vu_2030")
    assert (service.comparator, service.low, service.high, service.year) == ("about", 24.5, 25.5, 2030)
    assert Indicator.objects.filter(programme=programme).count() == 28  # one indicator a target, as drafted
    assert Milestone.objects.filter(group__programme=programme).count() == 6
    assert Task.objects.filter(group__programme=programme).count() == 33
    assert programme.assignments.count() == 6
    assert Programme.objects.count() == 2  # the seed programme beside it, unchanged
    assert Target.objects.filter(indicator__programme=cast.programme).count() == 29
    draft.refresh_from_db()
    assert draft.loaded_code == NEW_CODE


def test_a_reporter_is_refused_and_nothing_changes(cast: Cast) -> None:
    manager = client_for(cast, "manager")
    draft = _seed_draft(manager)
    before = _tables()
    reporter = client_for(cast, "district_reporter")
    assert _upload(reporter, SOURCE.name, SOURCE.read_bytes()).status_code == 403
    for name in ("review", "download"):
        assert reporter.get(reverse(f"drafting:{name}", kwargs={"pk": draft.pk})).status_code == 403
    for name in ("load", "delete"):
        assert reporter.post(reverse(f"drafting:{name}", kwargs={"pk": draft.pk})).status_code == 403
    assert _tables() == before


def test_a_draft_is_its_owners_alone(cast: Cast) -> None:
    draft = _seed_draft(client_for(cast, "manager"))
    before = _tables()
    admin = client_for(cast, "admin")
    assert admin.get(reverse("drafting:review", kwargs={"pk": draft.pk})).status_code == 404
    assert admin.post(reverse("drafting:load", kwargs={"pk": draft.pk}), {"thay": "1"}).status_code == 404
    assert _tables() == before


def test_loading_over_the_loaded_programme_needs_its_confirmation(cast: Cast) -> None:
    client = client_for(cast, "manager")
    draft = _seed_draft(client)  # the seed document drafts to the seed programme's code
    before = _tables()
    refused = client.post(reverse("drafting:load", kwargs={"pk": draft.pk}))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "✗ Chưa nạp: bản nháp còn 1 lỗi, không ghi gì vào hệ thống." in html
    assert (
        "tệp (code): Đã có chương trình mã “bac-giang-11-nqtw”: nạp bản nháp sẽ thay chương trình đó. "
        "Hãy đổi mã chương trình, hoặc đánh dấu “Thay chương trình đã nạp”."
    ) in html
    assert _tables() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "chuong-trinh.xlsx",
            b"PK\x03\x04",
            "Không đọc được tệp chuong-trinh.xlsx: chỉ nhận văn bản .docx, .pdf (có lớp chữ), .txt hoặc "
            ".md, hoặc bản nháp .yaml đã tải về.",
        ),
        (
            "chuong-trinh.docx",
            b"not a word file",
            "Không đọc được tệp Word chuong-trinh.docx: tệp hỏng hoặc không phải .docx.",
        ),
        (
            "ban-quet.pdf",
            _blank_pdf(),
            "Tệp PDF ban-quet.pdf không có lớp chữ (bản quét ảnh): hãy dùng bản PDF có chữ, .docx hoặc .txt.",
        ),
        ("rong.txt", b"   \n\n", "Tệp rong.txt gần như không có chữ: không có gì để lập bản nháp."),
        (
            "latin1.txt",
            "Chương trình".encode("utf-16"),
            "Tệp latin1.txt không phải văn bản UTF-8 (byte 0): hãy lưu lại dưới dạng UTF-8.",
        ),
        (
            "hong.yaml",
            b"format: nqtrack-programme/1\ncode: [x\n",
            "Tệp hong.yaml không phải bản nháp chương trình hợp lệ: 1 lỗi, không lưu gì.",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_reason(cast: Cast, name: str, content: bytes, message: str) -> None:
    client = client_for(cast, "manager")
    before = _tables()
    response = _upload(client, name, content)
    assert response.status_code == 400
    assert f"✗ {message}" in response.content.decode()
    assert _tables() == before


def test_an_oversized_file_is_refused(cast: Cast, settings: Settings) -> None:
    settings.NQTRACK_MAX_UPLOAD_BYTES = 1000
    before = _tables()
    response = _upload(client_for(cast, "manager"), SOURCE.name, SOURCE.read_bytes())
    assert response.status_code == 400
    size = round(len(SOURCE.read_bytes()) / 1024)
    assert (
        f"✗ Tệp &#x27;{SOURCE.name}&#x27; dung lượng {size} KB, vượt giới hạn 1 KB. Hãy chia thành nhiều "
        "tệp nhỏ hơn."
    ) in response.content.decode()
    assert _tables() == before


def test_the_downloaded_draft_uploaded_again_gives_the_same_draft(cast: Cast) -> None:
    client = client_for(cast, "manager")
    draft = _seed_draft(client)
    downloaded = client.get(reverse("drafting:download", kwargs={"pk": draft.pk}))
    assert downloaded.status_code == 200
    assert downloaded["Content-Disposition"] == 'attachment; filename="bac-giang-11-nqtw-source.yaml"'
    content = downloaded.content
    assert content.decode() == draft.draft_yaml

    replaced = client.post(
        reverse("drafting:replace", kwargs={"pk": draft.pk}),
        {"tep": SimpleUploadedFile("ban-nhap.yaml", content)},
    )
    assert replaced.status_code == 302
    draft.refresh_from_db()
    assert draft.draft_yaml == content.decode()  # the items, their sources and doubts as they were

    again = _upload(client, "ban-nhap.yaml", content)
    assert again.status_code == 302
    second = ProgrammeDraft.objects.exclude(pk=draft.pk).get()
    assert second.draft_yaml == draft.draft_yaml
    assert second.document_text == ""


def test_a_broken_draft_file_is_refused_and_the_draft_stays(cast: Cast) -> None:
    client = client_for(cast, "manager")
    draft = _seed_draft(client)
    kept = draft.draft_yaml
    before = _tables()
    broken = kept.replace("comparator: about\n", "comparator: around\n", 1)
    response = client.post(
        reverse("drafting:replace", kwargs={"pk": draft.pk}),
        {"tep": SimpleUploadedFile("sua.yaml", broken.encode())},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "✗ Tệp sua.yaml không phải bản nháp chương trình hợp lệ: 1 lỗi, không lưu gì." in html
    assert (
        "dòng 81 (indicator_groups.0.indicators.0.targets.0.comparator): "
        "giá trị không hợp lệ: &#x27;around&#x27;" in html
    )
    draft.refresh_from_db()
    assert draft.draft_yaml == kept
    assert _tables() == before


def test_an_indicator_in_the_catalogue_is_proposed_for_reuse(cast: Cast) -> None:
    client = client_for(cast, "manager")
    draft = _seed_draft(client)
    page = client.get(reverse("drafting:review", kwargs={"pk": draft.pk}))
    data = _form_data(page)
    data["code"] = NEW_CODE  # another programme: the seed's indicators become the catalogue
    assert client.post(reverse("drafting:review", kwargs={"pk": draft.pk}), data).status_code == 302
    page = client.get(reverse("drafting:review", kwargs={"pk": draft.pk}))
    review: Review = page.context["review"]
    forest = next(row for row in review.indicators if row.indicator["name"] == "Tỷ lệ che phủ rừng")
    assert [i.code for i in forest.matches] == ["forest_cover"]
    data = _form_data(page)
    data[f"{forest.form.prefix}-reuse"] = "forest_cover"
    assert client.post(reverse("drafting:review", kwargs={"pk": draft.pk}), data).status_code == 302
    assert client.post(reverse("drafting:load", kwargs={"pk": draft.pk})).status_code == 302
    seed = Indicator.objects.get(code="forest_cover")
    loaded = Indicator.objects.get(programme__code=NEW_CODE, name="Tỷ lệ che phủ rừng")
    assert (loaded.statistics_keys, loaded.unit) == (seed.statistics_keys, seed.unit)
    assert loaded.statistics_keys


def test_a_word_document_is_drafted_as_its_text(cast: Cast) -> None:
    document = docx.Document()
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    client = client_for(cast, "manager")
    response = _upload(client, "chuong-trinh.docx", out.getvalue())
    assert response.status_code == 302
    page = client.get(response["Location"])
    review: Review = page.context["review"]
    assert sum(len(row.targets) for row in review.indicators) == 29

"""Offices' templates cannot crash or hang the server (issue "No leaks, no crashes").

- XML parts with a DOCTYPE ("billion laughs" entity expansion, external entities) are refused before any
  parser reads them, as are zip bombs;
- rendering is limited: values the template makes, ``range()``, loop steps, output and time;
- every template error is reported in Vietnamese, never with Jinja's English message.

A refused template is never stored.
"""

from __future__ import annotations

import time
import zipfile
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape
from docx import Document

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.domain.report_content import ReportKind
from nqtrack.programmes.models import Programme
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE
from nqtrack.reports.models import Report, ReportFormat, ReportState, ReportTemplate
from nqtrack.reports.services import ReportRejected, report_create, report_run, template_upload
from nqtrack.reports.template_package import docx_problem
from tests.grants import grant

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_LEVELS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
LAUGHS = f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{_LEVELS}]>'


def doctype_message(part: str) -> str:
    return (
        f"Tệp mẫu có phần {part} khai báo DOCTYPE hoặc thực thể XML (<!DOCTYPE>, <!ENTITY>). Word không bao "
        "giờ ghi những khai báo này và chúng có thể làm treo máy chủ (“billion laughs”), nên mẫu không được "
        "nhận. Hãy mở tệp bằng Word, lưu lại rồi tải lên."
    )


TOO_BIG = (
    "Mẫu tạo ra một giá trị quá lớn (hơn 1.000.000 ký tự hoặc phần tử), chẳng hạn khi nhân một chuỗi với "
    "một số lớn; không được phép."
)
TOO_MANY_ITERATIONS = (
    "Các vòng lặp của mẫu chạy quá 1.000.000 lần; kiểm tra các vòng lặp {% for %} lồng nhau."
)
TOO_MUCH_OUTPUT = (
    "Mẫu tạo ra văn bản quá lớn (quá 20.000.000 ký tự); kiểm tra các vòng lặp {% for %} và các phép nhân "
    "chuỗi."
)


@pytest.fixture
def alice() -> Any:
    """A programme manager: who uploads templates (docs/security.md)."""
    return grant(
        get_user_model().objects.create_user(username="alice"), Role.PROGRAMME_MANAGER, ScopeSelection()
    )


def _docx(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _rewrite(data: bytes, part: str, change: Any) -> bytes:
    """``data`` with one part changed by ``change(bytes) -> bytes``."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == part else content)
    return out.getvalue()


def _with_doctype(data: bytes, part: str, doctype: str = LAUGHS, reference: str = "&lol9;") -> bytes:
    def change(content: bytes) -> bytes:
        declaration, _end, rest = content.decode("utf-8").partition("?>")
        if reference and part == "word/document.xml":
            rest = rest.replace("<w:t>", f"<w:t>{reference}", 1)
        return (declaration + "?>" + doctype + rest).encode("utf-8")

    return _rewrite(data, part, change)


def _refused(alice: Any, programme: Programme, data: bytes, filename: str = "mau.docx") -> str:
    with pytest.raises(ReportRejected) as caught:
        template_upload(user=alice, programme=programme, name="Mẫu", filename=filename, data=data)
    assert ReportTemplate.objects.count() == 0
    return str(caught.value)


# -- XML entity expansion and zip bombs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "part",
    [
        "word/document.xml",
        "word/styles.xml",
        "[Content_Types].xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
        "customXml/item1.xml",
    ],
)
def test_a_billion_laughs_template_is_refused_at_once(alice: Any, programme: Programme, part: str) -> None:
    started = time.monotonic()
    message = _refused(alice, programme, _with_doctype(_docx("{{ report.subject }}"), part), "bom.docx")
    assert message == f"Mẫu bom.docx: {doctype_message(part)}"
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',  # an external entity
        "<!DOCTYPE w:document>",  # a declaration alone
        '<!DOCTYPE w:document [<!ENTITY big "' + "x" * 10_000 + '">]>',  # quadratic blow-up
    ],
)
def test_any_doctype_is_refused(alice: Any, programme: Programme, doctype: str) -> None:
    data = _with_doctype(_docx("{{ report.subject }}"), "word/document.xml", doctype, reference="")
    assert _refused(alice, programme, data) == f"Mẫu mau.docx: {doctype_message('word/document.xml')}"


def test_a_doctype_in_utf16_is_refused(alice: Any, programme: Programme) -> None:
    def utf16(content: bytes) -> bytes:
        text = content.decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
        declaration, _end, rest = text.partition("?>")
        return (declaration + "?>" + LAUGHS + rest).encode("utf-16")

    data = _rewrite(_docx("x"), "word/settings.xml", utf16)
    assert _refused(alice, programme, data) == f"Mẫu mau.docx: {doctype_message('word/settings.xml')}"


def test_a_part_declared_xml_under_another_name_is_checked(alice: Any, programme: Programme) -> None:
    def declare(content: bytes) -> bytes:
        return content.replace(
            b"</Types>",
            b'<Override PartName="/word/extra.dat" ContentType="application/vnd.openxmlformats-'
            b'officedocument.wordprocessingml.comments+xml"/></Types>',
        )

    data = _rewrite(_docx("x"), "[Content_Types].xml", declare)
    with_part = BytesIO(data)
    with zipfile.ZipFile(with_part, "a") as archive:
        archive.writestr("word/extra.dat", "<?xml version='1.0'?>" + LAUGHS + "<w:comments/>")
    assert _refused(alice, programme, with_part.getvalue()) == (
        f"Mẫu mau.docx: {doctype_message('word/extra.dat')}"
    )


def test_broken_xml_is_refused(alice: Any, programme: Programme) -> None:
    data = _rewrite(_docx("x"), "word/document.xml", lambda content: content[: len(content) // 2])
    assert _refused(alice, programme, data) == (
        "Mẫu mau.docx: Tệp mẫu có phần word/document.xml không phải XML hợp lệ: tệp Word bị hỏng."
    )


def test_a_zip_bomb_is_refused(alice: Any, programme: Programme) -> None:
    out = BytesIO(_docx("x"))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/bom.bin", bytes(60 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 5 * 1024 * 1024
    assert _refused(alice, programme, data) == (  # 60 MB and the 0,8 MB of python-docx's own template
        "Mẫu mau.docx: Tệp mẫu khi giải nén lên tới 60,8 MB, vượt giới hạn 50,0 MB "
        "(có thể là tệp nén độc hại)."
    )


def test_a_part_compressed_beyond_reason_is_refused(alice: Any, programme: Programme) -> None:
    out = BytesIO(_docx("x"))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/bom.bin", bytes(4 * 1024 * 1024))
    entry = zipfile.ZipFile(BytesIO(out.getvalue())).getinfo("word/media/bom.bin")
    assert _refused(alice, programme, out.getvalue()) == (
        "Mẫu mau.docx: Tệp mẫu có phần word/media/bom.bin nén với tỷ lệ bất thường "
        f"({entry.file_size // entry.compress_size}:1), không đọc (có thể là tệp nén độc hại)."
    )


def test_word_files_pass_the_package_check() -> None:
    assert docx_problem(BUILTIN_TEMPLATE.read_bytes()) is None
    assert docx_problem(_docx("{{ report.subject }}")) is None


def test_the_upload_page_refuses_a_billion_laughs_template(
    client: Client, alice: Any, programme: Programme
) -> None:
    client.force_login(alice)
    data = _with_doctype(_docx("x"), "word/document.xml")
    upload = SimpleUploadedFile("bom.docx", data, content_type=DOCX)
    response = client.post("/bao-cao/mau/", {"name": "Bom", "programme": str(programme.pk), "file": upload})
    assert response.status_code == 400
    assert escape(f"Mẫu bom.docx: {doctype_message('word/document.xml')}") in response.content.decode()
    assert ReportTemplate.objects.count() == 0


def test_a_stored_template_with_a_doctype_fails_the_report_with_the_message(
    programme: Programme, alice: Any
) -> None:
    """A template kept before the check: the report records the refusal; nothing crashes."""
    data = _with_doctype(_docx("x"), "word/document.xml")
    template = ReportTemplate.objects.create(name="Cũ", filename="cu.docx", content=data, uploaded_by=alice)
    report = report_create(
        user=alice,
        programme=programme,
        as_of=date(2025, 12, 31),
        kind=ReportKind.ANNUAL,
        format=ReportFormat.DOCX,
        template=template,
    )
    report_run(report_id=report.pk)
    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.error, stored.content) == (
        ReportState.FAILED,
        doctype_message("word/document.xml"),
        None,
    )


# -- limits on rendering ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ 'A'*20000000 }}", TOO_BIG),
        ("{{ [0] * 10**9 }}", TOO_BIG),
        (
            "{% for i in range(3000) %}{% for j in range(3000) %}x{% endfor %}{% endfor %}",
            TOO_MANY_ITERATIONS,
        ),
        ("{% for i in range(3000) %}{% for j in range(3000) %}{% endfor %}{% endfor %}", TOO_MANY_ITERATIONS),
        ("{{ range(200000)|length }}", "Mẫu dùng range() với hơn 100.000 phần tử; không được phép."),
        ("{% for i in range(1000) %}{{ 'x' * 30000 }}{% endfor %}", TOO_MUCH_OUTPUT),
        ("{% set s %}{% for i in range(1000) %}{{ 'x' * 30000 }}{% endfor %}{% endset %}", TOO_MUCH_OUTPUT),
        (
            "{% set n = namespace(s='x') %}{% for i in range(40) %}{% set n.s = n.s ~ n.s %}{% endfor %}",
            TOO_BIG,
        ),
        (
            "{% set n = namespace(s='x') %}{% for i in range(40) %}{% set n.s = n.s + n.s %}{% endfor %}",
            TOO_BIG,
        ),
        ("{{ '%099999999d' % 1 }}", TOO_BIG),
        ("{{ '%*d' % (99999999, 1) }}", TOO_BIG),
        ("{{ '{:>99999999}'.format('a') }}", TOO_BIG),
        ("{{ '{:{}}'.format('a', 99999999) }}", TOO_BIG),
        ("{{ '%099999999d'|format(1) }}", TOO_BIG),
        ("{{ 'a'|center(99999999) }}", TOO_BIG),
        ("{{ 'a'.ljust(99999999) }}", TOO_BIG),
        ("{{ ('a' * 1000)|replace('a', 'b' * 10000) }}", TOO_BIG),
        ("{{ ('a' * 100000).replace('a', 'b' * 100) }}", TOO_BIG),
        ("{{ ('a' * 1000).join(['b' * 1000] * 10000) }}", TOO_BIG),
        ("{{ (['b' * 100000] * 100)|join('-') }}", TOO_BIG),
        ("{{ (1).to_bytes(10**9, 'big') }}", TOO_BIG),
        ("{{ range(1)|batch(10**9, 'x')|list }}", TOO_BIG),
        ("{{ 2 ** 100000 }}", "Mẫu tạo ra một số quá lớn (hơn 1.000 chữ số); không được phép."),
        ("{{ ([[0] * 100000] * 100)|sum(start=[]) }}", "Bộ lọc sum của mẫu chỉ cộng các số."),
    ],
)
def test_a_template_that_would_exhaust_the_server_is_refused(
    alice: Any, programme: Programme, text: str, message: str
) -> None:
    started = time.monotonic()
    assert _refused(alice, programme, _docx(text)) == f"Mẫu mau.docx: {message}"
    assert time.monotonic() - started < 10


def test_rendering_has_a_time_limit(alice: Any, programme: Programme, settings: Any) -> None:
    settings.NQTRACK_TEMPLATE_SECONDS = 0.01
    text = "{% for i in range(100000) %}{% for j in range(5) %}{{ j }}{% endfor %}{% endfor %}"
    assert _refused(alice, programme, _docx(text)) == (
        "Mẫu mau.docx: Điền mẫu mất quá 0,01 giây, vượt giới hạn; kiểm tra các vòng lặp {% for %} lồng nhau."
    )


def test_a_template_within_the_limits_is_kept(alice: Any, programme: Programme) -> None:
    data = _docx(
        "{{ report.header.organ }}",
        "{%p for t in report.targets %}",
        "{{ t.number }}. {{ t.indicator|upper|center(80) }} {{ '%5.1f'|format(1.5) }} {{ '-' * 40 }}",
        "{%p endfor %}",
        "{% for i in range(1000) %}{% for j in range(100) %}{% endfor %}{% endfor %}{{ 2 ** 64 }}",
    )
    template = template_upload(user=alice, programme=programme, name="Đủ", filename="du.docx", data=data)
    assert list(ReportTemplate.objects.values_list("pk", flat=True)) == [template.pk]


def test_the_upload_page_refuses_a_huge_string(client: Client, alice: Any, programme: Programme) -> None:
    client.force_login(alice)
    upload = SimpleUploadedFile("to.docx", _docx("{{ 'A'*20000000 }}"), content_type=DOCX)
    response = client.post("/bao-cao/mau/", {"name": "To", "programme": str(programme.pk), "file": upload})
    assert response.status_code == 400
    assert f"Mẫu to.docx: {TOO_BIG}" in response.content.decode()
    assert ReportTemplate.objects.count() == 0


# -- template errors in Vietnamese ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{% for t in report.targets %}",
            "Mẫu có lỗi cú pháp ở một trường {{ … }} hoặc {% … %}: khối “for” chưa có thẻ đóng "
            "(ở đoạn “{% for t in report.targets %}”).",
        ),
        (
            "{% lap t %}",
            "Mẫu có lỗi cú pháp ở một trường {{ … }} hoặc {% … %}: không có thẻ “{% lap %}” "
            "(ở đoạn “{% lap t %}”).",
        ),
        (
            "{{ report.subject }",
            "Mẫu có lỗi cú pháp ở một trường {{ … }} hoặc {% … %}: ký tự “}” không đúng chỗ "
            "(ở đoạn “{{ report.subject }”).",
        ),
        (
            "{{ report.subject report.title }}",
            "Mẫu có lỗi cú pháp ở một trường {{ … }} hoặc {% … %}: “report” không đúng chỗ "
            "(ở đoạn “{{ report.subject report.title }}”).",
        ),
        ("{{ report.nguoi_ky }}", "Mẫu dùng một trường không có trong báo cáo: “nguoi_ky”."),
        ("{{ nguoi_ky }}", "Mẫu dùng một trường không có trong báo cáo: “nguoi_ky”."),
        ("{{ report.targets[999] }}", "Mẫu dùng một trường không có trong báo cáo: “999”."),
        ("{{ lipsum(100000) }}", "Mẫu dùng một trường không có trong báo cáo: “lipsum”."),
        ("{{ report.__class__.__mro__ }}", "Mẫu dùng một lệnh không được phép: truy cập “__class__”."),
        ("{{ {}.update(a=1) }}", "Mẫu dùng một lệnh không được phép: truy cập “update”."),
        ("{{ 1 / 0 }}", "Không điền được mẫu: một phép tính hoặc lệnh trong mẫu bị lỗi (chia cho 0)."),
        (
            "{{ 'a' + 1 }}",
            "Không điền được mẫu: một phép tính hoặc lệnh trong mẫu bị lỗi (phép tính giữa hai kiểu giá trị "
            "không hợp nhau, chẳng hạn cộng chữ với số).",
        ),
        (
            "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
            "Không điền được mẫu: một phép tính hoặc lệnh trong mẫu bị lỗi (một macro gọi lại chính nó "
            "không dừng).",
        ),
        (
            "{% include 'khac.docx' %}",
            "Mẫu không được dùng {% include %}, {% import %} hay {% extends %}: mỗi mẫu là một tệp Word "
            "trọn vẹn.",
        ),
        (
            "{{ cycler() }}",
            "Không điền được mẫu: một phép tính hoặc lệnh trong mẫu bị lỗi (lệnh không chạy được).",
        ),
        (
            "{{ report.subject|viet_hoa }}",
            "Mẫu có lỗi cú pháp ở một trường {{ … }} hoặc {% … %}: không có bộ lọc “viet_hoa” "
            "(ở đoạn “{{ report.subject|viet_hoa }}”).",
        ),
    ],
)
def test_template_errors_are_told_in_vietnamese(
    alice: Any, programme: Programme, text: str, message: str
) -> None:
    assert _refused(alice, programme, _docx(text)) == f"Mẫu mau.docx: {message}"

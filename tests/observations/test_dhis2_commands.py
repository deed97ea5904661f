"""DHIS2's options on the command line (`nqtrack import` / `nqtrack export`) and on the upload page, with
the summary the Web API's service gives; `nqtrack help dhis2-codes`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from nqtrack.cli import main
from nqtrack.observations.models import Observation, Origin
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state
from tests.observations.dhis2_payloads import NO_HEADER_CSV, SENDING, send

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def reported() -> list[tuple[str, str, str]]:
    rows = Observation.objects.filter(origin=Origin.REPORTED).order_by(
        "indicator__code", "unit__code", "period"
    )
    return [(o.indicator.code, o.period, o.value_text) for o in rows]


def test_help_of_a_hyphenated_command(capsys: pytest.CaptureFixture[str]) -> None:
    main(["help", "dhis2-codes"])
    out = capsys.readouterr().out
    assert out.startswith("usage: nqtrack dhis2_codes [-h]")
    assert "Nạp bảng mã DHIS2" in out


def test_import_a_csv_without_header_and_a_delete(coded: Programme, tmp_path: Path) -> None:
    path = tmp_path / "values.csv"
    path.write_text(NO_HEADER_CSV, encoding="utf-8")
    assert run("import", str(path), "--no-header") == (
        "values.csv (DHIS2 dataValueSets CSV): WARNING — Đã ghi các giá trị không có xung đột; "
        "các giá trị có xung đột bị bỏ qua. imported 2, updated 0, ignored 1, deleted 0.\n"
        "  [E7612] orgUnit 'BdfsJfj87js' (giá trị số 1): orgUnit 'BdfsJfj87js' không có trong bảng mã DHIS2\n"
    )
    assert reported() == [("forest_cover", "201201", "10.001"), ("forest_cover", "201202", "10.003")]
    assert run("import", str(path), "--no-header", "--strategy", "DELETE").startswith(
        "values.csv (DHIS2 dataValueSets CSV): WARNING"
    )
    assert reported() == []


def test_an_atomic_import_on_the_command_line_fails_and_writes_nothing(
    coded: Programme, tmp_path: Path
) -> None:
    path = tmp_path / "values.csv"
    path.write_text(NO_HEADER_CSV, encoding="utf-8")
    before = state()
    with pytest.raises(CommandError) as caught:
        run("import", str(path), "--no-header", "--atomic")
    assert str(caught.value).startswith(
        "values.csv (DHIS2 dataValueSets CSV): ERROR — Có xung đột: không ghi giá trị nào. "
        "imported 0, updated 0, ignored 3, deleted 0."
    )
    assert state() == before


def test_import_with_codes(coded: Programme, tmp_path: Path) -> None:
    path = tmp_path / "values.json"
    value = {"dataElement": "DE_359596", "period": "2024", "orgUnit": "OU_559", "value": "38.1"}
    path.write_text(json.dumps({"dataValues": [value]}), encoding="utf-8")
    assert run("import", str(path), "--id-scheme", "CODE").endswith(
        "imported 1, updated 0, ignored 0, deleted 0.\n"
    )
    assert reported() == [("forest_cover", "2024", "38.1")]


def test_export_with_dhis2s_parameters(coded: Programme, alice: User, tmp_path: Path) -> None:
    send(coded, alice, SENDING)
    target = tmp_path / "out.adx.xml"
    assert (
        run("export", "-o", str(target), "--format", "dhis2-adx", "--period", "201401", "--include-drafts")
        == f"{target}: 3 dòng.\n"
    )
    text = target.read_text(encoding="utf-8")
    assert '<group orgUnit="OU_559" period="2014-01-01/P1M" attributeOptionCombo="default">' in text
    assert '<dataValue dataElement="DE_359596" categoryOptionCombo="default" value="1" />' in text
    with pytest.raises(CommandError) as caught:
        run("export", "-o", str(target), "--format", "dhis2-json", "--period", "2014W1")
    assert str(caught.value) == (
        "Tham số period = '2014W1' không hợp lệ; dùng 2024, 2024S1, 2024Q1, 202401 hoặc 2024-01."
    )


def test_the_upload_page_takes_dhis2s_options_through_to_the_confirmation(
    coded: Programme, alice: User
) -> None:
    client = Client()
    client.force_login(alice)

    def upload() -> SimpleUploadedFile:
        return SimpleUploadedFile("values.csv", NO_HEADER_CSV.encode(), content_type="text/csv")

    checked = client.post("/so-lieu/nhap-tep/", {"tep": upload(), "firstRowIsHeader": "false"})
    assert checked.status_code == 200
    page = checked.content.decode()
    assert "imported 2, updated 0, ignored 1, deleted 0" in page
    assert '<input type="hidden" name="firstRowIsHeader" value="false">' in page
    assert reported() == []
    token = checked.context["token"]
    confirmed = client.post(
        "/so-lieu/nhap-tep/", {"token": token, "xac_nhan": "1", "firstRowIsHeader": "false"}
    )
    assert confirmed.status_code == 200
    assert reported() == [("forest_cover", "201201", "10.001"), ("forest_cover", "201202", "10.003")]
    bad = client.post("/so-lieu/nhap-tep/", {"tep": upload(), "idScheme": "UUID"})
    assert bad.status_code == 400
    assert (
        "Tham số idScheme = &#x27;UUID&#x27; không hợp lệ; dùng UID, CODE, NAME hoặc ATTRIBUTE:&lt;uid của "
        "thuộc tính&gt;." in bad.content.decode()
    )

"""DHIS2's idScheme family as DHIS2 reads it (UID, CODE, NAME, ATTRIBUTE:<uid>, the name in any case, the
payload's over the request's): NAME through the names of the code table, ATTRIBUTE refused since nqtrack
keeps no attribute values; and a large upload written in the background with the DHIS2 options chosen on
the page, giving the summary of the synchronous path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings

from nqtrack.observations.dhis2 import dhis2_codes_load
from nqtrack.observations.dhis2_api import (
    Dhis2ExportQuery,
    Dhis2Format,
    Dhis2ImportOptions,
    Dhis2ParameterError,
    IdScheme,
    IdSchemes,
    dhis2_data_value_sets_export,
)
from nqtrack.observations.files import observations_import_upload
from nqtrack.observations.models import Channel, ImportJob, ImportJobState, Observation, Origin
from nqtrack.observations.summaries import summary_lines
from nqtrack.programmes.models import Programme
from tests.api.conftest import token_client
from tests.observations.conftest import state
from tests.observations.dhis2_payloads import CODES, send

pytestmark = pytest.mark.django_db

NAMED = {
    "idScheme": "name",  # DHIS2 reads a scheme in any case
    "period": "2024",
    "orgUnit": "Ngelehun CHC → tỉnh Bắc Giang",
    "dataValues": [
        {"dataElement": "Measles → tỷ lệ che phủ rừng", "categoryOptionCombo": "default", "value": "40"},
        {"dataElement": "Dysentery → tỷ lệ đô thị hoá", "categoryOptionCombo": "Fixed, <1y", "value": "30"},
        {"dataElement": "DE_359049", "value": "12"},
    ],
}


def reported() -> list[tuple[str, str, str, str]]:
    rows = Observation.objects.filter(origin=Origin.REPORTED).order_by("indicator__code", "period")
    return [(o.indicator.code, o.unit.code, o.period, o.value_text) for o in rows]


def test_name_finds_the_objects_by_their_names_in_the_code_table(coded: Programme, alice: User) -> None:
    result = send(coded, alice, NAMED)
    summary = result.summary
    assert summary["status"] == "WARNING"
    assert summary["importCount"] == {"imported": 1, "updated": 0, "ignored": 2, "deleted": 0}
    assert summary["importOptions"]["idSchemes"] == {
        "idScheme": "NAME",
        "dataElementIdScheme": "NAME",
        "orgUnitIdScheme": "NAME",
        "categoryOptionComboIdScheme": "NAME",
    }
    assert [(c["errorCode"], c["object"], c["value"], c["indexes"]) for c in summary["conflicts"]] == [
        (
            "E7613",
            "Fixed, <1y",
            "categoryOptionCombo 'Fixed, <1y' của dataElement 'Dysentery → tỷ lệ đô thị hoá' không có trong "
            "bảng mã DHIS2 (bảng mã không lưu tên tổ hợp: dùng categoryOptionComboIdScheme UID hoặc CODE)",
            [1],
        ),
        ("E7610", "DE_359049", "dataElement 'DE_359049' không có trong bảng mã DHIS2", [2]),
    ]
    assert reported() == [("forest_cover", "24", "2024", "40")]


def test_a_name_two_org_units_share_is_a_conflict(figures: Programme, bob: User, alice: User) -> None:
    twice = CODES.replace("→ huyện Sơn Động", "Ngelehun CHC → tỉnh Bắc Giang")
    dhis2_codes_load(user=bob, programme=figures, data=twice.encode(), name="codes.csv")
    before = state()
    result = send(figures, alice, {**NAMED, "dataValues": NAMED["dataValues"][:1]})
    assert result.summary["status"] == "ERROR"
    assert [(c["errorCode"], c["object"], c["value"]) for c in result.summary["conflicts"]] == [
        (
            "E7612",
            "Ngelehun CHC → tỉnh Bắc Giang",
            "orgUnit 'Ngelehun CHC → tỉnh Bắc Giang' là tên của nhiều đơn vị trong bảng mã DHIS2; "
            "dùng orgUnitIdScheme UID hoặc CODE",
        )
    ]
    assert state() == before


def test_the_payloads_scheme_is_taken_over_the_requests(coded: Programme, alice: User) -> None:
    options = Dhis2ImportOptions(id_schemes=IdSchemes(IdScheme.UID, org_unit=IdScheme.CODE))
    payload = {**NAMED, "dataValues": NAMED["dataValues"][:1], "orgUnitIdScheme": "NAME"}
    result = send(coded, alice, payload, options=options)
    assert result.summary["importOptions"]["idSchemes"]["orgUnitIdScheme"] == "NAME"
    assert result.summary["importCount"]["imported"] == 1


def test_an_export_by_name_writes_the_names(coded: Programme, alice: User) -> None:
    send(coded, alice, NAMED)
    exported = dhis2_data_value_sets_export(
        user=alice,
        programme=coded,
        format=Dhis2Format.JSON,
        query=Dhis2ExportQuery.from_params({"idScheme": "NAME", "period": "2024"}),
    )
    values = json.loads(exported.data)["dataValues"]
    assert {v["dataElement"] for v in values} <= {
        "Measles → tỷ lệ che phủ rừng",
        "Dysentery → tỷ lệ đô thị hoá",
        "Cholera → tỷ lệ hộ nghèo",
    }
    assert [
        (v["orgUnit"], v["categoryOptionCombo"], v["attributeOptionCombo"], v["value"])
        for v in values
        if v["dataElement"] == "Measles → tỷ lệ che phủ rừng"
    ] == [("Ngelehun CHC → tỉnh Bắc Giang", "default", "default", "40")]


@pytest.mark.parametrize(
    ("given", "parameter"),
    [
        ({"idScheme": "ATTRIBUTE:Zmd5ZKqrFo3"}, "dataElementIdScheme"),
        ({"orgUnitIdScheme": "attribute:Zmd5ZKqrFo3"}, "orgUnitIdScheme"),  # the prefix in any case
    ],
)
def test_an_attribute_scheme_is_refused_with_a_conflict_and_nothing_written(
    coded: Programme, alice: User, given: dict[str, str], parameter: str
) -> None:
    before = state()
    result = send(coded, alice, {**NAMED, "idScheme": "UID", **given})
    summary = result.summary
    assert (summary["status"], summary["importCount"]) == (
        "ERROR",
        {"imported": 0, "updated": 0, "ignored": 3, "deleted": 0},
    )
    assert summary["description"] == (
        "Không nhập giá trị nào: nqtrack không lưu giá trị thuộc tính (attribute) của DHIS2 nên không "
        "nhận ra đối tượng theo idScheme ATTRIBUTE; dùng UID, CODE hoặc NAME."
    )
    written = next(iter(given.values()))[len("ATTRIBUTE:") :]
    assert summary["conflicts"][0] == {
        "object": f"ATTRIBUTE:{written}",
        "value": f"{parameter} = ATTRIBUTE:{written}: nqtrack không lưu giá trị thuộc tính DHIS2; "
        "dùng UID, CODE hoặc NAME",
        "errorCode": "NQ005",
        "property": parameter,
        "indexes": [],
    }
    assert state() == before


def test_an_attribute_scheme_is_refused_for_an_export_and_a_malformed_one_is_not_valid(
    coded: Programme, alice: User
) -> None:
    with pytest.raises(Dhis2ParameterError) as refused:
        dhis2_data_value_sets_export(
            user=alice,
            programme=coded,
            format=Dhis2Format.CSV,
            query=Dhis2ExportQuery.from_params({"dataElementIdScheme": "ATTRIBUTE:Zmd5ZKqrFo3"}),
        )
    assert refused.value.message_en == (
        "Parameter dataElementIdScheme = 'ATTRIBUTE:Zmd5ZKqrFo3': nqtrack keeps no DHIS2 attribute values, "
        "so it cannot identify objects by an attribute; use UID, CODE or NAME."
    )
    for malformed in ("ATTRIBUTE", "ATTRIBUTE:Zmd5", "UUID"):
        with pytest.raises(Dhis2ParameterError) as invalid:
            Dhis2ImportOptions.from_params({"idScheme": malformed})
        assert invalid.value.message == (
            f"Tham số idScheme = '{malformed}' không hợp lệ; dùng UID, CODE, NAME hoặc ATTRIBUTE:<uid của "
            "thuộc tính>."
        )


def test_the_web_api_answers_an_attribute_scheme_as_dhis2_answers_a_conflict(
    coded: Programme, alice: User
) -> None:
    client = token_client(alice)
    before = state()
    answer = client.post(
        "/api/dataValueSets?orgUnitIdScheme=ATTRIBUTE:Zmd5ZKqrFo3",
        json.dumps(NAMED),
        content_type="application/json",
    )
    assert answer.status_code == 409
    assert [c["errorCode"] for c in answer.json()["response"]["conflicts"]] == ["NQ005"]
    assert (
        answer.json()["response"]["importOptions"]["idSchemes"]["orgUnitIdScheme"] == "ATTRIBUTE:Zmd5ZKqrFo3"
    )
    assert state() == before
    export = client.get("/api/dataValueSets", {"idScheme": "ATTRIBUTE:Zmd5ZKqrFo3"})
    assert export.status_code == 400
    assert export.json()["message"]["vi"] == (
        "Tham số dataElementIdScheme = 'ATTRIBUTE:Zmd5ZKqrFo3': nqtrack không lưu giá trị thuộc tính "
        "(attribute) của DHIS2 nên không nhận ra đối tượng theo thuộc tính; dùng UID, CODE hoặc NAME."
    )


# -- the background job takes the DHIS2 options ----------------------------------------------------------

JOB_PAYLOAD = {
    "period": "2024",
    "orgUnit": "OU_559",
    "dataValues": [
        {"dataElement": "DE_359596", "value": "40"},
        {"dataElement": "DE_359706", "value": "abc"},
        {"dataElement": "DE_359049", "value": "12"},
    ],
}
JOB_OPTIONS = {"importStrategy": "CREATE", "idScheme": "CODE", "atomic": "false"}


@pytest.fixture
def in_the_background(tmp_path: Path) -> Iterator[None]:
    with override_settings(NQTRACK_IMPORT_DIR=tmp_path / "imports", NQTRACK_IMPORT_BACKGROUND_BYTES=1):
        yield


def _synchronously(programme: Programme, user: User, data: bytes) -> tuple[dict[str, Any], list[str]]:
    """The summary the upload page gives when it writes the file itself (then rolled back)."""

    class RolledBack(Exception):
        pass

    said: dict[str, Any] = {}
    try:
        with transaction.atomic():
            result = observations_import_upload(
                user=user,
                programme=programme,
                name="lon.json",
                data=data,
                dry_run=False,
                channel=Channel.WEB,
                dhis2=Dhis2ImportOptions.from_params(JOB_OPTIONS),
            )
            assert result.dhis2 is not None
            said = {"summary": result.dhis2.summary, "lines": summary_lines(result)}
            raise RolledBack
    except RolledBack:
        pass
    return said["summary"], said["lines"]


def test_a_large_dhis2_upload_is_written_in_the_background_with_the_options_chosen(
    coded: Programme,
    alice: User,
    client: Client,
    in_the_background: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    data = json.dumps(JOB_PAYLOAD).encode()
    expected_summary, expected_lines = _synchronously(coded, alice, data)
    assert reported() == []
    client.force_login(alice)
    checked = client.post("/so-lieu/nhap-tep/", {"tep": SimpleUploadedFile("lon.json", data), **JOB_OPTIONS})
    token = re.search(r'name="token" value="([0-9a-f]{32})"', checked.content.decode())
    assert token is not None
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(
            "/so-lieu/nhap-tep/", {"token": token.group(1), "xac_nhan": "1", **JOB_OPTIONS}
        )
    job = ImportJob.objects.get()
    assert (confirmed.status_code, confirmed["Location"]) == (302, f"/so-lieu/nhap-tep/{job.pk}/")
    assert job.dhis2_params == JOB_OPTIONS
    assert job.state == ImportJobState.DONE
    assert job.dhis2_summary == expected_summary
    assert job.lines == expected_lines
    assert expected_summary["status"] == "WARNING"
    assert expected_summary["importOptions"]["importStrategy"] == "CREATE"
    assert expected_summary["importOptions"]["idSchemes"]["dataElementIdScheme"] == "CODE"
    assert expected_summary["importCount"] == {"imported": 2, "updated": 0, "ignored": 1, "deleted": 0}
    assert reported() == [("forest_cover", "24", "2024", "40"), ("poverty_rate", "24", "2024", "12")]
    page = client.get(f"/so-lieu/nhap-tep/{job.pk}/").content.decode()
    assert "&quot;importStrategy&quot;: &quot;CREATE&quot;" in page


def test_two_values_for_one_figure_are_dhis2s_e8128_and_a_long_comment_e7620(
    coded: Programme, alice: User
) -> None:
    document = {
        "period": "2024",
        "orgUnit": "DiszpKrYNg8",
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "value": "38"},
            {"dataElement": "f7n9E0hX8qk", "value": "39"},
            {"dataElement": "Ix2HsbDMLea", "value": "30", "comment": "k" * 2_001},
        ],
    }
    conflicts = send(coded, alice, document).summary["conflicts"]
    assert [(c["errorCode"], c["property"], c["value"], c["indexes"]) for c in conflicts] == [
        ("E8128", "value", "trùng với dòng 0 (cùng chỉ tiêu, đơn vị và kỳ) nhưng khác giá trị: 39 ≠ 38", [1]),
        ("E7620", "comment", "ghi chú dài 2.001 ký tự, vượt giới hạn 2.000 ký tự", [2]),
    ]
    assert reported() == [("forest_cover", "24", "2024", "38")]

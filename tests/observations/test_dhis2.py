"""DHIS2 dataValueSets both ways, with the example payloads of the DHIS2 Web API documentation
("Sending data values", "Sending bulks of data values"; dhis2-docs src/developer/web-api/data.md) mapped to
our indicators and units through the code table."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from nqtrack.observations.dhis2 import CodeTableRejected, dhis2_codes_load
from nqtrack.observations.exports import observations_export
from nqtrack.observations.formats.sniff import Kind
from nqtrack.observations.models import AuditEntry, Dhis2DataElement, Observation, Origin
from nqtrack.observations.rows import RowError
from nqtrack.observations.selectors import Selection
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state
from tests.observations.dhis2_payloads import BULK, BULK_CSV, CODES, SENDING, send
from tests.observations.golden_files import golden

pytestmark = pytest.mark.django_db


def reported() -> list[tuple[str, str, str, str]]:
    rows = Observation.objects.filter(origin=Origin.REPORTED).order_by(
        "indicator__code", "unit__code", "period"
    )
    return [(o.indicator.code, o.unit.code, o.period, o.value_text) for o in rows]


def test_the_documented_data_value_set_is_imported_with_a_dhis2_summary(
    coded: Programme, alice: User
) -> None:
    dry = send(coded, alice, SENDING, dry_run=True)
    assert dry.summary["importCount"] == {"imported": 3, "updated": 0, "ignored": 0, "deleted": 0}
    assert reported() == []
    result = send(coded, alice, SENDING)
    assert {
        k: result.summary[k]
        for k in ("responseType", "status", "importCount", "conflicts", "rejectedIndexes")
    } == {
        "responseType": "ImportSummary",
        "status": "SUCCESS",
        "importCount": {"imported": 3, "updated": 0, "ignored": 0, "deleted": 0},
        "conflicts": [],
        "rejectedIndexes": [],
    }
    assert reported() == [
        ("forest_cover", "24", "201401", "1"),
        ("poverty_rate", "24", "201401", "3"),
        ("urbanisation_rate", "24", "201401", "2"),
    ]
    channels = set(AuditEntry.objects.filter(action="create", actor="alice").values_list("channel", "source"))
    assert channels == {("dhis2", f"dvs.json, dataValues[{i}]") for i in range(3)}
    again = send(coded, alice, SENDING)
    assert again.summary["importCount"] == {"imported": 0, "updated": 0, "ignored": 3, "deleted": 0}


def test_a_value_with_an_unknown_org_unit_is_a_conflict_with_its_index_and_nothing_is_written(
    coded: Programme, alice: User
) -> None:
    send(coded, alice, SENDING)
    before = state()
    result = send(coded, alice, BULK)
    assert result.summary["status"] == "ERROR"
    assert result.summary["importCount"] == {"imported": 0, "updated": 0, "ignored": 4, "deleted": 0}
    assert result.summary["conflicts"] == [
        {
            "object": "Jkhdsf8sdf4",
            "value": "orgUnit 'Jkhdsf8sdf4' không có trong bảng mã DHIS2",
            "errorCode": "E7612",
            "property": "orgUnit",
            "indexes": [3],
        }
    ]
    assert result.summary["rejectedIndexes"] == [3]
    assert state() == before


def test_the_bulk_example_imports_once_every_org_unit_is_coded(
    coded: Programme, alice: User, bob: User
) -> None:
    send(coded, alice, SENDING)
    dhis2_codes_load(
        user=bob,
        programme=coded,
        data=(CODES + "orgUnit,Jkhdsf8sdf4,,221,→ huyện Yên Dũng\n").encode(),
        name="c.csv",
    )
    result = send(coded, alice, BULK)
    assert result.summary["importCount"] == {"imported": 3, "updated": 1, "ignored": 0, "deleted": 0}
    assert ("forest_cover", "221", "201402", "18") in reported()
    assert ("forest_cover", "24", "201401", "12") in reported()


def test_the_documented_csv_with_the_partners_default_combo_is_imported(
    coded: Programme, alice: User
) -> None:
    result = send(coded, alice, BULK_CSV, kind=Kind.DHIS2_CSV)
    assert result.summary["importCount"] == {"imported": 3, "updated": 0, "ignored": 0, "deleted": 0}
    assert len(reported()) == 3


def test_every_kind_of_bad_value_is_a_conflict(coded: Programme, alice: User) -> None:
    document = {
        "dataValues": [
            {"dataElement": "XXXXXXXXXXX", "period": "2024", "orgUnit": "DiszpKrYNg8", "value": "1"},
            {"dataElement": "f7n9E0hX8qk", "period": "2024Q5", "orgUnit": "DiszpKrYNg8", "value": "1"},
            {"dataElement": "f7n9E0hX8qk", "period": "2024", "orgUnit": "DiszpKrYNg8", "value": "abc"},
            {"dataElement": "f7n9E0hX8qk", "period": "2023", "orgUnit": "DiszpKrYNg8", "value": ""},
            {
                "dataElement": "f7n9E0hX8qk",
                "period": "2022",
                "orgUnit": "DiszpKrYNg8",
                "categoryOptionCombo": "Prlt0C1RF0s",
                "value": "5",
            },
            {"dataElement": "f7n9E0hX8qk", "period": "2021", "orgUnit": "DiszpKrYNg8", "value": "150"},
            {"period": "2021", "orgUnit": "DiszpKrYNg8", "value": "1"},
        ]
    }
    before = state()
    result = send(coded, alice, document)
    assert [
        (c["errorCode"], c["property"], c["object"], c["indexes"]) for c in result.summary["conflicts"]
    ] == [
        ("E7610", "dataElement", "XXXXXXXXXXX", [0]),
        ("E7611", "period", "2024Q5", [1]),
        ("E7619", "value", "abc", [2]),
        ("E7618", "value", "", [3]),
        ("E7613", "categoryOptionCombo", "Prlt0C1RF0s", [4]),
        ("NQ003", "value", "150", [5]),
        ("E7618", "dataElement", "", [6]),
    ]
    assert result.summary["conflicts"][5]["value"] == (
        "Giá trị 150 lớn hơn mức cao nhất cho phép (100) của “Tỷ lệ che phủ rừng”."
    )
    assert result.summary["rejectedIndexes"] == [0, 1, 2, 3, 4, 5, 6]
    assert state() == before


def test_a_deleted_value_deletes_the_figure(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    deletion = {
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "period": "201401", "orgUnit": "DiszpKrYNg8", "deleted": True}
        ]
    }
    result = send(coded, alice, deletion)
    assert result.summary["importCount"] == {"imported": 0, "updated": 0, "ignored": 0, "deleted": 1}
    assert [r[0] for r in reported()] == ["poverty_rate", "urbanisation_rate"]
    assert AuditEntry.objects.filter(action="delete", channel="dhis2").count() == 1


def test_the_export_follows_the_code_table_and_imports_back_unchanged(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    fixed = datetime(2025, 3, 1, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    Observation.objects.update(created_at=fixed, updated_at=fixed)
    selection = Selection(unit_codes=("24", "220"), first_year=2014, last_year=2023, include_drafts=True)
    as_json = observations_export(user=alice, programme=coded, selection=selection, kind=Kind.DHIS2_JSON)
    golden("export.dhis2.json", as_json.data.decode())
    as_csv = observations_export(user=alice, programme=coded, selection=selection, kind=Kind.DHIS2_CSV)
    golden("export.dhis2.csv", as_csv.data.decode())
    assert as_json.skipped > 0  # figures of indicators without a DHIS2 code
    before = state()
    back = send(coded, alice, json.loads(as_json.data))
    assert back.summary["status"] == "SUCCESS"
    assert back.summary["importCount"]["ignored"] == as_json.count
    assert state() == before


def test_a_bad_code_table_changes_nothing(coded: Programme, bob: User) -> None:
    before = list(Dhis2DataElement.objects.values_list("data_element", "indicator__code"))
    bad = (
        "kind,dhis2_id,category_option_combo,code,name\n"
        "dataElement,short,,forest_cover,\n"
        "thing,f7n9E0hX8qk,,x,\n"
    )
    with pytest.raises(CodeTableRejected) as caught:
        dhis2_codes_load(user=bob, programme=coded, data=bad.encode(), name="c.csv")
    assert caught.value.errors == [
        RowError(2, "dhis2_id", "'short' không phải mã DHIS2 (11 ký tự chữ và số)"),
        RowError(3, "kind", "'thing' không hợp lệ; dùng dataElement, orgUnit hoặc defaultCombo"),
    ]
    assert list(Dhis2DataElement.objects.values_list("data_element", "indicator__code")) == before

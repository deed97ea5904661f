"""DHIS2 dataValueSets both ways, with the example payloads of the DHIS2 Web API documentation and of
DHIS2's test resources (tests/observations/dhis2_payloads.py) mapped to our indicators and units through
the code table, and the import summaries DHIS2 gives for them."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from nqtrack.observations.dhis2 import CodeTableRejected, dhis2_code_table, dhis2_codes_load
from nqtrack.observations.dhis2_options import Dhis2ImportOptions, IdScheme, IdSchemes, Strategy
from nqtrack.observations.exports import observations_export
from nqtrack.observations.formats.sniff import Kind
from nqtrack.observations.models import AuditEntry, Dhis2DataElement, Observation, Origin
from nqtrack.observations.rows import RowError
from nqtrack.observations.selectors import Selection
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state
from tests.observations.dhis2_payloads import BULK, BULK_CSV, CODES, NO_HEADER_CSV, SENDING, SENDING_XML, send
from tests.observations.golden_files import golden

pytestmark = pytest.mark.django_db


def reported() -> list[tuple[str, str, str, str]]:
    rows = Observation.objects.filter(origin=Origin.REPORTED).order_by(
        "indicator__code", "unit__code", "period"
    )
    return [(o.indicator.code, o.unit.code, o.period, o.value_text) for o in rows]


def counts(imported: int = 0, updated: int = 0, ignored: int = 0, deleted: int = 0) -> dict[str, int]:
    return {"imported": imported, "updated": updated, "ignored": ignored, "deleted": deleted}


def test_the_documented_data_value_set_is_imported_with_a_dhis2_summary(
    coded: Programme, alice: User
) -> None:
    dry = send(coded, alice, SENDING, dry_run=True)
    assert dry.summary["importCount"] == counts(imported=3)
    assert reported() == []
    result = send(coded, alice, SENDING)
    assert {
        k: result.summary[k]
        for k in ("responseType", "status", "importCount", "conflicts", "rejectedIndexes")
    } == {
        "responseType": "ImportSummary",
        "status": "SUCCESS",
        "importCount": counts(imported=3),
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
    assert again.summary["importCount"] == counts(ignored=3)


def test_the_data_set_and_its_complete_date_are_reported(coded: Programme, alice: User) -> None:
    result = send(coded, alice, SENDING)
    assert result.summary["dataSetComplete"] == "2014-02-03"
    assert result.summary["description"] == (
        "Đã nhập xong. Tập dữ liệu (dataSet) 'pBOMPrpg1QX' được ghi nhận; nqtrack không quản lý tập dữ liệu "
        "nên không đánh dấu hoàn thành."
    )
    bulk = send(
        coded, alice, {"dataValues": SENDING["dataValues"], "period": "201401", "orgUnit": "DiszpKrYNg8"}
    )
    assert (bulk.summary["dataSetComplete"], bulk.summary["description"]) == ("false", "Đã nhập xong.")


def test_the_documented_bulk_is_imported_partially_with_dhis2s_summary(coded: Programme, alice: User) -> None:
    """The documentation: after the first example, the bulk answers imported 2, updated 1, ignored 1 (the
    last value names an org unit that does not exist)."""
    send(coded, alice, SENDING)
    result = send(coded, alice, BULK)
    assert result.summary["status"] == "WARNING"
    assert result.summary["importCount"] == counts(imported=2, updated=1, ignored=1)
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
    assert result.summary["importOptions"]["atomic"] is False
    assert ("forest_cover", "24", "201401", "12") in reported()
    assert ("forest_cover", "220", "201401", "14") in reported()
    assert ("forest_cover", "24", "201402", "16") in reported()


def test_an_atomic_import_with_a_conflict_writes_nothing(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    before = state()
    result = send(coded, alice, BULK, atomic=True)
    assert result.summary["status"] == "ERROR"
    assert result.summary["importCount"] == counts(ignored=4)
    assert [c["errorCode"] for c in result.summary["conflicts"]] == ["E7612"]
    assert state() == before


def test_the_bulk_example_imports_once_every_org_unit_is_coded(
    coded: Programme, alice: User, bob: User
) -> None:
    send(coded, alice, SENDING)
    dhis2_codes_load(
        user=bob,
        programme=coded,
        data=(CODES + "orgUnit,Jkhdsf8sdf4,,221,→ huyện Yên Dũng,\n").encode(),
        name="c.csv",
    )
    result = send(coded, alice, BULK)
    assert result.summary["importCount"] == counts(imported=3, updated=1)
    assert ("forest_cover", "221", "201402", "18") in reported()
    assert ("forest_cover", "24", "201401", "12") in reported()


def test_the_documented_csv_with_the_partners_default_combo_is_imported(
    coded: Programme, alice: User
) -> None:
    result = send(coded, alice, BULK_CSV, kind=Kind.DHIS2_CSV)
    assert result.summary["importCount"] == counts(imported=3)
    assert len(reported()) == 3


def test_a_csv_is_read_by_its_column_names_in_either_spelling(coded: Programme, alice: User) -> None:
    moved = (
        "value,orgunit,period,attroptcombo,catoptcombo,dataelement,comment\n"
        "7,DiszpKrYNg8,2024,bRowv6yZOF2,bRowv6yZOF2,f7n9E0hX8qk,ghi chú\n"
    )
    result = send(coded, alice, moved, kind=Kind.DHIS2_CSV)
    assert result.summary["importCount"] == counts(imported=1)
    figure = Observation.objects.get(origin=Origin.REPORTED)
    assert (figure.indicator.code, figure.period, figure.value_text, figure.comment) == (
        "forest_cover",
        "2024",
        "7",
        "ghi chú",
    )


def test_a_csv_without_a_header_row_is_read_with_first_row_is_header_false(
    coded: Programme, alice: User
) -> None:
    plain = send(coded, alice, NO_HEADER_CSV, kind=Kind.DHIS2_CSV)
    assert plain.summary["status"] == "ERROR"
    assert plain.summary["description"] == (
        "Tệp 'dvs.json': dòng đầu không phải dòng tiêu đề DHIS2 (thiếu cột dataelement). "
        "Nếu tệp không có dòng tiêu đề, hãy chọn firstRowIsHeader=false."
    )
    assert reported() == []
    options = Dhis2ImportOptions(first_row_is_header=False)
    result = send(coded, alice, NO_HEADER_CSV, kind=Kind.DHIS2_CSV, options=options)
    assert result.summary["importCount"] == counts(imported=2, ignored=1)
    assert [(c["errorCode"], c["object"], c["indexes"]) for c in result.summary["conflicts"]] == [
        ("E7612", "BdfsJfj87js", [1])
    ]
    assert reported() == [
        ("forest_cover", "24", "201201", "10.001"),
        ("forest_cover", "24", "201202", "10.003"),
    ]


def test_the_documented_xml_is_imported(coded: Programme, alice: User) -> None:
    result = send(coded, alice, SENDING_XML, kind=Kind.DHIS2_XML)
    assert result.summary["status"] == "SUCCESS"
    assert result.summary["importCount"] == counts(imported=3)
    assert result.summary["dataSetComplete"] == "2014-02-03"
    assert reported() == [
        ("forest_cover", "24", "201401", "12"),
        ("poverty_rate", "24", "201401", "16"),
        ("urbanisation_rate", "24", "201401", "14"),
    ]


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
            {"dataElement": "f7n9E0hX8qk", "period": "2023q1", "orgUnit": "DiszpKrYNg8", "value": "1"},
        ]
    }
    before = state()
    result = send(coded, alice, document)
    assert [
        (c["errorCode"], c["property"], c["object"], c["indexes"]) for c in result.summary["conflicts"]
    ] == [
        ("E7610", "dataElement", "XXXXXXXXXXX", [0]),
        ("E7611", "period", "2024Q5", [1]),
        ("E7619", "value", "f7n9E0hX8qk", [2]),
        ("E7618", "value", "f7n9E0hX8qk", [3]),
        ("E7613", "categoryOptionCombo", "Prlt0C1RF0s", [4]),
        ("NQ003", "value", "150", [5]),
        ("E7618", "dataElement", "", [6]),
        ("E7611", "period", "2023q1", [7]),
    ]
    assert result.summary["conflicts"][5]["value"] == (
        "Giá trị 150 lớn hơn mức cao nhất cho phép (100) của “Tỷ lệ che phủ rừng”."
    )
    assert result.summary["conflicts"][7]["value"] == (
        "'2023q1' không phải kỳ DHIS2 nqtrack lưu được; dùng 2024 (năm), 2024S1 (6 tháng), 2024Q1 (quý), "
        "202401 hoặc 2024-01 (tháng), viết đúng chữ hoa"
    )
    assert result.summary["rejectedIndexes"] == [0, 1, 2, 3, 4, 5, 6, 7]
    assert (result.summary["status"], result.summary["importCount"]) == ("ERROR", counts(ignored=8))
    assert state() == before


def test_missing_and_bad_values_are_grouped_per_data_element(coded: Programme, alice: User) -> None:
    """DHIS2 reports E7618/E7619 about the data element, one conflict with every index it concerns."""
    document = {
        "orgUnit": "DiszpKrYNg8",
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "period": "2020"},
            {"dataElement": "Ix2HsbDMLea", "period": "2020", "value": "12,5"},
            {"dataElement": "f7n9E0hX8qk", "period": "2021"},
            {"dataElement": "Ix2HsbDMLea", "period": "2021", "value": "12,5"},
            {"dataElement": "eY5ehpbEsB7", "period": "2021", "value": "4"},
        ],
    }
    result = send(coded, alice, document)
    assert [(c["errorCode"], c["object"], c["indexes"]) for c in result.summary["conflicts"]] == [
        ("E7618", "f7n9E0hX8qk", [0, 2]),
        ("E7619", "Ix2HsbDMLea", [1, 3]),
    ]
    assert result.summary["conflicts"][0]["value"] == "thiếu giá trị và ghi chú của dataElement 'f7n9E0hX8qk'"
    assert (result.summary["status"], result.summary["importCount"]) == (
        "WARNING",
        counts(imported=1, ignored=4),
    )


@pytest.mark.parametrize(
    ("text", "stored"),
    [("12", "12"), ("-0", "-0"), ("0.5", "0.5"), ("3.25", "3.25"), ("1.123456789", "1.123456789")],
)
def test_dhis2_numbers_are_taken_as_dhis2_writes_them(
    coded: Programme, alice: User, text: str, stored: str
) -> None:
    document = {
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "period": "2024", "orgUnit": "FNnj3jKGS7i", "value": text}
        ]
    }
    result = send(coded, alice, document)
    assert result.summary["importCount"] == counts(imported=1)
    figure = Observation.objects.get(origin=Origin.REPORTED)
    assert figure.value_text == stored
    assert figure.value == Decimal(text).quantize(Decimal("0.000001"))


@pytest.mark.parametrize("text", ["12,345", "+5", "007", "1e3", ".5", "5.", "1 000"])
def test_numbers_dhis2_refuses_are_refused(coded: Programme, alice: User, text: str) -> None:
    document = {
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "period": "2024", "orgUnit": "DiszpKrYNg8", "value": text}
        ]
    }
    before = state()
    result = send(coded, alice, document)
    assert result.summary["conflicts"] == [
        {
            "object": "f7n9E0hX8qk",
            "value": (
                f"giá trị của dataElement 'f7n9E0hX8qk' '{text}' không phải số theo kiểu NUMBER của DHIS2 "
                "(dấu chấm thập phân, không dấu phẩy, dấu + hay số 0 ở đầu)"
            ),
            "errorCode": "E7619",
            "property": "value",
            "indexes": [0],
        }
    ]
    assert state() == before


def test_a_month_written_with_a_dash_is_a_month(coded: Programme, alice: User) -> None:
    document = {
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "period": "2023-01", "orgUnit": "DiszpKrYNg8", "value": "4"}
        ]
    }
    assert send(coded, alice, document).summary["importCount"] == counts(imported=1)
    assert reported() == [("forest_cover", "24", "202301", "4")]


def test_the_payloads_dry_run_writes_nothing(coded: Programme, alice: User) -> None:
    before = state()
    result = send(coded, alice, {**SENDING, "dryRun": True})
    assert result.summary["importCount"] == counts(imported=3)
    assert result.summary["importOptions"]["dryRun"] is True
    assert result.summary["description"].startswith("Kiểm tra xong, không có lỗi (chưa ghi).")
    assert state() == before


def test_the_delete_strategy_deletes_the_values_sent(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    result = send(coded, alice, {**SENDING, "strategy": "DELETE"})
    assert result.summary["importCount"] == counts(deleted=3)
    assert result.summary["importOptions"]["importStrategy"] == "DELETE"
    assert reported() == []
    again = send(coded, alice, SENDING, options=Dhis2ImportOptions(strategy=Strategy.DELETE))
    assert again.summary["importCount"] == counts(ignored=3)


def test_create_updates_nothing_and_update_creates_nothing(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    changed = {**SENDING, "dataValues": [{"dataElement": "f7n9E0hX8qk", "value": "9"}]}
    create = send(coded, alice, {**changed, "strategy": "CREATE"})
    assert create.summary["importCount"] == counts(ignored=1)
    assert ("forest_cover", "24", "201401", "1") in reported()
    new = {
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "period": "2024", "orgUnit": "FNnj3jKGS7i", "value": "9"}
        ]
    }
    update = send(coded, alice, new, options=Dhis2ImportOptions(strategy=Strategy.UPDATE))
    assert update.summary["importCount"] == counts(ignored=1)
    assert send(coded, alice, {**changed, "importStrategy": "UPDATES"}).summary["importCount"] == counts(
        updated=1
    )
    assert ("forest_cover", "24", "201401", "9") in reported()


def test_codes_instead_of_uids(coded: Programme, alice: User) -> None:
    document = {
        "idScheme": "CODE",
        "period": "2024",
        "orgUnit": "OU_559",
        "dataValues": [
            {"dataElement": "DE_359596", "value": "40"},
            {"dataElement": "f7n9E0hX8qk", "value": "41"},
        ],
    }
    result = send(coded, alice, document)
    assert result.summary["importCount"] == counts(imported=1, ignored=1)
    assert [(c["errorCode"], c["object"]) for c in result.summary["conflicts"]] == [("E7610", "f7n9E0hX8qk")]
    assert result.summary["importOptions"]["idSchemes"]["dataElementIdScheme"] == "CODE"
    mixed = {
        "dataValues": [
            {"dataElement": "DE_359706", "period": "2024", "orgUnit": "DiszpKrYNg8", "value": "30"}
        ]
    }
    options = Dhis2ImportOptions(id_schemes=IdSchemes(IdScheme.UID, data_element=IdScheme.CODE))
    assert send(coded, alice, mixed, options=options).summary["importCount"] == counts(imported=1)
    assert reported() == [("forest_cover", "24", "2024", "40"), ("urbanisation_rate", "24", "2024", "30")]


def test_a_follow_up_change_alone_is_applied(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    flagged = {**SENDING, "dataValues": [{"dataElement": "f7n9E0hX8qk", "value": "1", "followup": True}]}
    assert send(coded, alice, flagged).summary["importCount"] == counts(updated=1)
    assert Observation.objects.get(origin=Origin.REPORTED, indicator__code="forest_cover").followup is True


def test_a_comment_without_a_value_changes_the_comment(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    noted = {**SENDING, "dataValues": [{"dataElement": "f7n9E0hX8qk", "comment": "đã rà soát"}]}
    result = send(coded, alice, noted)
    assert (result.summary["status"], result.summary["importCount"]) == ("SUCCESS", counts(updated=1))
    figure = Observation.objects.get(origin=Origin.REPORTED, indicator__code="forest_cover")
    assert (figure.value_text, figure.comment) == ("1", "đã rà soát")


def test_a_resent_deleted_value_is_imported(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    gone = {**SENDING, "dataValues": [{"dataElement": "f7n9E0hX8qk", "value": "1", "deleted": True}]}
    assert send(coded, alice, gone).summary["importCount"] == counts(deleted=1)
    back = send(coded, alice, SENDING)
    assert back.summary["importCount"] == counts(imported=1, ignored=2)
    assert ("forest_cover", "24", "201401", "1") in reported()


def test_a_deleted_value_deletes_the_figure(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    deletion = {
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "period": "201401", "orgUnit": "DiszpKrYNg8", "deleted": True}
        ]
    }
    result = send(coded, alice, deletion)
    assert result.summary["importCount"] == counts(deleted=1)
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
    assert as_csv.data.decode().splitlines()[0] == (
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,"
        "comment,followup,deleted"
    )
    assert json.loads(as_json.data)["dataValues"][0]["lastUpdated"] == "2025-03-01T01:30:00.000+00:00"
    assert as_json.skipped > 0  # figures of indicators without a DHIS2 code
    before = state()
    back = send(coded, alice, json.loads(as_json.data))
    assert back.summary["status"] == "SUCCESS"
    assert back.summary["importCount"]["ignored"] == as_json.count
    assert state() == before


def test_a_bad_code_table_changes_nothing(coded: Programme, bob: User) -> None:
    before = list(Dhis2DataElement.objects.values_list("data_element", "indicator__code"))
    bad = (
        "kind,dhis2_id,category_option_combo,code,name,dhis2_code\n"
        "dataElement,short,,forest_cover,,\n"
        "thing,f7n9E0hX8qk,,x,,\n"
        "orgUnit,,,24,,\n"
    )
    with pytest.raises(CodeTableRejected) as caught:
        dhis2_codes_load(user=bob, programme=coded, data=bad.encode(), name="c.csv")
    assert caught.value.errors == [
        RowError(2, "dhis2_id", "'short' không phải mã DHIS2 (11 ký tự chữ và số)"),
        RowError(3, "kind", "'thing' không hợp lệ; dùng dataElement, orgUnit hoặc defaultCombo"),
        RowError(4, "dhis2_id", "thiếu mã DHIS2: ghi dhis2_id (uid), dhis2_code, hoặc cả hai"),
    ]
    assert list(Dhis2DataElement.objects.values_list("data_element", "indicator__code")) == before


def test_the_code_table_takes_codes_alone(coded: Programme, bob: User, alice: User) -> None:
    codes = (
        "kind,dhis2_id,category_option_combo,code,name,dhis2_code\n"
        "dataElement,,,forest_cover,,FOREST\n"
        "dataElement,,,poverty_rate,,POOR\n"
        "orgUnit,,,24,,BG\n"
    )
    assert dhis2_codes_load(user=bob, programme=coded, data=codes.encode(), name="c.csv") == (2, 1)
    table = dhis2_code_table(programme=coded)
    assert sorted((e.uid, e.code, e.indicator.code) for e in table.elements.values()) == [
        ("", "FOREST", "forest_cover"),
        ("", "POOR", "poverty_rate"),
    ]
    document = {
        "idScheme": "code",
        "dataValues": [{"dataElement": "POOR", "period": "2024", "orgUnit": "BG", "value": "2.5"}],
    }
    assert send(coded, alice, document).summary["importCount"] == counts(imported=1)
    assert reported() == [("poverty_rate", "24", "2024", "2.5")]

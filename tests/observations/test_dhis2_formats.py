"""DHIS2 dataValueSets in every format (JSON, CSV, DXF2 XML, ADX): a round trip through each, ADX from the
documentation, unsafe or foreign XML refused with a clear message, and the service the Web API calls
(nqtrack.observations.dhis2_api) with DHIS2's parameters."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from nqtrack.observations.dhis2_api import (
    CONTENT_TYPES,
    Dhis2ExportQuery,
    Dhis2Format,
    Dhis2ImportOptions,
    Dhis2ParameterError,
    IdScheme,
    IdSchemes,
    Strategy,
    dhis2_data_value_sets_export,
    dhis2_data_value_sets_import,
)
from nqtrack.observations.formats.dhis2_xml import adx_period, iso_period
from nqtrack.observations.formats.limits import FileRejected
from nqtrack.observations.formats.sniff import Kind, sniff
from nqtrack.observations.models import Observation, Origin
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state
from tests.observations.dhis2_payloads import ADX_DOC, SENDING, send

pytestmark = pytest.mark.django_db

FORMATS = [Dhis2Format.JSON, Dhis2Format.CSV, Dhis2Format.XML, Dhis2Format.ADX]


def reported() -> list[tuple[str, str, str, str, str]]:
    rows = Observation.objects.filter(origin=Origin.REPORTED).order_by(
        "indicator__code", "unit__code", "period"
    )
    return [(o.indicator.code, o.unit.code, o.period, o.value_text, o.comment) for o in rows]


def put(programme: Programme, user: User, data: bytes, format: Dhis2Format, **params: str) -> dict[str, Any]:
    options = Dhis2ImportOptions.from_params(params)
    return dhis2_data_value_sets_import(
        user=user, programme=programme, data=data, format=format, options=options
    )


@pytest.mark.parametrize("format", FORMATS)
def test_a_round_trip_through_every_format(coded: Programme, alice: User, format: Dhis2Format) -> None:
    """Export the reported figures, delete them, import the export: the same figures come back."""
    send(coded, alice, SENDING)
    noted = {
        **SENDING,
        "period": "2024Q2",
        "dataValues": [{"dataElement": "f7n9E0hX8qk", "value": "0.25", "comment": "quý <2> & “ghi chú”"}],
    }
    send(coded, alice, noted)
    written = reported()
    # ADX names objects by code unless told otherwise (DHIS2's default for ADX)
    province = "OU_559" if format is Dhis2Format.ADX else "DiszpKrYNg8"
    query = Dhis2ExportQuery(org_unit=(province,), start_date=date(2014, 1, 1), end_date=date(2014, 1, 31))
    january = dhis2_data_value_sets_export(user=alice, programme=coded, format=format, query=query)
    assert (january.exported, january.content_type) == (3, CONTENT_TYPES[format])
    exported = dhis2_data_value_sets_export(
        user=alice, programme=coded, format=format, query=Dhis2ExportQuery(period=("201401", "2024Q2"))
    )
    assert exported.exported == 4
    assert (
        sniff(f"x.{format.value}", exported.data)
        is {
            Dhis2Format.JSON: Kind.DHIS2_JSON,
            Dhis2Format.CSV: Kind.DHIS2_CSV,
            Dhis2Format.XML: Kind.DHIS2_XML,
            Dhis2Format.ADX: Kind.DHIS2_ADX,
        }[format]
    )
    unchanged = put(coded, alice, exported.data, format)
    assert (unchanged["status"], unchanged["importCount"]) == (
        "SUCCESS",
        {"imported": 0, "updated": 0, "ignored": 4, "deleted": 0},
    )
    deleted = put(coded, alice, exported.data, format, importStrategy="DELETE")
    assert deleted["importCount"] == {"imported": 0, "updated": 0, "ignored": 0, "deleted": 4}
    assert reported() == []
    back = put(coded, alice, exported.data, format)
    assert back["importCount"] == {"imported": 4, "updated": 0, "ignored": 0, "deleted": 0}
    assert reported() == written


def test_the_adx_example_is_read_with_codes_and_iso_periods(coded: Programme, alice: User) -> None:
    result = put(coded, alice, ADX_DOC.encode(), Dhis2Format.ADX)
    assert result["status"] == "WARNING"
    assert result["importCount"] == {"imported": 3, "updated": 0, "ignored": 1, "deleted": 0}
    assert result["conflicts"] == [
        {
            "object": "DE_359049",
            "value": "dataElement 'DE_359049' có phân tổ (GENDER=FMLE, HIV_AGE=AGE0-14) không được hỗ trợ: "
            "chỉ tổ hợp mặc định",
            "errorCode": "E7613",
            "property": "categoryOptionCombo",
            "indexes": [2],
        }
    ]
    assert result["dataSetComplete"] == "2015-07-01"
    assert reported() == [
        ("forest_cover", "220", "2015Q1", "33", ""),
        ("forest_cover", "24", "2015", "32", ""),
        ("urbanisation_rate", "24", "2015", "20", "Ghi chú ADX"),
    ]


@pytest.mark.parametrize(
    ("iso", "period"),
    [
        ("2024-01-01/P1Y", "2024"),
        ("2024-07-01/P6M", "2024S2"),
        ("2024-10-01/P3M", "2024Q4"),
        ("2024-03-01/P1M", "202403"),
    ],
)
def test_adx_periods_both_ways(iso: str, period: str) -> None:
    assert (adx_period(iso), iso_period(period)) == (period, iso)


def test_an_adx_period_dhis2_does_not_keep_is_a_period_conflict(coded: Programme, alice: User) -> None:
    weekly = ADX_DOC.replace("2015-01-01/P1Y", "2015-01-05/P7D")
    result = put(coded, alice, weekly.encode(), Dhis2Format.ADX)
    assert [(c["errorCode"], c["object"], c["indexes"]) for c in result["conflicts"]][0] == (
        "E7611",
        "2015-01-05/P7D",
        [0, 1, 2],
    )


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><dataValueSet>&a;</dataValueSet>',
            "Tệp 'dataValueSets' là XML có khai báo DTD, thực thể hoặc tham chiếu ngoài, "
            "không đọc vì lý do an toàn (EntitiesForbidden).",
        ),
        (
            b"<dataValueSet><dataValue></dataValueSet>",
            "Tệp 'dataValueSets' không phải XML hợp lệ (dòng 1, cột 27).",
        ),
        (b"<metadata/>", "Tệp 'dataValueSets' là XML nhưng không phải dataValueSet của DHIS2 (DXF2)."),
    ],
)
def test_unsafe_broken_or_foreign_xml_is_an_error_summary(
    coded: Programme, alice: User, payload: bytes, message: str
) -> None:
    before = state()
    result = put(coded, alice, payload, Dhis2Format.XML)
    assert (result["status"], result["description"], result["importCount"]) == (
        "ERROR",
        message,
        {"imported": 0, "updated": 0, "ignored": 0, "deleted": 0},
    )
    assert state() == before


def test_an_xml_upload_is_recognised_and_a_foreign_one_named() -> None:
    assert sniff("a.xml", b'<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"/>') is Kind.DHIS2_XML
    assert sniff("a.xml", ADX_DOC.encode()) is Kind.DHIS2_ADX
    with pytest.raises(FileRejected) as caught:
        sniff("a.xml", b"<html><body/></html>")
    assert str(caught.value) == (
        "Tệp 'a.xml' là XML nhưng không phải dataValueSet của DHIS2 (DXF2) hay ADX (phần tử gốc là <html>)."
    )


def test_the_payloads_options_take_precedence_over_the_requests(coded: Programme, alice: User) -> None:
    xml = (
        '<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" dataElementIdScheme="CODE" dryRun="true" '
        'period="2024" orgUnit="DiszpKrYNg8"><dataValue dataElement="DE_359596" value="5"/></dataValueSet>'
    )
    before = state()
    result = put(
        coded, alice, xml.encode(), Dhis2Format.XML, dataElementIdScheme="UID", importStrategy="CREATE"
    )
    assert result["importCount"] == {"imported": 1, "updated": 0, "ignored": 0, "deleted": 0}
    assert result["importOptions"] == {
        "idSchemes": {
            "idScheme": "UID",
            "dataElementIdScheme": "CODE",
            "orgUnitIdScheme": "UID",
            "categoryOptionComboIdScheme": "UID",
        },
        "dryRun": True,
        "importStrategy": "CREATE",
        "atomic": False,
        "firstRowIsHeader": True,
    }
    assert state() == before


def test_dhis2_parameters_are_read_and_bad_ones_named() -> None:
    options = Dhis2ImportOptions.from_params(
        {
            "dryRun": "TRUE",
            "importStrategy": "new_and_updates",
            "idScheme": "code",
            "orgUnitIdScheme": "uid",
            "atomic": "true",
        }
    )
    assert options == Dhis2ImportOptions(
        dry_run=True,
        strategy=Strategy.CREATE_AND_UPDATE,
        id_schemes=IdSchemes(IdScheme.CODE, org_unit=IdScheme.UID),
        atomic=True,
    )
    with pytest.raises(Dhis2ParameterError) as caught:
        Dhis2ImportOptions.from_params({"idScheme": "UUID"})
    assert (caught.value.message, caught.value.message_en) == (
        "Tham số idScheme = 'UUID' không hợp lệ; dùng UID, CODE, NAME hoặc ATTRIBUTE:<uid của thuộc tính>.",
        "Parameter idScheme = 'UUID' is not valid; use UID, CODE, NAME or ATTRIBUTE:<uid of the attribute>.",
    )
    with pytest.raises(Dhis2ParameterError) as caught:
        Dhis2ExportQuery.from_params({"startDate": "01/02/2024"})
    assert caught.value.message == "Tham số startDate = '01/02/2024' không hợp lệ; dùng ngày dạng YYYY-MM-DD."
    query = Dhis2ExportQuery.from_params(
        {"period": "2024,2024Q1", "orgUnit": ["a", "b"], "endDate": "2024-12-31"}
    )
    assert (query.period, query.org_unit, query.end_date) == (
        ("2024", "2024Q1"),
        ("a", "b"),
        date(2024, 12, 31),
    )


def test_an_export_of_an_unknown_org_unit_or_period_is_refused(coded: Programme, alice: User) -> None:
    with pytest.raises(Dhis2ParameterError) as caught:
        dhis2_data_value_sets_export(
            user=alice,
            programme=coded,
            format=Dhis2Format.JSON,
            query=Dhis2ExportQuery(org_unit=("Nowhere0000",)),
        )
    assert (
        caught.value.message
        == "Tham số orgUnit = 'Nowhere0000' không hợp lệ; dùng một orgUnit có trong bảng mã DHIS2."
    )
    with pytest.raises(Dhis2ParameterError):
        dhis2_data_value_sets_export(
            user=alice, programme=coded, format=Dhis2Format.JSON, query=Dhis2ExportQuery(period=("2024W1",))
        )


def test_an_export_with_codes_and_a_data_set(coded: Programme, alice: User) -> None:
    send(coded, alice, SENDING)
    query = Dhis2ExportQuery(
        data_set=("pBOMPrpg1QX",), period=("201401",), id_schemes=IdSchemes(IdScheme.CODE)
    )
    exported = dhis2_data_value_sets_export(user=alice, programme=coded, format=Dhis2Format.JSON, query=query)
    document = json.loads(exported.data)
    assert document["dataSet"] == "pBOMPrpg1QX"
    assert sorted(
        (v["dataElement"], v["orgUnit"], v["categoryOptionCombo"], v["value"]) for v in document["dataValues"]
    ) == [
        ("DE_359049", "OU_559", "default", "3"),
        ("DE_359596", "OU_559", "default", "1"),
        ("DE_359706", "OU_559", "default", "2"),
    ]

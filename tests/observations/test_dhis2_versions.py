"""The DHIS2 code table maps org units to unit versions: code 24 is two units, each keeps its figures."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.contrib.auth.models import User

from nqtrack.observations.dhis2 import CodeTableRejected, dhis2_codes_load
from nqtrack.observations.exports import observations_export
from nqtrack.observations.formats.sniff import Kind
from nqtrack.observations.models import Dhis2OrgUnit, Observation, Origin
from nqtrack.observations.selectors import Selection
from nqtrack.programmes.models import Programme
from tests.observations.dhis2_payloads import send

pytestmark = pytest.mark.django_db

# One org unit per version of code 24: Bắc Giang until 30/6/2025, the new Bắc Ninh from 1/7/2025.
CODES = """kind,dhis2_id,category_option_combo,code,name,unit_name
dataElement,f7n9E0hX8qk,,forest_cover,tỷ lệ che phủ rừng,
orgUnit,BacGiang024,,24,Bắc Giang (đến 30/6/2025),Tỉnh Bắc Giang
orgUnit,BacNinh0024,,24,Bắc Ninh (từ 1/7/2025),Tỉnh Bắc Ninh
"""


def _value(org_unit: str, period: str, value: str) -> dict[str, str]:
    return {"dataElement": "f7n9E0hX8qk", "period": period, "orgUnit": org_unit, "value": value}


def _reported() -> list[tuple[str, str, str]]:
    return sorted(
        (o.unit.name, o.period, o.value_text) for o in Observation.objects.filter(origin=Origin.REPORTED)
    )


@pytest.fixture
def versioned(programme: Programme, bob: User) -> Programme:
    dhis2_codes_load(user=bob, programme=programme, data=CODES.encode(), name="codes.csv")
    return programme


def test_the_code_table_holds_each_org_unit_on_its_version(versioned: Programme) -> None:
    rows = {
        r.org_unit: (r.unit_code, r.unit.valid_from if r.unit else "-") for r in Dhis2OrgUnit.objects.all()
    }
    assert rows == {"BacGiang024": ("24", None), "BacNinh0024": ("24", date(2025, 7, 1))}


def test_a_round_trip_keeps_each_figure_on_its_version(versioned: Programme, alice: User) -> None:
    document = {
        "dataValues": [
            _value("BacGiang024", "2024", "37.9"),
            _value("BacGiang024", "2025S1", "38"),
            _value("BacNinh0024", "2025", "31.2"),
            _value("BacNinh0024", "2026", "31.5"),
        ]
    }
    result = send(versioned, alice, document)
    assert result.summary["status"] == "SUCCESS", result.summary["conflicts"]
    assert _reported() == [
        ("Tỉnh Bắc Giang", "2024", "37.9"),
        ("Tỉnh Bắc Giang", "2025S1", "38"),
        ("Tỉnh Bắc Ninh", "2025", "31.2"),
        ("Tỉnh Bắc Ninh", "2026", "31.5"),
    ]
    selection = Selection(unit_codes=("24",), first_year=2024, last_year=2026, include_drafts=True)
    exported = observations_export(user=alice, programme=versioned, selection=selection, kind=Kind.DHIS2_JSON)
    sent_back = {
        (v["orgUnit"], v["period"], v["value"])
        for v in json.loads(exported.data)["dataValues"]
        if v["dataElement"] == "f7n9E0hX8qk"
    }
    assert sent_back == {
        ("BacGiang024", "2024", "37.9"),
        ("BacGiang024", "2025S1", "38"),
        ("BacNinh0024", "2025", "31.2"),
        ("BacNinh0024", "2026", "31.5"),
    }
    before = _reported()
    again = send(versioned, alice, json.loads(exported.data))
    assert again.summary["status"] == "SUCCESS", again.summary
    assert _reported() == before


def test_a_value_outside_its_org_units_version_is_a_conflict(versioned: Programme, alice: User) -> None:
    result = send(
        versioned,
        alice,
        {"dataValues": [_value("BacGiang024", "2025", "30"), _value("BacGiang024", "2025Q4", "38")]},
    )
    assert [c["value"] for c in result.summary["conflicts"]] == [
        "kỳ 2025 (1/1/2025–31/12/2025) vượt quá thời gian tồn tại của Tỉnh Bắc Giang (đến 30/6/2025); hãy "
        "ghi số liệu cho kỳ nằm trọn trong thời gian đó (ví dụ 6 tháng đầu năm) hoặc cho đơn vị kế tiếp",
        "Tỉnh Bắc Giang (đến 30/6/2025) đã thôi tồn tại từ 1/7/2025; kỳ 2025Q4 (1/10/2025–31/12/2025) sau "
        "ngày đó không thể ghi cho đơn vị này",
    ]
    assert _reported() == []


def test_a_unit_name_that_is_no_version_of_the_code_is_refused(programme: Programme, bob: User) -> None:
    bad = CODES.replace(",Tỉnh Bắc Ninh\n", ",Tỉnh Lạng Sơn\n")
    with pytest.raises(CodeTableRejected) as refused:
        dhis2_codes_load(user=bob, programme=programme, data=bad.encode(), name="codes.csv")
    assert [str(e) for e in refused.value.errors] == [
        "dòng 4, cột 'unit_name': tên đơn vị 'Tỉnh Lạng Sơn' không chỉ đúng một phiên bản của mã 24 "
        "(mã này là: Tỉnh Bắc Giang (đến 30/6/2025), Tỉnh Bắc Ninh (từ 1/7/2025))"
    ]
    assert Dhis2OrgUnit.objects.count() == 0

"""The entry grid of the seed programme opens on Bắc Giang, named with its dates; the new Bắc Ninh is
another version, chosen by its key."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nqtrack.observations.files import observations_import_upload
from nqtrack.observations.models import Observation, Origin
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Programme

pytestmark = pytest.mark.django_db


def _readonly(page: str, indicator: int, year: int) -> bool:
    match = re.search(rf'<input[^>]*name="v-{indicator}-{year}"[^>]*>', page)
    assert match is not None
    return "readonly" in match.group(0)


def test_the_grid_opens_on_bac_giang_named_with_its_dates(
    figures: Programme, alice: User, client: Client
) -> None:
    client.force_login(alice)
    page = client.get("/so-lieu/?tu=2022&den=2026").content.decode()
    assert "<h1>Nhập số liệu: Tỉnh Bắc Giang (đến 30/6/2025)</h1>" in page
    assert '<option value="24" selected>Tỉnh Bắc Giang (đến 30/6/2025) (24)</option>' in page
    assert '<option value="24@2025-07-01">Tỉnh Bắc Ninh (từ 1/7/2025) (24)</option>' in page
    forest = Indicator.objects.get(code="forest_cover")
    # 2025 (only its first half is Bắc Giang's) and 2026 are not Bắc Giang's years: nothing to enter.
    assert _readonly(page, forest.pk, 2023) is False
    assert _readonly(page, forest.pk, 2025) is True
    assert _readonly(page, forest.pk, 2026) is True


def test_the_new_province_is_its_own_grid_and_keeps_its_figures(
    figures: Programme, alice: User, client: Client
) -> None:
    client.force_login(alice)
    forest = Indicator.objects.get(code="forest_cover")
    page = client.get("/so-lieu/?don_vi=24@2025-07-01&tu=2024&den=2026").content.decode()
    assert "<h1>Nhập số liệu: Tỉnh Bắc Ninh (từ 1/7/2025)</h1>" in page
    assert (_readonly(page, forest.pk, 2024), _readonly(page, forest.pk, 2026)) == (True, False)
    data = {
        f"v-{forest.pk}-2026": "31,5",
        f"s-{forest.pk}-2026": "estimate",
        f"src-{forest.pk}-2026": "",
        f"n-{forest.pk}-2026": "",
        f"ver-{forest.pk}-2026": "0",
    }
    response = client.post("/so-lieu/?don_vi=24@2025-07-01&tu=2024&den=2026", data)
    assert response.status_code == 200
    saved = Observation.objects.get(origin=Origin.REPORTED)
    assert (saved.unit, saved.period, saved.value_text) == (
        AdminUnit.objects.get(code="24", valid_from=date(2025, 7, 1)),
        "2026",
        "31.5",
    )


HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"


def test_a_csv_names_the_version_where_the_code_has_two(figures: Programme, alice: User) -> None:
    refused = HEADER + "forest_cover,,24,Tỉnh Bắc Giang,2025,38,,,,\r\n"
    result = observations_import_upload(
        user=alice, programme=figures, name="so-lieu.csv", data=refused.encode(), dry_run=False, channel="web"
    )
    assert result.entries is not None
    assert [str(e) for e in result.entries.errors] == [
        "dòng 2, cột 'Mã đơn vị': kỳ 2025 (1/1/2025–31/12/2025) vượt quá thời gian tồn tại của "
        "Tỉnh Bắc Giang (đến 30/6/2025); hãy ghi số liệu cho kỳ nằm trọn trong thời gian đó "
        "(ví dụ 6 tháng đầu năm) hoặc cho đơn vị kế tiếp"
    ]
    assert not Observation.objects.filter(origin=Origin.REPORTED).exists()
    accepted = HEADER + (
        "forest_cover,,24,Tỉnh Bắc Giang,2025S1,38,,,,\r\nforest_cover,,24,Tỉnh Bắc Ninh,2025,31,,,,\r\n"
    )
    result = observations_import_upload(
        user=alice,
        programme=figures,
        name="so-lieu.csv",
        data=accepted.encode(),
        dry_run=False,
        channel="web",
    )
    assert result.ok
    assert sorted((o.unit.name, o.period) for o in Observation.objects.filter(origin=Origin.REPORTED)) == [
        ("Tỉnh Bắc Giang", "2025S1"),
        ("Tỉnh Bắc Ninh", "2025"),
    ]

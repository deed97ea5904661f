"""The observation services ask the accounts scopes (docs/security.md): capture scope per figure, review
within the remit and never one's own figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.observations.entries import Action, observations_save_cells
from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.observations.review import Batch, review_approve, review_submit
from nqtrack.observations.rows import EntryRow
from nqtrack.places.selectors import unit_for_period, unit_version_on
from nqtrack.programmes.models import Indicator, Programme
from tests.grants import grant
from tests.observations.conftest import state

pytestmark = pytest.mark.django_db

ON_2022 = date(2022, 10, 1)


def scoped(username: str, role: Role, *codes: str) -> User:
    units = []
    for code in codes:
        found = unit_version_on(code=code, on=ON_2022)
        assert found is not None
        units.append(found)
    return grant(User.objects.create_user(username), role, ScopeSelection(capture_units=tuple(units)))


def cell(unit: str, value: str, period: str = "2023", n: int = 1) -> EntryRow:
    return EntryRow(n, "forest_cover", unit, period, Decimal(value), value, "official")


def reported_units() -> list[tuple[str, str, Decimal | None]]:
    rows = Observation.objects.filter(origin=Origin.REPORTED).order_by("unit__code", "period")
    return list(rows.values_list("unit__code", "period", "value"))


def test_a_commune_reporter_saves_for_their_commune_only(figures: Programme) -> None:
    reporter = scoped("xa_tu_lan", Role.REPORTER, "07774")
    saved = observations_save_cells(
        user=reporter, programme=figures, rows=[cell("07774", "41.5")], channel="web"
    )
    assert (saved.counts[Action.CREATE], saved.errors) == (1, [])
    before = state()
    refused = observations_save_cells(
        user=reporter, programme=figures, rows=[cell("07771", "41.5")], channel="web"
    )
    assert [(e.row, e.column, e.code, e.message) for e in refused.errors] == [
        (1, "Đơn vị", "NQ004", "bạn không có quyền nhập số liệu “Tỷ lệ che phủ rừng” cho Xã Hương Mai")
    ]
    assert refused.counts[Action.CREATE] == 0
    assert state() == before
    assert reported_units() == [("07774", "2023", Decimal("41.5"))]


def test_a_district_reporter_saves_for_its_communes_following_history(figures: Programme) -> None:
    reporter = scoped("huyen_viet_yen", Role.REPORTER, "222")
    # Phường Tự Lạn of Thị xã Việt Yên from 1/1/2025 to the merger: its second quarter is in the scope (the
    # whole year 2025 belongs to the ward formed on 1/7/2025 under the same code, outside it)
    rows = [cell("222", "30"), cell("07774", "41.5", period="2025Q2", n=2)]
    saved = observations_save_cells(user=reporter, programme=figures, rows=rows, channel="web")
    assert (saved.counts[Action.CREATE], saved.errors) == (2, [])
    assert reported_units() == [("07774", "2025Q2", Decimal("41.5")), ("222", "2023", Decimal("30"))]
    before = state()
    refused = observations_save_cells(
        user=reporter, programme=figures, rows=[cell("24", "38")], channel="web"
    )
    assert [e.code for e in refused.errors] == ["NQ004"]
    assert state() == before


def test_a_reviewer_cannot_approve_their_own_figures_or_outside_their_remit(
    figures: Programme, bob: User
) -> None:
    manager = grant(User.objects.create_user("mai"), Role.PROGRAMME_MANAGER, ScopeSelection())
    observations_save_cells(user=manager, programme=figures, rows=[cell("24", "38.1")], channel="web")
    unit = unit_for_period(code="24", year=2023)
    assert unit is not None
    batch = Batch(
        programme=figures, unit=unit, year=2023, group=Indicator.objects.get(code="forest_cover").group
    )
    review_submit(user=manager, batch=batch, channel="web")
    commune_reviewer = scoped("duyet_xa", Role.REVIEWER, "07774")
    before = state()
    with pytest.raises(PermissionDenied) as own:
        review_approve(user=manager, batch=batch, channel="web")
    assert str(own.value) == "Bạn không có quyền duyệt số liệu “Tỷ lệ che phủ rừng” của Tỉnh Bắc Giang."
    with pytest.raises(PermissionDenied) as outside:
        review_approve(user=commune_reviewer, batch=batch, channel="web")
    # Outside the remit: refused for the batch, before its figures are read (so none of them is named).
    assert str(outside.value) == (
        "Bạn không có quyền duyệt số liệu nhóm chỉ tiêu (12), Tỉnh Bắc Giang, năm 2023."
    )
    assert state() == before
    assert review_approve(user=bob, batch=batch, channel="web") == 1
    assert list(
        Observation.objects.filter(origin=Origin.REPORTED).values_list("review_state", flat=True)
    ) == [ReviewState.APPROVED]

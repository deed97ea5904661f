"""The one place that decides: roles, capture and view scopes following unit history."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from nqtrack.accounts import scopes
from nqtrack.accounts.models import Role
from nqtrack.observations import permissions
from nqtrack.observations.models import Observation, Origin, ReviewState, Status
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, IndicatorGroup, Organisation
from tests.accounts.conftest import DEPARTMENT, DEPARTMENT_GROUP, Cast, make_user, unit
from tests.seed import SEED_STATISTICS, SEED_UNITS

pytestmark = pytest.mark.django_db


def codes_in_csv_under(parent: str) -> set[str]:
    """Codes the shipped unit lists put directly under ``parent`` in any snapshot (read from the file)."""
    with SEED_UNITS.open(encoding="utf-8", newline="") as handle:
        return {row["code"] for row in csv.DictReader(handle) if row["parent_code"].strip() == parent}


def indicator_in_group(cast: Cast, number: int) -> Indicator:
    return Indicator.objects.filter(programme=cast.programme, group__number=number).order_by("position")[0]


def test_a_2022_district_scope_covers_its_2022_communes_and_their_later_versions(cast: Cast) -> None:
    covered = AdminUnit.objects.filter(pk__in=scopes.covered_unit_ids([unit("222")]))
    expected_codes = {"222"} | codes_in_csv_under("222")
    assert {u.code for u in covered} == expected_codes
    # every version of those codes that lay in Việt Yên: the 2022 district and the 2024 town, the 2022 Xã
    # Tự Lạn and the 2024 Phường Tự Lạn
    assert sorted(u.name for u in covered if u.code in {"222", "07774"}) == [
        "Huyện Việt Yên",
        "Phường Tự Lạn",
        "Thị Xã Việt Yên",
        "Xã Tự Lạn",
    ]
    assert not covered.filter(code="24").exists()


def test_a_merged_district_scope_does_not_reach_the_unit_it_merged_into(cast: Cast) -> None:
    covered = AdminUnit.objects.filter(pk__in=scopes.covered_unit_ids([unit("221")]))
    assert {u.code for u in covered} == {"221"} | codes_in_csv_under("221")
    assert not covered.filter(code="213").exists()  # Bắc Giang city absorbed Yên Dũng on 2025-01-01


def test_capture_follows_the_scope_units_and_history(cast: Cast) -> None:
    indicator = indicator_in_group(cast, 1)
    tu_lan_2022, tu_lan_2024 = unit("07774"), unit("07774", date(2024, 6, 1))
    bich_dong = unit("07777")
    yen_the = unit("215")
    assert tu_lan_2022.pk != tu_lan_2024.pk
    allowed = {
        name: [
            scopes.capture_allowed(user=getattr(cast, name), unit=u, indicator=indicator)
            for u in (tu_lan_2022, tu_lan_2024, bich_dong, unit("222"), yen_the, unit("24"))
        ]
        for name in ("commune_reporter", "district_reporter", "province_reviewer", "viewer", "manager")
    }
    assert allowed == {
        "commune_reporter": [True, True, False, False, False, False],
        "district_reporter": [True, True, True, True, False, False],
        "province_reviewer": [False] * 6,  # reviewers approve, they do not enter
        "viewer": [False] * 6,
        "manager": [True] * 6,
    }
    assert not scopes.capture_allowed(user=AnonymousUser(), unit=tu_lan_2022, indicator=indicator)


def test_require_capture_says_who_may_not_enter_what(cast: Cast) -> None:
    indicator = indicator_in_group(cast, 1)
    with pytest.raises(PermissionDenied) as refused:
        scopes.require_capture(user=cast.commune_reporter, unit=unit("07777"), indicator=indicator)
    assert str(refused.value) == (
        f"Bạn không có quyền nhập số liệu “{indicator.name}” cho Thị trấn Bích Động."
    )
    scopes.require_capture(user=cast.commune_reporter, unit=unit("07774"), indicator=indicator)


def test_a_department_captures_only_its_indicator_groups(cast: Cast) -> None:
    own, other = indicator_in_group(cast, DEPARTMENT_GROUP), indicator_in_group(cast, 1)
    province = unit("24")
    user = cast.department_reporter
    assert scopes.capture_allowed(user=user, unit=province, indicator=own)
    assert not scopes.capture_allowed(user=user, unit=province, indicator=other)
    supporting = Indicator.objects.filter(programme=cast.programme, group=None).first()
    assert supporting is not None
    assert not scopes.capture_allowed(user=user, unit=province, indicator=supporting)


def test_task_updates_follow_the_organisation_scope_and_its_children(cast: Cast) -> None:
    orgs = {o.code: o for o in Organisation.objects.filter(programme=cast.programme)}
    department = orgs[DEPARTMENT]
    districts = orgs["district_party_committees"]
    yen_the = orgs["yen_the_district_party_committee"]
    assert scopes.can_post_task_update(user=cast.department_reporter, organisation=department)
    assert not scopes.can_post_task_update(user=cast.department_reporter, organisation=yen_the)
    reporter = make_user("huyen_uy", Role.REPORTER, capture_organisations=[districts])
    assert scopes.can_post_task_update(user=reporter, organisation=yen_the)  # a child organisation
    assert not scopes.can_post_task_update(user=cast.viewer, organisation=department)
    assert scopes.can_view_organisation(user=cast.viewer, organisation=yen_the)
    with pytest.raises(
        PermissionDenied, match="Bạn không có quyền báo cáo tiến độ thay cho Huyện ủy Yên Thế."
    ):
        scopes.require_task_update(user=cast.department_reporter, organisation=yen_the)


def test_a_reviewer_approves_within_their_remit_but_never_their_own_figure(cast: Cast) -> None:
    indicator = indicator_in_group(cast, 1)
    commune = unit("07774")
    assert scopes.is_reviewer_for(user=cast.province_reviewer, unit=commune, indicator=indicator)
    assert not scopes.is_reviewer_for(
        user=cast.province_reviewer, unit=commune, indicator=indicator, entered_by=cast.province_reviewer
    )
    assert scopes.is_reviewer_for(
        user=cast.province_reviewer, unit=commune, indicator=indicator, entered_by=cast.commune_reporter
    )
    assert not scopes.is_reviewer_for(user=cast.district_reporter, unit=commune, indicator=indicator)
    new_province = unit("24", date(2025, 8, 1))  # the new Bắc Ninh is not Bắc Giang's remit
    assert not scopes.is_reviewer_for(user=cast.province_reviewer, unit=new_province, indicator=indicator)


def _reported(indicator: Indicator, unit_: AdminUnit, value: str, state: ReviewState) -> Observation:
    return Observation.objects.create(
        indicator=indicator,
        unit=unit_,
        period="2024",
        year=2024,
        value=Decimal(value),
        value_text=value,
        measure_unit="percent",
        status=Status.ESTIMATE,
        origin=Origin.REPORTED,
        review_state=state,
        comment="nội bộ",
    )


def test_reads_show_published_figures_and_the_view_scope_only(cast: Cast) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=cast.programme)
    imported = set(Observation.objects.values_list("pk", flat=True))
    assert imported  # the statistics office's figures: published
    indicator = indicator_in_group(cast, 1)
    own = _reported(indicator, unit("07774"), "11.5", ReviewState.DRAFT)
    neighbour = _reported(indicator, unit("07777"), "12.5", ReviewState.SUBMITTED)
    approved = _reported(indicator, unit("07201"), "13.5", ReviewState.APPROVED)
    published = imported | {approved.pk}
    everything = Observation.objects.all()

    def visible(user: Any) -> set[int]:
        return set(
            permissions.view_filter_observations(user=user, queryset=everything).values_list("pk", flat=True)
        )

    assert visible(AnonymousUser()) == published
    assert visible(cast.commune_reporter) == published | {own.pk}
    assert visible(cast.district_reporter) == published | {own.pk, neighbour.pk}
    assert visible(cast.viewer) == published | {own.pk, neighbour.pk}
    assert visible(cast.manager) == published | {own.pk, neighbour.pk}
    # the department sees its own group beyond the published figures, not group (1)'s drafts
    assert visible(cast.department_reporter) == published


def test_viewable_and_capturable_units(cast: Cast) -> None:
    # Tự Lạn as a commune (2022) and as a ward (2024); not the 2025 ward of Bắc Ninh merged from several
    commune_versions = {unit("07774").pk, unit("07774", date(2024, 6, 1)).pk}
    assert unit("07774", date(2025, 8, 1)).pk not in commune_versions
    assert (
        set(scopes.viewable_units(user=cast.commune_reporter).values_list("pk", flat=True))
        == commune_versions
    )
    assert (
        set(scopes.capturable_units(user=cast.commune_reporter).values_list("pk", flat=True))
        == commune_versions
    )
    assert not scopes.capturable_units(user=cast.viewer).exists()
    assert set(scopes.viewable_units(user=cast.viewer).filter(code="07777").values_list("pk", flat=True)) == {
        unit("07777").pk,
        unit("07777", date(2024, 6, 1)).pk,
    }
    assert not scopes.viewable_units(user=AnonymousUser()).exists()
    assert scopes.viewable_units(user=cast.manager).count() == AdminUnit.objects.count()


class _Unverified:
    """What django-otp's middleware leaves on request.user before the code is entered."""

    def __init__(self, verified: bool) -> None:
        self.verified = verified

    def __call__(self) -> bool:
        return self.verified


def test_an_administrator_has_no_rights_until_verified(cast: Cast) -> None:
    admin = cast.admin
    admin.is_verified = _Unverified(False)  # type: ignore[attr-defined]
    assert scopes.user_role(user=admin) is None
    assert not scopes.can_manage_accounts(user=admin)
    admin.is_verified = _Unverified(True)  # type: ignore[attr-defined]
    assert scopes.user_role(user=admin) == Role.ADMINISTRATOR
    scopes.forget_access(user=admin)
    assert scopes.can_manage_accounts(user=admin)


def test_inactive_and_role_less_users_have_no_rights(cast: Cast) -> None:
    cast.district_reporter.is_active = False
    indicator = indicator_in_group(cast, 1)
    assert not scopes.capture_allowed(user=cast.district_reporter, unit=unit("07774"), indicator=indicator)
    nobody = make_user("khong_vai_tro", None)
    assert scopes.user_role(user=nobody) is None
    assert not scopes.viewable_units(user=nobody).exists()
    group = IndicatorGroup.objects.get(programme=cast.programme, number=1)
    assert not scopes.can_manage_programme(user=cast.viewer)
    assert scopes.can_manage_programme(user=cast.manager)
    assert group.number == 1

"""Figures read only within each user's view scope, and programme-wide operations by the scope rule
(docs/security.md), for every role of the cast (tests/accounts/conftest.py).

The figures, all entered through the services the pages use:

- Tự Lạn (07774): forest cover 2024 a draft and 2023 submitted, entered by the commune reporter (the
  matrix sample, tests/accounts/matrix_figures.py);
- Hương Mai (07771, the same district): forest cover 2024 a draft, 2023 approved (published), entered
  by the district reporter, approved by the province reviewer;
- the province (24): the number of new-rural-development districts (group 5) 2024 a draft entered by
  the department reporter; forest cover 2024 submitted by the programme manager.

Each page shows exact sets of (unit code, indicator, year): a draft of another commune never appears in
the grid, the export or the audit log; a refused operation changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from nqtrack.accounts import scopes
from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.observations import permissions
from nqtrack.observations.configuration import validation_rules_load
from nqtrack.observations.dhis2 import dhis2_code_table, dhis2_codes_load
from nqtrack.observations.entries import (
    E_SCOPE,
    Action,
    EntriesRejected,
    EntrySummary,
    observations_import_entries,
    observations_save_cells,
)
from nqtrack.observations.files import observations_import_upload
from nqtrack.observations.models import (
    AuditEntry,
    Channel,
    Observation,
    Origin,
    ValidationRuleRow,
    YearClosure,
)
from nqtrack.observations.review import (
    Batch,
    review_approve,
    review_submit,
    review_unlock,
    year_close,
    year_reopen,
)
from nqtrack.observations.rows import EntryRead, EntryRow
from nqtrack.observations.selectors import Selection, entry_grid, export_figures, review_queue
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme
from tests.accounts.conftest import ROLES, Cast, client_for, unit
from tests.accounts.matrix_figures import FIGURE_RULES, figures_sample
from tests.grants import grant
from tests.observations.conftest import state

pytestmark = pytest.mark.django_db

SIGNED_IN = [r for r in ROLES if r != "anonymous"]
DEPARTMENT_INDICATOR = "nrd_districts"  # group (5)

type Key = tuple[str, str, int]  # unit code, indicator code, year

TU_LAN_DRAFT: Key = ("07774", "forest_cover", 2024)
TU_LAN_SUBMITTED: Key = ("07774", "forest_cover", 2023)
HUONG_MAI_DRAFT: Key = ("07771", "forest_cover", 2024)
HUONG_MAI_APPROVED: Key = ("07771", "forest_cover", 2023)
PROVINCE_DEPARTMENT_DRAFT: Key = ("24", DEPARTMENT_INDICATOR, 2024)
PROVINCE_SUBMITTED: Key = ("24", "forest_cover", 2024)
EVERYTHING = {
    TU_LAN_DRAFT,
    TU_LAN_SUBMITTED,
    HUONG_MAI_DRAFT,
    HUONG_MAI_APPROVED,
    PROVINCE_DEPARTMENT_DRAFT,
    PROVINCE_SUBMITTED,
}
# What each role may read: the published figure, and the unpublished ones of its view scope.
READS: dict[str, set[Key]] = {
    "commune_reporter": {TU_LAN_DRAFT, TU_LAN_SUBMITTED, HUONG_MAI_APPROVED},
    "district_reporter": {TU_LAN_DRAFT, TU_LAN_SUBMITTED, HUONG_MAI_DRAFT, HUONG_MAI_APPROVED},
    "province_reviewer": EVERYTHING,
    "department_reporter": {PROVINCE_DEPARTMENT_DRAFT, HUONG_MAI_APPROVED},
    "viewer": EVERYTHING,
    "manager": EVERYTHING,
    "admin": EVERYTHING,
}


def _batch(programme: Programme, code: str, year: int, indicator: str) -> Batch:
    found = unit_for_period(code=code, year=year)
    assert found is not None
    group = Indicator.objects.get(programme=programme, code=indicator).group
    return Batch(programme=programme, unit=found, year=year, group=group)


def _enter(user: User, programme: Programme, *rows: tuple[str, str, int, str]) -> None:
    entries = [
        EntryRow(n, indicator, code, str(year), Decimal(value), value, "official")
        for n, (code, indicator, year, value) in enumerate(rows, start=1)
    ]
    saved = observations_save_cells(user=user, programme=programme, rows=entries, channel=Channel.WEB)
    assert saved.errors == []


@pytest.fixture
def world(cast: Cast) -> Cast:
    programme = cast.programme
    figures_sample(cast)
    _enter(cast.district_reporter, programme, ("07771", "forest_cover", 2024, "38.4"))
    _enter(cast.district_reporter, programme, ("07771", "forest_cover", 2023, "38.1"))
    approved = _batch(programme, "07771", 2023, "forest_cover")
    review_submit(user=cast.district_reporter, batch=approved, channel=Channel.WEB)
    review_approve(user=cast.province_reviewer, batch=approved, channel=Channel.WEB)
    _enter(cast.department_reporter, programme, ("24", DEPARTMENT_INDICATOR, 2024, "5"))
    _enter(cast.manager, programme, ("24", "forest_cover", 2024, "37.9"))
    submitted = _batch(programme, "24", 2024, "forest_cover")
    review_submit(user=cast.manager, batch=submitted, channel=Channel.WEB)
    return cast


def _key(obs: Observation) -> Key:
    assert obs.year is not None
    return (obs.unit.code, obs.indicator.code, obs.year)


def test_the_world_holds_exactly_the_figures_named(world: Cast) -> None:
    reported = Observation.objects.filter(origin=Origin.REPORTED).select_related("unit", "indicator")
    assert {_key(o): o.review_state for o in reported} == {
        TU_LAN_DRAFT: "draft",
        TU_LAN_SUBMITTED: "submitted",
        HUONG_MAI_DRAFT: "draft",
        HUONG_MAI_APPROVED: "approved",
        PROVINCE_DEPARTMENT_DRAFT: "draft",
        PROVINCE_SUBMITTED: "submitted",
    }


@pytest.mark.parametrize("who", SIGNED_IN)
def test_view_filter_gives_each_role_its_figures(world: Cast, who: str) -> None:
    user = world.by_name(who)
    assert user is not None
    rows = permissions.view_filter_observations(user=user, queryset=Observation.objects.all())
    assert {_key(o) for o in rows.select_related("unit", "indicator")} == READS[who]


# -- the entry grid ---------------------------------------------------------------------------------------


def _grid_page_figures(client: Client, code: str) -> set[Key]:
    response = client.get("/so-lieu/", {"don_vi": code, "tu": "2023", "den": "2024"})
    assert response.status_code == 200
    indicators = dict(Indicator.objects.values_list("pk", "code"))
    page = response.content.decode()
    return {
        (code, indicators[int(pk)], int(year))
        for pk, year, value in re.findall(r'name="v-(\d+)-(\d+)" value="([^"]*)"', page)
        if value
    }


GRID_UNITS = ("07774", "07771", "24")
# The units whose grid each role may open (a version in its view scope).
GRID_ALLOWED = {
    "commune_reporter": {"07774"},
    "district_reporter": {"07774", "07771"},
} | {
    who: set(GRID_UNITS) for who in ("province_reviewer", "department_reporter", "viewer", "manager", "admin")
}


@pytest.mark.parametrize("who", SIGNED_IN)
def test_the_grid_shows_the_reported_figures_each_role_may_read(world: Cast, who: str) -> None:
    client = client_for(world, who)
    for code in GRID_UNITS:
        if code not in GRID_ALLOWED[who]:
            before = state()
            assert client.get("/so-lieu/", {"don_vi": code}).status_code == 403
            assert state() == before
            continue
        expected = {key for key in READS[who] if key[0] == code}
        assert _grid_page_figures(client, code) == expected, code


def test_the_commune_reporter_opens_on_their_commune_and_never_sees_another(world: Cast) -> None:
    client = client_for(world, "commune_reporter")
    page = client.get("/so-lieu/", {"tu": "2023", "den": "2024"}).content.decode()
    # the grid of 2023–2024 is named by its latest year's version: Tự Lạn became a ward on 1/2/2024
    assert re.findall(r"<h1>(.*?)</h1>", page) == ["Nhập số liệu: Phường Tự Lạn"]
    assert _grid_page_figures(client, "07774") == {TU_LAN_DRAFT, TU_LAN_SUBMITTED}
    assert "38,4" not in client.get("/so-lieu/", {"don_vi": "07774"}).content.decode()


def test_cells_outside_the_capture_scope_are_read_only(world: Cast) -> None:
    grid = entry_grid(
        user=world.department_reporter,
        programme=world.programme,
        unit_code="24",
        years=[2024],
        group_number=None,
    )
    editable = {
        cell.indicator.group.number if cell.indicator.group else None
        for group in grid.groups
        for row in group.rows
        for cell in row.cells
        if cell.editable
    }
    assert editable == {5}


def test_a_refused_grid_save_changes_nothing(world: Cast) -> None:
    forest = Indicator.objects.get(code="forest_cover")
    key = f"{forest.pk}-2022"
    client = client_for(world, "commune_reporter")
    before = state()
    response = client.post(
        "/so-lieu/?don_vi=07771",
        {f"v-{key}": "39,0", f"s-{key}": "official", f"src-{key}": "", f"n-{key}": "", f"ver-{key}": "0"},
    )
    assert response.status_code == 403
    assert state() == before


# -- review: the batches under the grid and the queue -----------------------------------------------------


def _batches(user: User, programme: Programme, code: str) -> set[tuple[str, int, str, bool, bool]]:
    """(group, year, state, may submit, may approve or return) of each batch under the grid."""
    grid = entry_grid(user=user, programme=programme, unit_code=code, years=[2023, 2024], group_number=None)
    return {(b.group_label, b.year, b.state, b.can_submit, b.can_review) for b in grid.batches}


def test_the_batches_offer_the_steps_each_role_may_take(world: Cast) -> None:
    programme = world.programme
    assert _batches(world.commune_reporter, programme, "07774") == {
        ("(12)", 2023, "submitted", True, False),  # their own figures: never reviewed by them
        ("(12)", 2024, "draft", True, False),
    }
    assert _batches(world.province_reviewer, programme, "07774") == {
        ("(12)", 2023, "submitted", False, True),
        ("(12)", 2024, "draft", False, True),
    }
    assert _batches(world.manager, programme, "24") == {
        ("(5)", 2024, "draft", True, True),
        ("(12)", 2024, "submitted", True, False),  # entered by the manager
    }
    assert _batches(world.admin, programme, "24") == {
        ("(5)", 2024, "draft", True, True),
        ("(12)", 2024, "submitted", True, True),
    }
    # the department reporter reads only group (5) at the province: their own draft batch
    assert _batches(world.department_reporter, programme, "24") == {("(5)", 2024, "draft", True, False)}
    assert _batches(world.viewer, programme, "24") == {
        ("(5)", 2024, "draft", False, False),
        ("(12)", 2024, "submitted", False, False),
    }


def _queue(user: User, programme: Programme) -> list[tuple[str, int, str]]:
    return [(r.unit.code, r.year, r.group_label) for r in review_queue(user=user, programme=programme)]


def test_the_review_queue_lists_what_each_reviewer_may_approve(world: Cast) -> None:
    programme = world.programme
    assert _queue(world.province_reviewer, programme) == [("07774", 2023, "(12)"), ("24", 2024, "(12)")]
    assert _queue(world.manager, programme) == [("07774", 2023, "(12)")]  # not the batch they entered
    assert _queue(world.admin, programme) == [("07774", 2023, "(12)"), ("24", 2024, "(12)")]
    for who in ("commune_reporter", "district_reporter", "department_reporter", "viewer"):
        user = world.by_name(who)
        assert user is not None
        with pytest.raises(PermissionDenied):
            review_queue(user=user, programme=programme)


def test_the_queue_page_lists_the_batches_with_their_steps(world: Cast) -> None:
    page = client_for(world, "province_reviewer").get("/so-lieu/cho-duyet/").content.decode()
    assert re.findall(r'data-batch="([^"]+)"', page) == ["07774-2023-(12)", "24-2024-(12)"]
    assert page.count('name="buoc" value="approve"') == 2
    assert client_for(world, "district_reporter").get("/so-lieu/cho-duyet/").status_code == 403


def test_a_district_reviewer_queues_only_their_district(world: Cast) -> None:
    reviewer = grant(
        User.objects.create_user("duyet_viet_yen"),
        Role.REVIEWER,
        ScopeSelection(capture_units=(unit("222"),)),
    )
    assert _queue(reviewer, world.programme) == [("07774", 2023, "(12)")]


def test_a_refused_approval_changes_nothing(world: Cast) -> None:
    batch = _batch(world.programme, "07774", 2023, "forest_cover")
    for who in ("commune_reporter", "district_reporter", "department_reporter", "viewer"):
        user = world.by_name(who)
        assert user is not None
        before = state()
        with pytest.raises(PermissionDenied):
            review_approve(user=user, batch=batch, channel=Channel.WEB)
        assert state() == before
    assert review_approve(user=world.province_reviewer, batch=batch, channel=Channel.WEB) == 1


def test_the_approval_the_matrix_sends_succeeds_for_the_allowed_roles(world: Cast) -> None:
    rule = FIGURE_RULES["observations:review"]
    for who in sorted(rule.post_allowed):
        submitted = _batch(world.programme, "07774", 2023, "forest_cover")
        if submitted.figures().get().review_state != "submitted":  # approved by the role before
            review_unlock_and_resubmit(world, submitted)
        response = client_for(world, who).post("/so-lieu/duyet/", rule.post)
        assert response.status_code == 302
        assert submitted.figures().get().review_state == "approved", who


def review_unlock_and_resubmit(world: Cast, batch: Batch) -> None:
    review_unlock(user=world.manager, batch=batch, reason="Kiểm tra lại quyền duyệt", channel=Channel.WEB)
    review_submit(user=world.commune_reporter, batch=batch, channel=Channel.WEB)


# -- the export -------------------------------------------------------------------------------------------


def _export_page(client: Client) -> set[Key]:
    response = client.get(
        "/so-lieu/xuat/",
        {"dinh_dang": "csv", "don_vi": "07774,07771,24", "tu": "2023", "den": "2024", "nhap": "1"},
    )
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return {(r["Mã đơn vị"], r["Mã chỉ tiêu"], int(r["Kỳ"])) for r in rows}


@pytest.mark.parametrize("who", SIGNED_IN)
def test_the_export_with_drafts_holds_what_each_role_may_read(world: Cast, who: str) -> None:
    assert _export_page(client_for(world, who)) == READS[who]


def test_the_export_without_drafts_holds_the_published_figures_only(world: Cast) -> None:
    selection = Selection(unit_codes=("07774", "07771", "24"), first_year=2023, last_year=2024)
    exported = export_figures(user=world.manager, programme=world.programme, selection=selection)
    assert {_key(o) for o in exported} == {HUONG_MAI_APPROVED}


# -- the audit log ----------------------------------------------------------------------------------------


def _audit_page(client: Client, code: str) -> set[tuple[str, str, str, str]]:
    response = client.get("/so-lieu/lich-su/", {"don_vi": code})
    assert response.status_code == 200
    rows = re.findall(
        r'<tr data-action="(\w+)">.*?<td>([^<·]+) · ([^<·]+) · ([^<·]+)</td>', response.content.decode(), re.S
    )
    return {
        (action, code.strip(), indicator.strip(), period.strip()) for action, indicator, code, period in rows
    }


# An approved figure's history holds its values before review: its log is read within the view scope only,
# not by those who read the published figure alone.
IN_VIEW_SCOPE = READS | {
    "commune_reporter": READS["commune_reporter"] - {HUONG_MAI_APPROVED},
    "department_reporter": READS["department_reporter"] - {HUONG_MAI_APPROVED},
}


def _audit_expected(who: str, code: str) -> set[tuple[str, str, str, str]]:
    entries = AuditEntry.objects.filter(unit__code=code).select_related("unit", "indicator")
    return {
        (e.action, code, e.indicator.code, e.period)
        for e in entries
        if e.indicator is not None and (code, e.indicator.code, int(e.period)) in IN_VIEW_SCOPE[who]
    }


@pytest.mark.parametrize("who", SIGNED_IN)
def test_the_audit_log_shows_the_changes_each_role_may_read(world: Cast, who: str) -> None:
    client = client_for(world, who)
    for code in GRID_UNITS:
        if code not in GRID_ALLOWED[who]:
            before = state()
            assert client.get("/so-lieu/lich-su/", {"don_vi": code}).status_code == 403
            assert state() == before
            continue
        assert _audit_page(client, code) == _audit_expected(who, code), code


def test_the_audit_log_of_tu_lan_as_each_reader_sees_it(world: Cast) -> None:
    tu_lan = {
        ("create", "07774", "forest_cover", "2024"),
        ("create", "07774", "forest_cover", "2023"),
        ("submit", "07774", "forest_cover", "2023"),
    }
    assert _audit_page(client_for(world, "commune_reporter"), "07774") == tu_lan
    assert _audit_page(client_for(world, "viewer"), "07774") == tu_lan
    assert _audit_page(client_for(world, "department_reporter"), "07774") == set()
    # a draft of another commune never appears in the commune reporter's log
    assert _audit_page(client_for(world, "district_reporter"), "07771") == {
        ("create", "07771", "forest_cover", "2024"),
        ("create", "07771", "forest_cover", "2023"),
        ("submit", "07771", "forest_cover", "2023"),
        ("approve", "07771", "forest_cover", "2023"),
    }


# -- the import template ----------------------------------------------------------------------------------


def _template_indicators(client: Client, code: str) -> tuple[int, set[str]]:
    response = client.get("/so-lieu/mau.xlsx", {"don_vi": code, "nam": "2024"})
    if response.status_code != 200:
        return response.status_code, set()
    sheet = load_workbook(io.BytesIO(response.content))["Số liệu"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert {r[2] for r in rows} == {code}
    return 200, {str(r[0]) for r in rows}


def test_the_template_holds_the_indicators_each_role_may_enter(world: Cast) -> None:
    every = set(Indicator.objects.filter(programme=world.programme).values_list("code", flat=True))
    group_five = set(Indicator.objects.filter(group__number=5).values_list("code", flat=True))
    assert DEPARTMENT_INDICATOR in group_five
    assert _template_indicators(client_for(world, "commune_reporter"), "07774") == (200, every)
    assert _template_indicators(client_for(world, "commune_reporter"), "07771") == (403, set())
    assert _template_indicators(client_for(world, "district_reporter"), "07771") == (200, every)
    assert _template_indicators(client_for(world, "department_reporter"), "24") == (200, group_five)
    assert _template_indicators(client_for(world, "province_reviewer"), "24") == (403, set())
    assert _template_indicators(client_for(world, "viewer"), "24") == (403, set())
    assert _template_indicators(client_for(world, "manager"), "24") == (200, every)


# -- programme-wide operations ----------------------------------------------------------------------------

OPERATORS = {"province_reviewer", "manager", "admin"}


def _operations_state() -> list[object]:
    return [
        *YearClosure.objects.order_by("id").values_list("programme_id", "year", "closes_on"),
        *ValidationRuleRow.objects.order_by("id").values_list("code", "params"),
        *state(),
    ]


@pytest.mark.parametrize("who", SIGNED_IN)
def test_programme_wide_operations_follow_the_scope_rule(world: Cast, who: str) -> None:
    user = world.by_name(who)
    assert user is not None
    programme = world.programme
    assert scopes.can_run_programme_operations(user=user, programme=programme) is (who in OPERATORS)
    rules = [
        {
            "code": "bounds:forest_cover",
            "kind": "bounds",
            "indicators": ["forest_cover"],
            "severity": "block",
            "minimum": 30,
        }
    ]
    codes = (
        b"kind,dhis2_id,category_option_combo,code,name\r\ndataElement,f7n9E0hX8qk,,forest_cover,Che phu\r\n"
    )
    statistics = (
        b"indicator,year,value,unit,status,source_url,published,quote,note\r\n"
        b"forest_cover,2021,37.5,percent,official,https://bacgiang.gov.vn/a,2022-03-01,,\r\n"
    )
    if who not in OPERATORS:
        before = _operations_state()
        for operation in (
            lambda: year_close(user=user, programme=programme, year=2024, channel=Channel.WEB),
            lambda: year_reopen(
                user=user, programme=programme, year=2024, reason="mở lại kiểm tra", channel="web"
            ),
            lambda: validation_rules_load(user=user, programme=programme, rules=rules),
            lambda: dhis2_codes_load(user=user, programme=programme, data=codes, name="ma.csv"),
            lambda: observations_import_upload(
                user=user,
                programme=programme,
                name="thong-ke.csv",
                data=statistics,
                dry_run=False,
                channel="web",
            ),
        ):
            with pytest.raises(PermissionDenied):
                operation()
            assert _operations_state() == before
        assert dhis2_code_table(programme=programme).elements == {}
        return
    year_close(user=user, programme=programme, year=2024, channel=Channel.WEB)
    assert list(YearClosure.objects.values_list("year", flat=True)) == [2024]
    year_reopen(user=user, programme=programme, year=2024, reason="mở lại kiểm tra", channel=Channel.WEB)
    assert YearClosure.objects.count() == 0
    assert validation_rules_load(user=user, programme=programme, rules=rules) == 1
    assert dhis2_codes_load(user=user, programme=programme, data=codes, name="ma.csv") == (1, 0)
    imported = observations_import_upload(
        user=user, programme=programme, name="thong-ke.csv", data=statistics, dry_run=False, channel="web"
    )
    assert imported.ok
    assert Observation.objects.filter(origin=Origin.PUBLISHED, year=2021).count() == 1


def test_a_reviewer_of_a_district_or_of_one_group_runs_no_programme_operation(world: Cast) -> None:
    district = grant(
        User.objects.create_user("duyet_huyen"), Role.REVIEWER, ScopeSelection(capture_units=(unit("222"),))
    )
    group = Indicator.objects.get(code=DEPARTMENT_INDICATOR).group
    assert group is not None
    one_group = grant(
        User.objects.create_user("duyet_nhom"),
        Role.REVIEWER,
        ScopeSelection(capture_units=(unit("24"),), capture_indicator_groups=(group,)),
    )
    for user in (district, one_group):
        before = _operations_state()
        with pytest.raises(PermissionDenied):
            year_close(user=user, programme=world.programme, year=2024, channel=Channel.WEB)
        assert _operations_state() == before


# -- the import command acting for a named user -----------------------------------------------------------


def test_the_import_command_imports_as_the_named_user(world: Cast, tmp_path: Path) -> None:
    header = (
        "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"
    )
    other = tmp_path / "huong-mai.csv"
    other.write_text(header + "forest_cover,,07771,,2022,38.0,,Chính thức,,\r\n", encoding="utf-8")
    own = tmp_path / "tu-lan.csv"
    own.write_text(header + "forest_cover,,07774,,2022,40.9,,Chính thức,,\r\n", encoding="utf-8")
    before = state()
    with pytest.raises(
        CommandError, match="bạn không có quyền nhập số liệu “Tỷ lệ che phủ rừng” cho Xã Hương Mai"
    ):
        call_command("import", str(other), "--user", "xa_tu_lan", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="Bạn không có quyền nhập số liệu."):
        call_command("import", str(own), "--user", "lanh_dao", stdout=StringIO(), stderr=StringIO())
    assert state() == before
    call_command("import", str(own), "--user", "xa_tu_lan", stdout=StringIO(), stderr=StringIO())
    created = AuditEntry.objects.get(action="create", unit__code="07774", period="2022")
    assert (created.user, created.channel) == (world.commune_reporter, "cli")


def _unit_choices(client: Client, **query: str) -> list[str]:
    page = client.get("/so-lieu/", {"tu": "2024", "den": "2024"} | query).content.decode()
    select = re.search(r'<select name="don_vi">(.*?)</select>', page, re.S)
    assert select is not None
    return re.findall(r"<option value=\"([^\"]+)\"", select.group(1))


def test_the_unit_choices_are_the_units_each_role_may_open(world: Cast) -> None:
    assert _unit_choices(client_for(world, "commune_reporter")) == ["07774@2024-02-01"]  # the ward of 2024
    assert _unit_choices(client_for(world, "district_reporter")) == ["222"]
    assert _unit_choices(client_for(world, "district_reporter"), don_vi="07771") == ["222", "07771"]
    districts = ["213", "215", "216", "217", "218", "219", "220", "221", "222", "223"]
    # Bắc Giang's scope covers its former territory, the statistical unit that follows it (24-BG).
    assert _unit_choices(client_for(world, "viewer")) == ["24", "24-BG@2025-07-01", *districts]


def test_the_review_queue_is_offered_to_the_reviewing_roles_only(world: Cast) -> None:
    offered = {
        who
        for who in SIGNED_IN
        if 'href="/so-lieu/cho-duyet/"' in client_for(world, who).get("/so-lieu/").content.decode()
    }
    assert offered == {"province_reviewer", "manager", "admin"}


# -- an import must not confirm a guess at a figure the user may not read ----------------------------------


def _import_one(user: User, programme: Programme, code: str, year: int, value: str) -> EntrySummary:
    row = EntryRow(2, "forest_cover", code, str(year), Decimal(value), value, "official")
    try:
        return observations_import_entries(
            user=user,
            programme=programme,
            read=EntryRead(rows=[row]),
            channel=Channel.FILE,
            filename="doan.xlsx",
            dry_run=True,
        )
    except EntriesRejected as rejected:
        return rejected.summary


def test_an_import_answers_alike_whether_a_guess_at_an_unreadable_draft_is_right_or_wrong(
    world: Cast,
) -> None:
    before = state()
    right = _import_one(world.commune_reporter, world.programme, "07771", 2024, "38.4")  # the draft's value
    wrong = _import_one(world.commune_reporter, world.programme, "07771", 2024, "38.5")
    assert [(e.column, e.message, e.code) for e in right.errors] == [
        (e.column, e.message, e.code) for e in wrong.errors
    ]
    assert [e.code for e in right.errors] == [E_SCOPE]
    assert [o.action for o in right.outcomes] == [o.action for o in wrong.outcomes] == [Action.REJECT]
    assert state() == before


def test_an_unchanged_published_figure_outside_the_capture_scope_still_passes(world: Cast) -> None:
    before = state()
    summary = _import_one(world.commune_reporter, world.programme, "07771", 2023, "38.1")  # approved
    assert summary.errors == []
    assert [o.action for o in summary.outcomes] == [Action.UNCHANGED]
    assert state() == before


def test_the_upload_link_is_offered_to_exactly_those_the_upload_page_serves(world: Cast) -> None:
    upload = reverse("observations:upload")
    offered, served = set(), set()
    for who in SIGNED_IN:
        client = client_for(world, who)
        if f'href="{upload}"' in client.get(reverse("observations:export")).content.decode():
            offered.add(who)
        if client.get(upload).status_code == 200:
            served.add(who)
    assert offered == served == set(SIGNED_IN) - {"viewer"}

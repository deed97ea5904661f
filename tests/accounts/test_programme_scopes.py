"""Scopes limited to programmes (nqtrack.accounts.scopes, docs/security.md): with several programmes loaded
side by side, a capture or a view scope limited to the seed programme covers the seed's indicators and
organisations (so its tasks) and no other programme's, in the same units; an empty limit means every
programme, as before; the administrators' page sets and shows the limit; a changed limit is read on the
next request.

The other programme is a small one of the same province and years as the seed (so the same units), with
its own indicator group, indicator, supporting indicator, organisation and task (IV.1).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nqtrack.accounts import scopes
from nqtrack.accounts.models import EventKind, Profile, Role, SecurityEvent
from nqtrack.accounts.services import ScopeSelection, user_set_access
from nqtrack.observations import permissions
from nqtrack.observations.entries import Action, observations_save_cells
from nqtrack.observations.models import AuditEntry, Observation, Origin, ReviewState, Status
from nqtrack.observations.rows import EntryRow
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Organisation, Programme
from nqtrack.programmes.services import programme_load_file
from nqtrack.tracking.models import Evidence, ProgressUpdate, TrackedItem, UpdateState
from nqtrack.tracking.selectors import updates_waiting
from nqtrack.tracking.services import UpdateInput, update_post, update_review
from nqtrack.tracking.sync import tracking_sync
from nqtrack.web.pagecache import reader_scope
from tests.accounts.conftest import DEPARTMENT, Cast, client_for, make_user, unit

pytestmark = pytest.mark.django_db

OTHER = """\
format: nqtrack-programme/1
code: chuong-trinh-rung
identity:
  title: Chương trình phát triển rừng của tỉnh
  short_title: Chương trình rừng
  issuer: Ủy ban nhân dân tỉnh
  issuer_kind: state
  implements: ''
  province_code: '24'
  period: [2022, 2030]
general_objective: []
indicator_groups:
- number: 1
  text: Tỷ lệ che phủ rừng đạt 40%.
  indicators:
  - code: che_phu_rung_ct
    name: Tỷ lệ che phủ rừng (chương trình rừng)
    unit: percent
    direction: higher
    targets:
    - code: che_phu_rung_ct_2030
      kind: level
      comparator: at_least
      low: 40
      year: 2030
      source_text: Tỷ lệ che phủ rừng đạt 40%
supporting_indicators:
- code: dien_tich_rung_ct
  name: Diện tích rừng (chương trình rừng)
  unit: hectares
  direction: higher
task_groups: []
assignments:
- number: 1
  text: Ban Chỉ đạo phát triển rừng theo dõi, đôn đốc việc trồng rừng hằng năm.
  lead: [forest_steering_committee]
  cooperating: []
  recurring: true
organisations:
- {code: forest_steering_committee, name: Ban Chỉ đạo phát triển rừng, kind: state, parent: null}
"""

SEED_INDICATOR = "forest_cover"  # Tỷ lệ che phủ rừng, group (11) of the seed
OTHER_INDICATOR = "che_phu_rung_ct"
OTHER_MESSAGE = "Bạn không có quyền nhập số liệu “Tỷ lệ che phủ rừng (chương trình rừng)” cho Tỉnh Bắc Giang."
POST_REFUSED = "Chỉ cán bộ của cơ quan chủ trì hoặc phối hợp mới được báo cáo tiến độ nhiệm vụ này."
NARRATIVE = "Đã trồng mới 1.250,5 ha rừng tập trung."
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


@pytest.fixture
def other(cast: Cast, tmp_path: Path) -> Programme:
    """The second programme, loaded beside the seed."""
    path = tmp_path / "chuong-trinh-rung.yaml"
    path.write_text(OTHER, encoding="utf-8")
    return programme_load_file(path=path).programme


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def fresh(user: User) -> User:
    """The user as the next request loads them (access is memoised on the object)."""
    return User.objects.get(pk=user.pk)


def figures_state() -> list[tuple[Any, ...]]:
    rows = Observation.objects.order_by("id").values_list("id", "indicator__code", "unit_id", "value")
    return [*rows, ("audit", AuditEntry.objects.count())]


def cell(code: str, value: str) -> EntryRow:
    return EntryRow(1, code, "24", "2023", Decimal(value), value, "official")


def reported(code: str, unit_: AdminUnit, value: str, state: ReviewState, year: int = 2024) -> Observation:
    return Observation.objects.create(
        indicator=indicator(code),
        unit=unit_,
        period=str(year),
        year=year,
        value=Decimal(value),
        value_text=value,
        measure_unit="percent",
        status=Status.ESTIMATE,
        origin=Origin.REPORTED,
        review_state=state,
    )


def visible(user: User) -> set[int]:
    everything = Observation.objects.filter(origin=Origin.REPORTED)
    found = permissions.view_filter_observations(user=user, queryset=everything)
    return set(found.values_list("pk", flat=True))


# -- figures ------------------------------------------------------------------------------------------------


def test_a_reporter_limited_to_a_programme_enters_its_figures_and_is_refused_the_others(
    cast: Cast, other: Programme
) -> None:
    province = unit("24")
    limited = make_user(
        "bao_cao_ct", Role.REPORTER, capture_units=[province], capture_programmes=[cast.programme]
    )
    unlimited = make_user("bao_cao_moi_ct", Role.REPORTER, capture_units=[province])
    codes = [SEED_INDICATOR, "population", OTHER_INDICATOR, "dien_tich_rung_ct"]
    assert indicator("population").group is None  # the seed's supporting indicator
    allowed = {
        user.username: [
            scopes.capture_allowed(user=user, unit=province, indicator=indicator(c)) for c in codes
        ]
        for user in (limited, unlimited)
    }
    # every indicator of the seed, its supporting ones included; none of the other programme's
    assert allowed == {"bao_cao_ct": [True, True, False, False], "bao_cao_moi_ct": [True] * 4}
    with pytest.raises(PermissionDenied) as refused:
        scopes.require_capture(user=limited, unit=province, indicator=indicator(OTHER_INDICATOR))
    assert str(refused.value) == OTHER_MESSAGE

    saved = observations_save_cells(
        user=limited, programme=cast.programme, rows=[cell(SEED_INDICATOR, "41.5")], channel="web"
    )
    assert (saved.counts[Action.CREATE], saved.errors) == (1, [])
    before = figures_state()
    refused_cells = observations_save_cells(
        user=limited, programme=other, rows=[cell(OTHER_INDICATOR, "42.5")], channel="web"
    )
    assert [(e.row, e.column, e.code, e.message) for e in refused_cells.errors] == [
        (
            1,
            "Đơn vị",
            "NQ004",
            "bạn không có quyền nhập số liệu “Tỷ lệ che phủ rừng (chương trình rừng)” cho Tỉnh Bắc Giang",
        )
    ]
    assert refused_cells.counts[Action.CREATE] == 0
    assert figures_state() == before
    assert list(Observation.objects.values_list("indicator__code", "value")) == [
        (SEED_INDICATOR, Decimal("41.5"))
    ]
    # without a limit (empty: every programme) the same row is written
    written = observations_save_cells(
        user=unlimited, programme=other, rows=[cell(OTHER_INDICATOR, "42.5")], channel="web"
    )
    assert (written.counts[Action.CREATE], written.errors) == (1, [])


def test_a_reviewers_remit_limited_to_a_programme_approves_its_figures_only(
    cast: Cast, other: Programme
) -> None:
    commune = unit("07774")
    user = cast.province_reviewer
    seed, foreign = indicator(SEED_INDICATOR), indicator(OTHER_INDICATOR)
    before = [scopes.is_reviewer_for(user=user, unit=commune, indicator=i) for i in (seed, foreign)]
    operations_before = [
        scopes.can_run_programme_operations(user=user, programme=p) for p in (cast.programme, other)
    ]
    Profile.objects.get(user=user).capture_programmes.set([cast.programme])
    limited = fresh(user)
    after = [scopes.is_reviewer_for(user=limited, unit=commune, indicator=i) for i in (seed, foreign)]
    operations = [
        scopes.can_run_programme_operations(user=limited, programme=p) for p in (cast.programme, other)
    ]
    reports = [scopes.can_read_reports(user=limited, programme=p) for p in (cast.programme, other)]

    assert (before, operations_before) == ([True, True], [True, True])
    assert (after, operations, reports) == ([True, False], [True, False], [True, False])
    assert [p.code for p in scopes.report_readable_programmes(user=limited)] == [cast.programme.code]
    with pytest.raises(PermissionDenied) as refused:
        scopes.require_review(user=limited, unit=commune, indicator=foreign)
    assert str(refused.value) == (
        "Bạn không có quyền duyệt số liệu “Tỷ lệ che phủ rừng (chương trình rừng)” của Xã Tự Lạn."
    )


def test_a_viewer_limited_to_a_programme_reads_its_drafts_as_before_and_not_the_others(
    cast: Cast, other: Programme
) -> None:
    seed_draft = reported(SEED_INDICATOR, unit("07774"), "41.5", ReviewState.DRAFT)
    seed_submitted = reported(SEED_INDICATOR, unit("07777"), "40.5", ReviewState.SUBMITTED)
    other_draft = reported(OTHER_INDICATOR, unit("07774"), "42.5", ReviewState.DRAFT)
    other_published = reported(OTHER_INDICATOR, unit("07777"), "43.5", ReviewState.APPROVED)
    viewer = cast.viewer  # the whole province, every organisation; no limit
    before = visible(viewer)
    word_before = reader_scope(user=viewer)
    Profile.objects.get(user=viewer).view_programmes.set([cast.programme])
    limited = fresh(viewer)

    assert before == {seed_draft.pk, seed_submitted.pk, other_draft.pk, other_published.pk}
    assert visible(limited) == {seed_draft.pk, seed_submitted.pk, other_published.pk}
    assert [permissions.can_view_figure(user=limited, observation=o) for o in (seed_draft, other_draft)] == [
        True,
        False,
    ]
    # a cached page part read under the unlimited scope is never served to the limited one
    assert reader_scope(user=limited) != word_before
    assert scopes.can_view_unit(user=limited, unit=unit("07774"))  # units are not narrowed


def test_a_reporters_view_includes_the_capture_scope_with_its_limit(cast: Cast, other: Programme) -> None:
    seed_draft = reported(SEED_INDICATOR, unit("07774"), "41.5", ReviewState.DRAFT)
    other_draft = reported(OTHER_INDICATOR, unit("07774"), "42.5", ReviewState.DRAFT)
    other_published = reported(OTHER_INDICATOR, unit("07774"), "43.5", ReviewState.APPROVED, year=2023)
    # no view scope of their own: its empty limit ("every programme") does not widen the capture scope's
    capture_only = make_user(
        "xa_ct", Role.REPORTER, capture_units=[unit("07774")], capture_programmes=[cast.programme]
    )
    # a view scope on the same unit without a limit widens it, dimension by dimension
    with_view = make_user(
        "xa_ct_xem",
        Role.REPORTER,
        capture_units=[unit("07774")],
        capture_programmes=[cast.programme],
        view_units=[unit("07774")],
    )
    assert visible(capture_only) == {seed_draft.pk, other_published.pk}
    assert visible(with_view) == {seed_draft.pk, other_draft.pk, other_published.pk}
    assert not scopes.capture_allowed(
        user=with_view, unit=unit("07774"), indicator=indicator(OTHER_INDICATOR)
    )


def test_groups_chosen_are_intersected_with_the_programmes(cast: Cast, other: Programme) -> None:
    seed_group = indicator(SEED_INDICATOR).group
    other_group = indicator(OTHER_INDICATOR).group
    assert seed_group is not None
    assert other_group is not None
    province = unit("24")
    both_groups = {"capture_units": [province], "capture_indicator_groups": [seed_group, other_group]}
    seed_only = make_user("ct_nhom", Role.REPORTER, **both_groups, capture_programmes=[cast.programme])
    other_only = make_user("ct_nhom_khac", Role.REPORTER, **both_groups, capture_programmes=[other])
    unlimited = make_user("ct_nhom_moi", Role.REPORTER, **both_groups)
    groups = {
        u.username: scopes.access_for(user=u).capture.indicator_group_ids
        for u in (seed_only, other_only, unlimited)
    }
    assert groups == {
        "ct_nhom": frozenset({seed_group.pk}),
        "ct_nhom_khac": frozenset({other_group.pk}),
        "ct_nhom_moi": frozenset({seed_group.pk, other_group.pk}),
    }
    # a group of the other programme only, limited to the seed: no indicator at all
    nothing = make_user(
        "ct_rong",
        Role.REPORTER,
        capture_units=[province],
        capture_indicator_groups=[other_group],
        capture_programmes=[cast.programme],
    )
    assert [
        scopes.capture_allowed(user=nothing, unit=province, indicator=indicator(c))
        for c in (SEED_INDICATOR, "population", OTHER_INDICATOR)
    ] == [False, False, False]


def test_an_empty_limit_means_every_programme_as_before(cast: Cast, other: Programme) -> None:
    foreign = indicator(OTHER_INDICATOR)
    forest = Organisation.objects.get(programme=other, code="forest_steering_committee")
    for name in ("commune_reporter", "district_reporter", "province_reviewer", "department_reporter"):
        access = scopes.access_for(user=getattr(cast, name))
        assert (access.capture.programme_ids, access.view.programme_ids) == (None, None), name
    assert scopes.access_for(user=cast.viewer).view.programme_ids is None
    assert scopes.capture_allowed(user=cast.district_reporter, unit=unit("07774"), indicator=foreign)
    assert scopes.is_reviewer_for(user=cast.province_reviewer, unit=unit("07774"), indicator=foreign)
    # the department reporter's groups are the seed's group (5): the other programme's group is outside
    assert not scopes.capture_allowed(user=cast.department_reporter, unit=unit("24"), indicator=foreign)
    both = make_user(
        "hai_co_quan",
        Role.REPORTER,
        capture_organisations=[Organisation.objects.get(programme=cast.programme, code=DEPARTMENT), forest],
    )
    assert scopes.can_post_task_update(user=both, organisation=forest)
    assert scopes.can_run_programme_operations(user=cast.province_reviewer, programme=other)
    # programme managers and administrators stay unlimited, whatever is chosen for them
    Profile.objects.get(user=cast.manager).capture_programmes.set([cast.programme])
    Profile.objects.get(user=cast.manager).view_programmes.set([cast.programme])
    manager = fresh(cast.manager)
    assert scopes.access_for(user=manager) == scopes.Access(
        Role.PROGRAMME_MANAGER, scopes.EVERYTHING, scopes.EVERYTHING
    )
    assert scopes.capture_allowed(user=manager, unit=unit("07774"), indicator=foreign)


# -- tasks --------------------------------------------------------------------------------------------------


@pytest.fixture
def tasks(cast: Cast, other: Programme) -> dict[str, Any]:
    """Both programmes' tracked items; an update on the other programme's IV.1, waiting for review with an
    evidence file, posted by a reporter of both programmes' organisations without a limit."""
    tracking_sync(programme=cast.programme)
    tracking_sync(programme=other)
    department = Organisation.objects.get(programme=cast.programme, code=DEPARTMENT)
    forest = Organisation.objects.get(programme=other, code="forest_steering_committee")
    both = [department, forest]
    author = make_user("bao_cao_hai_ct", Role.REPORTER, capture_organisations=both)
    other_item = TrackedItem.objects.get(programme=other, code="IV.1")
    upload = SimpleUploadedFile("trong-rung.pdf", PDF, "application/pdf")
    report = UpdateInput(narrative=NARRATIVE, period="2023", percent=40, files=(upload,))
    posted = update_post(user=author, item=other_item, data=report)
    return {
        "department": department,
        "forest": forest,
        "seed_item": TrackedItem.objects.get(programme=cast.programme, code="IV.4"),
        "other_item": other_item,
        "posted": posted,
        "evidence": posted.evidence.get(),
        "author": author,
        "reporter": make_user(
            "bao_cao_ct", Role.REPORTER, capture_organisations=both, capture_programmes=[cast.programme]
        ),
        "reviewer": make_user(
            "duyet_ct", Role.REVIEWER, capture_organisations=both, capture_programmes=[cast.programme]
        ),
        "unlimited_reviewer": make_user("duyet_moi_ct", Role.REVIEWER, capture_organisations=both),
        "viewer": make_user(
            "xem_ct",
            Role.VIEWER,
            view_units=[unit("24")],
            view_organisations=both,
            view_programmes=[cast.programme],
        ),
    }


def tracking_state() -> list[tuple[Any, ...]]:
    updates = ProgressUpdate.objects.order_by("id").values_list("id", "item_id", "state", "narrative")
    return [*updates, ("evidence", Evidence.objects.count())]


def test_a_reporter_limited_to_a_programme_posts_on_its_tasks_and_not_the_others(
    cast: Cast, tasks: dict[str, Any]
) -> None:
    reporter = tasks["reporter"]
    assert [
        scopes.can_post_task_update(user=reporter, organisation=tasks[o]) for o in ("department", "forest")
    ] == [True, False]
    before = tracking_state()
    report = UpdateInput(narrative="Đã trồng thêm rừng.", period="2023", percent=60)
    with pytest.raises(PermissionDenied) as refused:
        update_post(user=reporter, item=tasks["other_item"], data=report)
    assert str(refused.value) == POST_REFUSED
    client = Client()
    client.force_login(reporter)
    other_code = tasks["other_item"].programme.code
    page = client.post(
        f"/nhiem-vu/IV.1/bao-cao/?programme={other_code}",
        {"period": "2023", "narrative": "Đã trồng thêm rừng.", "percent": "60"},
    )
    assert page.status_code == 403
    assert POST_REFUSED in page.content.decode()
    assert tracking_state() == before
    # the seed's task of the same reporter's organisation: posted
    posted = update_post(user=reporter, item=tasks["seed_item"], data=report)
    assert (posted.organisation, posted.state) == (tasks["department"], UpdateState.SUBMITTED)


def test_the_internal_parts_of_another_programmes_tasks_are_not_shown_to_a_limited_user(
    cast: Cast, tasks: dict[str, Any]
) -> None:
    other_code = tasks["other_item"].programme.code
    url = f"/nhiem-vu/IV.1/?programme={other_code}"
    evidence = f"/nhiem-vu/minh-chung/{tasks['evidence'].pk}/"
    seen = {}
    for who in ("author", "reporter", "reviewer", "unlimited_reviewer", "viewer"):
        client = Client()
        client.force_login(tasks[who])
        html = client.get(url).content.decode()
        seen[who] = (
            re.findall(r'<article class="update" data-update="\d+" data-state="(\w+)"', html),
            NARRATIVE in html,
            evidence in html,
            client.get(evidence).status_code,
            sorted(o.code for o in scopes.viewable_organisations(user=tasks[who])),
        )
    inside = (["submitted"], True, True, 200, sorted([DEPARTMENT, "forest_steering_committee"]))
    outside: tuple[list[str], bool, bool, int, list[str]] = ([], False, False, 403, [DEPARTMENT])
    assert seen == {
        "author": inside,
        "reporter": outside,
        "reviewer": outside,
        "unlimited_reviewer": inside,
        "viewer": outside,
    }
    assert not scopes.can_view_organisation(user=tasks["viewer"], organisation=tasks["forest"])
    assert scopes.can_view_organisation(user=tasks["viewer"], organisation=tasks["department"])


def test_a_reviewer_limited_to_a_programme_does_not_review_the_others_task_updates(
    cast: Cast, tasks: dict[str, Any]
) -> None:
    reviewer, unlimited = tasks["reviewer"], tasks["unlimited_reviewer"]
    other = tasks["other_item"].programme
    assert [o.code for o in scopes.task_review_organisations(user=reviewer)] == [DEPARTMENT]
    assert updates_waiting(user=reviewer, programme=other) == []
    assert updates_waiting(user=unlimited, programme=other) == [tasks["posted"]]
    assert not scopes.can_review_task_update(user=reviewer, organisation=tasks["forest"])
    before = tracking_state()
    with pytest.raises(PermissionDenied) as refused:
        update_review(user=reviewer, update=tasks["posted"], accept=True)
    assert str(refused.value) == "Bạn không có quyền duyệt báo cáo này (không tự duyệt báo cáo của mình)."
    client = Client()
    client.force_login(reviewer)
    page = client.post(
        f"/nhiem-vu/bao-cao/{tasks['posted'].pk}/duyet/", {"decision": "accept", "comment": ""}
    )
    assert page.status_code == 403
    assert tracking_state() == before
    accepted = update_review(user=unlimited, update=tasks["posted"], accept=True)
    assert accepted.state == UpdateState.ACCEPTED


# -- the administrators' page and the next request ----------------------------------------------------------


def test_the_user_page_saves_and_shows_the_programme_limits(cast: Cast, other: Programme) -> None:
    admin = client_for(cast, "admin")
    target = cast.commune_reporter
    url = f"/tai-khoan/nguoi-dung/{target.pk}/"
    data = {
        "role": Role.REPORTER,
        "active": "on",
        "capture_units": [unit("07774").pk],
        "capture_programmes": [other.pk],
        "view_programmes": [cast.programme.pk, other.pk],
    }
    response = admin.post(url, data)
    assert response.status_code == 302
    profile = Profile.objects.get(user=target)
    assert list(profile.capture_programmes.all()) == [other]
    assert list(profile.view_programmes.order_by("id")) == [cast.programme, other]
    event = SecurityEvent.objects.get(subject=target, kind=EventKind.SCOPE_CHANGED)
    assert event.detail == {
        "capture_programmes": {"from": [], "to": ["chuong-trinh-rung"]},
        "view_programmes": {"from": [], "to": sorted(["bac-giang-11-nqtw", "chuong-trinh-rung"])},
    }
    # the form shows the choices made, under their Vietnamese labels
    form = admin.get(url).content.decode()
    capture = re.search(r'<select name="capture_programmes"[^>]*>(.*?)</select>', form, re.S)
    assert capture is not None
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', capture.group(1))
    assert options == [
        (str(cast.programme.pk), "", f"{cast.programme.short_title} ({cast.programme.code})"),
        (str(other.pk), " selected", "Chương trình rừng (chuong-trinh-rung)"),
    ]
    assert "Phạm vi nhập/duyệt: chương trình (để trống: mọi chương trình)" in form
    assert "Phạm vi xem: chương trình (để trống: mọi chương trình)" in form
    assert (
        "Chỉ tính các chỉ tiêu, cơ quan và nhiệm vụ thuộc các chương trình được chọn; "
        "không áp dụng cho quản lý chương trình và quản trị hệ thống."
    ) in form
    # the user list names the limits
    listing = admin.get("/tai-khoan/nguoi-dung/").content.decode()
    row = re.search(r'<tr data-user="xa_tu_lan">(.*?)</tr>', listing, re.S)
    assert row is not None
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]
    assert cells[3:5] == [
        "Xã Tự Lạn (07774); chỉ trong chương trình “Chương trình rừng”",
        f"chỉ trong chương trình “{cast.programme.short_title}”; chỉ trong chương trình “Chương trình rừng”",
    ]
    # emptied again: every programme
    admin.post(url, {k: v for k, v in data.items() if not k.endswith("_programmes")})
    assert (profile.capture_programmes.count(), profile.view_programmes.count()) == (0, 0)


def test_an_invitation_carries_the_programme_limits(cast: Cast, other: Programme) -> None:
    data = {
        "username": "rung_xa",
        "full_name": "Nguyễn Văn Rừng",
        "email": "rung@example.gov.vn",
        "role": Role.REPORTER,
        "active": "on",
        "capture_units": [unit("07774").pk],
        "capture_programmes": [other.pk],
    }
    response = client_for(cast, "admin").post("/tai-khoan/nguoi-dung/moi/", data)
    assert response.status_code == 302
    profile = Profile.objects.get(user__username="rung_xa")
    assert (list(profile.capture_programmes.all()), list(profile.view_programmes.all())) == ([other], [])
    access = scopes.access_for(user=profile.user)
    assert (access.capture.programme_ids, access.view.programme_ids) == (frozenset({other.pk}),) * 2


def test_a_bad_programme_choice_is_refused_with_a_message_and_nothing_changes(
    cast: Cast, other: Programme
) -> None:
    admin = client_for(cast, "admin")
    target = cast.commune_reporter
    profile = Profile.objects.get(user=target)

    def state() -> tuple[object, ...]:
        return (
            list(profile.capture_programmes.all()),
            list(profile.view_programmes.all()),
            SecurityEvent.objects.count(),
        )

    before = state()
    base = {"role": Role.REPORTER, "active": "on", "capture_units": [unit("07774").pk]}
    for field, bad, words in (
        ("capture_programmes", "٣", "Mã “٣” không hợp lệ: hãy chọn trong danh sách."),
        (
            "view_programmes",
            "999999",
            "Hãy chọn một lựa chọn hợp lệ. 999999 không phải là một trong các lựa chọn khả thi.",
        ),
    ):
        response = admin.post(f"/tai-khoan/nguoi-dung/{target.pk}/", base | {field: [bad]})
        assert response.status_code == 200, bad
        html = response.content.decode()
        assert re.findall(r'<div class="field-errors" role="alert">(.*?)</div>', html, re.S) == [
            f'<ul class="errorlist" id="id_{field}_error"><li>{words}</li></ul>'
        ], bad
    assert state() == before == ([], [], 0)


def test_a_changed_programme_limit_is_read_on_the_next_request(cast: Cast, other: Programme) -> None:
    client = Client()
    client.force_login(cast.district_reporter)
    foreign = indicator(OTHER_INDICATOR)
    commune = unit("07774")

    def next_request() -> tuple[frozenset[int] | None, bool]:
        response = client.get("/nhiem-vu/")
        assert response.status_code == 200
        user = response.wsgi_request.user
        access = scopes.access_for(user=user)
        return access.capture.programme_ids, scopes.capture_allowed(
            user=user, unit=commune, indicator=foreign
        )

    warm = [next_request() for _twice in range(2)]  # the expansion is in the cache now
    profile = Profile.objects.get(user=cast.district_reporter)
    profile.capture_programmes.set([cast.programme])  # no service: a shell, a data migration
    by_shell = next_request()
    admin = User.objects.create_superuser("quan_tri", "quan_tri@example.gov.vn")
    choices = ScopeSelection(capture_units=(unit("222"),), capture_programmes=(other,))
    user_set_access(actor=admin, user=cast.district_reporter, role=Role.REPORTER, scope=choices, active=True)
    by_service = next_request()
    user_set_access(
        actor=admin,
        user=cast.district_reporter,
        role=Role.REPORTER,
        scope=ScopeSelection(capture_units=(unit("222"),)),
        active=True,
    )
    emptied = next_request()

    assert warm == [(None, True)] * 2
    assert by_shell == (frozenset({cast.programme.pk}), False)
    assert by_service == (frozenset({other.pk}), True)
    assert emptied == (None, True)

"""The seed programme's work as tracked items: every task and assignment with its lead organisation."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.programmes.models import Assignment, Programme, Task
from nqtrack.tracking.models import (
    DocumentLink,
    ItemOrganisation,
    ProjectTracking,
    RegisteredDocument,
    Role,
    TrackedItem,
)
from nqtrack.tracking.sync import tracking_sync
from tests.tracking.conftest import item

pytestmark = pytest.mark.django_db


def leads(code: str) -> list[str]:
    return [r.organisation.code for r in item(code).roles.filter(role=Role.LEAD).order_by("position")]


def test_every_task_and_assignment_appears_with_its_lead_organisation(tracked: Programme) -> None:
    tasks = Task.objects.filter(group__programme=tracked).order_by("group__number", "position")
    task_codes = list(tasks.values_list("code", flat=True))
    assert len(task_codes) == 33
    top = TrackedItem.objects.filter(parent__isnull=True).order_by("position")
    assert [i.code for i in top] == task_codes + [f"IV.{n}" for n in range(1, 7)]
    assert all(leads(code) == ["provincial_pc_party_delegation"] for code in task_codes)
    assert {i.code: leads(i.code) for i in top if i.code.startswith("IV")} == {
        "IV.1": ["provincial_pc_party_delegation"],
        "IV.2": ["district_party_committees"],
        "IV.3": ["provincial_council_party_delegation"],
        "IV.4": ["provincial_propaganda_department"],
        "IV.5": ["provincial_fatherland_front", "provincial_socio_political_organisations"],
        "IV.6": ["provincial_pc_party_delegation"],
    }
    # the assignments' cooperating organisations, as the programme names them
    cooperating = ItemOrganisation.objects.filter(role=Role.COOPERATING, item__code__startswith="IV")
    assert sorted((r.item.code, r.organisation.code) for r in cooperating) == [
        ("IV.1", "provincial_peoples_committee"),
        ("IV.4", "news_media_agencies"),
        ("IV.6", "provincial_party_advisory_bodies"),
    ]
    assert Assignment.objects.count() == 6


def test_the_september_2022_plans_are_ten_sub_tasks_one_per_2022_district_party_committee(
    tracked: Programme,
) -> None:
    plans = TrackedItem.objects.filter(parent__code="IV.2").order_by("position")
    assert [(p.code, p.title, p.due, p.kind) for p in plans] == [
        (f"IV.2-{code}", name, date(2022, 9, 30), "one_off")
        for code, name in [
            ("213", "Thành ủy Bắc Giang"),
            ("215", "Huyện ủy Yên Thế"),
            ("216", "Huyện ủy Tân Yên"),
            ("217", "Huyện ủy Lạng Giang"),
            ("218", "Huyện ủy Lục Nam"),
            ("219", "Huyện ủy Lục Ngạn"),
            ("220", "Huyện ủy Sơn Động"),
            ("221", "Huyện ủy Yên Dũng"),
            ("222", "Huyện ủy Việt Yên"),
            ("223", "Huyện ủy Hiệp Hòa"),
        ]
    ]
    # each led by its own committee, the one of its 2022 unit
    assert [(p.code[-3:], [r.organisation.unit_code for r in p.roles.all()]) for p in plans] == [
        (p.code[-3:], [p.code[-3:]]) for p in plans
    ]
    assert item("IV.2").due == date(2022, 9, 30)
    # the programme names no party committee directly under the provincial committee: no other sub-task
    assert TrackedItem.objects.filter(parent__isnull=False).count() == 10


def test_kinds_starts_and_dues(tracked: Programme) -> None:
    assert {
        (i.kind, i.start, i.due, i.cycle) for i in TrackedItem.objects.exclude(code__startswith="IV")
    } == {("recurring", date(2022, 6, 16), date(2030, 12, 31), "yearly")}
    assert (item("IV.1").kind, item("IV.1").due) == ("one_off", None)
    assert (item("IV.6").kind, item("IV.6").due) == ("recurring", date(2030, 12, 31))


def test_sync_again_changes_nothing_and_keeps_what_people_set(tracked: Programme) -> None:
    plan = item("IV.2-215")
    plan.due = date(2022, 10, 15)  # extended by the office
    plan.save(update_fields=["due"])
    before = sorted(TrackedItem.objects.values_list("code", "title", "kind", "start", "due", "parent__code"))
    roles = sorted(ItemOrganisation.objects.values_list("item__code", "organisation__code", "role"))
    summary = tracking_sync(programme=tracked)
    assert not summary.changed
    assert (
        sorted(TrackedItem.objects.values_list("code", "title", "kind", "start", "due", "parent__code"))
        == before
    )
    assert sorted(ItemOrganisation.objects.values_list("item__code", "organisation__code", "role")) == roles
    assert item("IV.2-215").due == date(2022, 10, 15)


def test_the_register_holds_the_programmes_documents_linked_to_the_tasks_that_cite_them(
    tracked: Programme,
) -> None:
    assert RegisteredDocument.objects.count() == 10
    plan = RegisteredDocument.objects.get(number="51-KH/TU")
    assert (plan.kind, plan.date, plan.issuer) == ("Kế hoạch", date(2022, 4, 5), "Ban Thường vụ Tỉnh ủy")
    assert plan.citation == "Kế hoạch số 51-KH/TU ngày 05/4/2022"
    links = DocumentLink.objects.order_by("item__position", "document__number")
    assert [(link.document.number, link.item.code, link.relation) for link in links] == [
        ("11-NQ/TW", "III.1.3", "refers"),
        ("", "III.2.3", "refers"),
        ("06-NQ/TW", "III.2.4", "refers"),
        ("51-KH/TU", "III.2.4", "refers"),
        ("", "III.3.2", "refers"),
        ("19-NQ/TW", "III.3.4", "refers"),
        ("105-NQ/TU", "III.3.6", "refers"),
        ("12-NQ/TW", "III.5.4", "refers"),
        ("18-NQ/TW", "III.6.1", "refers"),
        ("19-NQ/TW", "III.6.1", "refers"),
    ]


def test_key_projects_are_tracked_and_placed_where_their_names_say(tracked: Programme) -> None:
    projects = ProjectTracking.objects.select_related("key_project", "item")
    assert projects.count() == 26
    placed = {
        p.key_project.code: sorted(u.code for u in p.locations.all())
        for p in projects
        if p.locations.exists()
    }
    assert placed == {
        "son_dong_luc_nam_quang_ninh_roads": ["218", "220"],
        "luc_ngan_luc_nam_huu_lung_roads": ["218", "219"],
        "tho_ha_relic_dossier": ["222"],
        "tien_luc_relic_dossier": ["217"],
    }
    assert {p.key_project.code: p.item.code for p in projects if p.key_project.kind == "college"} == {
        "viet_han_vocational_college": "III.4.2",
        "mountain_college": "III.4.2",
    }

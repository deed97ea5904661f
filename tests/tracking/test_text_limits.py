"""Every free text of tracking has a bound, refused with a message naming it, on the form, never a 500,
and nothing saved (issue "No leaks, no crashes"): updates' narratives, documents, issuers and links,
review comments, the register's summary and task codes, key projects' notes and milestones."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from pytest_django.fixtures import Settings

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.programmes.models import Programme
from nqtrack.tracking.models import (
    DocumentLink,
    Evidence,
    ProgressUpdate,
    ProjectMilestone,
    ProjectTracking,
    RegisteredDocument,
    UpdateState,
)
from nqtrack.tracking.services import (
    UpdateInput,
    document_register,
    project_add_milestone,
    project_update,
    update_post,
    update_review,
)
from tests.grants import grant
from tests.tracking.conftest import item

pytestmark = pytest.mark.django_db

SEPT_25 = date(2022, 9, 25)
PLAN = "Kế hoạch số 45-KH/HU ngày 20/9/2022"
LONG_LINK = "https://bacgiang.dcs.vn/" + "a" * 590  # 614 characters, the probe's
SHOWN_LINK = LONG_LINK[:60] + "…"


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    """The messages of these tests are the Vietnamese ones, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def manager(tracked: Programme) -> User:
    return grant(User.objects.create_user("quan_ly"), Role.PROGRAMME_MANAGER, ScopeSelection())


def stored() -> tuple[Any, ...]:
    """Everything the tracking services write."""
    return (
        list(ProgressUpdate.objects.order_by("pk").values_list("narrative", "state", "review_comment")),
        list(RegisteredDocument.objects.order_by("pk").values_list("number", "issuer", "title")),
        DocumentLink.objects.count(),
        list(Evidence.objects.order_by("pk").values_list("name", "url")),
        list(ProjectTracking.objects.order_by("pk").values_list("status", "note")),
        ProjectMilestone.objects.count(),
    )


def refused(call: Any) -> dict[str, list[str]]:
    before = stored()
    with pytest.raises(ValidationError) as caught:
        call()
    assert stored() == before
    return caught.value.message_dict


def post_update(client: Client, user: User, **fields: str) -> Any:
    with time_machine.travel("2022-09-25 10:00 +0700", tick=False):
        client.force_login(user)
        return client.post("/nhiem-vu/IV.2-215/bao-cao/", {"narrative": "Đã ban hành kế hoạch.", **fields})


# -- through the pages ------------------------------------------------------------------------------------


def test_a_two_million_character_narrative_is_a_form_error(client: Client, alice: User) -> None:
    before = stored()
    response = post_update(client, alice, narrative="x" * 2_000_000)
    assert response.status_code == 400
    assert (
        "Nội dung đã thực hiện dài 2.000.000 ký tự, vượt giới hạn 20.000 ký tự." in response.content.decode()
    )
    assert stored() == before


def test_a_614_character_link_is_a_form_error(client: Client, alice: User) -> None:
    before = stored()
    response = post_update(client, alice, links=LONG_LINK)
    assert response.status_code == 400
    message = f"Đường dẫn “{SHOWN_LINK}” dài 614 ký tự, vượt giới hạn 500 ký tự."
    assert escape(message) in response.content.decode()
    assert stored() == before


def test_eleven_links_are_a_form_error(client: Client, alice: User) -> None:
    before = stored()
    links = "\n".join(f"https://bacgiang.dcs.vn/{n}" for n in range(11))
    response = post_update(client, alice, links=links)
    assert response.status_code == 400
    assert "Gửi tối đa 10 đường dẫn minh chứng mỗi lần (đã gửi 11)." in response.content.decode()
    assert stored() == before


def test_a_link_that_is_no_address_at_all_is_a_form_error(client: Client, alice: User) -> None:
    before = stored()
    response = post_update(client, alice, links="http://[bacgiang")
    assert response.status_code == 400
    message = "Đường dẫn “http://[bacgiang” không hợp lệ: ghi đầy đủ, bắt đầu bằng http:// hoặc https://."
    assert escape(message) in response.content.decode()
    assert stored() == before


def test_a_long_review_comment_is_a_form_error(client: Client, alice: User, rita: User) -> None:
    update = update_post(
        user=alice, item=item("IV.2-215"), data=UpdateInput(narrative="Đã họp."), today=SEPT_25
    )
    before = stored()
    client.force_login(rita)
    response = client.post(
        f"/nhiem-vu/bao-cao/{update.pk}/duyet/", {"decision": "return", "comment": "Bổ sung. " * 1000}
    )
    assert response.status_code == 400
    assert "Nhận xét dài 8.999 ký tự, vượt giới hạn 5.000 ký tự." in response.content.decode()
    assert stored() == before


def test_long_task_codes_in_the_register_are_a_form_error(client: Client, manager: User) -> None:
    before = stored()
    client.force_login(manager)
    fields = {
        "document": "Kế hoạch số 150/KH-UBND ngày 12/10/2022",
        "issuer": "UBND tỉnh",
        "relation": "assigns",
    }
    response = client.post("/nhiem-vu/van-ban/", {**fields, "items": ", ".join(["IV.1"] * 200)})
    assert response.status_code == 400
    assert "Mã nhiệm vụ dài 1.198 ký tự, vượt giới hạn 1.000 ký tự." in response.content.decode()
    assert stored() == before


def test_a_long_project_note_is_a_form_error(client: Client, manager: User) -> None:
    project = ProjectTracking.objects.get(key_project__code="tho_ha_relic_dossier")
    before = stored()
    client.force_login(manager)
    response = client.post(
        f"/nhiem-vu/cong-trinh/{project.pk}/", {"form": "project", "status": "completed", "note": "n" * 5_001}
    )
    assert response.status_code == 400
    assert "Ghi chú dài 5.001 ký tự, vượt giới hạn 5.000 ký tự." in response.content.decode()
    assert stored() == before


# -- in the services (every caller, not only the pages) ---------------------------------------------------


def test_a_narrative_of_exactly_the_limit_is_kept_one_more_character_is_not(alice: User) -> None:
    task = item("IV.2-215")
    assert refused(
        lambda: update_post(user=alice, item=task, data=UpdateInput(narrative="x" * 20_001), today=SEPT_25)
    ) == {"narrative": ["Nội dung đã thực hiện dài 20.001 ký tự, vượt giới hạn 20.000 ký tự."]}
    update = update_post(user=alice, item=task, data=UpdateInput(narrative="x" * 20_000), today=SEPT_25)
    assert len(ProgressUpdate.objects.get(pk=update.pk).narrative) == 20_000


def test_the_document_and_issuer_of_an_update_are_bounded(alice: User) -> None:
    task = item("IV.2-215")

    def post(**fields: Any) -> Any:
        values: dict[str, Any] = {
            "narrative": "Đã ban hành.",
            "completes": True,
            "document": PLAN,
            "issuer": "Huyện ủy",
        }
        data = UpdateInput(**(values | fields))
        return lambda: update_post(user=alice, item=task, data=data, today=SEPT_25)

    citation = PLAN + " của " + "Huyện ủy Yên Thế " * 20
    assert refused(post(document=citation)) == {
        "document": ["Văn bản dài 379 ký tự, vượt giới hạn 300 ký tự."]  # trailing space trimmed
    }
    number = "Kế hoạch số 45-KH/HU" + "A" * 70 + " ngày 20/9/2022"
    assert refused(post(document=number)) == {
        "document": ["Số, ký hiệu văn bản dài 78 ký tự, vượt giới hạn 60 ký tự."]
    }
    assert refused(post(issuer="Huyện ủy " * 40)) == {
        "issuer": ["Cơ quan ban hành dài 359 ký tự, vượt giới hạn 300 ký tự."]
    }
    links = (LONG_LINK, "https://bacgiang.dcs.vn/" + "b" * 476)  # 614 and exactly 500 characters
    assert refused(post(links=links)) == {
        "links": [f"Đường dẫn “{SHOWN_LINK}” dài 614 ký tự, vượt giới hạn 500 ký tự."]
    }


def test_a_returned_updates_comment_is_bounded(alice: User, rita: User) -> None:
    update = update_post(
        user=alice, item=item("IV.2-215"), data=UpdateInput(narrative="Đã họp."), today=SEPT_25
    )
    assert refused(lambda: update_review(user=rita, update=update, accept=False, comment="c" * 5_001)) == {
        "comment": ["Nhận xét dài 5.001 ký tự, vượt giới hạn 5.000 ký tự."]
    }
    assert refused(lambda: update_review(user=rita, update=update, accept=True, comment="c" * 5_001)) == {
        "comment": ["Nhận xét dài 5.001 ký tự, vượt giới hạn 5.000 ký tự."]
    }
    update_review(user=rita, update=update, accept=False, comment="c" * 5_000, today=SEPT_25)
    update.refresh_from_db()
    assert (update.state, len(update.review_comment)) == (UpdateState.RETURNED, 5_000)


def test_the_register_bounds_summary_issuer_and_citation(tracked: Programme, manager: User) -> None:
    def register(**fields: Any) -> Any:
        values = {"citation": "Kế hoạch số 150/KH-UBND ngày 12/10/2022", "issuer": "UBND tỉnh", "title": ""}
        return lambda: document_register(user=manager, programme=tracked, **(values | fields))

    assert refused(register(title="t" * 2_001, issuer="U" * 301)) == {
        "issuer": ["Cơ quan ban hành dài 301 ký tự, vượt giới hạn 300 ký tự."],
        "title": ["Trích yếu dài 2.001 ký tự, vượt giới hạn 2.000 ký tự."],
    }
    assert refused(register(citation="Kế hoạch số 150/KH-UBND ngày 12/10/2022 của " + "UBND " * 60)) == {
        "document": ["Văn bản dài 343 ký tự, vượt giới hạn 300 ký tự."]
    }
    document = register(title="t" * 2_000)()
    assert len(RegisteredDocument.objects.get(pk=document.pk).title) == 2_000


def test_key_projects_notes_and_milestones_are_bounded(manager: User) -> None:
    project = ProjectTracking.objects.get(key_project__code="tho_ha_relic_dossier")
    assert refused(
        lambda: project_update(
            user=manager,
            project=project,
            status="completed",
            responsible=project.responsible,
            note="n" * 5_001,
        )
    ) == {"note": ["Ghi chú dài 5.001 ký tự, vượt giới hạn 5.000 ký tự."]}
    assert refused(
        lambda: project_add_milestone(user=manager, project=project, name="m" * 301, due=date(2026, 1, 1))
    ) == {"name": ["Tên mốc dài 301 ký tự, vượt giới hạn 300 ký tự."]}

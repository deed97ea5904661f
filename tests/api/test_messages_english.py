"""A refusal built with values (a unit's name, a year, a batch) is answered in English with the same
values, not with the general sentence of its status: the services make such messages translatable
(nqtrack.core.messages) and the API says them in each language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from nqtrack.core.messages import Worded, translatable
from nqtrack.observations.models import Observation, Origin, YearClosure
from tests.accounts.conftest import Cast
from tests.accounts.test_matrix import database_snapshot as every_row
from tests.api.conftest import token_client
from tests.tracking.conftest import bob, tracked

__all__ = ["bob", "tracked"]  # the tracking tests' fixtures, used by name

pytestmark = pytest.mark.django_db


def database_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    return {table: rows for table, rows in every_row().items() if table != "api.apitoken"}


def _save(client: Client, unit: str, period: str = "2022", value: str = "40.1") -> Any:
    figure = {"indicator": "forest_cover", "unit": unit, "period": period, "value": value}
    return client.post("/api/figures", {"figures": [figure]}, content_type="application/json")


def test_a_figure_outside_the_capture_scope_is_refused_in_both_languages(cast: Cast) -> None:
    before = database_snapshot()
    answer = _save(token_client(cast.commune_reporter), "07771")
    assert answer.status_code == 200
    [error] = answer.json()["rows"][0]["errors"]
    assert error["message"] == {
        "vi": "bạn không có quyền nhập số liệu “Tỷ lệ che phủ rừng” cho Xã Hương Mai",
        "en": "you are not allowed to enter figures of “Tỷ lệ che phủ rừng” for Xã Hương Mai",
    }
    assert database_snapshot() == before


def test_a_figure_of_a_closed_year_is_refused_in_both_languages(cast: Cast) -> None:
    YearClosure.objects.create(programme=cast.programme, year=2022, closes_on="2023-03-31")
    before = database_snapshot()
    answer = _save(token_client(cast.commune_reporter), "07774")
    [error] = answer.json()["rows"][0]["errors"]
    assert error["message"] == {
        "vi": "năm 2022 đã khoá sổ từ ngày 31/03/2023; không nhập thêm hay sửa số liệu năm này được",
        "en": "the year 2022 has been closed for entry since 31/03/2023; its figures can no longer be "
        "added or changed",
    }
    assert database_snapshot() == before


def test_a_review_step_that_cannot_be_taken_says_why_in_both_languages(cast: Cast) -> None:
    before = database_snapshot()
    step = {"unit": "07774", "year": 2021, "group": 12, "step": "submit"}
    refused = token_client(cast.commune_reporter).post(
        "/api/review-steps", step, content_type="application/json"
    )
    assert refused.status_code == 409
    assert refused.json()["message"] == {
        "vi": "Không gửi duyệt được: nhóm chỉ tiêu (12), Xã Tự Lạn, năm 2021 chưa có số liệu nào.",
        "en": "Cannot submit: indicator group (12), Xã Tự Lạn, year 2021 has no figures yet.",
    }
    assert database_snapshot() == before


def test_a_step_on_figures_in_another_state_names_both_states_in_english(cast: Cast) -> None:
    assert _save(token_client(cast.commune_reporter), "07774", "2022", "40.9").json()["created"] == 1
    before = database_snapshot()
    step = {"unit": "07774", "year": 2022, "group": 12, "step": "approve"}
    refused = token_client(cast.province_reviewer).post(
        "/api/review-steps", step, content_type="application/json"
    )
    assert refused.status_code == 409
    assert refused.json()["message"] == {
        "vi": "Không duyệt được nhóm chỉ tiêu (12), Xã Tự Lạn, năm 2022: số liệu đang ở trạng thái Nháp, "
        "cần ở trạng thái Chờ duyệt.",
        "en": "Cannot approve indicator group (12), Xã Tự Lạn, year 2022: its figures are in the state "
        "Draft; they must be in the state Awaiting review.",
    }
    assert database_snapshot() == before
    assert (
        Observation.objects.get(origin=Origin.REPORTED, unit__code="07774", year=2022).review_state == "draft"
    )


def test_a_translatable_message_is_a_plain_text_that_can_be_said_again() -> None:
    with translation.override("vi"):
        what = translatable("nhóm chỉ tiêu (%(number)s)", number=12)
        message = translatable("%(what)s, %(unit)s, năm %(year)s", what=what, unit="Xã Tự Lạn", year=2021)
        finding = Worded({"vi": "quá 100%", "en": "above 100%"})
    assert message == "nhóm chỉ tiêu (12), Xã Tự Lạn, năm 2021"
    assert isinstance(message, str)
    assert message.in_language("en") == "indicator group (12), Xã Tự Lạn, year 2021"
    assert (str(finding), finding.in_language("en")) == ("quá 100%", "above 100%")


def test_a_report_review_that_covers_no_year_is_refused_in_both_languages(cast: Cast) -> None:
    before = database_snapshot()
    asked = {"kind": "so-ket", "format": "xlsx", "as_of": "2021-06-30", "first_year": 2021}
    refused = token_client(cast.manager).post("/api/reports", asked, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["message"] == {
        "vi": "Báo cáo sơ kết cần ít nhất một năm thực hiện: năm bắt đầu 2021, ngày số liệu 30/06/2021.",
        "en": "A mid-term review report needs at least one year of implementation: first year 2021, "
        "figures as of 30/06/2021.",
    }
    assert database_snapshot() == before


def test_a_task_update_for_a_period_the_task_does_not_report_is_refused_in_both_languages(
    bob: User,
) -> None:
    with time_machine.travel(datetime(2022, 9, 25, 3, 0, tzinfo=UTC), tick=False):
        client = token_client(bob)
        before = database_snapshot()
        refused = client.post(
            "/api/tasks/III.2.5/updates",
            {"narrative": "x", "period": "2023"},
            content_type="application/json",
        )
    assert refused.status_code == 400
    assert [(e["field"], e["message"]) for e in refused.json()["errors"]] == [
        (
            "period",
            {
                "vi": "Chọn kỳ báo cáo của nhiệm vụ (hằng năm, từ năm 2022 đến năm 2022).",
                "en": "Choose one of the task's reporting periods (yearly, from 2022 to 2022).",
            },
        )
    ]
    assert database_snapshot() == before


def test_a_value_a_validation_rule_refuses_is_said_in_both_languages(cast: Cast) -> None:
    before = database_snapshot()
    answer = _save(token_client(cast.commune_reporter), "07774", "2022", "140")
    [error] = answer.json()["rows"][0]["errors"]
    assert (error["code"], error["message"]) == (
        "NQ003",
        {
            "vi": "Giá trị 140 lớn hơn mức cao nhất cho phép (100) của “Tỷ lệ che phủ rừng”.",
            "en": "Value 140 is above the highest allowed (100) for “Tỷ lệ che phủ rừng”.",
        },
    )
    assert database_snapshot() == before

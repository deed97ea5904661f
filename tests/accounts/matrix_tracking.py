"""The matrix rules of the task-tracking pages, on real sample objects.

The sample (built once per test by :func:`tracking_sample`, through the same services the pages use):
the seed programme's tracked items, of which IV.4 is led by the cast's department (Ban Tuyên giáo Tỉnh
ủy); a progress update on IV.4 for 2022 posted by the department reporter with an evidence file and
waiting for review; and a key project whose responsible organisation the programme manager set to the
department. Statuses are refreshed for today before the snapshot, so a page that refreshes them on
load changes nothing.

Who gets what (docs/security.md): every signed-in user reads the task pages (the programme's own text);
the evidence file only users whose view scope covers the department (its reporter, the viewer of every
organisation, the manager, the administrator); posting on IV.4 its capture scope (the department
reporter) and the managers; reviewing the sample update the managers (the reviewer's remit is units
only, and the reporter never reviews their own update); schedules and the register the managers; the
key project its responsible organisation's reporter and the managers. Each POST below is a valid
request of its page, so a refusal shows the scope check, not a form error; the allowed roles' POSTs are
not sent here but in tests/tracking/test_scopes.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nqtrack.tracking.models import Evidence, ProgressUpdate, ProjectStatus, ProjectTracking, TrackedItem
from nqtrack.tracking.services import UpdateInput, project_update, tracking_refresh_statuses, update_post
from nqtrack.tracking.sync import tracking_sync
from tests.accounts.conftest import DEPARTMENT, ROLES, Cast
from tests.accounts.matrix import Rule, scope, statuses

SAMPLE_ITEM = "IV.4"  # "Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan thông tin, truyền thông tuyên truyền …"
SAMPLE_PERIOD = "2022"
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"

MANAGERS = {"manager", "admin"}
DEPARTMENT_SCOPE = {"department_reporter"} | MANAGERS
# Whose view scope covers the department: its reporter, the viewer of every organisation, the managers.
DEPARTMENT_VIEW = DEPARTMENT_SCOPE | {"viewer"}


@dataclass(frozen=True)
class Sample:
    item: TrackedItem
    update: ProgressUpdate
    evidence: Evidence
    project: ProjectTracking


def tracking_sample(cast: Cast) -> Sample:
    """The sample objects (idempotent: the rules of one test share them)."""
    programme = cast.programme
    if not TrackedItem.objects.filter(programme=programme).exists():
        tracking_sync(programme=programme)
    item = TrackedItem.objects.get(programme=programme, code=SAMPLE_ITEM)
    update = ProgressUpdate.objects.filter(item=item, author=cast.department_reporter).first()
    if update is None:
        report = UpdateInput(
            narrative="Đã chỉ đạo Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh mở chuyên mục.",
            period=SAMPLE_PERIOD,
            percent=100,
            files=(SimpleUploadedFile("bao-cao-tuyen-truyen.pdf", PDF, "application/pdf"),),
        )
        update = update_post(user=cast.department_reporter, item=item, data=report)
    project = ProjectTracking.objects.filter(item__programme=programme).order_by("pk").first()
    assert project is not None
    department = programme.organisations.get(code=DEPARTMENT)
    if project.responsible_id != department.pk:
        project_update(
            user=cast.manager, project=project, status=ProjectStatus.PREPARING, responsible=department
        )
    tracking_refresh_statuses(programme=programme, today=timezone.localdate())
    return Sample(item=item, update=update, evidence=update.evidence.exclude(file="").get(), project=project)


def _no_args(cast: Cast) -> dict[str, Any]:
    tracking_sample(cast)
    return {}


def _item(cast: Cast) -> dict[str, Any]:
    return {"code": tracking_sample(cast).item.code}


def _update(cast: Cast) -> dict[str, Any]:
    return {"pk": tracking_sample(cast).update.pk}


def _evidence(cast: Cast) -> dict[str, Any]:
    return {"pk": tracking_sample(cast).evidence.pk}


def _project(cast: Cast) -> dict[str, Any]:
    return {"pk": tracking_sample(cast).project.pk}


SIGNED_IN_READ = statuses(set(ROLES))
POST_ONLY = statuses(set(ROLES), ok=405)

TRACKING_RULES: dict[str, Rule] = {
    "tracking:list": scope(SIGNED_IN_READ, kwargs=_no_args),
    "tracking:board": scope(SIGNED_IN_READ, kwargs=_no_args),
    "tracking:mine": scope(SIGNED_IN_READ, kwargs=_no_args),
    "tracking:register": scope(
        SIGNED_IN_READ,
        kwargs=_no_args,
        post={
            "document": "Kế hoạch số 150/KH-UBND ngày 12/10/2022",
            "issuer": "UBND tỉnh Bắc Giang",
            "title": "thực hiện Chương trình hành động của Ban Thường vụ Tỉnh ủy",
            "relation": "assigns",
            "items": SAMPLE_ITEM,
        },
        post_allowed=frozenset(MANAGERS),
    ),
    "tracking:projects": scope(SIGNED_IN_READ, kwargs=_no_args),
    "tracking:project": scope(
        SIGNED_IN_READ,
        kwargs=_project,
        post={"form": "milestone", "name": "Phê duyệt chủ trương đầu tư", "due": "2027-06-30"},
        post_allowed=frozenset(DEPARTMENT_SCOPE),
    ),
    "tracking:review": scope(
        POST_ONLY,
        kwargs=_update,
        post={"decision": "accept", "comment": ""},
        post_allowed=frozenset(MANAGERS),
    ),
    "tracking:evidence": scope(statuses(DEPARTMENT_VIEW), kwargs=_evidence),
    "tracking:item": scope(SIGNED_IN_READ, kwargs=_item),
    "tracking:post": scope(
        POST_ONLY,
        kwargs=_item,
        post={
            "period": SAMPLE_PERIOD,
            "narrative": "Tiếp tục tuyên truyền trên báo, đài của tỉnh.",
            "percent": "50",
        },
        post_allowed=frozenset(DEPARTMENT_SCOPE),
    ),
    "tracking:schedule": scope(
        POST_ONLY,
        kwargs=_item,
        post={"start": "2022-06-16", "due": "2030-12-31", "cycle": "quarterly"},
        post_allowed=frozenset(MANAGERS),
    ),
}

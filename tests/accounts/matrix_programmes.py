"""The matrix rules of the programme draft review (/chuong-trinh/du-thao/).

The sample: a draft of the seed document kept by the programme manager. Drafts are for the roles that
load programmes (programme managers and administrators, ``require_manage_programme``); a draft is its
owner's alone, so the administrator gets 404 for the manager's draft and every other signed-in role 403.
The upload, replace, load and delete are POSTs: a GET gets 405; a refused POST changes nothing. The
owner's own POSTs are in tests/programmes/test_draft_review.py.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from nqtrack.domain.drafting import draft_programme
from nqtrack.drafting.models import ProgrammeDraft
from tests.accounts.conftest import ROLES, Cast
from tests.accounts.matrix import Rule, role, scope

SOURCE = Path(__file__).resolve().parents[2] / "programmes" / "bac-giang-11-nqtw.source.txt"
MANAGERS = {"manager", "admin"}


@cache
def _seed_draft_yaml() -> str:
    return draft_programme(SOURCE.read_text(encoding="utf-8")).to_yaml()


def _draft(cast: Cast) -> dict[str, Any]:
    """The manager's draft of the seed document (idempotent: the rules of one test share it)."""
    draft, _created = ProgrammeDraft.objects.get_or_create(
        user=cast.manager,
        document_name=SOURCE.name,
        defaults={"document_text": SOURCE.read_text(encoding="utf-8"), "draft_yaml": _seed_draft_yaml()},
    )
    return {"pk": draft.pk}


def _owners_only(ok: int) -> dict[str, set[int]]:
    return {
        r: {302} if r == "anonymous" else {ok} if r == "manager" else {404} if r == "admin" else {403}
        for r in ROLES
    }


def _post_only() -> dict[str, set[int]]:
    return {r: {302} if r == "anonymous" else {405} for r in ROLES}


def _upload() -> dict[str, Any]:
    return {"tep": SimpleUploadedFile("nhap.txt", SOURCE.read_bytes())}


PROGRAMME_RULES: dict[str, Rule] = {
    "drafting:drafts": role(MANAGERS, post=_upload(), post_allowed=frozenset(MANAGERS)),
    "drafting:review": scope(
        _owners_only(200), kwargs=_draft, post={"fingerprint": "0"}, post_allowed=frozenset({"manager"})
    ),
    "drafting:download": scope(_owners_only(200), kwargs=_draft),
    "drafting:replace": scope(
        _post_only(),
        kwargs=_draft,
        post={"tep": SimpleUploadedFile("nhap.yaml", b"format: x\n")},
        post_allowed=frozenset({"manager"}),
    ),
    "drafting:load": scope(
        _post_only(), kwargs=_draft, post={"thay": "1"}, post_allowed=frozenset({"manager"})
    ),
    "drafting:delete": scope(_post_only(), kwargs=_draft, post={}, post_allowed=frozenset({"manager"})),
}

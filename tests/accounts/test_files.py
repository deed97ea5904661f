"""Uploaded files are served only through a permission check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from nqtrack.accounts import files, scopes
from nqtrack.accounts.models import EventKind, Role, SecurityEvent
from tests.accounts.conftest import Cast, client_for, make_user, sign_in, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(tmp_path: Path, settings: Any) -> Iterator[Path]:
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "noi-bo").mkdir()
    (tmp_path / "noi-bo" / "bao-cao.csv").write_text("ma,gia_tri\n24,37.8\n", encoding="utf-8")
    (tmp_path / "bi-mat.txt").write_text("outside every area", encoding="utf-8")
    (tmp_path / "xa").mkdir()
    (tmp_path / "xa" / "07774.txt").write_text("Tự Lạn", encoding="utf-8")
    # an app's rule: only users who may view the commune's unpublished figures
    files.register_file_area(
        "xa",
        lambda user, name: any(u.code == Path(name).stem for u in scopes.viewable_units(user=user)),
    )
    yield tmp_path
    files.unregister_file_area("xa")


def test_internal_files_go_to_programme_managers_only(cast: Cast, uploads: Path) -> None:
    response = client_for(cast, "manager").get("/tai-khoan/tep/noi-bo/bao-cao.csv")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"ma,gia_tri\n24,37.8\n"  # type: ignore[attr-defined]
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.csv"'
    assert response["Cache-Control"] == "private, no-store"
    refused = client_for(cast, "viewer").get("/tai-khoan/tep/noi-bo/bao-cao.csv")
    assert refused.status_code == 403
    event = SecurityEvent.objects.get()
    assert (event.kind, event.subject, event.detail) == (
        EventKind.FILE_DENIED,
        cast.viewer,
        {"area": "noi-bo", "name": "bao-cao.csv"},
    )


def test_an_app_rule_decides_by_scope(cast: Cast, uploads: Path) -> None:
    url = "/tai-khoan/tep/xa/07774.txt"
    assert client_for(cast, "commune_reporter").get(url).status_code == 200
    assert client_for(cast, "district_reporter").get(url).status_code == 200
    other_district = make_user("huyen_yen_the", Role.REPORTER, capture_units=[unit("215")])
    assert sign_in(Client(), other_district).get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, uploads: Path) -> None:
    response = client.get("/tai-khoan/tep/noi-bo/bao-cao.csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


@pytest.mark.parametrize(
    "url",
    [
        "/tai-khoan/tep/noi-bo/../bi-mat.txt",
        "/tai-khoan/tep/noi-bo/%2E%2E/bi-mat.txt",
        "/tai-khoan/tep/noi-bo/khong-co.csv",
        "/tai-khoan/tep/khong-dang-ky/bao-cao.csv",
    ],
)
def test_nothing_outside_a_registered_area_is_served(cast: Cast, uploads: Path, url: str) -> None:
    assert client_for(cast, "manager").get(url).status_code == 404


def test_uploads_have_no_public_url(client: Client, uploads: Path) -> None:
    assert client.get("/media/noi-bo/bao-cao.csv").status_code == 404

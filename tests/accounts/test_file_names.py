"""A file name that cannot name a file answers 404, never 500 (issue "No leaks, no crashes")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.http import Http404

from nqtrack.accounts import files
from nqtrack.accounts.models import SecurityEvent
from tests.accounts.conftest import Cast, client_for

pytestmark = pytest.mark.django_db

BAD_NAMES = {
    "nul": "x%00.pdf",
    "5000 characters": "a" * 5000 + ".pdf",
    "one part above 255 bytes": "ư" * 130 + ".pdf",  # 130 characters, 264 bytes in UTF-8
    "a folder part above 255 bytes": "b" * 256 + "/bao-cao.csv",
    "line break": "bao-cao%0A.csv",
    "escape character": "bao-cao%1B.csv",
}


@pytest.fixture
def internal(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "noi-bo").mkdir()
    (tmp_path / "noi-bo" / "bao-cao.csv").write_text("ma,gia_tri\n24,37.8\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
@pytest.mark.parametrize("who", ["manager", "viewer"])
def test_a_bad_name_answers_404_and_records_nothing(cast: Cast, internal: Path, name: str, who: str) -> None:
    client = client_for(cast, who)  # signing in writes last_login: before counting
    client.raise_request_exception = False
    events = SecurityEvent.objects.count()
    response = client.get(f"/tai-khoan/tep/noi-bo/{name}")
    assert response.status_code == 404
    assert SecurityEvent.objects.count() == events
    assert sorted(p.name for p in (internal / "noi-bo").iterdir()) == ["bao-cao.csv"]


def test_a_good_name_is_still_served(cast: Cast, internal: Path) -> None:
    response = client_for(cast, "manager").get("/tai-khoan/tep/noi-bo/bao-cao.csv")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"ma,gia_tri\n24,37.8\n"  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["x\x00.pdf", "a" * 5000 + ".pdf", "c" * 300, "ok/" + "d" * 256])
def test_the_path_of_a_bad_name_is_not_found(internal: Path, name: str) -> None:
    with pytest.raises(Http404):
        files.protected_path(area="noi-bo", name=name)


def test_an_app_rule_never_sees_a_bad_name(cast: Cast, internal: Path) -> None:
    seen: list[str] = []

    def rule(_user: object, name: str) -> bool:
        seen.append(name)
        return True

    files.register_file_area("xa", rule)
    try:
        client = client_for(cast, "manager")
        assert client.get("/tai-khoan/tep/xa/x%00.txt").status_code == 404
        assert client.get("/tai-khoan/tep/xa/" + "e" * 5000).status_code == 404
    finally:
        files.unregister_file_area("xa")
    assert seen == []


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("bao-cao.csv", True),
        ("2025/07/Báo cáo quý.pdf", True),
        ("ư" * 125 + ".pdf", True),  # 250 + 4 = 254 bytes
        ("ư" * 126 + ".pdf", False),  # 252 + 4 = 256 bytes
        ("a" * 255, True),
        ("a" * 256, False),
        ("/".join(["a" * 250] * 4)[:1000], True),  # 1000 characters
        ("/".join(["a" * 250] * 4)[:1001], False),
        ("", False),
        ("x\x00", False),
        ("x\x7f", False),
        ("x\ty", False),
    ],
)
def test_valid_names(name: str, valid: bool) -> None:
    assert files.valid_name(name) is valid

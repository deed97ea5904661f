"""The user menu offers the programme drafts to those who may load programmes, and to nobody else."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.accounts.conftest import ROLES, Cast, client_for

pytestmark = pytest.mark.django_db

MANAGERS = {"manager", "admin"}


def _menu_links(html: str) -> list[str]:
    menu = re.search(r'<details class="user-menu">(.*?)</details>', html, re.S)
    return re.findall(r'<a href="([^"]+)"', menu.group(1)) if menu else []


@pytest.mark.parametrize("who", ROLES)
def test_the_drafts_are_in_the_menu_of_programme_managers_only(cast: Cast, who: str) -> None:
    page = client_for(cast, who).get(reverse("ct:overview", args=[cast.programme.code]))
    assert page.status_code == 200
    links = _menu_links(page.content.decode())
    expected = ["/tai-khoan/doi-mat-khau/", "/tai-khoan/ma-truy-cap/"]
    if who in MANAGERS:
        expected.append(reverse("drafting:drafts"))
    assert links == ([] if who == "anonymous" else expected)

"""Vietnamese by default, English by the switch; the English catalogue is complete and compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.test import Client

from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS
from tests.web.po import read_po

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).resolve().parents[2] / "nqtrack" / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def test_an_english_browser_still_gets_vietnamese(client: Client, loaded: Programme) -> None:
    html = client.get(seed_url("/"), headers={"Accept-Language": "en-GB,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in html
    assert "Chỉ tiêu cụ thể đến năm 2030" in html


def test_the_switch_gives_english_words_and_numbers(client: Client, loaded: Programme) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    html = client.get(seed_url("/")).content.decode()
    assert '<html lang="en">' in html
    assert "Specific targets to 2030" in html
    counts = re.search(r'<ul class="counts"[^>]*>(.*?)</ul>', html, re.S)
    assert counts is not None
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", counts.group(1))).split() == (
        "✔ Achieved 1 ▲ On track 3 ➚ Needs acceleration 3 ? Not enough data 22".split()
    )
    growth = re.search(r'<tr data-target="grdp_growth_2021_2030">(.*?)</tr>', html, re.S)
    assert growth is not None
    cell = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", growth.group(1))).strip()
    assert "13.85 2024 · not stated · source" in cell
    assert cell.endswith("➚ Needs acceleration needs growth of 15.99–17.67%/year")
    target = client.get(seed_url("/chi-tieu/grdp_growth_2021_2030/")).content.decode()
    assert '<dt>Ratio (achieved / required)</dt><dd data-number="ratio">0.9022</dd>' in target
    assert '<dt>Average achieved</dt><dd data-number="average">13.53%/year</dd>' in target
    assert "From now on: needs growth of 15.99–17.67%/year" in target


def test_every_entry_of_the_english_catalogue_is_translated_and_compiled() -> None:
    entries = read_po(CATALOGUE / "django.po")
    assert len(entries) > 400
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for entry in entries:
        assert "fuzzy" not in entry.flags, entry.msgid
        if entry.msgid_plural is None:
            assert entry.msgstr, entry.msgid
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            assert translations.gettext(key) == entry.msgstr, entry.msgid
        else:
            assert entry.plurals.get(0), entry.msgid
            assert entry.plurals.get(1), entry.msgid
            assert translations.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.plurals[1], entry.msgid

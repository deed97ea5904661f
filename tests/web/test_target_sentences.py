"""What a target page says of a target the engine cannot judge: its sentence once, in plain words.

A target with a single figure (the shares of 2022) reads "Năm 2022: …, chưa đạt …; chưa đủ số liệu để
đánh giá xu hướng." once, not again as a "Lý do" line; the 8/9-huyện target says in words why a count of
district-level units cannot be set against a number of huyện, with no unit code in any sentence, on the
page, in ``nqtrack assess --programme`` and in the report.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nqtrack.domain.report_content import ReportKind
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from nqtrack.reports.content import report_content_build
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS
from tests.web.page_text import page_text

pytestmark = pytest.mark.django_db

DISTRICTS = (
    "số liệu đếm các đơn vị hành chính cấp huyện (có thể gồm cả thành phố, thị xã), còn mục tiêu đếm số "
    "huyện; chưa biết trong số liệu có bao nhiêu huyện nên không so sánh được"
)
CODE_WORDS = re.compile(r"\b(count|districts|insufficient_data|unit_mismatch)\b")


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("share_product_taxes_2030", "Năm 2022: 2,1%, đã đạt 2–3%; chưa đủ số liệu để đánh giá xu hướng."),
        (
            "share_industry_construction_2030",
            "Năm 2022: 62,3%, chưa đạt 66–67%; chưa đủ số liệu để đánh giá xu hướng.",
        ),
    ],
)
def test_a_one_figure_target_says_where_its_figure_stands_once(
    client: Client, loaded: Programme, code: str, sentence: str
) -> None:
    text = page_text(client.get(seed_url(f"/chi-tieu/{code}/")).content.decode())
    assert text.count("chưa đủ số liệu để đánh giá xu hướng") == 1
    assert sentence in text
    assert "Lý do:" not in text


def test_the_district_target_says_in_words_why_it_cannot_be_judged(client: Client, loaded: Programme) -> None:
    html = client.get(seed_url("/chi-tieu/nrd_districts_2030/")).content.decode()
    explanation = re.search(r'<p class="explanation">(.*?)</p>', html, re.S)
    assert explanation is not None
    assert explanation.group(1) == f"Chưa đủ số liệu: {DISTRICTS}."
    text = page_text(html)
    assert text.count(DISTRICTS) == 1
    assert CODE_WORDS.search(text) is None

    out = StringIO()
    call_command("assess", programme="", stdout=out)
    [line] = [line for line in out.getvalue().splitlines() if line.startswith("nrd_districts_2030 ")]
    assert line.split()[1:4] == ["insufficient_data", "7", "(2023)"]
    assert line.endswith(f"  {DISTRICTS}")

    content = report_content_build(
        user=None, programme=loaded, as_of=timezone.localdate(), kind=ReportKind.SO_KET
    )
    [target] = [t for t in content.targets if t.code == "nrd_districts_2030"]
    # The report adds, as the target page does, that the district level is gone since the merger.
    abolished = (
        "Cấp huyện không còn từ 1/7/2025: chỉ tiêu được đánh giá theo số liệu cuối cùng của cấp huyện."
    )
    assert (target.explanation, target.status_words, target.needed) == (
        f"{DISTRICTS}. {abolished}",
        "Chưa đủ số liệu",
        "",
    )
    sentences = [t.explanation for t in content.targets] + list(content.limitations)
    assert [s for s in sentences if CODE_WORDS.search(s)] == []


def test_the_report_gives_a_one_figure_target_its_year(loaded: Programme) -> None:
    content = report_content_build(
        user=None, programme=loaded, as_of=timezone.localdate(), kind=ReportKind.SO_KET
    )
    [target] = [t for t in content.targets if t.code == "share_product_taxes_2030"]
    assert target.explanation == "năm 2022: 2,1%, đã đạt 2–3%; chưa đủ số liệu để đánh giá xu hướng."

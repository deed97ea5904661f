"""A target re-based by a later decision (the programme file's ``rebased``): when the districts ended on
1/7/2025, "8/9 huyện đạt chuẩn huyện nông thôn mới" can no longer be judged as written (the figures count
district-level units, the city among them). A programme file may give the terms it is judged on instead;
the target page, the dashboard, the public page, the command and the review report then judge it on those
terms, show them and say why, and the original wording stays.

The re-based terms here are test material (no such decision is published): "at least 8 of the 10
district-level units by 2025", judged on the published counts (7 units at the end of 2023).
"""

from __future__ import annotations

import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from nqtrack.assessments.selectors import stored_assessment
from nqtrack.assessments.services import assessments_refresh
from nqtrack.domain.programme import ProgrammeFileError, parse_programme
from nqtrack.domain.report_content import ReportKind
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from nqtrack.programmes.selectors import domain_target, programme_as_domain
from nqtrack.programmes.services import programme_load_file
from nqtrack.reports.content import report_content_build
from tests.seed import SEED_PROGRAMME, SEED_STATISTICS

pytestmark = pytest.mark.django_db

CODE = "nrd_districts_2030"
ORIGINAL = '            source_text: "8/9 huyện đạt chuẩn huyện nông thôn mới"\n'
REBASED = ORIGINAL + (
    "            rebased:\n"
    '              since: "2025-07-01"\n'
    '              decided_by: "văn bản điều chỉnh (tệp thử)"\n'
    '              source_text: "8/10 đơn vị cấp huyện đạt chuẩn, hoàn thành nhiệm vụ nông thôn mới"\n'
    "              comparator: at_least\n"
    "              low: 8\n"
    "              out_of: 10\n"
    "              unit: count\n"
    "              year: 2025\n"
)
NOTE = (
    "cấp huyện không còn từ 1/7/2025: mục tiêu được điều chỉnh theo văn bản điều chỉnh (tệp thử) (“8/10 đơn "
    "vị cấp huyện đạt chuẩn, hoàn thành nhiệm vụ nông thôn mới”) và chỉ tiêu được đánh giá theo mục tiêu "
    "điều chỉnh"
)
REBASED_WORDING = (
    '<span class="wording rebased">Mục tiêu điều chỉnh: “8/10 đơn vị cấp huyện đạt chuẩn, hoàn thành '
    "nhiệm vụ nông thôn mới”</span>"
)
VERDICT = (
    "Không đạt: năm 2023 đạt 7 đơn vị, mục tiêu từ 8 đơn vị trở lên vào năm 2025; năm 2025 chưa có số liệu "
    "nên đánh giá theo số liệu gần nhất trước đó (năm 2023)."
)


def _seed_text(rebased: str = REBASED) -> str:
    text = SEED_PROGRAMME.read_text(encoding="utf-8")
    assert text.count(ORIGINAL) == 1
    return text.replace(ORIGINAL, rebased)


@pytest.fixture
def rebased(units: None, tmp_path: Path) -> Programme:
    path = tmp_path / "rebased.yaml"
    path.write_text(_seed_text(), encoding="utf-8")
    programme = programme_load_file(path=path).programme
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def test_the_file_keeps_the_rebased_terms_and_writes_them_back(rebased: Programme) -> None:
    target = Target.objects.select_related("indicator").get(code=CODE)
    assert target.rebased == {
        "since": "2025-07-01",
        "decided_by": "văn bản điều chỉnh (tệp thử)",
        "source_text": "8/10 đơn vị cấp huyện đạt chuẩn, hoàn thành nhiệm vụ nông thôn mới",
        "comparator": "at_least",
        "low": 8.0,
        "out_of": 10,
        "unit": "count",
        "year": 2025,
    }
    # The original terms are kept as written; the engine judges on the re-based ones.
    assert (target.comparator, target.low, target.out_of, target.unit, target.year) == (
        "at_least",
        8.0,
        9,
        "",
        2030,
    )
    judged = domain_target(target)
    assert (judged.comparator, judged.low, judged.high, judged.unit, judged.year, judged.baseline) == (
        "at_least",
        8.0,
        None,
        "count",
        2025,
        None,
    )
    [exported] = [
        t
        for g in programme_as_domain(programme=rebased).indicator_groups
        for i in g.indicators
        for t in i.targets
        if t.code == CODE
    ]
    assert exported.rebased is not None
    assert exported.rebased.low == 8.0
    assert exported.rebased.out_of == 10


def _page(client: Client, programme: Programme) -> str:
    response = client.get(reverse("ct:target", args=[programme.code, CODE]))
    assert response.status_code == 200
    return response.content.decode()


def test_every_reading_judges_the_rebased_terms_and_says_why(client: Client, rebased: Programme) -> None:
    html = _page(client, rebased)
    assert f'<p class="territory-note" role="note">{NOTE}</p>' in html
    assert '<blockquote class="source-text">8/9 huyện đạt chuẩn huyện nông thôn mới</blockquote>' in html
    assert "<p>Mục tiêu: ≥ 8 đơn vị vào năm 2025</p>" in html
    assert set(re.findall(r'data-status="([a-z_]+)"', html)) == {"not_achieved"}
    assert f'<p class="explanation">{VERDICT}</p>' in html

    dashboard = client.get(reverse("ct:overview", args=[rebased.code])).content.decode()
    row = re.search(rf'<tr[^>]*data-target="{CODE}".*?</tr>', dashboard, re.S)
    assert row is not None
    assert 'data-status="not_achieved"' in row.group(0)
    assert re.search(r'<td class="goal">≥ 8</td>', row.group(0))
    assert REBASED_WORDING in row.group(0)

    public = client.get(reverse("public:index")).content.decode()
    row = re.search(rf'<tr data-target="{CODE}">.*?</tr>', public, re.S)
    assert row is not None
    assert 'data-status="not_achieved"' in row.group(0)
    assert '<td class="goal">≥ 8</td>' in row.group(0)
    assert REBASED_WORDING in row.group(0)

    assessments_refresh(programme=rebased)  # the store judges on the same terms
    stored = stored_assessment(target=Target.objects.select_related("indicator__programme").get(code=CODE))
    assert stored is not None
    assert stored.status == "not_achieved"

    out = StringIO()
    call_command("assess", programme="", stdout=out)
    [line] = [line for line in out.getvalue().splitlines() if line.startswith(f"{CODE} ")]
    assert line.split()[1] == "not_achieved"

    content = report_content_build(
        user=None, programme=rebased, as_of=date(2026, 6, 30), kind=ReportKind.SO_KET
    )
    [report] = [t for t in content.targets if t.code == CODE]
    assert report.status == "not_achieved"
    assert report.goal == "từ 8/10 trở lên (năm 2025)"
    # The report gives the status in its own column and the sentence without it.
    assert report.explanation == f"{VERDICT.removeprefix('Không đạt: ')} {NOTE[0].upper()}{NOTE[1:]}."


def test_without_rebased_terms_the_target_stays_unjudged_with_its_reason(client: Client, units: None) -> None:
    programme = programme_load_file(path=SEED_PROGRAMME).programme
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    html = _page(client, programme)
    assert set(re.findall(r'data-status="([a-z_]+)"', html)) == {"insufficient_data"}
    assert (
        "cấp huyện không còn từ 1/7/2025: chỉ tiêu được đánh giá theo số liệu cuối cùng của cấp huyện" in html
    )
    assert "mục tiêu được điều chỉnh" not in html


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("              low: 8\n", "'since' ('2025-7-1') không phải ngày dạng YYYY-MM-DD"),
        ("", "so sánh 'at_least' cần giá trị 'low'"),
    ],
)
def test_a_malformed_rebased_block_is_refused_with_its_place(block: str, message: str) -> None:
    bad = (
        REBASED.replace('"2025-07-01"', '"2025-7-1"')
        if block
        else REBASED.replace("              low: 8\n", "")
    )
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme(_seed_text(bad), filename="rebased.yaml")
    [problem] = caught.value.problems
    assert (problem.path, problem.message) == (f"target:{CODE}.rebased", message)
    assert problem.line == 323  # the target's entry in the file


def test_a_rebased_block_with_an_unknown_key_names_it(units: None) -> None:
    bad = REBASED.replace("              year: 2025\n", "              year: 2025\n              reason: x\n")
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme(_seed_text(bad), filename="rebased.yaml")
    assert [p.message for p in caught.value.problems] == ["trường không có trong định dạng"]
    assert Target.objects.count() == 0

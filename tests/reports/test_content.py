"""The report's content from the real data: every target, every task, every annex figure.

The annex is compared whole with a golden file (tests/reports/golden/so-ket-2025.json), as sdg-build
compares its outputs; after an intended change, rewrite it with NQTRACK_UPDATE_GOLDEN=1 and review the
diff. Independent checks read the programme file and the statistics CSV directly.
"""

from __future__ import annotations

import csv
import json
import os
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from nqtrack.domain.progress import Status
from nqtrack.domain.report_content import Category, ReportContent, ReportKind
from nqtrack.programmes.models import Programme
from nqtrack.reports.content import programme_start_year, report_content_build
from tests.reports.conftest import RealReport
from tests.seed import SEED_PROGRAMME, SEED_STATISTICS

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden" / "so-ket-2025.json"


def _programme_file() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SEED_PROGRAMME.read_text(encoding="utf-8"))
    return document


def _annex(content: ReportContent) -> dict[str, Any]:
    """The annex and the generated prose as plain JSON (chart images as a yes/no)."""
    return {
        "years": list(content.years),
        "targets": [
            {
                "number": t.number,
                "code": t.code,
                "group": t.group_number,
                "wording": t.wording,
                "goal": t.goal,
                "unit": t.unit,
                "values": {str(v.year): v.display for v in t.values if v.text},
                "latest": t.latest,
                "status": t.status_words,
                "needed": t.needed,
                "sources": t.source_refs,
                "chart": t.chart_png is not None,
                "region": t.region_goal,
            }
            for t in content.targets
        ],
        "tasks": [[t.code, t.lead, t.due, t.status, t.result, t.documents] for t in content.tasks],
        "sources": [s.text for s in content.sources],
        "summary": content.indicator_summary,
        "count": content.indicator_count,
        "leadership": list(content.leadership),
        "task_results": [
            [g.heading, g.summary, list(g.reports), g.to_complete] for g in content.task_results
        ],
        "limitations": list(content.limitations),
        "directions": list(content.directions),
    }


def test_the_annex_matches_the_golden_file(real_report: RealReport) -> None:
    annex = _annex(real_report.content)
    if os.environ.get("NQTRACK_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(annex, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert annex == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_2025_report_lists_all_29_targets_in_programme_order(real_report: RealReport) -> None:
    expected = [
        (t["code"], unicodedata.normalize("NFC", t["source_text"]))
        for group in _programme_file()["indicator_groups"]
        for indicator in group["indicators"]
        for t in indicator.get("targets", [])
    ]
    content = real_report.content
    assert len(expected) == 29
    assert [(t.code, t.wording) for t in content.targets] == expected
    assert [t.number for t in content.targets] == list(range(1, 30))
    assert sum(len(g.targets) for g in content.results) == 29


def test_the_2025_report_lists_all_33_tasks_and_6_assignments(real_report: RealReport) -> None:
    document = _programme_file()
    tasks = [t["code"] for g in document["task_groups"] for t in g["tasks"]]
    assignments = [f"IV.{a['number']}" for a in document["assignments"]]
    assert (len(tasks), len(assignments)) == (33, 6)
    assert [t.code for t in real_report.content.tasks] == tasks + assignments
    by_code = {t.code: t for t in real_report.content.tasks}
    # IV.2: the district committees' plans, "hoàn thành trong tháng 9/2022".
    assert (by_code["IV.2"].lead, by_code["IV.2"].due, by_code["IV.2"].due_date) == (
        "Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
        "tháng 9/2022",
        date(2022, 9, 30),
    )
    assert by_code["III.2.4"].documents == "Kế hoạch số 51-KH/TU; Nghị quyết số 06-NQ/TW"
    assert [g.count for g in real_report.content.task_groups] == [
        len(g["tasks"]) for g in document["task_groups"]
    ]


def test_the_categories_count_as_the_progress_engine_judges(real_report: RealReport) -> None:
    # The same counts as the engine gives: 1 achieved (forest cover), 3 on track, 3 needing acceleration,
    # 22 not judged (the product-tax share has one figure, like the three other shares).
    counts = {g.category: len(g.targets) for g in real_report.content.results}
    assert counts == {
        Category.ACHIEVED: 1,
        Category.ON_COURSE: 3,
        Category.OFF_COURSE: 3,
        Category.INSUFFICIENT_DATA: 22,
    }
    assert real_report.content.indicator_summary == (
        "Trong 29 chỉ tiêu cụ thể đến năm 2030 của Chương trình: 1 chỉ tiêu đã đạt; 3 chỉ tiêu đúng hướng, "
        "có khả năng đạt; 3 chỉ tiêu chưa đạt tiến độ, cần đẩy nhanh; 22 chỉ tiêu chưa đủ số liệu "
        "để đánh giá."
    )
    # the count of a review report, out of 29
    assert real_report.content.indicator_count == (
        "Trong 29 chỉ tiêu cụ thể của Chương trình: 1/29 chỉ tiêu đạt và vượt; 3/29 chỉ tiêu đúng hướng, "
        "có khả năng đạt; 3/29 chỉ tiêu chưa đạt tiến độ, cần đẩy nhanh; 22/29 chỉ tiêu chưa đủ số liệu "
        "để đánh giá (Phụ lục 1)."
    )


def test_grdp_growth_row_carries_the_published_rates(real_report: RealReport) -> None:
    grdp = next(t for t in real_report.content.targets if t.code == "grdp_growth_2021_2030")
    published = {}
    with SEED_STATISTICS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["indicator"] == "grdp_growth" and 2021 <= int(row["year"]) <= 2024:
                published[int(row["year"])] = (row["value"], row["status"])
    # One published rate a year 2021–2024; 2023 is an estimate, marked "(ư)"; no figure for 2020 or 2025.
    assert published == {
        2021: ("7.82", "unknown"),
        2022: ("19.3", "unknown"),
        2023: ("13.45", "estimate"),
        2024: ("13.85", "unknown"),
    }
    assert [(v.year, v.display) for v in grdp.values] == [
        (2020, ""),
        (2021, "7,82"),
        (2022, "19,3"),
        (2023, "13,45 (ư)"),
        (2024, "13,85"),
        (2025, ""),
    ]
    # (1.0782 × 1.193 × 1.1345 × 1.1385)^(1/4) − 1 = 13,53 %/năm; the rest of 2021–2030 needs 15,99–17,67.
    assert (grdp.status, grdp.category, grdp.needed) == (
        Status.NEEDS_ACCELERATION,
        Category.OFF_COURSE,
        "cần tăng 15,99–17,67%/năm",
    )
    assert grdp.goal == "khoảng 15–16%/năm (bình quân 2021–2030)"
    assert grdp.latest == "13,85 (2024)"


def test_the_heading_is_the_party_one_for_the_provincial_standing_committee(real_report: RealReport) -> None:
    content = real_report.content
    assert (content.header.organ, content.header.national, content.header.number) == (
        "TỈNH ỦY BẮC GIANG",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số …-BC/TU",
    )
    assert content.period.label == "sơ kết 3 năm 2022–2025"
    assert content.subject.startswith(
        "Sơ kết 3 năm thực hiện Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW"
    )
    assert content.directions_heading == "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026–2030"
    assert content.recipients == ("- [Cần bổ sung: nơi nhận],", "- Lưu Văn phòng Tỉnh ủy.")
    assert content.signature.lines == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")


def test_only_judged_targets_not_yet_achieved_carry_a_chart(real_report: RealReport) -> None:
    charted = {t.code for t in real_report.content.targets if t.chart_png}
    judged = {
        t.code
        for t in real_report.content.targets
        if t.status not in (Status.INSUFFICIENT_DATA, Status.ACHIEVED)
    }
    assert charted == judged
    # forest cover is achieved: its sentence says it, a half-page chart would not say more
    assert "forest_cover_2030" not in charted
    assert len(charted) == 6
    assert all(
        t.chart_png is not None and t.chart_png.startswith(b"\x89PNG") for t in real_report.content.charted
    )


def test_implementation_starts_with_the_resolution_when_the_programme_has_no_date(
    programme: Programme,
) -> None:
    # The seed programme's own date is not in the source; 11-NQ/TW is dated 10/02/2022.
    assert programme.date == ""
    assert programme_start_year(programme) == 2022
    programme.date = "2022-07-15"
    assert programme_start_year(programme) == 2022
    programme.date = "2023-01-01"
    assert programme_start_year(programme) == 2023


def test_an_annual_report_without_figures_judges_nothing(programme: Programme) -> None:
    content = report_content_build(
        user=None, programme=programme, as_of=date(2024, 6, 30), kind=ReportKind.ANNUAL
    )
    assert content.period.label == "năm 2024"
    assert content.years == (2020, 2021, 2022, 2023, 2024)
    assert [g.category for g in content.results] == [Category.INSUFFICIENT_DATA]
    assert content.sources == ()
    # Grouped by the engine's reason: GRDP growth is a series of yearly rates, the others are levels.
    names = [t.indicator for t in content.targets]
    assert content.limitations[:2] == (
        f"{names[0]}: chưa đánh giá được (không có tốc độ tăng nào trong thời kỳ 2021-2030).",
        f"28 chỉ tiêu chưa đánh giá được (không có số liệu): {'; '.join(names[1:])}.",
    )
    # the yearly report opens its results with the year's own figures; here there are none
    assert content.year_results == ("[Cần bổ sung: kết quả năm 2024: chưa có số liệu của năm trên hệ thống]",)
    assert content.subject.startswith("Kết quả năm 2024 thực hiện Chương trình hành động")


def test_a_state_programme_gets_the_state_heading(programme: Programme) -> None:
    programme.issuer_kind, programme.issuer = "state", "UBND tỉnh Bắc Giang"
    programme.save(update_fields=["issuer_kind", "issuer"])
    content = report_content_build(
        user=None, programme=programme, as_of=date(2025, 12, 31), kind=ReportKind.ANNUAL
    )
    assert (content.header.party, content.header.organ, content.header.number, content.header.motto) == (
        False,
        "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        "Số: …/BC-UBND",
        "Độc lập - Tự do - Hạnh phúc",
    )

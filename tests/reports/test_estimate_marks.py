"""Estimate marks: a figure published as an estimate ("ước") carries "(ư)" after it wherever the report
quotes it (the sentences of section II, annex 1 of the Word report, the Excel annex); a final figure
carries none."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from nqtrack.domain.report_content import ReportContent, ReportKind
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from nqtrack.reports.content import report_content_build
from nqtrack.reports.render_docx import render_docx
from nqtrack.reports.render_xlsx import TITLE_ROWS, render_xlsx

pytestmark = pytest.mark.django_db

SOURCE = "https://example.org/bao-cao"
FIGURES = f"""indicator,year,value,unit,status,source_url,published,quote,note
urbanisation_rate,2020,18.3,percent,official,{SOURCE},,,
urbanisation_rate,2023,23.96,percent,estimate,{SOURCE},,"ước đạt 23,96%",
trained_labour,2020,70,percent,estimate,{SOURCE},,"ước đạt 70%",
trained_labour,2023,76,percent,official,{SOURCE},,,
share_services,2022,20.7,percent,estimate,{SOURCE},,"ước chiếm 20,7%",
"""


@pytest.fixture
def content(programme: Programme, tmp_path: Path) -> ReportContent:
    path = tmp_path / "figures.csv"
    path.write_text(FIGURES, encoding="utf-8")
    observations_import_file(path=path, programme=programme)
    return report_content_build(
        user=None, programme=programme, as_of=date(2025, 12, 31), kind=ReportKind.SO_KET
    )


def _number(content: ReportContent, code: str) -> str:
    """The target's "TT" in annex 1."""
    [line] = [t for t in content.targets if t.code == code]
    return str(line.number)


def test_the_sentences_mark_the_estimates_they_quote(content: ReportContent) -> None:
    paragraphs = [p.text for p in Document(BytesIO(render_docx(content))).paragraphs]
    assert (
        "- Tỷ lệ đô thị hóa: năm 2023 đạt 23,96% (ư), mục tiêu khoảng 55–60% vào năm 2030; "
        "từ năm 2020 (18,3%) bình quân tăng 9,40%/năm, bằng 81% tốc độ cần thiết (tăng 11,63%/năm), "
        "theo đà này năm 2030 đạt "
        "khoảng 44,93%; từ nay cần tăng 12,60–14,01%/năm đến năm 2030."
    ) in paragraphs
    [labour] = [p for p in paragraphs if p.startswith("- Tỷ lệ lao động qua đào tạo: ")]
    assert labour.startswith(
        "- Tỷ lệ lao động qua đào tạo: năm 2023 đạt 76%, mục tiêu trên 90% vào năm 2030; "
        "từ năm 2020 (70% (ư)) "
    )
    assert (
        "- Tỷ trọng dịch vụ trong cơ cấu kinh tế: năm 2022: 20,7% (ư), chưa đạt 24–25%; chưa đủ số liệu để "
        "đánh giá xu hướng."
    ) in paragraphs


def test_the_word_annex_marks_each_estimate_and_no_final_figure(content: ReportContent) -> None:
    [annex] = [t for t in Document(BytesIO(render_docx(content))).tables if t.rows[0].cells[0].text == "TT"]
    heads = [c.text for c in annex.rows[0].cells]
    by_number = {row.cells[0].text: [c.text for c in row.cells] for row in annex.rows[1:]}
    years = {y: heads.index(str(y)) for y in (2020, 2022, 2023)}
    urbanisation = by_number[_number(content, "urbanisation_rate_2030")]
    labour = by_number[_number(content, "trained_labour_2030")]
    services = by_number[_number(content, "share_services_2030")]
    assert (urbanisation[years[2020]], urbanisation[years[2023]]) == ("18,3", "23,96 (ư)")
    assert (labour[years[2020]], labour[years[2023]]) == ("70 (ư)", "76")
    assert services[years[2022]] == "20,7 (ư)"


def test_the_excel_annex_marks_each_estimate_and_no_final_figure(content: ReportContent) -> None:
    sheet = load_workbook(BytesIO(render_xlsx(content))).worksheets[0]
    heads = [c.value for c in sheet[TITLE_ROWS + 1]]
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=TITLE_ROWS + 2) if row[2].value}
    latest, y2020, y2023 = heads.index("Số liệu mới nhất"), heads.index("2020"), heads.index("2023")
    urbanisation, labour = rows["urbanisation_rate_2030"], rows["trained_labour_2030"]
    assert [(c.value, c.number_format) for c in (urbanisation[y2020], urbanisation[y2023])] == [
        (18.3, "#,##0.0"),
        (23.96, '#,##0.00" (ư)"'),
    ]
    assert [(c.value, c.number_format) for c in (labour[y2020], labour[y2023])] == [
        (70, '#,##0" (ư)"'),
        (76, "#,##0"),
    ]
    assert (urbanisation[latest].value, labour[latest].value) == ("23,96 (ư) (2023)", "76 (2023)")
    assert rows["share_services_2030"][latest].value == "20,7 (ư) (2022)"


def test_the_reason_quoted_is_marked_and_the_engines_assessment_is_not(content: ReportContent) -> None:
    """Section IV lists why a target cannot be judged with the figure's mark; the line keeps the engine's
    own assessment, so nothing that reads it (the Excel annex's numbers) sees words the engine never
    wrote."""
    [line] = [t for t in content.targets if t.code == "share_services_2030"]
    assert line.reason == "năm 2022: 20,7% (ư), chưa đạt 24–25%; chưa đủ số liệu để đánh giá xu hướng"
    assert line.assessment.reason == "năm 2022: 20,7%, chưa đạt 24–25%; chưa đủ số liệu để đánh giá xu hướng"
    assert line.explanation == f"{line.reason}."
    assert (
        "Tỷ trọng dịch vụ trong cơ cấu kinh tế: chưa đánh giá được (năm 2022: 20,7% (ư), chưa đạt 24–25%; "
        "chưa đủ số liệu để đánh giá xu hướng)." in content.limitations
    )

"""The programme file's rules beyond its shape, each refusal with its exact message and line."""

from __future__ import annotations

import json

import pytest

from nqtrack.domain.programme import (
    Problem,
    ProgrammeFileError,
    parse_programme,
    programme_to_dict,
    programme_to_json,
    programme_to_yaml,
)

FULL = """\
format: nqtrack-programme/1
code: demo-2
identity:
  title: Chương trình thử
  issuer: Ban Thường vụ Tỉnh ủy
  issuer_kind: party
  implements: nq11
  province_code: "24"
  period: [2021, 2030]
  base_year: 2019
  territory_as_of: "2022-10-01"
general_objective: ["Mục tiêu tổng quát"]
indicator_groups:
  - number: 1
    text: Tăng trưởng bình quân 7%.
    indicators:
      - code: grdp
        name: GRDP
        unit: percent
        targets:
          - code: grdp_growth
            kind: average_growth
            comparator: range
            low: 7
            high: 8
            period: [2021, 2030]
            source_text: Tăng trưởng 7-8%
    milestones:
      - code: m1
        text: Hoàn thành quy hoạch
        due: "2025-06"
  - number: 2
    text: Che phủ rừng.
    indicators:
      - code: forest
        name: Che phủ rừng
        unit: percent
        targets:
          - code: forest_2030
            kind: share
            comparator: at_most
            high: 40
            year: 2030
            part_of: grdp_growth
            source_text: Không quá 40%
supporting_indicators:
  - code: population
    name: Dân số
    unit: persons
task_groups:
  - number: 1
    title: Quán triệt
    tasks:
      - code: III.1.1
        text: Tổ chức quán triệt
        due: "2022-09-30"
        documents: [nq11]
assignments:
  - number: 1
    text: Sở Kế hoạch theo dõi
    lead: [skhdt]
    cooperating: [ubnd]
    due: "2023"
organisations:
  - code: ubnd
    name: UBND tỉnh
  - code: skhdt
    name: Sở Kế hoạch và Đầu tư
    parent: ubnd
documents:
  - code: nq11
    title: Nghị quyết 11
"""


def problems_of(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme(text, filename="demo.yaml")
    return [(p.line, p.path, p.message) for p in caught.value.problems]


def test_a_full_file_is_accepted_and_lists_its_indicators_and_targets() -> None:
    programme = parse_programme(FULL)
    assert programme.identity.effective_base_year == 2019
    assert [i.code for i in programme.indicators()] == ["grdp", "forest", "population"]
    assert [(i.code, t.code) for i, t in programme.targets()] == [
        ("grdp", "grdp_growth"),
        ("forest", "forest_2030"),
    ]
    written = programme_to_dict(programme)
    assert json.loads(programme_to_json(programme)) == written
    assert "Chương trình thử" in programme_to_json(programme)  # written as text, not \\u escapes
    assert written["supporting_indicators"] == [{"code": "population", "name": "Dân số", "unit": "persons"}]


def test_a_bad_programme_code_and_territory_date_are_refused() -> None:
    bad = FULL.replace("code: demo-2", "code: Demo_2").replace('"2022-10-01"', '"2022-1-1"')
    assert problems_of(bad) == [
        (2, "code", "mã chương trình chỉ gồm chữ thường không dấu, số và dấu '-'"),
        (11, "identity.territory_as_of", "'2022-1-1' không phải ngày dạng YYYY-MM-DD"),
    ]
    assert problems_of(FULL.replace('"2022-10-01"', '"20221001"')) == [
        (11, "identity.territory_as_of", "'20221001' không phải ngày dạng YYYY-MM-DD")
    ]


def test_a_malformed_code_is_named_with_its_kind() -> None:
    bad = FULL.replace("code: forest_2030", "code: -forest").replace("code: nq11\n", "code: nq 11\n")
    bad = bad.replace("documents: [nq11]", "documents: ['nq 11']").replace(
        "implements: nq11", "implements: nq 11"
    )
    assert problems_of(bad) == [
        (39, "target:-forest", "mã target '-forest' không hợp lệ"),
        (71, "document:nq 11", "mã document 'nq 11' không hợp lệ"),
    ]


def test_duplicate_organisation_codes_are_named_at_each_entry() -> None:
    bad = FULL.replace("  - code: skhdt\n", "  - code: ubnd\n").replace("lead: [skhdt]", "lead: [ubnd]")
    assert problems_of(bad) == [
        (65, "organisation:ubnd", "mã organisation 'ubnd' bị trùng"),
        (67, "organisation:ubnd", "mã organisation 'ubnd' bị trùng"),
    ]


def test_numbers_must_run_from_one() -> None:
    bad = FULL.replace("  - number: 2\n    text: Che", "  - number: 3\n    text: Che").replace(
        "  - number: 1\n    title", "  - number: 0\n    title"
    )
    bad = bad.replace("  - number: 1\n    text: Sở", "  - number: 2\n    text: Sở")
    assert problems_of(bad) == [
        (13, "indicator_groups", "các mục phải đánh số liên tiếp từ 1, đang là [1, 3]"),
        (50, "task_groups", "các mục phải đánh số liên tiếp từ 1, đang là [0]"),
        (58, "assignments", "các mục phải đánh số liên tiếp từ 1, đang là [2]"),
    ]


def test_target_bounds_periods_and_parts_are_checked() -> None:
    bad = FULL.replace("low: 7\n            high: 8", "low: 9\n            high: 8")
    bad = bad.replace("period: [2021, 2030]\n            source", "period: [2030, 2021]\n            source")
    bad = bad.replace("part_of: grdp_growth", "part_of: nowhere")
    assert problems_of(bad) == [
        (21, "target:grdp_growth", "'low' (9.0) lớn hơn 'high' (8.0)"),
        (21, "target:grdp_growth", "'period' phải có năm đầu không sau năm cuối"),
        (39, "target:forest_2030", "'part_of' trỏ tới chỉ tiêu không tồn tại 'nowhere'"),
    ]
    assert problems_of(FULL.replace("period: [2021, 2030]\n            source", "source")) == [
        (21, "target:grdp_growth", "chỉ tiêu loại 'average_growth' cần 'period' [năm đầu, năm cuối]")
    ]
    assert problems_of(FULL.replace("            high: 40\n", "")) == [
        (39, "target:forest_2030", "so sánh 'at_most' cần giá trị 'high'")
    ]
    assert problems_of(FULL.replace("            low: 7\n", "")) == [
        (21, "target:grdp_growth", "so sánh 'range' cần giá trị 'low'")
    ]
    equal_bounds = FULL.replace("low: 7\n            high: 8", "low: 8\n            high: 8")
    assert parse_programme(
        equal_bounds.replace("[2021, 2030]\n            source", "[2025, 2025]\n            source")
    )


def test_references_to_organisations_documents_and_dues_are_checked() -> None:
    bad = FULL.replace("parent: ubnd", "parent: tinh").replace("lead: [skhdt]", "lead: [skhdt, so_x]")
    bad = bad.replace("cooperating: [ubnd]", "cooperating: [so_y]").replace(
        "documents: [nq11]", "documents: [nq12]"
    )
    bad = bad.replace('due: "2023"', 'due: "2023-13"').replace('due: "2022-09-30"', 'due: "2022-9-30"')
    bad = bad.replace('due: "2025-06"', 'due: "25-06"').replace("implements: nq11", "implements: nq13")
    assert problems_of(bad) == [
        (67, "organisation:skhdt", "cơ quan cấp trên 'tinh' không có trong 'organisations'"),
        (59, "assignment:1", "cơ quan 'so_x' không có trong 'organisations'"),
        (59, "assignment:1", "cơ quan 'so_y' không có trong 'organisations'"),
        (59, "assignment:1", "hạn '2023-13' phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD"),
        (54, "task:III.1.1", "văn bản 'nq12' không có trong 'documents'"),
        (54, "task:III.1.1", "hạn '2022-9-30' phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD"),
        (29, "milestone:m1", "hạn '25-06' phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD"),
        (7, "identity.implements", "văn bản 'nq13' không có trong 'documents'"),
    ]


@pytest.mark.parametrize("due", ["2025", "2025-01", "2025-12", "2025-12-31", "2025-02-29", "2025-10-20"])
def test_every_due_form_is_accepted(due: str) -> None:
    assert parse_programme(FULL.replace('due: "2023"', f'due: "{due}"')).assignments[0].due == due


@pytest.mark.parametrize(
    "due", ["2025-00", "2025-1", "2025-12-32", "2025-12-00", "2025-12-3", "2025-", "x2025"]
)
def test_a_due_date_out_of_form_is_refused(due: str) -> None:
    assert problems_of(FULL.replace('due: "2023"', f'due: "{due}"')) == [
        (59, "assignment:1", f"hạn '{due}' phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD")
    ]


def test_without_documents_the_implemented_document_is_not_looked_up() -> None:
    text = FULL.replace("documents:\n  - code: nq11\n    title: Nghị quyết 11\n", "").replace(
        "        documents: [nq11]\n", ""
    )
    assert parse_programme(text).identity.implements == "nq11"


def test_empty_texts_are_refused() -> None:
    bad = FULL.replace("text: Che phủ rừng.", "text: '  '").replace(
        "source_text: Không quá 40%", "source_text: ' '"
    )
    assert problems_of(bad) == [
        (33, "indicator_groups.1.text", "nội dung nhóm chỉ tiêu trống"),
        (39, "target:forest_2030", "thiếu câu gốc 'source_text'"),
    ]


def test_shape_messages_name_the_value_and_what_is_allowed() -> None:
    bad = FULL.replace("issuer_kind: party", "issuer_kind: church").replace(
        "base_year: 2019", "base_year: soon"
    )
    bad = bad.replace("period: [2021, 2030]\n  base", "period: [2021]\n  base")
    bad = bad.replace("    text: Tổ chức quán triệt", "    text: [1]")
    problems = problems_of(bad)
    assert problems == [
        (6, "identity.issuer_kind", "giá trị không hợp lệ: 'church'; cho phép 'party' or 'state'"),
        (9, "identity.period.1", "thiếu trường bắt buộc"),
        (10, "identity.base_year", "phải là số nguyên: 'soon'"),
        (55, "task_groups.0.tasks.0.text", "phải là chuỗi văn bản: [1]"),
    ]


def test_an_unlisted_pydantic_error_keeps_its_own_message() -> None:
    problems = problems_of(FULL.replace("period: [2021, 2030]\n  base", "period: [2021, 2030, 2040]\n  base"))
    assert problems == [(9, "identity.period", "danh sách quá dài: [2021, 2030, 2040]")]
    [(line, path, message)] = problems_of(FULL.replace("issuer: Ban Thường vụ Tỉnh ủy", "issuer: {a: 1}"))
    assert (line, path, message) == (5, "identity.issuer", "phải là chuỗi văn bản: {'a': 1}")


def test_a_problem_reads_with_its_line_or_the_file() -> None:
    assert str(Problem(12, "identity.title", "thiếu")) == "dòng 12 (identity.title): thiếu"
    assert str(Problem(None, "", "YAML không hợp lệ")) == "tệp (gốc): YAML không hợp lệ"
    error = ProgrammeFileError("a.yaml", [Problem(3, "code", "sai"), Problem(None, "", "hỏng")])
    assert str(error) == "a.yaml: 2 lỗi\n  a.yaml, dòng 3 (code): sai\n  a.yaml, tệp (gốc): hỏng"
    assert ProgrammeFileError("b.yaml").problems == []


def test_an_empty_or_non_mapping_file_is_refused_at_the_file() -> None:
    [(line, path, message)] = problems_of("")
    assert (line, path) == (None, "")
    assert message.startswith("phải là một mục (mapping)")
    [(line, path, message)] = problems_of("- 1\n- 2\n")
    assert (line, path) == (1, "")
    assert message == "phải là một mục (mapping): [1, 2]"


def test_an_unknown_enum_value_lists_what_is_allowed() -> None:
    bad = FULL.replace("kind: share", "kind: shares")
    assert problems_of(bad) == [
        (
            40,
            "indicator_groups.1.indicators.0.targets.0.kind",
            "giá trị không hợp lệ: 'shares'; cho phép 'level', 'average_growth', 'annual_change' or 'share'",
        )
    ]


def test_the_written_files_are_readable_text() -> None:
    programme = parse_programme(FULL)
    assert programme_to_json(programme).startswith(
        '{\n  "format": "nqtrack-programme/1",\n  "code": "demo-2",'
    )
    written = programme_to_yaml(programme)
    assert written.startswith(
        "format: nqtrack-programme/1\ncode: demo-2\nidentity:\n  title: Chương trình thử\n"
    )
    assert parse_programme(written) == programme

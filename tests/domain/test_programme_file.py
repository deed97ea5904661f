"""The programme file parser: shape, rules, and every problem reported with its line (no database)."""

from __future__ import annotations

import pytest

from nqtrack.domain.programme import Problem, ProgrammeFileError, parse_programme, programme_to_yaml

VALID = """\
format: nqtrack-programme/1
code: demo
identity:
  title: Chương trình thử
  issuer: Ban Thường vụ Tỉnh ủy
  issuer_kind: party
  implements: 11-NQ/TW
  province_code: "24"
  period: [2021, 2030]
general_objective: ["Mục tiêu tổng quát"]
indicator_groups:
  - number: 1
    text: Tỷ lệ che phủ rừng đạt 37%.
    indicators:
      - code: forest_cover
        name: Tỷ lệ che phủ rừng
        unit: percent
        targets:
          - code: forest_cover_2030
            kind: level
            comparator: at_least
            low: 37
            year: 2030
            source_text: Tỷ lệ che phủ rừng đạt 37%
task_groups: []
assignments: []
"""


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme(text, filename="demo.yaml")
    assert caught.value.filename == "demo.yaml"
    return caught.value.problems


def test_it_parses_a_valid_file_and_fills_the_base_year() -> None:
    programme = parse_programme(VALID)
    assert programme.identity.effective_base_year == 2020
    [(indicator, target)] = list(programme.targets())
    assert (indicator.code, target.code, target.low, target.year) == (
        "forest_cover",
        "forest_cover_2030",
        37.0,
        2030,
    )


def test_it_writes_back_what_it_read() -> None:
    programme = parse_programme(VALID)
    assert parse_programme(programme_to_yaml(programme)) == programme


def test_it_reports_every_shape_problem_with_its_line() -> None:
    bad = VALID.replace("kind: level", "kind: levels").replace("low: 37", "low: abc\n            colour: red")
    problems = problems_of(bad)
    assert [(p.line, p.path) for p in problems] == [
        (20, "indicator_groups.0.indicators.0.targets.0.kind"),
        (22, "indicator_groups.0.indicators.0.targets.0.low"),
        (23, "indicator_groups.0.indicators.0.targets.0.colour"),
    ]
    assert problems[0].message.startswith("giá trị không hợp lệ: 'levels'")
    assert problems[1].message == "phải là số: 'abc'"
    assert problems[2].message == "trường không có trong định dạng"


def test_it_reports_a_missing_field_at_its_parent() -> None:
    problems = problems_of(VALID.replace("  issuer_kind: party\n", ""))
    assert [(p.line, p.path, p.message) for p in problems] == [
        (3, "identity.issuer_kind", "thiếu trường bắt buộc")
    ]


def test_it_checks_bounds_and_years_against_the_comparator() -> None:
    bad = VALID.replace(
        "comparator: at_least\n            low: 37\n            year: 2030",
        "comparator: range\n            low: 37",
    )
    problems = problems_of(bad)
    assert [(p.line, p.message) for p in problems] == [
        (19, "so sánh 'range' cần giá trị 'high'"),
        (19, "chỉ tiêu loại 'level' cần 'year'"),
    ]


def test_it_rejects_duplicate_codes_on_each_line() -> None:
    duplicated = VALID.replace(
        "task_groups: []",
        """      - code: forest_cover
        name: Trùng mã
        unit: percent
task_groups: []""",
    )
    problems = problems_of(duplicated)
    assert [(p.line, p.message) for p in problems] == [
        (15, "mã indicator 'forest_cover' bị trùng"),
        (25, "mã indicator 'forest_cover' bị trùng"),
    ]


def test_it_reports_malformed_yaml_with_its_line() -> None:
    problems = problems_of(VALID.replace("period: [2021, 2030]", "period: [2021, 2030"))
    assert len(problems) == 1
    assert problems[0].line == 10
    assert problems[0].message.startswith("YAML không hợp lệ")


def test_it_normalises_text_to_nfc() -> None:
    decomposed = VALID.replace("Chương trình thử", "Chu\u031bo\u031bng tri\u0300nh thu\u031b\u0309")
    assert parse_programme(decomposed).identity.title == "Chương trình thử"

"""The programme file: a code repeated three times, and the width of the YAML written back."""

from __future__ import annotations

from nqtrack.domain.programme import parse_programme, programme_to_yaml
from tests.domain.test_programme_file import VALID, problems_of

REPEATED = """      - code: forest_cover
        name: Trùng mã
        unit: percent
"""


def test_a_code_repeated_three_times_names_the_line_of_each_entry() -> None:
    tripled = VALID.replace("task_groups: []", f"{REPEATED}{REPEATED}task_groups: []")
    assert [(p.line, p.path, p.message) for p in problems_of(tripled)] == [
        (15, "indicator:forest_cover", "mã indicator 'forest_cover' bị trùng"),
        (25, "indicator:forest_cover", "mã indicator 'forest_cover' bị trùng"),
        (28, "indicator:forest_cover", "mã indicator 'forest_cover' bị trùng"),
    ]


def test_the_yaml_written_back_keeps_a_line_of_up_to_110_characters_whole() -> None:
    # "  title: " and 99 characters: 108 in all, past YAML's default width of 80
    title = (
        "Chương trình hành động thực hiện Nghị quyết về phát triển kinh tế - xã hội tỉnh giai đoạn 2021–2030"
    )
    assert len(title) == 99
    written = programme_to_yaml(parse_programme(VALID.replace("Chương trình thử", title)))
    assert f"  title: {title}\n" in written.splitlines(keepends=True)
    assert parse_programme(written).identity.title == title

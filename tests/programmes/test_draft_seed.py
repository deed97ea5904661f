"""The seed document drafts to the shipped programme file: every target, milestone, task and assignment.

Pure: the document (``programmes/bac-giang-11-nqtw.source.txt``, the seed document as published, see
``programmes/SOURCE.md``) is drafted with ``nqtrack.domain.drafting`` and compared with the hand-encoded
``programmes/bac-giang-11-nqtw.yaml``. No database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nqtrack.domain.drafting import Draft, draft_programme
from nqtrack.domain.programme import parse_programme

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "programmes" / "bac-giang-11-nqtw.source.txt"
SHIPPED = ROOT / "programmes" / "bac-giang-11-nqtw.yaml"


@pytest.fixture(scope="module")
def draft() -> Draft:
    return draft_programme(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _targets(data: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        (i, t | {"group": g["number"]})
        for g in data["indicator_groups"]
        for i in g["indicators"]
        for t in i["targets"]
    ]


def _reading(indicator: dict[str, Any], target: dict[str, Any]) -> tuple[Any, ...]:
    when = tuple(target["period"]) if "period" in target else target["year"]
    unit = target.get("unit", indicator["unit"])
    return (target["kind"], target["comparator"], target.get("low"), target.get("high"), unit, when)


def test_the_draft_is_a_programme_file_that_loads(draft: Draft) -> None:
    programme = parse_programme(draft.to_yaml(), filename="draft.yaml")
    assert (len(list(programme.targets())), len(programme.task_groups), len(programme.assignments)) == (
        29,
        6,
        6,
    )
    assert sum(len(g.milestones) for g in programme.indicator_groups) == 6


def test_every_target_is_drafted_with_the_shipped_kind_comparator_bounds_unit_and_year(
    draft: Draft, shipped: dict[str, Any]
) -> None:
    # Keyed by item and source text: "khu vực thành thị đạt 100%" is in items 9 and 10.
    drafted = {(t["group"], t["source_text"]): _reading(i, t) for i, t in _targets(draft.programme())}
    expected = {(t["group"], t["source_text"]): _reading(i, t) for i, t in _targets(shipped)}
    assert len(expected) == 29
    assert drafted == expected


def test_targets_are_in_the_order_of_the_document(draft: Draft, shipped: dict[str, Any]) -> None:
    assert [t["source_text"] for _, t in _targets(draft.programme())] == [
        t["source_text"] for _, t in _targets(shipped)
    ]


def test_a_share_in_brackets_is_part_of_the_share_it_splits(draft: Draft) -> None:
    by_text = {t["source_text"]: t for _, t in _targets(draft.programme())}
    whole = by_text["Công nghiệp - xây dựng chiếm khoảng 66-67%"]
    assert by_text["công nghiệp chiếm 60%"]["part_of"] == whole["code"]


def test_the_stated_equivalent_and_the_count_out_of_are_kept(draft: Draft) -> None:
    by_text = {t["source_text"]: t for _, t in _targets(draft.programme())}
    per_head = by_text[
        "GRDP bình quân đầu người (giá hiện hành) đạt khoảng 275 triệu đồng (tương đương 9.800 USD)"
    ]
    assert per_head["equivalent"] == {"value": 9800, "unit": "usd"}
    assert by_text["8/9 huyện đạt chuẩn huyện nông thôn mới"]["out_of"] == 9


def test_milestones_have_the_shipped_texts_and_dues(draft: Draft, shipped: dict[str, Any]) -> None:
    def milestones(data: dict[str, Any]) -> list[tuple[int, str, str]]:
        return [
            (g["number"], m["text"], m["due"])
            for g in data["indicator_groups"]
            for m in g.get("milestones", [])
        ]

    assert milestones(draft.programme()) == milestones(shipped)


def test_task_groups_and_tasks_are_the_shipped_ones(draft: Draft, shipped: dict[str, Any]) -> None:
    def tasks(data: dict[str, Any]) -> list[tuple[int, str, list[tuple[str, str, str]]]]:
        return [
            (
                g["number"],
                g["title"],
                [(t["code"], " ".join(t["text"].split()), t.get("kind", "recurring")) for t in g["tasks"]],
            )
            for g in data["task_groups"]
        ]

    assert tasks(draft.programme()) == tasks(shipped)


def test_assignments_have_the_shipped_leads_partners_dues_and_recurrence(
    draft: Draft, shipped: dict[str, Any]
) -> None:
    def names(data: dict[str, Any], codes: list[str]) -> list[str]:
        by_code = {o["code"]: o["name"].casefold() for o in data["organisations"]}
        return [by_code[c] for c in codes]

    def assignments(data: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [
            (
                a["number"],
                " ".join(a["text"].split()),
                len(a["lead"]),
                len(a["cooperating"]),
                a.get("due"),
                a["recurring"],
            )
            for a in data["assignments"]
        ]

    assert assignments(draft.programme()) == assignments(shipped)
    first = draft.programme()["assignments"][0]
    assert names(draft.programme(), first["lead"]) == ["ban cán sự đảng ubnd tỉnh"]
    assert names(draft.programme(), first["cooperating"]) == ["ubnd tỉnh"]


def test_the_header_is_the_shipped_one(draft: Draft, shipped: dict[str, Any]) -> None:
    keys = ("title", "short_title", "issuer", "issuer_kind", "number", "date", "implements", "province_code")
    identity = draft.programme()["identity"]
    assert {k: identity[k] for k in keys} == {k: shipped["identity"][k] for k in keys}
    assert identity["period"] == shipped["identity"]["period"]
    assert identity["signed_by"] == shipped["identity"]["signed_by"]
    assert draft.programme()["code"] == shipped["code"]
    texts = ("preamble", "general_objective", "vision")
    assert [_flat(draft.programme()[k]) for k in texts] == [_flat(shipped[k]) for k in texts]


def _flat(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_flat(v) for v in value]
    if isinstance(value, dict):
        return {k: _flat(v) for k, v in value.items()}
    return value


def test_every_item_keeps_the_span_it_came_from(draft: Draft) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    for target in draft.items("targets"):
        note = draft.note_of(target)
        assert text[note.span[0] : note.span[1]] == target["source_text"]
    for milestone in draft.items("milestones"):
        note = draft.note_of(milestone)
        assert text[note.span[0] : note.span[1]] == milestone["text"]
    sixth = draft.items("assignments")[5]
    note = draft.note_of(sixth)
    assert note.line == text[: note.span[0]].count("\n") + 1
    assert text[note.span[0] : note.span[1]].startswith("Giao Ban cán sự đảng UBND tỉnh chủ trì")


def test_uncertain_readings_are_flagged_with_their_reason(draft: Draft) -> None:
    flagged = {
        t["source_text"]: draft.note_of(t).reasons
        for t in draft.items("targets")
        if draft.note_of(t).uncertain
    }
    assert flagged == {
        "công nghiệp chiếm 60%": ("so sánh lấy theo chỉ tiêu chứa nó (about)",),
        "Thu ngân sách nhà nước trên địa bàn tăng bình quân trên 18%/năm": (
            "không nêu giai đoạn; lấy giai đoạn của chương trình",
        ),
        "Tỷ lệ hộ nghèo giảm bình quân 1-1,5%/năm": ("không nêu giai đoạn; lấy giai đoạn của chương trình",),
        "khu vực nông thôn đạt 90%": ("so sánh lấy theo chỉ tiêu chứa nó (at_least)",),
    }
    assert "# nguồn: dòng 32, ký tự" in draft.to_yaml()
    assert "CHƯA CHẮC: so sánh lấy theo chỉ tiêu chứa nó (about)" in draft.to_yaml()

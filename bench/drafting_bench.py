"""(e) Drafting a 100-page programme document (goal < 10 s): ``nqtrack.domain.drafting`` end to end.

The document is the seed programme's (programmes/bac-giang-11-nqtw.source.txt) grown to 100 pages of
3.000 characters: its list of targets and its tasks repeated, renumbered, between its own header and its
organisation section, so that every part of the drafter works as hard as on a long real programme. The
time is the median of three runs of drafting, writing the YAML and checking it as a programme file.
No database. ``python -m bench.drafting_bench`` runs it alone.
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path
from typing import Any

from nqtrack.domain.drafting import draft_programme
from nqtrack.domain.programme import parse_programme

SEED = Path(__file__).resolve().parents[1] / "programmes" / "bac-giang-11-nqtw.source.txt"
PAGES = 100
CHARACTERS_PER_PAGE = 3000
GOAL_SECONDS = 10.0


def long_document(pages: int = PAGES) -> str:
    """The seed document with its target list and task groups repeated until it is ``pages`` long."""
    text = SEED.read_text(encoding="utf-8")
    head, rest = text.split("(1) ", 1)
    items, rest = rest.split("\n\n3. Tầm nhìn", 1)
    middle, rest = ("3. Tầm nhìn" + rest).split("III- NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n\n", 1)
    tasks, closing = rest.split("IV- TỔ CHỨC THỰC HIỆN", 1)
    groups = re.split(r"\n\n(?=\d\. )", tasks.strip())
    target = pages * CHARACTERS_PER_PAGE
    item_list = [f"({i}) " + body for i, body in enumerate(("1) " + items).split("\n\n("), start=1)]
    item_texts = [re.sub(r"^\(\d+\) \d+\) ", "", item) for item in item_list]
    repeated_items: list[str] = []
    repeated_groups: list[str] = []
    size = len(head) + len(middle) + len(closing)
    while size < target:
        for body in item_texts:
            repeated_items.append(f"({len(repeated_items) + 1}) {body}")
            size += len(body) + 6
        for group in groups:
            repeated_groups.append(re.sub(r"^\d+\.", f"{len(repeated_groups) + 1}.", group))
            size += len(group) + 2
    return (
        head
        + "\n\n".join(repeated_items)
        + "\n\n"
        + middle
        + "III- NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n\n"
        + "\n\n".join(repeated_groups)
        + "\n\nIV- TỔ CHỨC THỰC HIỆN"
        + closing
    )


def run(pages: int = PAGES) -> dict[str, Any]:
    document = long_document(pages)
    seconds = []
    counts: dict[str, int] = {}
    for _ in range(3):
        started = time.perf_counter()
        draft = draft_programme(document)
        programme = parse_programme(draft.to_yaml(), filename="bench.yaml")
        seconds.append(time.perf_counter() - started)
        counts = {
            "targets": len(list(programme.targets())),
            "tasks": sum(len(g.tasks) for g in programme.task_groups),
            "assignments": len(programme.assignments),
        }
    return {
        "pages": len(document) / CHARACTERS_PER_PAGE,
        "characters": len(document),
        "seconds": statistics.median(seconds),
        **counts,
    }


def line(result: dict[str, Any]) -> str:
    ok = result["seconds"] < GOAL_SECONDS
    return (
        f"(e) draft a programme    {result['pages']:>6.0f} pages ({result['characters']:,} characters, "
        f"{result['targets']:,} targets, {result['tasks']:,} tasks)  {result['seconds']:8.2f} s  "
        f"(goal < {GOAL_SECONDS:g} s: {'met' if ok else 'MISSED'})"
    )


if __name__ == "__main__":
    print(line(run()))

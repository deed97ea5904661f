"""The drafting benchmark's document: the seed grown to the asked number of pages, still a whole programme."""

from __future__ import annotations

from bench.drafting_bench import CHARACTERS_PER_PAGE, long_document
from nqtrack.domain.drafting import draft_programme
from nqtrack.domain.programme import parse_programme


def test_the_long_document_has_the_pages_asked_and_drafts_every_repeated_part() -> None:
    document = long_document(10)
    assert len(document) >= 10 * CHARACTERS_PER_PAGE
    programme = parse_programme(draft_programme(document).to_yaml())
    targets = len(list(programme.targets()))
    tasks = sum(len(g.tasks) for g in programme.task_groups)
    assert targets % 29 == 0
    assert tasks % 33 == 0
    assert targets // 29 == tasks // 33 > 0
    assert len(programme.assignments) == 6

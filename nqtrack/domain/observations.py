"""Which of several values for one (indicator, unit, period) is used: the best status, then the latest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# Best first. "unknown" (the source did not say) ranks above "estimate" (the source said it was an early
# estimate), so a later figure of unstated status replaces an estimate made before the year ended.
# Plans are targets, never actual values, and are not ranked at all.
STATUS_RANK = {"official": 4, "preliminary": 3, "unknown": 2, "estimate": 1}


@dataclass(frozen=True, slots=True)
class Candidate:
    """The facts about a stored value that decide whether it is the one used."""

    ident: int
    status: str
    published: date | None
    partial: bool = False
    bound: str = ""


def is_actual(candidate: Candidate) -> bool:
    """A value that measures the whole period: not a plan, not a part of the period, not a range end."""
    return candidate.status in STATUS_RANK and not candidate.partial and not candidate.bound


def best_candidate(candidates: Iterable[Candidate]) -> Candidate | None:
    """The value used by default: best status, then latest publication, then the latest stored."""
    actual = [c for c in candidates if is_actual(c)]
    if not actual:
        return None
    return max(actual, key=lambda c: (STATUS_RANK[c.status], c.published or date.min, c.ident))


def figure_candidate(
    ident: int,
    status: str,
    published: date | None,
    *,
    partial: bool,
    bound: str,
    reported: bool,
    changed_on: date | None,
) -> Candidate:
    """The candidate of a stored figure, dated as the choice needs it.

    A reported figure has no publication date of its own: it counts as published on the day it last
    changed (``changed_on``; approved, for the public view), so a newer report of the same status wins.
    """
    if published is None and reported:
        published = changed_on
    return Candidate(ident=ident, status=status, published=published, partial=partial, bound=bound)

"""The matrix rules of the task-tracking pages."""

from __future__ import annotations

from tests.accounts.matrix import (
    ANY_SIGNED_IN,
    MISSING_FOR_ALL,
    Rule,
    login,
    missing_pk,
    unknown_code,
)

TRACKING_RULES: dict[str, Rule] = {
    # -- tracking (tasks): signed-in pages; objects not built here yet
    "tracking:list": login(),
    "tracking:board": login(),
    "tracking:mine": login(),
    "tracking:register": login(),
    "tracking:projects": login(),
    "tracking:project": login(MISSING_FOR_ALL, kwargs=missing_pk),
    "tracking:review": login(frozenset({405}), kwargs=missing_pk, post={}, post_allowed=ANY_SIGNED_IN),
    "tracking:evidence": login(MISSING_FOR_ALL, kwargs=missing_pk),
    "tracking:item": login(MISSING_FOR_ALL, kwargs=unknown_code),
    "tracking:post": login(frozenset({405}), kwargs=unknown_code, post={}, post_allowed=ANY_SIGNED_IN),
    "tracking:schedule": login(frozenset({405}), kwargs=unknown_code, post={}, post_allowed=ANY_SIGNED_IN),
}

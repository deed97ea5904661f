"""The matrix rules of the figures (observations) and report pages."""

from __future__ import annotations

from tests.accounts.matrix import (
    ANY_SIGNED_IN,
    MISSING_FOR_ALL,
    Rule,
    login,
    missing_pk,
)

FIGURE_RULES: dict[str, Rule] = {
    # -- observations (figures): signed-in pages; scope checks inside are the observations engineer's to wire
    "observations:grid": login(),
    "observations:review": login(frozenset({405}), post={}, post_allowed=ANY_SIGNED_IN),
    "observations:upload": login(post={}, post_allowed=ANY_SIGNED_IN),
    "observations:export": login(),
    "observations:template": login(),
    "observations:audit": login(),
    # -- reports
    "reports:list": login(),
    "reports:create": login(frozenset({405}), post={}, post_allowed=ANY_SIGNED_IN),
    "reports:detail": login(MISSING_FOR_ALL, kwargs=missing_pk),
    "reports:progress": login(MISSING_FOR_ALL, kwargs=missing_pk),
    "reports:download": login(MISSING_FOR_ALL, kwargs=missing_pk),
    "reports:templates": login(),
    "reports:template_builtin": login(),
    "reports:template_download": login(MISSING_FOR_ALL, kwargs=missing_pk),
}

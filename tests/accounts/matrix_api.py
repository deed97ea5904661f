"""The matrix rules of the API (/api/) and of the personal access tokens page, on the figures and report
samples of tests/accounts/matrix_figures.py.

The matrix signs in with a session, as a browser on /api/docs does; a token acts the same (tests/api).
Who gets what (docs/api.md, docs/security.md):

- the programme, its targets, the units, the published figures and SDMX: public, the same for every role;
- tasks, reports, DHIS2 data values: signed in (anonymous visitors get 401, the API's answer, not a
  redirect to sign in); reports as on the report pages (the readers of reports, 403 for the others);
- a route that only takes a POST answers a GET with 405, for everybody;
- the token page: every signed-in user, for their own tokens.

The API's writes (figures, review steps, task updates, reports, data values) are exercised per role in
tests/api/test_scope.py; the token page's revocation of another's token in tests/api/test_tokens.py.
"""

from __future__ import annotations

from typing import Any

from tests.accounts.conftest import ROLES, Cast
from tests.accounts.matrix import Rule, login, missing_pk, public, scope, statuses, unknown_code
from tests.accounts.matrix_figures import REPORT_READERS, SAMPLE_COMMUNE, figures_sample, reports_sample

SIGNED_IN = set(ROLES) - {"anonymous"}


def api_signed_in(ok: int = 200) -> dict[str, set[int]]:
    return {r: {401} if r == "anonymous" else {ok} for r in ROLES}


def api_scope(allowed: set[str]) -> dict[str, set[int]]:
    return statuses(allowed) | {"anonymous": {401}}


EVERYONE_405 = {r: {405} for r in ROLES}


def _programme(cast: Cast) -> dict[str, Any]:
    return {"code": cast.programme.code}


def _target(cast: Cast) -> dict[str, Any]:
    target = cast.programme.indicators.filter(targets__isnull=False).first()
    assert target is not None
    return {"code": target.targets.order_by("id").first().code}  # type: ignore[union-attr]


def _unit(_cast: Cast) -> dict[str, Any]:
    return {"code": SAMPLE_COMMUNE}


def _figures(cast: Cast) -> dict[str, Any]:
    figures_sample(cast)
    return {}


def _reports(cast: Cast) -> dict[str, Any]:
    reports_sample(cast)
    return {}


def _report(cast: Cast) -> dict[str, Any]:
    return {"pk": reports_sample(cast).report.pk}


API_RULES: dict[str, Rule] = {
    "api:api-root": public(404),
    "api:openapi-json": public(),
    "api:openapi-view": public(),
    "api:programmes": public(),
    "api:programme": public(kwargs=_programme),
    "api:indicator_groups": public(kwargs=_programme),
    "api:targets": public(),
    "api:target": public(kwargs=_target),
    "api:units": public(),
    "api:unit": public(kwargs=_unit),
    # the figures' GET and POST share one address; what each role reads is in tests/api/test_scope.py
    "api:figures": public(kwargs=_figures),
    "api:figures_save": public(kwargs=_figures),
    "api:review_step": scope(EVERYONE_405),
    "api:tasks": scope(api_signed_in()),
    "api:task": scope(api_signed_in(404), kwargs=unknown_code),
    "api:task_update_post": scope(EVERYONE_405, kwargs=unknown_code),
    "api:reports": scope(api_scope(REPORT_READERS), kwargs=_reports),
    "api:report_request": scope(api_scope(REPORT_READERS), kwargs=_reports),
    "api:report": scope(api_scope(REPORT_READERS), kwargs=_report),
    "api:report_file": scope(api_scope(REPORT_READERS), kwargs=_report),
    "api:data_value_sets": scope(api_signed_in(), kwargs=_figures),
    "api:data_value_sets_import": scope(api_signed_in(), kwargs=_figures),
    "api:sdmx_csv": public(kwargs=_figures),
    "api:sdmx_json": public(kwargs=_figures),
    "api:sdmx_structure": public(),
    # -- the personal access tokens page
    "api_tokens:list": login(post={"name": "", "days": "30"}, post_allowed=frozenset(SIGNED_IN)),
    "api_tokens:revoke": scope(
        {r: {302} if r == "anonymous" else {405} for r in ROLES},
        kwargs=missing_pk,
        post={},
    ),
}

"""The URL × role matrix: every page and every command has a rule, and every role gets what the rule says.

URLs are enumerated from the URL configuration, so a new page without a row in ``RULES`` fails
``test_every_url_has_a_rule``; commands likewise in ``COMMAND_RULES``. Each role of the cast
(tests/accounts/conftest.py) requests each URL; the answer must be the rule's and, when the request is
refused, nothing in the database may change (the append-only security log, sessions and a pending
authenticator device aside: see ``UNTRACKED``).

The rules of each area live beside this file (matrix_figures.py, matrix_tracking.py; the vocabulary in
matrix.py), so each area's rows can be written on their own.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.management import get_commands
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode

from nqtrack.programmes.models import Target
from tests.accounts.conftest import ROLES, Cast, client_for
from tests.accounts.matrix import (
    ADMIN_ONLY,
    LOGIN_PAGE,
    SIGNED_IN,
    Rule,
    login,
    moved,
    public,
    role,
    scope,
)
from tests.accounts.matrix_api import API_RULES
from tests.accounts.matrix_figures import FIGURE_RULES
from tests.accounts.matrix_programmes import PROGRAMME_RULES
from tests.accounts.matrix_tracking import TRACKING_RULES

pytestmark = pytest.mark.django_db

UNTRACKED = {"accounts.securityevent", "sessions.session", "otp_totp.totpdevice"}


def a_target(cast: Cast) -> dict[str, Any]:
    target = Target.objects.filter(indicator__programme=cast.programme).order_by("id").first()
    assert target is not None
    return {"code": target.code}


def a_target_chart(cast: Cast) -> dict[str, Any]:
    return a_target(cast) | {"fmt": "svg"}


def the_viewer(cast: Cast) -> dict[str, Any]:
    return {"pk": cast.viewer.pk}


def a_programme(cast: Cast) -> dict[str, Any]:
    return {"programme_code": cast.programme.code}


def an_internal_file(_cast: Cast) -> dict[str, Any]:
    return {"area": "noi-bo", "name": "khong-co.csv"}


_ACCOUNT_AND_PUBLIC_RULES: dict[str, Rule] = {
    # -- Django's language switch: public, answers with a redirect
    "set_language": public(302),
    # -- accounts
    "accounts:login": public(),
    "accounts:logout": public(405, post={}, post_allowed=frozenset(SIGNED_IN)),
    "accounts:otp_verify": login(),
    "accounts:otp_setup": login(),
    "accounts:password_reset": public(),
    "accounts:password_reset_done": public(),
    "accounts:password_reset_confirm": public(kwargs=lambda _c: {"uidb64": "MQ", "token": "sai"}),
    "accounts:password_reset_complete": public(),
    "accounts:password_change": login(),
    "accounts:password_change_done": login(),
    "accounts:users": role(ADMIN_ONLY),
    "accounts:user_invite": role(
        ADMIN_ONLY,
        post={"username": "moi", "full_name": "A B", "email": "a@b.vn", "role": "administrator"},
        post_allowed=frozenset(ADMIN_ONLY),
    ),
    "accounts:user_edit": role(
        ADMIN_ONLY,
        kwargs=the_viewer,
        post={"role": "administrator", "active": "on"},
        post_allowed=frozenset(ADMIN_ONLY),
    ),
    "accounts:audit_log": role(ADMIN_ONLY),
    # the permission check comes before the file lookup: a missing internal file is 404 only for those allowed
    "accounts:file": scope(
        {"anonymous": {302}, "manager": {404}, "admin": {404}}
        | {r: {403} for r in SIGNED_IN if r not in {"manager", "admin"}},
        kwargs=an_internal_file,
    ),
    "public:index": public(),
    # -- web (dashboard): today's short URLs redirect everyone to the page under the default programme
    # (nqtrack/web/moved.py, tests/web/test_moved.py)
    "web:overview": moved("ct:overview"),
    "web:target": moved("ct:target", kwargs=a_target),
    "web:target_chart": moved("ct:target_chart", kwargs=a_target_chart),
    "web:units": moved("ct:units"),
    "web:units_map": moved("ct:units_map", kwargs=lambda _c: {"fmt": "svg"}),
    "web:region": moved("ct:region"),
    "web:portfolio": public(),
    # -- every programme's pages, under its code (nqtrack/web/programme_urls.py): public pages over published
    # figures only, the same for every role (tests/web/test_public_drafts.py: no draft reaches them)
    "ct:overview": public(kwargs=a_programme),
    "ct:target": public(kwargs=lambda c: a_programme(c) | a_target(c)),
    "ct:target_chart": public(kwargs=lambda c: a_programme(c) | a_target_chart(c)),
    "ct:units": public(kwargs=a_programme),
    "ct:units_map": public(404, kwargs=lambda c: a_programme(c) | {"fmt": "svg"}),
    "ct:region": public(kwargs=a_programme),
    # the first-run guide's "programme checked" (POST only): programme managers and administrators
    "web:guide_checked": public(405, post={}, post_allowed=frozenset({"manager", "admin"})),
}

RULES: dict[str, Rule] = (
    _ACCOUNT_AND_PUBLIC_RULES | FIGURE_RULES | TRACKING_RULES | API_RULES | PROGRAMME_RULES
)


# Commands run on the server with the operating-system account's authority (docs/security.md): whoever
# can run them can already read the database. A command that acts for a named user must check that
# user's scope through nqtrack.accounts.scopes; list it here as "as-user".
COMMAND_RULES: dict[str, str] = {
    "bootstrap": "operator",
    "load_programme": "operator",
    "export_programme": "operator",
    "load_units": "operator",
    "import_statistics": "operator",
    "assess": "operator",
    "backup": "operator",
    "restore": "operator",
    # --user makes the report for that user, who must be allowed to make reports (tests/reports)
    "report": "as-user",
    "send_reminders": "operator",
    "tasks": "operator",
    "charts_bundle": "operator",
    "refresh_assessments": "operator",
    # --user imports as that user: their capture scope, the programme-wide right for statistics
    "import": "as-user",
    "export": "operator",
    "review": "operator",
    "dhis2_codes": "operator",
    "validation_rules": "operator",
    "demo_users": "operator",  # development only: refuses with NQTRACK_DEBUG=0 (test_demo_users.py)
    "cleanup": "operator",  # removes uploads never confirmed, a day old (nqtrack.observations.uploads)
    "api_token": "operator",  # makes, lists and revokes a named user's tokens: the operator's authority
    "draft_programme": "operator",  # reads a document, writes a draft file; the database is not touched
}


def url_names() -> list[str]:
    """Every named URL of the URL configuration, with its namespace."""

    def walk(patterns: list[Any], namespace: str) -> list[str]:
        names: list[str] = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                names += walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                names.append(f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed>")
        return names

    return walk(get_resolver().url_patterns, "")


def nqtrack_commands() -> set[str]:
    return {name for name, app in get_commands().items() if app.startswith("nqtrack.")}


def _tracked_tables() -> list[tuple[str, str]]:
    """(label, the query reading every row in key order) of each table a request could touch."""
    quote = connection.ops.quote_name
    tables = []
    for model in apps.get_models():
        if model._meta.label_lower in UNTRACKED or model._meta.proxy:
            continue
        table, key = model._meta.db_table, model._meta.pk.column
        assert key is not None, model  # every model of the project has a one-column key
        sql = f"SELECT * FROM {quote(table)} ORDER BY {quote(key)}"  # noqa: S608 - names from the models
        tables.append((model._meta.label_lower, sql))
    return tables


def database_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the requests could touch (UNTRACKED aside).

    Plain SQL, rows as tuples: the matrix takes two snapshots per request, and building a queryset for
    each of some eighty tables cost more than the requests themselves.
    """
    snapshot = {}
    with connection.cursor() as cursor:
        for label, sql in _tracked_tables():
            cursor.execute(sql)
            snapshot[label] = cursor.fetchall()
    return snapshot


def test_every_url_has_a_rule_and_every_rule_a_url() -> None:
    names = url_names()
    assert "<unnamed>" not in " ".join(names), "every URL needs a name to be given a rule"
    assert sorted(set(names) - set(RULES)) == [], "pages without a rule in RULES"
    assert sorted(set(RULES) - set(names)) == [], "rules for pages that no longer exist"


def test_every_command_has_a_rule() -> None:
    assert sorted(nqtrack_commands() - set(COMMAND_RULES)) == []
    assert sorted(set(COMMAND_RULES) - nqtrack_commands()) == []


def _moved_to(cast: Cast, rule: Rule, query: str) -> str:
    """Where a short URL's rule says every role is redirected: its page under the cast's programme."""
    assert rule.moved_to is not None
    kwargs = {"programme_code": cast.programme.code, **rule.kwargs(cast)}
    return reverse(rule.moved_to, kwargs=kwargs) + query


def _check_get(cast: Cast, name: str, rule: Rule, who: str, url: str, query: str = "") -> list[str]:
    client = client_for(cast, who)  # signing in records last_login: before the snapshot
    before = database_snapshot()
    response = client.get(url)
    problems = []
    if response.status_code not in rule.expect[who]:
        problems.append(f"GET {name} as {who}: {response.status_code}, expected {sorted(rule.expect[who])}")
    if rule.moved_to is not None:
        if response.status_code == 302 and response["Location"] != _moved_to(cast, rule, query):
            problems.append(f"GET {name} as {who}: redirected to {response['Location']}, not to its page")
    elif (
        response.status_code == 302
        and rule.expect[who] == {302}
        and who == "anonymous"
        and name != "set_language"
    ):
        if not response["Location"].startswith(LOGIN_PAGE):
            problems.append(f"GET {name} as anonymous: redirected to {response['Location']}, not to sign in")
    if database_snapshot() != before:
        problems.append(f"GET {name} as {who} changed the database")
    return problems


def _check_refused_post(cast: Cast, name: str, rule: Rule, who: str, url: str) -> list[str]:
    client: Client = client_for(cast, who)
    before = database_snapshot()
    response = client.post(url, rule.post or {})
    problems = []
    if response.status_code not in rule.post_refused:
        problems.append(f"POST {name} as {who}: {response.status_code}, expected a refusal")
    if database_snapshot() != before:
        problems.append(f"POST {name} as {who} was refused but changed the database")
    return problems


def test_every_role_gets_what_the_rule_says_and_refusals_change_nothing(cast: Cast) -> None:
    problems: list[str] = []
    for name in url_names():
        rule = RULES[name]
        url = reverse(name, kwargs=rule.kwargs(cast))
        query = rule.query(cast)
        encoded = f"?{urlencode(query)}" if query else ""
        url += encoded
        for who in ROLES:
            problems += _check_get(cast, name, rule, who, url, encoded)
            if rule.post is not None and who not in rule.post_allowed:
                problems += _check_refused_post(cast, name, rule, who, url)
    assert problems == []

"""Every page, every role, odd values: the answer is never a 500 (issue "No leaks, no crashes").

The pages are the patterns of the URL configuration, walked as tests/accounts/test_matrix.py does; a
page's path arguments are either the matrix's sample objects (its rule's ``kwargs``) or odd values for
each converter (a 20-digit id, "²", NUL, 300 characters). The parameters a page reads are found by
asking it: a first round of requests records every key its view looks up in ``request.GET`` and
``request.POST`` (a form reads each of its fields that way), then hypothesis sends odd values for them
(digits other than 0–9, huge numbers, NUL, 5,000 characters, mixed scripts, empty; tests/web/odd_values.py)
and arbitrary text, anonymously and as each role of the cast, by GET and by POST (the POST on top of the
matrix rule's valid form now and then, so that an odd field also reaches a form that is otherwise valid).

Each example runs in a savepoint that is rolled back: a POST that is allowed writes, and the next example
starts from the same database. Sized to run in well under a minute on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.accounts.conftest import ROLES, Cast, client_for
from tests.accounts.test_matrix import RULES
from tests.web.odd_values import ODD_VALUES

pytestmark = pytest.mark.django_db

DISCOVERY_ROLES = ("admin",)  # who may open every page and send every form
GET_EXAMPLES = 8  # per page with parameters or path arguments
PLAIN_EXAMPLES = 2  # per page with neither: only the role changes
POST_EXAMPLES = 6  # per page that reads a form
EXAMPLE_SETTINGS = settings(
    deadline=None,
    database=None,  # no example database under the working tree: each run draws afresh
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Values each converter is given besides the sample object's.
PATH_VALUES: dict[str, tuple[Any, ...]] = {
    "IntConverter": (0, 1, 2, 999_999, 2**63 - 1, 2**63, 10**20),
    "StringConverter": ("khong-co", "²", "٣", "x" * 300, "\x00", "Năm ٢٠٢٤", "svg", "png"),
    "SlugConverter": ("noi-bo", "khong-co", "9" * 30),
    "PathConverter": ("khong-co.csv", "a/b/c.csv", "²/٣.csv", "x" * 300),
}
# Values that make a page go further (a format to export, a step to take, a form to read) so that the
# odd values of the other parameters reach the code behind; the first few (SWITCHES) decide which
# parameters a page reads at all, and are tried each when the pages are asked what they read.
SWITCHES = ("dinh_dang", "buoc", "form", "chi_tieu")
PLAUSIBLE: dict[str, tuple[str, ...]] = {
    "dinh_dang": ("csv", "xlsx", "dhis2-json", "dhis2-csv"),
    "buoc": ("submit", "approve", "return", "unlock"),
    "form": ("project", "milestone"),
    "decision": ("accept", "return"),
    "chi_tieu": ("forest_cover", "poverty_rate"),
    "chi-tieu": ("forest_cover", "poverty_rate"),
    "don_vi": ("24", "222", "07774"),
    "don-vi": ("24", "222"),
    "nam": ("2022", "2024"),
    "tu": ("2022",),
    "den": ("2024",),
    "nhom": ("5", "12", "IV"),
    "ky": ("2024", "2022"),
    "han": ("2025", "2022-09"),
    "nhap": ("1",),
    "xac_nhan": ("1",),
    "kind": ("annual", "so_ket"),
    "format": ("docx", "xlsx", "pdf"),
    "as_of": ("2025-12-31",),
    "role": ("administrator", "reporter"),
}
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
NUMBERS = st.integers(min_value=-(10**30), max_value=10**30).map(str)


@dataclass(frozen=True)
class Page:
    name: str  # with its namespace: "observations:grid"
    converters: dict[str, str]  # path argument → converter class name


def pages() -> list[Page]:
    """Every named URL pattern of the project, with the converters of its path arguments."""

    def walk(patterns: list[Any], namespace: str, outer: dict[str, str]) -> list[Page]:
        found: list[Page] = []
        for pattern in patterns:
            converters = outer | {k: type(v).__name__ for k, v in pattern.pattern.converters.items()}
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                found += walk(pattern.url_patterns, inner, converters)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append(Page(f"{namespace}{pattern.name}", converters))
        return found

    return walk(get_resolver().url_patterns, "", {})


@contextmanager
def keys_read() -> Iterator[set[str]]:
    """The keys looked up in any ``QueryDict`` (``request.GET``, ``request.POST``) meanwhile."""
    keys: set[str] = set()
    names = ("get", "getlist", "__getitem__", "__contains__")
    own = {name: MultiValueDict.__dict__.get(name) for name in names}

    def recording(method: Callable[..., Any]) -> Callable[..., Any]:
        def read(self: MultiValueDict[str, Any], key: str, *args: Any, **kwargs: Any) -> Any:
            if isinstance(self, QueryDict) and isinstance(key, str):
                keys.add(key)
            return method(self, key, *args, **kwargs)

        return read

    for name in names:
        setattr(MultiValueDict, name, recording(getattr(MultiValueDict, name)))
    try:
        yield keys
    finally:
        for name, method in own.items():
            if method is None:
                delattr(MultiValueDict, name)
            else:
                setattr(MultiValueDict, name, method)


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def client(cast: Cast, who: str) -> Client:
    signed_in = client_for(cast, who)
    signed_in.raise_request_exception = False  # an exception in a view is a 500 answer, not a raise
    return signed_in


@dataclass
class Target:
    """A page with what it takes: its sample path arguments, query and form, and the keys it reads."""

    page: Page
    kwargs: dict[str, Any]
    query: dict[str, Any]
    post: dict[str, Any]
    get_keys: list[str]
    post_keys: list[str]


def discover(cast: Cast, page: Page) -> Target:
    """Ask the page as a few roles what it reads, with its sample objects, query and form, then again with
    each plausible value of the switches it read (a format, a step, which form)."""
    rule = RULES[page.name]
    kwargs, query, post = rule.kwargs(cast), rule.query(cast), dict(rule.post or {})
    url = reverse(page.name, kwargs=kwargs)
    get_keys: set[str] = set(query)
    post_keys: set[str] = set(post)
    for who in DISCOVERY_ROLES:
        with rolled_back():
            visitor = client(cast, who)
            with keys_read() as read:
                visitor.get(url, query)
            get_keys |= read
            with keys_read() as read:
                visitor.post(url, post or {"_": "1"})  # an empty form is not read at all
            post_keys |= read
            for key in sorted((get_keys | post_keys) & set(SWITCHES)):
                for value in PLAUSIBLE[key]:
                    with keys_read() as read:
                        visitor.get(url, {**query, key: value})
                    get_keys |= read
                    with keys_read() as read:
                        visitor.post(url, {**post, "_": "1", key: value})
                    post_keys |= read
    return Target(page, kwargs, query, post, sorted(get_keys), sorted(post_keys - {"_"}))


def odd_value(key: str) -> st.SearchStrategy[str]:
    plausible = PLAUSIBLE.get(key, ())
    choices = [st.sampled_from(ODD_VALUES), TEXT, NUMBERS]
    return st.one_of(*choices, st.sampled_from(plausible)) if plausible else st.one_of(*choices)


def path_arguments(target: Target) -> st.SearchStrategy[dict[str, Any]]:
    odd = st.fixed_dictionaries(
        {name: st.sampled_from(PATH_VALUES[kind]) for name, kind in target.page.converters.items()}
    )
    return st.one_of(st.just(target.kwargs), odd) if target.page.converters else st.just({})


def odd_fields(data: st.DataObject, keys: list[str]) -> dict[str, str]:
    chosen = data.draw(st.sets(st.sampled_from(keys), max_size=5)) if keys else set()
    return {key: data.draw(odd_value(key), label=key) for key in sorted(chosen)}


def never_a_500(cast: Cast, target: Target, method: str, examples: int) -> None:
    """Hypothesis's examples for one page and method; a 500 fails with the smallest request found."""

    @settings(EXAMPLE_SETTINGS, max_examples=examples)
    @given(data=st.data())
    def probe(data: st.DataObject) -> None:
        who = data.draw(st.sampled_from(ROLES), label="role")
        url = reverse(target.page.name, kwargs=data.draw(path_arguments(target), label="path"))
        if method == "GET":
            sent = {**target.query, **odd_fields(data, target.get_keys)}
        else:
            base = target.post if data.draw(st.booleans(), label="valid form") else {}
            sent = {**base, **odd_fields(data, target.post_keys)} or {"_": "1"}
        with rolled_back():
            visitor = client(cast, who)
            response = visitor.get(url, sent) if method == "GET" else visitor.post(url, sent)
        assert response.status_code < 500, f"{method} {url} as {who} with {sent!r}: {response.status_code}"

    probe()


@pytest.fixture
def imports_dir(tmp_path: Path) -> Iterator[None]:
    with override_settings(NQTRACK_IMPORT_DIR=tmp_path / "imports"):
        yield


def test_every_page_covered_has_a_rule() -> None:
    assert sorted({p.name for p in pages()} - set(RULES)) == []


def test_no_page_answers_500_to_odd_values(cast: Cast, imports_dir: None) -> None:
    for page in pages():
        target = discover(cast, page)
        fuzzed = target.get_keys or page.converters
        never_a_500(cast, target, "GET", GET_EXAMPLES if fuzzed else PLAIN_EXAMPLES)
        if target.post_keys:
            never_a_500(cast, target, "POST", POST_EXAMPLES)

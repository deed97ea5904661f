"""The vocabulary of the URL × role matrix (tests/accounts/test_matrix.py): a ``Rule`` per page says which
statuses each role of the cast (tests/accounts/conftest.py) gets on a GET, and which roles may POST.

Rules, per role: ``public`` (everyone, anonymous included), ``login`` (anonymous visitors are sent to sign
in), ``role`` (the listed roles; other signed-in users get 403), ``scope`` (a status per role) and ``moved``
(a short URL: everyone is redirected to the page's one address under the programme, ``moved_to``). The
``kwargs`` of a rule builds the URL's arguments from the cast; it may create the sample objects the page
needs (it runs before the database snapshot); ``query`` likewise builds the query string of a page that
takes its object from it (``?don_vi=07771``). A page whose sample object cannot be built uses a missing
object (``MISSING``): it still shows that anonymous visitors are sent to sign in and nobody gets an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.accounts.conftest import ROLES, Cast

SIGNED_IN = [r for r in ROLES if r != "anonymous"]
LOGIN_PAGE = "/tai-khoan/dang-nhap/"
MISSING = 999_999  # a primary key no row has

Kwargs = Callable[[Cast], dict[str, Any]]


def _none(_cast: Cast) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Rule:
    expect: dict[str, frozenset[int]]  # role → acceptable statuses of a GET
    kwargs: Kwargs = _none
    query: Kwargs = _none
    # A POST every role outside ``post_allowed`` sends; it must be refused and change nothing.
    post: dict[str, Any] | None = None
    post_allowed: frozenset[str] = field(default_factory=frozenset)
    post_refused: frozenset[int] = frozenset({302, 403, 404, 405})
    # A short URL (nqtrack/web/moved.py): the ``ct:`` name of the page every role is redirected to, with the
    # rule's arguments and the cast's programme.
    moved_to: str | None = None


def public(status: int = 200, kwargs: Kwargs = _none, **post: Any) -> Rule:
    return Rule(expect={r: frozenset({status}) for r in ROLES}, kwargs=kwargs, **post)


def moved(to: str, kwargs: Kwargs = _none) -> Rule:
    """A short URL of the default programme's page ``to`` (a ``ct:`` name): 302 there for everyone."""
    return Rule(expect={r: frozenset({302}) for r in ROLES}, kwargs=kwargs, moved_to=to)


def login(ok: frozenset[int] = frozenset({200}), kwargs: Kwargs = _none, **post: Any) -> Rule:
    expect = {r: ok for r in SIGNED_IN} | {"anonymous": frozenset({302})}
    return Rule(expect=expect, kwargs=kwargs, **post)


def role(allowed: set[str], kwargs: Kwargs = _none, **post: Any) -> Rule:
    expect = {r: frozenset({200} if r in allowed else {403}) for r in SIGNED_IN}
    return Rule(expect=expect | {"anonymous": frozenset({302})}, kwargs=kwargs, **post)


def scope(expect: dict[str, set[int]], kwargs: Kwargs = _none, **post: Any) -> Rule:
    assert set(expect) == set(ROLES)
    return Rule(expect={r: frozenset(s) for r, s in expect.items()}, kwargs=kwargs, **post)


def unknown_code(_cast: Cast) -> dict[str, Any]:
    return {"code": "khong-co"}


def statuses(allowed: set[str], ok: int = 200, refused: int = 403) -> dict[str, set[int]]:
    """``ok`` for the ``allowed`` roles, ``refused`` for the other signed-in ones; anonymous to sign in."""
    return {r: {302} if r == "anonymous" else {ok if r in allowed else refused} for r in ROLES}


def missing_pk(_cast: Cast) -> dict[str, Any]:
    return {"pk": MISSING}


ADMIN_ONLY = {"admin"}
# Writes whose per-role rules are not written yet: only anonymous visitors must be refused.
ANY_SIGNED_IN = frozenset(SIGNED_IN)
MISSING_FOR_ALL = frozenset({404})

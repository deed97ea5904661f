"""Who reads a cached page part (:mod:`nqtrack.core.pagecache`): a word for the reader's view scope.

Readers who may read the same figures share a word, so their cached parts are shared: everybody without
a scope beyond the published figures ("published"), and everybody who may read everything
("everything"). Any other reader's word is a digest of their role and view scope, so a change to either
(:mod:`nqtrack.accounts.scopes`) gives their next page new parts, and two readers of different scopes never
read each other's.
"""

from __future__ import annotations

import hashlib

from nqtrack.accounts import scopes
from nqtrack.core.users import AnyUser

PUBLISHED = "published"
EVERYTHING = "everything"


def reader_scope(*, user: AnyUser) -> str:
    """The word for what ``user`` may read (computed once per request, as ``scopes.access_for`` is)."""
    access = scopes.access_for(user=user)
    if access.role is None or access.view.no_units:
        return PUBLISHED
    if access.view == scopes.EVERYTHING:
        return EVERYTHING
    view = access.view
    described = "|".join(
        (
            str(access.role),
            _ids(view.unit_ids),
            _ids(view.organisation_ids),
            _ids(view.indicator_group_ids),
            _ids(view.programme_ids),
        )
    )
    return "scope-" + hashlib.blake2b(described.encode(), digest_size=12).hexdigest()


def _ids(ids: frozenset[int] | None) -> str:
    return "*" if ids is None else ",".join(map(str, sorted(ids)))

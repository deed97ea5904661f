"""What a page computes, kept in Django's cache (settings.CACHES) so that a warm page only renders.

A cached part is data (rows, chart specifications, unit lists) or a fragment rendered from them that holds
nothing of one request (the dashboard's body), never a whole page: the response's CSP nonce, the CSRF
token and anything else of one request stay outside. Its key holds

- the **version of the store**: one counter for everything the pages show. Whatever changes what a page
  shows calls :func:`pages_changed` (figures written, the stored assessments refreshed, definitions
  reloaded, a target or unit saved, a unit list loaded), so every key made before it is never read again
  and its entries age out of the cache;
- the part's name and its arguments (programme, unit, as-of year and so on);
- the language of the request: explanations and messages are translated when computed;
- the reader: who reads it (the caller passes a word for their scope, :mod:`nqtrack.web.pagecache`), so
  that readers of different scopes never share a part;
- today's date: "the years measured so far" and the reporting year move with it.

The version lives in the cache too, so with Redis (``NQTRACK_CACHE_URL``) every process and the task
worker share it. A version that the cache lost (evicted, or the cache restarted) starts again from the
clock, never from a number an older entry may still carry. Entries expire after ``PAGE_TIMEOUT`` in any
case, which bounds what a change made outside these paths (a figure edited by hand in the database) can
leave on a page.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone, translation

VERSION_KEY = "nqtrack:pages:version"
PAGE_TIMEOUT = 600  # seconds a cached part may live, whatever happens
_MISSING = object()


def pages_version() -> int:
    """The current version of what the pages show (created from the clock when the cache has none)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return int(version) if version is not None else time.time_ns()


def pages_changed() -> None:
    """Say that something the pages show changed: every part cached before is never read again.

    Called where the change is made, often inside its transaction: a page computed by another request
    before that commits may still be cached at the new version, from the rows before. The stored
    assessments' refresh, which follows every write of figures or definitions once it has committed,
    calls this again; ``PAGE_TIMEOUT`` bounds the rest.
    """
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or it was evicted): a new one, from the clock
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def page_key(part: str, *, reader: str, **arguments: object) -> str:
    """The cache key of one part of a page for ``reader`` and ``arguments``, at the current version."""
    described = "|".join(f"{name}={arguments[name]!r}" for name in sorted(arguments))
    context = f"{translation.get_language()}|{timezone.localdate().isoformat()}|{reader}|{described}"
    digest = hashlib.blake2b(context.encode(), digest_size=16).hexdigest()
    return f"nqtrack:page:{part}:{pages_version()}:{digest}"


def page_part[T](part: str, compute: Callable[[], T], *, reader: str, **arguments: object) -> T:
    """The cached value of ``part`` for these arguments, or ``compute()`` stored under its key.

    ``compute`` must return plain data that pickles (dataclasses, model instances, dicts) and may return
    None (kept as such).
    """
    key = page_key(part, reader=reader, **arguments)
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        value: T = found
        return value
    value = compute()
    cache.set(key, value, timeout=PAGE_TIMEOUT)
    return value


def pages_changed_callback(*_args: object, **_kwargs: object) -> None:
    """:func:`pages_changed` for a signal receiver (any sender, any arguments)."""
    pages_changed()

"""``{% programme_url 'overview' programme %}``: a page of a programme at its own address — today's short
URL for the first loaded programme, ``/ct/<code>/…`` for every other (``nqtrack.web.programme_urls``)."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.urls import reverse

from nqtrack.core.pagecache import PAGE_TIMEOUT, pages_version
from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import default_programme_pk

register = template.Library()


def _default_pk() -> int | None:
    """Which programme is the default, kept with the pages' version (a warm page asks the database
    nothing; loading a programme moves the version). The same for every reader: no scope is involved."""
    key = f"nqtrack:default-programme:{pages_version()}"
    found = cache.get(key)
    if found is None:
        found = default_programme_pk() or 0
        cache.set(key, found, timeout=PAGE_TIMEOUT)
    return int(found) or None


@register.simple_tag
def programme_url(name: str, programme: Programme | None, *args: object) -> str:
    """The URL of the page ``name`` (overview, units, units_map, region) of ``programme`` (None: the
    default programme's)."""
    if not isinstance(programme, Programme) or programme.pk == _default_pk():
        return reverse(f"web:{name}", args=args)
    return reverse(f"ct:{name}", args=[programme.code, *args])

"""``{% programme_url 'overview' programme %}``: a page of a programme at its one address, ``/ct/<code>/…``
(``nqtrack.web.programme_urls``), the default programme's too. Today's short URLs only redirect there
(``nqtrack.web.moved``): no link is written to them, but for the pages of no programme while none is
loaded."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.urls import reverse

from nqtrack.core.pagecache import PAGE_TIMEOUT, pages_version
from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import default_programme_code

register = template.Library()


def _default_code() -> str | None:
    """The default programme's code, kept with the pages' version (a warm page asks the database nothing;
    loading a programme moves the version). The same for every reader: no scope is involved."""
    key = f"nqtrack:default-programme-code:{pages_version()}"
    found = cache.get(key)
    if found is None:
        found = default_programme_code() or ""
        cache.set(key, found, timeout=PAGE_TIMEOUT)
    return str(found) or None


@register.simple_tag
def programme_url(name: str, programme: Programme | None, *args: object) -> str:
    """The URL of the page ``name`` (overview, target, target_chart, units, units_map, region) of
    ``programme`` (None: the default programme's; the short URL while no programme is loaded)."""
    code = programme.code if isinstance(programme, Programme) else _default_code()
    if code is None:
        return reverse(f"web:{name}", args=args)
    return reverse(f"ct:{name}", args=[code, *args])

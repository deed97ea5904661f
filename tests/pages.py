"""The addresses of the seed programme's pages. Every programme page lives under its programme,
``/ct/<code>/…`` (nqtrack/web/programme_urls.py); today's short URLs only redirect there
(nqtrack/web/moved.py, tests/web/test_moved.py)."""

from __future__ import annotations

SEED_CODE = "bac-giang-11-nqtw"  # the code of tests.seed.SEED_PROGRAMME


def seed_url(short: str = "/") -> str:
    """The seed programme's address of the page a short URL names, query string and all:
    ``seed_url("/chi-tieu/x/")`` is ``/ct/bac-giang-11-nqtw/chi-tieu/x/``, ``seed_url("/?nam=2023")`` is
    ``/ct/bac-giang-11-nqtw/?nam=2023``."""
    if not short.startswith("/"):
        raise ValueError(f"a short URL starts with '/': {short!r}")
    return f"/ct/{SEED_CODE}{short}"

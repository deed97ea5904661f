"""The WSGI application loads every view module when it starts, not on a worker's first request."""

from __future__ import annotations

import subprocess
import sys


def test_starting_the_application_imports_the_view_modules() -> None:
    probe = (
        "import sys, nqtrack.wsgi; "
        "print(sorted(m for m in ('nqtrack.reports.views', 'nqtrack.observations.views', "
        "'nqtrack.tracking.views', 'nqtrack.web.views') if m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed probe
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    loaded = "['nqtrack.observations.views', 'nqtrack.reports.views', 'nqtrack.tracking.views', "
    assert result.stdout.strip() == loaded + "'nqtrack.web.views']"

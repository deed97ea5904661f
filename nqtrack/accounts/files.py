"""Uploaded files, served only through a permission check (never from a public URL).

Files live under ``settings.MEDIA_ROOT/<area>/``. An app that stores files either serves them from its own
view with :func:`serve_protected_file` after its own scope check, or registers a rule for its area with
:func:`register_file_area` and links to ``accounts:file`` (``/tai-khoan/tep/<area>/<name>``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _

from nqtrack.accounts.models import EventKind
from nqtrack.accounts.services import audit_record

FileRule = Callable[[Any, str], bool]  # (user, name within the area) -> allowed
_AREAS: dict[str, FileRule] = {}

MAX_NAME_CHARS = 1000  # a whole name within an area ("2025/07/bao-cao.pdf")
MAX_PART_BYTES = 255  # one folder or file name, as the file systems allow (NAME_MAX)


def register_file_area(area: str, rule: FileRule) -> None:
    """Serve the files of ``MEDIA_ROOT/<area>/`` through ``accounts:file`` to the users ``rule`` allows."""
    _AREAS[area] = rule


def unregister_file_area(area: str) -> None:
    """Stop serving an area (tests)."""
    _AREAS.pop(area, None)


def valid_name(name: str) -> bool:
    """Whether ``name`` could name a stored file: no control character (a NUL above all), no part longer
    than a file system allows, not absurdly long. A bad name answers 404 like a missing file, never 500."""
    if not name or len(name) > MAX_NAME_CHARS or any(ord(c) < 32 or ord(c) == 127 for c in name):
        return False
    return all(len(part.encode("utf-8", "surrogatepass")) <= MAX_PART_BYTES for part in name.split("/"))


def _missing() -> Http404:
    return Http404(_("Không có tệp này."))


def protected_path(*, area: str, name: str) -> Path:
    """The file ``name`` in ``area``; Http404 when it is missing, would lie outside the area, or cannot
    name a file at all."""
    if not valid_name(name):
        raise _missing()
    try:
        root = (Path(settings.MEDIA_ROOT) / area).resolve()
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise _missing()
    except (OSError, ValueError) as error:  # a name the operating system refuses (too long …)
        raise _missing() from error
    return path


def serve_protected_file(*, request: HttpRequest, area: str, name: str, allowed: bool) -> FileResponse:
    """Send the file as a download when ``allowed``; otherwise record the refusal and answer 403.

    The caller decides ``allowed`` with :mod:`nqtrack.accounts.scopes`. The answer is never cached by a
    shared cache and never sniffed as HTML by the browser. A name that cannot name a file answers 404
    whoever asks.
    """
    if not valid_name(name):
        raise _missing()
    if not allowed:
        audit_record(
            kind=EventKind.FILE_DENIED,
            subject=request.user if isinstance(request.user, User) else None,
            ip=request.META.get("REMOTE_ADDR"),
            detail={"area": area, "name": name},
        )
        raise PermissionDenied(_("Bạn không có quyền tải tệp này."))
    path = protected_path(area=area, name=name)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_registered_file(*, request: HttpRequest, area: str, name: str) -> FileResponse:
    """Serve a file of a registered area; 404 for an area nobody registered or a name that cannot name a
    file (the area's rule never sees it)."""
    rule = _AREAS.get(area)
    if rule is None or not valid_name(name):
        raise _missing()
    return serve_protected_file(request=request, area=area, name=name, allowed=rule(request.user, name))

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


def register_file_area(area: str, rule: FileRule) -> None:
    """Serve the files of ``MEDIA_ROOT/<area>/`` through ``accounts:file`` to the users ``rule`` allows."""
    _AREAS[area] = rule


def unregister_file_area(area: str) -> None:
    """Stop serving an area (tests)."""
    _AREAS.pop(area, None)


def protected_path(*, area: str, name: str) -> Path:
    """The file ``name`` in ``area``; Http404 when it is missing or would lie outside the area."""
    root = (Path(settings.MEDIA_ROOT) / area).resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404(_("Không có tệp này."))
    return path


def serve_protected_file(*, request: HttpRequest, area: str, name: str, allowed: bool) -> FileResponse:
    """Send the file as a download when ``allowed``; otherwise record the refusal and answer 403.

    The caller decides ``allowed`` with :mod:`nqtrack.accounts.scopes`. The answer is never cached by a
    shared cache and never sniffed as HTML by the browser.
    """
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
    """Serve a file of a registered area; 404 for an area nobody registered."""
    rule = _AREAS.get(area)
    if rule is None:
        raise Http404(_("Không có tệp này."))
    return serve_protected_file(request=request, area=area, name=name, allowed=rule(request.user, name))

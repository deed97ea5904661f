"""Uploaded files waiting for their confirmation, and their removal a day later.

The upload page keeps a checked file under ``NQTRACK_IMPORT_DIR`` (``var/imports/``) as
``<user id>-<token>.bin`` with its name in ``<user id>-<token>.name`` until the user confirms or the file
is refused. A file checked and never confirmed, or whose check failed half-way, would stay there for
ever (up to ``NQTRACK_MAX_UPLOAD_BYTES`` each): :func:`uploads_cleanup` removes those older than a day.
It runs as the task ``nqtrack.observations.tasks.cleanup_uploads`` and as the command ``nqtrack cleanup``
(daily, from the deployment's scheduler). A confirmed large upload travels in its ``ImportJob`` row, not
in this folder, and is left alone; only files named as the upload page names them are touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

MAX_AGE = timedelta(days=1)
_UPLOAD_FILE = re.compile(r"^(?P<user>\d+)-(?P<token>[0-9a-f]{32})\.(?P<kind>bin|name)$")


def upload_dir() -> Path:
    """Where the upload page keeps the files waiting for their confirmation."""
    return Path(getattr(settings, "NQTRACK_IMPORT_DIR", settings.VAR_DIR / "imports"))


@dataclass(frozen=True, slots=True)
class StaleUpload:
    """One upload never confirmed: its files, the name the user gave it, its size and when it came."""

    user_id: int
    token: str
    name: str
    size: int
    uploaded_at: datetime
    paths: tuple[Path, ...]


@dataclass(slots=True)
class Cleanup:
    """What :func:`uploads_cleanup` removed (or, in a dry run, would remove)."""

    folder: Path
    removed: list[StaleUpload] = field(default_factory=list)
    dry_run: bool = False

    @property
    def size(self) -> int:
        return sum(upload.size for upload in self.removed)


def _uploads(folder: Path) -> dict[tuple[int, str], list[Path]]:
    found: dict[tuple[int, str], list[Path]] = {}
    for path in folder.iterdir() if folder.is_dir() else ():
        match = _UPLOAD_FILE.match(path.name)
        if match is not None and path.is_file():
            found.setdefault((int(match["user"]), match["token"]), []).append(path)
    return found


def _stale(user_id: int, token: str, paths: list[Path]) -> StaleUpload:
    stats = {path: path.stat() for path in paths}
    data = [p for p in paths if p.suffix == ".bin"]
    names = [p for p in paths if p.suffix == ".name"]
    try:
        name = names[0].read_text(encoding="utf-8").strip() if names else ""
    except (OSError, UnicodeDecodeError):
        name = ""
    newest = max(s.st_mtime for s in stats.values())
    return StaleUpload(
        user_id=user_id,
        token=token,
        name=name or f"{user_id}-{token}.bin",
        size=sum(stats[p].st_size for p in data),
        uploaded_at=datetime.fromtimestamp(newest, tz=timezone.get_current_timezone()),
        paths=tuple(sorted(paths)),
    )


def uploads_cleanup(
    *, now: datetime | None = None, max_age: timedelta = MAX_AGE, dry_run: bool = False
) -> Cleanup:
    """Remove the uploads kept for a confirmation that came more than ``max_age`` ago (default a day)."""
    folder = upload_dir()
    cutoff = (now or timezone.now()) - max_age
    result = Cleanup(folder=folder, dry_run=dry_run)
    for (user_id, token), paths in sorted(_uploads(folder).items()):
        try:
            upload = _stale(user_id, token, paths)
        except FileNotFoundError:  # confirmed or removed meanwhile
            continue
        if upload.uploaded_at >= cutoff:
            continue
        if not dry_run:
            for path in upload.paths:
                path.unlink(missing_ok=True)
        result.removed.append(upload)
    return result

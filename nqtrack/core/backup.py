"""Backups of the embedded SQLite database (PostgreSQL is backed up with pg_dump, see docs/deploy.md)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections


class BackupError(Exception):
    """A backup or restore that cannot be done, with a message the operator can act on."""


def _sqlite_path() -> Path:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupError(
            "Cơ sở dữ liệu không phải SQLite: sao lưu PostgreSQL bằng pg_dump / pg_restore (docs/deploy.md)."
        )
    return Path(database["NAME"])


def backup_create(*, directory: Path, now: datetime) -> Path:
    """Copy the live SQLite database to ``directory`` with the online backup API (safe while in use)."""
    source = _sqlite_path()
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"nqtrack-{now:%Y%m%d-%H%M%S}.sqlite3"
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    return target


def backup_restore(*, path: Path) -> None:
    """Replace the SQLite database by a backup, after checking the file is an nqtrack database."""
    target = _sqlite_path()
    if not path.is_file():
        raise BackupError(f"Không có tệp sao lưu {path}.")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as backup:
            tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} không phải tệp SQLite: {error}") from error
    if not {"django_migrations", "programmes_programme"} <= tables:
        raise BackupError(f"{path} không phải bản sao lưu của nqtrack (thiếu bảng của hệ thống).")
    connections.close_all()
    with sqlite3.connect(path) as backup, sqlite3.connect(target) as live:
        backup.backup(live)

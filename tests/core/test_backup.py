"""Backup and restore of the embedded SQLite database, through the commands an operator runs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def nqtrack(var: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"NQTRACK_VAR_DIR": str(var)}
    return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [sys.executable, "-m", "nqtrack.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def programme_count(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM programmes_programme").fetchone()[0])


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite backups only")
def test_backup_then_restore_brings_back_the_data(tmp_path: Path) -> None:
    var = tmp_path / "var"
    assert nqtrack(var, "migrate", "-v0").returncode == 0
    assert nqtrack(var, "load-programme", str(ROOT / "programmes" / "bac-giang-11-nqtw.yaml")).returncode == 0
    made = nqtrack(var, "backup", "--dir", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    [backup] = list((tmp_path / "backups").glob("nqtrack-*.sqlite3"))
    assert made.stdout.strip() == f"Đã sao lưu vào {backup}"
    database = var / "nqtrack.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM programmes_programme")
    assert programme_count(database) == 0
    restored = nqtrack(var, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert programme_count(database) == 1


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite backups only")
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    var = tmp_path / "var"
    assert nqtrack(var, "migrate", "-v0").returncode == 0
    before = (var / "nqtrack.sqlite3").read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database", encoding="utf-8")
    result = nqtrack(var, "restore", str(junk))
    assert result.returncode == 1
    assert "không phải tệp SQLite" in result.stderr
    assert (var / "nqtrack.sqlite3").read_bytes() == before

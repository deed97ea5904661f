"""Where the benchmarks run: throwaway databases, the environment of each step, and running a step.

Every step runs in its own process (``python -m bench.<step>``) with production settings
(``NQTRACK_DEBUG=0``: no query log, compressed static files) against a database of its own: a SQLite file
under ``var/bench/`` and, when the local PostgreSQL server answers, a database ``nqtrack_bench`` that is
created at the start and dropped at the end. The project's own databases are never touched.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
VENV_BIN = Path(sys.executable).parent
PG_SERVER_URL = os.environ.get("NQTRACK_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/nqtrack_bench")


@dataclass(frozen=True, slots=True)
class Database:
    name: str  # sqlite | postgresql
    url: str

    @property
    def work(self) -> Path:
        return WORK / self.name


def sqlite_database() -> Database:
    path = WORK / "sqlite" / "bench.sqlite3"
    return Database("sqlite", f"sqlite:///{path}")


def postgres_database() -> Database | None:
    """The throwaway PostgreSQL database, or None when no server answers."""
    try:
        _admin_connection().close()
    except psycopg.Error:
        return None
    return Database("postgresql", PG_SERVER_URL)


def create(db: Database) -> None:
    """A new, empty database (the previous run's is removed first)."""
    drop(db)
    db.work.mkdir(parents=True, exist_ok=True)
    if db.name == "postgresql":
        with _admin_connection() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(_pg_name())))


def drop(db: Database) -> None:
    if db.name == "postgresql":
        with _admin_connection() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(_pg_name()))
            )
    shutil.rmtree(db.work, ignore_errors=True)


def _pg_name() -> str:
    name = dj_database_url.parse(PG_SERVER_URL)["NAME"]
    if not name or not name.endswith("_bench"):
        raise SystemExit(
            f"NQTRACK_BENCH_PG_URL must name a throwaway database ending in _bench, not {name!r}"
        )
    return str(name)


def _admin_connection() -> psycopg.Connection[Any]:
    cfg = dj_database_url.parse(PG_SERVER_URL)
    return psycopg.connect(
        host=cfg["HOST"] or None,
        port=cfg["PORT"] or None,
        user=cfg["USER"] or None,
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=3,
        autocommit=True,
    )


def step_environment(db: Database) -> dict[str, str]:
    """Production-style settings for a step against ``db``."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": db.url,
            "DJANGO_SETTINGS_MODULE": "nqtrack.settings",
            "NQTRACK_DEBUG": "0",
            "NQTRACK_SECRET_KEY": _secret(),
            "NQTRACK_SSL_REDIRECT": "0",  # plain HTTP on loopback
            "NQTRACK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "NQTRACK_VAR_DIR": str(db.work / "var"),
            "NQTRACK_TASKS": "immediate",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


_SECRET: list[str] = []


def _secret() -> str:
    if not _SECRET:
        _SECRET.append(secrets.token_urlsafe(50))
    return _SECRET[0]


def run_step(db: Database, module: str, *args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run ``python -m bench.<module> ARGS`` against ``db``; its output is shown, its result returned."""
    result = db.work / f"{module}-{len(list(db.work.glob(module + '-*.json')))}.json"
    command = [sys.executable, "-m", f"bench.{module}", "--result", str(result), *args]
    subprocess.run(command, env=step_environment(db), cwd=ROOT, check=True, timeout=timeout)  # noqa: S603
    data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    return data


def nqtrack(db: Database, *args: str, timeout: float = 1800) -> None:
    """Run an ``nqtrack`` command against ``db``."""
    subprocess.run(  # noqa: S603
        [str(VENV_BIN / "nqtrack"), *args], env=step_environment(db), cwd=ROOT, check=True, timeout=timeout
    )


def write_result(path: str, data: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

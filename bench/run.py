"""`make bench`: every benchmark, on SQLite and on PostgreSQL (when the local server answers).

For each database: create it empty, ``nqtrack bootstrap`` (the shipped Bắc Giang programme and figures),
collect the static files, add the synthetic country (bench/nationwide.py), then

(a) import ``--scale`` values raw and through the real import path (goal: the real path at ≥ 50 % of the
    raw rate, peak memory < 300 MB);
(b) assess every (target, unit) pair of the national programme vs a raw scan of its rows (goal ≤ 2×);
(c) dashboard and target page latency at 20 concurrent users vs a static file (goal p95 < 200 ms and
    ≤ 3× the static file's p95), and their CPU per page warm (from the page cache, goal ≤ 5 ms) and cold
    (the first request after a change, goal ≤ 60 ms);
(d) the province's report as DOCX (goal < 1,5 s) and PDF (goal < 4 s);
(e) once, without a database: a 100-page programme document drafted into a programme file (goal < 10 s,
    bench/drafting_bench.py).

Every figure is printed with its ratio and goal, and written to ``var/bench/results.json``. The
databases are dropped at the end (``--keep`` keeps them). Run small while developing:
``python -m bench.run --scale 20000 --duration 3``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import drafting_bench, environment, nationwide
from bench.environment import WORK, Database

IMPORT_GOAL = 0.5  # the real path at half the raw rate or better
MEMORY_GOAL_MB = 300
ASSESS_GOAL = 2.0  # at most twice the raw scan
P95_GOAL_MS = 200
STATIC_GOAL = 3.0  # at most three times the static file's p95
CPU_WARM_GOAL_MS = 5.0  # a page from the cache: CPU time per page
CPU_COLD_GOAL_MS = 60.0  # the first page after a change
DOCX_GOAL_S = 1.5
PDF_GOAL_S = 4.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1_000_000, help="values to import (default 1,000,000)")
    parser.add_argument("--rows-per-file", type=int, default=50_000, help="rows per imported CSV file")
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page in (c)")
    parser.add_argument("--steps", default="abcde", help="which benchmarks to run (default abcde)")
    parser.add_argument("--keep", action="store_true", help="keep the bench databases afterwards")
    args = parser.parse_args()
    machine = _machine()
    print(_header(machine, args))
    files = nationwide.write_csv_files(
        WORK / f"csv-{args.scale}", limit=args.scale, rows_per_file=args.rows_per_file
    )
    report: dict[str, Any] = {"machine": machine, "scale": args.scale, "databases": {}}
    if "e" in args.steps:
        report["drafting"] = drafting_bench.run()
        print(drafting_bench.line(report["drafting"]))
    for db in _databases(args.database):
        load = os.getloadavg()
        print(f"\n== {db.name} (load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}) ==")
        started = time.monotonic()
        report["databases"][db.name] = _run(db, files, args)
        report["databases"][db.name]["load_before"] = load
        report["databases"][db.name]["load_after"] = os.getloadavg()
        report["databases"][db.name]["minutes"] = round((time.monotonic() - started) / 60, 1)
    summary = _summary(report)
    print(summary)
    (WORK / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    (WORK / "summary.txt").write_text(_header(machine, args) + "\n" + summary + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(WORK / f"csv-{args.scale}", ignore_errors=True)
    print(f"\nResults: {WORK / 'results.json'} and {WORK / 'summary.txt'}")


def _databases(choice: str) -> list[Database]:
    found: list[Database] = []
    if choice in ("sqlite", "both"):
        found.append(environment.sqlite_database())
    if choice in ("postgresql", "both"):
        postgres = environment.postgres_database()
        if postgres is None:
            print(f"PostgreSQL: no server at {environment.PG_SERVER_URL}; its leg is skipped.")
        else:
            found.append(postgres)
    return found


def _run(db: Database, files: list[Path], args: argparse.Namespace) -> dict[str, Any]:
    environment.create(db)
    try:
        environment.nqtrack(db, "bootstrap")
        environment.nqtrack(db, "collectstatic", "--noinput", "-v0")
        environment.run_step(db, "setup_national")
        results: dict[str, Any] = {}
        names = [str(f) for f in files]
        if "a" in args.steps:
            results["import"] = _import(db, names)
        else:
            environment.run_step(db, "import_bench", "--mode", "raw", *names)
        steps = {
            "b": ("assess", ["assess_bench"]),
            "c": ("latency", ["latency_bench", "--duration", str(args.duration)]),
            "d": ("report", ["report_bench", "--out", str(db.work / "reports")]),
        }
        for step, (name, command) in steps.items():
            if step not in args.steps:
                continue
            try:
                results[name] = environment.run_step(db, *command)
            except subprocess.CalledProcessError as error:  # one failed step does not lose the others
                print(f"  step {name} failed: {error}")
                results[name] = None
        return results
    finally:
        if not args.keep:
            environment.drop(db)


def _import(db: Database, files: list[str]) -> dict[str, Any]:
    """Raw, then (after clearing) the real path: its rows stay for (b)."""
    results = {"raw": environment.run_step(db, "import_bench", "--mode", "raw", *files)}
    environment.run_step(db, "import_bench", "--mode", "clear")
    results["real"] = environment.run_step(db, "import_bench", "--mode", "real", *files)
    return results


def _machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    memory_kb = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        memory_kb = int(
            next(line.split()[1] for line in meminfo.read_text().splitlines() if line.startswith("MemTotal"))
        )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "date": datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _header(machine: dict[str, Any], args: argparse.Namespace) -> str:
    load = machine["load_average"]
    return (
        f"nqtrack benchmarks, {machine['date']}\n"
        f"machine: {machine['cpus']} × {machine['cpu_model']}, {machine['memory_gb']} GB, "
        f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; Python {machine['python']}\n"
        f"scale: {args.scale:,} values of {nationwide.full_size_estimate():,} in the full national set, "
        f"{args.rows_per_file:,} rows per file"
    )


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _summary(report: dict[str, Any]) -> str:
    lines = ["", "== Summary: every figure, its ratio and its goal =="]
    if report.get("drafting"):
        lines.append(drafting_bench.line(report["drafting"]))
    for name, results in report["databases"].items():
        before, after = results["load_before"], results["load_after"]
        lines.append(
            f"-- {name}: {results['minutes']} min; load average {before[0]:.2f} before, {after[0]:.2f} after "
            f"(15 min: {after[2]:.2f})"
        )
        lines += _import_lines(results.get("import"))
        lines += _assess_lines(results.get("assess"))
        lines += _latency_lines(results.get("latency"))
        lines += _report_lines(results.get("report"))
    return "\n".join(lines)


def _import_lines(data: dict[str, Any] | None) -> list[str]:
    if not data:
        return []
    raw_rate = data["raw"]["rows"] / data["raw"]["seconds"]
    run = data["real"]
    rate = run["rows"] / run["seconds"]
    ratio = rate / raw_rate
    memory_ok = run["peak_mb"] < MEMORY_GOAL_MB
    goal = f"goal ≥ {IMPORT_GOAL:.0%}: {_verdict(ratio >= IMPORT_GOAL)}"
    memory = f"peak memory {run['peak_mb']:,.0f} MB (goal < {MEMORY_GOAL_MB}: {_verdict(memory_ok)})"
    return [
        f"(a) raw bulk load       {data['raw']['rows']:>10,} values  {raw_rate:>10,.0f} values/s  "
        "(the limit)",
        f"(a) real import path    {run['rows']:>10,} values  {rate:>10,.0f} values/s  = {ratio:6.1%} of raw "
        f"({goal}); {memory}",
    ]


def _assess_lines(data: dict[str, Any] | None) -> list[str]:
    if not data:
        return []
    raw = data["raw_seconds"]
    ratio = data["refresh_seconds"] / raw
    unchanged = data["unchanged_seconds"]
    return [
        f"(b) raw scan             {data['rows']:>10,} rows    {raw:8.2f} s",
        f"(b) assess every pair    {data['pairs']:>10,} pairs   {data['refresh_seconds']:8.2f} s  = "
        f"{ratio:5.2f} × the raw scan (goal ≤ {ASSESS_GOAL:g}×: {_verdict(ratio <= ASSESS_GOAL)})",
        f"(b) refresh, unchanged   {data['pairs']:>10,} pairs   {unchanged:8.2f} s  = "
        f"{unchanged / raw:5.2f} × the raw scan, {data['unchanged_recomputed']} recomputed",
        f"(b) refresh, one change  {data['one_change_recomputed']:>10,} pairs   "
        f"{data['one_change_seconds']:8.2f} s",
    ]


def _latency_lines(data: dict[str, Any] | None) -> list[str]:
    if not data:
        return []
    static = data["live"].get("static", {}).get("p95_us")
    lines = []
    for variant in ("live", "stored"):
        for name, page in data.get(variant, {}).items():
            label = name if name == "static" else f"{name}, {variant}"
            lines.append(_latency_line(label, page, static, data["tool"]))
            if "cpu_cold_s" in page and name != "static":
                lines.append(_cpu_line(label, page))
    return lines


def _latency_line(name: str, page: dict[str, Any], static: int | None, tool: str) -> str:
    if "p95_us" not in page:
        return f"(c) {name:<30} {page.get('status')} after {page.get('alone_s', 0):.1f} s alone: not measured"
    p95 = page["p95_us"] / 1000
    if name == "static" or not static:
        return f"(c) {name:<30} p95 {p95:8.1f} ms  ({tool}, 20 connections; the yardstick)"
    ratio = page["p95_us"] / static
    ok = p95 < P95_GOAL_MS and ratio <= STATIC_GOAL
    return (
        f"(c) {name:<30} p95 {p95:8.1f} ms  = {ratio:7.1f} × static (goal < {P95_GOAL_MS} ms and ≤ "
        f"{STATIC_GOAL:g}×: {_verdict(ok)})"
    )


def _cpu_line(name: str, page: dict[str, Any]) -> str:
    warm, cold = page["cpu_s"] * 1000, page["cpu_cold_s"] * 1000
    return (
        f"(c) {name:<30} CPU per page {warm:6.1f} ms warm (goal ≤ {CPU_WARM_GOAL_MS:g} ms: "
        f"{_verdict(warm <= CPU_WARM_GOAL_MS)}), {cold:6.1f} ms cold (goal ≤ {CPU_COLD_GOAL_MS:g} ms: "
        f"{_verdict(cold <= CPU_COLD_GOAL_MS)})"
    )


def _report_lines(data: dict[str, Any] | None) -> list[str]:
    if not data:
        return []
    if not data.get("available"):
        return ["(d) report: not available yet"]
    lines = []
    for fmt, goal in (("docx", DOCX_GOAL_S), ("pdf", PDF_GOAL_S)):
        seconds = data.get(fmt)
        if seconds is None:
            lines.append(f"(d) report {fmt}: not available")
            continue
        lines.append(
            f"(d) report {fmt:<4}          {seconds:8.2f} s  = {seconds / goal:5.2f} × the goal "
            f"(< {goal:g} s: {_verdict(seconds < goal)})"
        )
    return lines


if __name__ == "__main__":
    main()

"""Step (c): page latency at 20 concurrent users against a production-style server on loopback.

gunicorn serves the WSGI application (``NQTRACK_DEBUG=0``, WhiteNoise for static files, 2 × cores + 1
sync workers) on 127.0.0.1 only; ``wrk`` (Debian's package; ``scripts/ensure-system-packages bench``)
keeps 20 connections busy for a fixed time per page and reports the latency percentiles. Without wrk a
small threaded Python client does the same, bounded the same way. Every page is first fetched once and
must answer 200, then once per connection at the same time (every worker warm), then measured; its CPU
time in this process (the same application, in-process) is measured too. The static page (a CSS file
through the same stack) is the yardstick.

Every page comes from the page cache once warm (each worker's own memory here: the bench sets no
``NQTRACK_CACHE_URL``); the CPU time is measured warm and cold, the first request after a change.

The server is the real one, which reads the stored assessments where they exist and assesses live
otherwise. So the pages are measured twice: "live", with no assessment stored (a programme never
refreshed: every page assesses every target), then "stored", after ``assessments_refresh`` of every
programme (what the bootstrap and every figure write leave).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import django

from bench import nationwide
from bench.environment import ROOT, VENV_BIN, write_result

CONNECTIONS = 20
HOST = "127.0.0.1"
SINGLE_TIMEOUT = 120  # seconds for the first, lone request of a page
CPU_REPEATS = 9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--result", required=True)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    args = parser.parse_args()
    django.setup()
    pages = _pages()
    results: dict[str, Any] = {"tool": "wrk" if shutil.which("wrk") else "python"}
    removed = _forget_stored()
    print(f"  live: no assessment stored ({removed:,} removed), every page assesses its targets:")
    results["live"] = _measure_all(pages, args.duration)
    _refresh_everything()
    print("  stored: the pages read the stored assessments:")
    results["stored"] = _measure_all({k: v for k, v in pages.items() if k != "static"}, args.duration)
    write_result(args.result, results)


def _measure_all(pages: dict[str, str], duration: int) -> dict[str, Any]:
    port = _free_port()
    measured: dict[str, Any] = {}
    with _server(port, "nqtrack.wsgi:application"):
        for name, path in pages.items():
            started = time.perf_counter()
            try:
                status: int | str = _get(port, path, timeout=SINGLE_TIMEOUT)
            except TimeoutError:
                status = "timeout"
            alone = time.perf_counter() - started
            if status != 200:
                print(f"  {name:<22} {path}: {status} after {alone:.1f} s alone, not measured under load")
                measured[name] = {"path": path, "status": status, "alone_s": alone}
                continue
            _warm(port, path)
            figures = _load(port, path, duration)
            cpu = _cpu(path)
            figures.update(path=path, alone_s=alone, cpu_s=cpu["warm"], cpu_cold_s=cpu["cold"])
            measured[name] = figures
            print(
                f"  {name:<22} {_line(figures)}  (first {alone * 1000:.0f} ms; CPU per page "
                f"{cpu['warm'] * 1000:.1f} ms warm, {cpu['cold'] * 1000:.1f} ms cold)"
            )
    return measured


def _forget_stored() -> int:
    """Remove every stored assessment (this bench database only): the pages then assess live."""
    from nqtrack.assessments.models import StoredAssessment

    removed, _ = StoredAssessment.objects.all().delete()
    return removed


def _warm(port: int, path: str) -> None:
    """One request per connection at once, so that every worker has served the page before it is timed.

    A worker's first page imports the URL configuration and every view module behind it (2–3 s, mostly
    the export and report modules): with a few seconds of load per page that would be most of what is
    measured.
    """
    threads = [
        threading.Thread(target=_get, args=(port, path), kwargs={"timeout": SINGLE_TIMEOUT})
        for _ in range(CONNECTIONS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _cpu(path: str) -> dict[str, float]:
    """The CPU time of the page in this process (the same application, in-process): the median of a few
    requests, warm (every part from the page cache, nqtrack.core.pagecache) and cold (the first request
    after a change: the cache's version moved before each). Under load the p95 is about this times the
    requests waiting for a core; unlike a time on the clock it does not count other work on the machine.
    PostgreSQL's own work is not in it."""
    from django.test import Client

    from nqtrack.core.pagecache import pages_changed

    client = Client(HTTP_HOST=HOST)
    client.get(path)

    def median(cold: bool) -> float:
        times = []
        for _ in range(CPU_REPEATS):
            if cold:
                pages_changed()
            started = time.process_time()
            client.get(path)
            times.append(time.process_time() - started)
        return statistics.median(times)

    return {"cold": median(cold=True), "warm": median(cold=False)}


def _refresh_everything() -> None:
    """Store the assessments every programme's dashboard opens on (as an import would have)."""
    from nqtrack.assessments.services import assessments_refresh
    from nqtrack.programmes.models import Programme

    for programme in Programme.objects.order_by("id"):
        started = time.perf_counter()
        summary = assessments_refresh(programme=programme)
        seconds = time.perf_counter() - started
        print(f"  stored assessments of {programme.code}: {summary.created:,} in {seconds:.1f} s")


def _line(m: dict[str, Any]) -> str:
    ms = {p: m[f"{p}_us"] / 1000 for p in ("p50", "p95", "p99")}
    rate = m["requests"] / m["seconds"]
    errors = m["non_2xx"] + m["socket_errors"]
    percentiles = "  ".join(f"{p} {value:7.1f} ms" for p, value in ms.items())
    return f"{percentiles}  {rate:7.1f} req/s  errors {errors}"


def _pages() -> dict[str, str]:
    """Name → path: the static yardstick, then the dashboards and a target page of both programmes."""
    from nqtrack.programmes.models import Programme, Target

    pages = {"static": "/static/web/site.css"}
    for programme in Programme.objects.order_by("id"):
        label = "national" if programme.code == nationwide.PROGRAMME_CODE else programme.code.split("-")[0]
        pages[f"dashboard ({label})"] = f"/ct/{programme.code}/"  # its address (the short URLs redirect)
        target = Target.objects.filter(indicator__programme=programme).order_by("position", "id").first()
        if target is not None:
            pages[f"target ({label})"] = f"/ct/{programme.code}/chi-tieu/{target.code}/"
    return pages


@contextmanager
def _server(port: int, application: str) -> Iterator[None]:
    workers = 2 * (os.cpu_count() or 1) + 1
    command = [
        str(VENV_BIN / "gunicorn"),
        application,
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--log-level=warning",
        "--timeout=150",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())  # noqa: S603
    try:
        _wait_ready(port, server)
        yield
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_ready(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode})")
        try:
            if _get(port, "/static/web/site.css") == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def _get(port: int, path: str, *, timeout: float = 60) -> int:
    with closing(http.client.HTTPConnection(HOST, port, timeout=timeout)) as conn:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status


def _load(port: int, path: str, duration: int) -> dict[str, Any]:
    if shutil.which("wrk"):
        return _wrk(port, path, duration)
    return _python_load(port, path, duration)


def _wrk(port: int, path: str, duration: int) -> dict[str, Any]:
    command = [
        "wrk",
        "--threads=2",
        f"--connections={CONNECTIONS}",
        f"--duration={duration}s",
        "--timeout=30s",
        f"--script={Path(__file__).with_name('wrk_report.lua')}",
        f"http://{HOST}:{port}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 60).stdout  # noqa: S603
    found = re.search(r"^WRK_JSON (.*)$", output, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk gave no summary:\n{output}")
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def _python_load(port: int, path: str, duration: int) -> dict[str, Any]:
    """20 threads, each a keep-alive connection, requesting ``path`` until the time is up."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def user() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                ok = False
            mine.append(time.perf_counter() - started)
            if not ok:
                with lock:
                    failures[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=user) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)

    def percentile(p: float) -> int:
        return int(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1e6) if ordered else 0

    return {
        "requests": len(ordered),
        "seconds": time.monotonic() - started,
        "non_2xx": failures[0],
        "socket_errors": 0,
        "p50_us": percentile(50),
        "p95_us": percentile(95),
        "p99_us": percentile(99),
        "max_us": int(ordered[-1] * 1e6) if ordered else 0,
        "mean_us": sum(ordered) / len(ordered) * 1e6 if ordered else 0.0,
    }


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


if __name__ == "__main__":
    main()

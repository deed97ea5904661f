"""Step (d): the review report of one province (Bắc Giang, the shipped programme), as DOCX and as PDF.

Calls the reports app's ``nqtrack report`` command in this process for the annual report as of
31 December 2025. The timing leaves out starting Python and Django and importing the report modules, as
in a running worker; nothing is rendered before the timed runs. The PDF is
made by LibreOffice; without it the PDF figure is "not available".
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import django

from bench.environment import write_result

REPORT_COMMAND = Path("nqtrack/reports/management/commands/report.py")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--result", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    django.setup()
    from django.conf import settings

    if not (Path(settings.BASE_DIR) / REPORT_COMMAND).exists():
        print("  report: not available yet (no `nqtrack report` command)")
        write_result(args.result, {"available": False})
        return
    from django.core.management import call_command, load_command_class

    from nqtrack.programmes.selectors import programme_get

    # A worker or app server has the report modules (Altair, vl-convert, python-docx) loaded already:
    # importing them (about a second) is not part of making a report.
    load_command_class("nqtrack.reports", "report")

    programme = programme_get(code="bac-giang-11-nqtw")
    results: dict[str, object] = {"available": True, "programme": programme.code}
    args.out.mkdir(parents=True, exist_ok=True)
    for fmt in ("docx", "pdf"):
        path = args.out / f"report.{fmt}"
        started = time.perf_counter()
        try:
            call_command(
                "report",
                programme=programme.code,
                as_of="2025-12-31",
                kind="annual",
                format=fmt,
                out=path,
                stdout=io.StringIO(),
            )
        except Exception as error:  # noqa: BLE001 - a failed format is reported, the others still run
            print(f"  report {fmt}: not available ({error})")
            results[fmt] = None
            continue
        seconds = time.perf_counter() - started
        print(f"  report {fmt}: {seconds:6.2f} s ({path.stat().st_size:,} bytes)")
        results[fmt] = seconds
    write_result(args.result, results)


if __name__ == "__main__":
    main()

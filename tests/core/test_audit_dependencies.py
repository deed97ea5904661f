"""The dependency audit step of `make lint` (scripts/audit-dependencies): it fails on a known vulnerability,
passes on a clean report, and says plainly when nothing could be audited.

pip-audit itself asks PyPI's advisory service over the network; here a stand-in ``pip_audit`` module,
first on the path, prints the JSON report pip-audit would print, so what is tested is the step's reading
of that report and its exit status.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit-dependencies"


def run_audit(
    tmp_path: Path, *, report: dict[str, Any] | None, stderr: str = ""
) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "pip_audit"
    fake.mkdir()
    stdout = json.dumps(report) if report is not None else ""
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text(
        "import sys\n"
        f"sys.stdout.write({stdout!r})\n"
        f"sys.stderr.write({stderr!r})\n"
        f"sys.exit({1 if report and any(d.get('vulns') for d in report['dependencies']) else 0})\n"
    )
    env = os.environ | {"PYTHONPATH": str(tmp_path)}
    return subprocess.run(  # noqa: S603 - the project's own script with this interpreter
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, env=env, check=False
    )


def test_a_known_vulnerability_fails_the_step_and_names_it(tmp_path: Path) -> None:
    report = {
        "dependencies": [
            {"name": "django", "version": "6.1", "vulns": []},
            {
                "name": "pillow",
                "version": "9.0.0",
                "vulns": [{"id": "PYSEC-2022-10", "fix_versions": ["9.0.1"], "aliases": []}],
            },
        ]
    }
    result = run_audit(tmp_path, report=report)
    assert result.returncode == 1
    assert result.stdout.strip() == "VULNERABLE pillow 9.0.0: PYSEC-2022-10 (fixed in 9.0.1)"


def test_a_clean_report_passes_and_counts_what_was_audited(tmp_path: Path) -> None:
    report = {
        "dependencies": [
            {"name": "django", "version": "6.1", "vulns": []},
            {"name": "openpyxl", "version": "3.1.5", "vulns": []},
            {"name": "nqtrack-local", "version": "0", "skip_reason": "Dependency not found on PyPI"},
        ]
    }
    result = run_audit(tmp_path, report=report)
    assert result.returncode == 0
    assert result.stdout.strip() == (
        "pip-audit: 2 packages audited, no known vulnerability (1 not on PyPI, skipped)."
    )


def test_an_unreachable_advisory_service_is_said_plainly(tmp_path: Path) -> None:
    report = {
        "dependencies": [
            {"name": "django", "version": "6.1", "skip_reason": "Dependency not found on PyPI"},
            {"name": "openpyxl", "version": "3.1.5", "skip_reason": "Dependency not found on PyPI"},
        ]
    }
    result = run_audit(tmp_path, report=report)
    assert result.returncode == 0
    assert "dependencies were NOT audited" in result.stdout
    assert "every package answered 'not found'" in result.stdout


def test_a_broken_run_that_is_not_a_network_problem_fails(tmp_path: Path) -> None:
    result = run_audit(tmp_path, report=None, stderr="Traceback: something else went wrong\n")
    assert result.returncode == 1
    assert "something else went wrong" in result.stderr

"""axe-core in the browser tests: the accessibility engine, from the npm registry (scripts/ensure-axe
installs it into var/node/ when missing), run on a page that Playwright shows."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
# The impacts that fail a page; "moderate" and "minor" findings are reported by axe but accepted.
FAILING = ("serious", "critical")
RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@cache
def axe_source() -> str:
    """The axe-core script, installed first when missing."""
    if not AXE.exists():
        subprocess.run([str(ROOT / "scripts" / "ensure-axe")], check=True, timeout=300)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[str]:
    """The serious and critical violations axe finds on the page as it is now, one line each.

    The script is evaluated through the browser's debugging protocol, which the page's Content Security
    Policy does not apply to (an injected <script> element would be refused, as it should be)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(f"() => {{ {axe_source()}\n}}")
    found = page.evaluate(RUN)
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {', '.join(v['nodes'])}"
        for v in found
        if v["impact"] in FAILING
    ]

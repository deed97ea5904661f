"""An import-linter contract of the project's own: no private name is imported across apps.

``lint-imports`` (run by ``make test``) checks the layering of the apps with import-linter's own contracts
(pyproject.toml). A name starting with an underscore is its module's business: another app that imports
it depends on what the module may change without notice. import-linter's graph knows which modules import
which, not the names; this contract reads the names from each module's source (imports inside functions
included).
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class PrivateNamesContract(Contract):
    """Modules of one child package of ``container`` import no name starting with "_" from another."""

    container = fields.StringField()

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        container = str(self.container)
        violations = []
        for module in sorted(graph.find_descendants(container)):
            app = _app(module, container)
            source = _source(module)
            if app is None or source is None:
                continue
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                    continue
                other = _app(node.module, container)
                if other is None or other == app:
                    continue
                for alias in node.names:
                    if alias.name.startswith("_"):
                        violations.append(f"{module}:{node.lineno} imports {node.module}.{alias.name}")
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(violation)
            output.new_line()


def _app(module: str, container: str) -> str | None:
    """The child package of ``container`` that ``module`` belongs to (None: outside, or the container's
    own modules such as settings)."""
    parts = module.split(".")
    prefix = container.split(".")
    if parts[: len(prefix)] != prefix or len(parts) <= len(prefix):
        return None
    return parts[len(prefix)]


def _source(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin)

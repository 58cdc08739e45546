"""Layer rules import-linter cannot state: the benchmarks use other packages only
through their public names, so a benchmark never pins a private helper in place."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "crosswire"


def _private_imports(package: str) -> list[str]:
    """``module: name`` for every private name a module of ``package`` imports from
    another package of crosswire."""
    found = []
    files = sorted((SRC / package).rglob("*.py"))
    assert files, f"no modules under {SRC / package}"
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            if not node.module.startswith("crosswire.") or node.module.startswith(
                f"crosswire.{package}"
            ):
                continue
            found += [
                f"{path.name}: {node.module}.{alias.name}"
                for alias in node.names
                if alias.name.startswith("_")
            ]
    return found


def test_benchmarks_import_no_private_name_of_another_package() -> None:
    assert _private_imports("bench") == []


def test_the_cli_and_the_web_app_import_no_private_name_of_another_package() -> None:
    assert _private_imports("cli") == [] and _private_imports("web") == []

"""No import circle inside the terminal app, lazy imports in functions included.

Screens reach each other through the app (pushing screens), and what two screens share lives
in a module both import: a circle here is a test failure, not a pattern to copy.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nrgame.tui

TUI = Path(nrgame.tui.__file__).resolve().parent


def _graph(package: Path, name: str) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports, anywhere in its text."""
    modules = {
        ".".join((name, *path.relative_to(package).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): path
        for path in package.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            imported |= {n for n in names if n in modules and n != module}
        graph[module] = imported
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle once, as the path from a module back to itself (depth-first search)."""
    found: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph[module]):
            if target in path:
                found.append([*path[path.index(target) :], target])
            elif target not in done:
                visit(target, [*path, target])
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    return found


def test_the_terminal_app_has_no_import_circle() -> None:
    graph = _graph(TUI, "nrgame.tui")
    assert "nrgame.tui.screens.board" in graph
    assert _circles(graph) == []


def test_a_lazy_circle_is_caught(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "a.py").write_text("from pkg.b import thing\n")
    (tmp_path / "b.py").write_text("def thing():\n    from pkg import a\n")
    (tmp_path / "c.py").write_text("from pkg.a import thing\n")
    assert _circles(_graph(tmp_path, "pkg")) == [["pkg.a", "pkg.b", "pkg.a"]]

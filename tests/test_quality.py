"""Lint, format and strict typing run with the tests, so they never drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint() -> None:
    result = _run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_tui_imports_textual() -> None:
    """Every module outside nrgame.tui (core, storage, reports, CLI) loads without Textual."""
    code = (
        "import importlib, pkgutil, sys, nrgame\n"
        "names = [m.name for m in pkgutil.walk_packages(nrgame.__path__, 'nrgame.')\n"
        "         if not m.name.startswith('nrgame.tui') and m.name != 'nrgame.__main__']\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names), 'textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    count, loaded = result.stdout.split()
    assert int(count) > 30  # the walk really found the modules
    assert loaded == "False"

"""The layers hold: core < storage | reports | gift < usecases < tui < cli, and the faces
reach the base only through the use cases (the import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nrgame.tui.app import NrgameApp

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(where: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of `where`/pyproject.toml on the nrgame package found there."""
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_contracts_are_kept() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The package and its contracts, copied where a test may break them."""
    ignored = shutil.ignore_patterns("__pycache__", "_bundled")
    shutil.copytree(ROOT / "nrgame", tmp_path / "nrgame", ignore=ignored)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("tui/sneaky.py", "from nrgame.storage import sqlite", "Faces reach the base"),
        ("cli/sneaky.py", "import sqlite3", "Faces reach the base"),
        ("core/sneaky.py", "from nrgame.usecases import play_quiz", "Layers"),
        ("storage/sneaky.py", "from nrgame.reports import tables", "Layers"),
        ("usecases/sneaky.py", "from nrgame.tui import app", "Layers"),
        ("tui/sneaky.py", "from nrgame.cli import common", "Layers"),
        ("reports/sneaky.py", "import textual", "Only the terminal app"),
        ("phones/sneaky.py", "import textual", "Only the terminal app"),
        ("phones/sneaky.py", "from nrgame.storage import sqlite", "Faces reach the base"),
        ("phones/sneaky.py", "from nrgame.tui import app", "Layers"),
        ("usecases/sneaky.py", "from nrgame.phones import server", "Layers"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    copy: Path, module: str, line: str, broken: str
) -> None:
    (copy / "nrgame" / module).write_text(f"{line}\n", encoding="utf-8")
    result = _lint(copy)
    assert result.returncode != 0, result.stdout
    assert broken in result.stdout
    assert "BROKEN" in result.stdout
    # The copy was linted, not the installed package: the new module is named.
    assert "nrgame." + module.removesuffix(".py").replace("/", ".") in result.stdout


def test_the_app_class_only_wires() -> None:
    """Use cases live in nrgame.usecases, session launching in nrgame.tui.launch: the App
    class itself stays a wiring of screens, keys and the store."""
    lines, _ = inspect.getsourcelines(NrgameApp)
    assert len(lines) < 150

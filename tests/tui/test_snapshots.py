"""How the key screens look at 120×40 (SVG snapshots; update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nrgame.core.catalog import Catalog
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from tests.conftest import FixedClock

SIZE = (120, 40)


def _app(catalog: Catalog, tmp_path: Path) -> NrgameApp:
    return NrgameApp(catalog, SqliteStore(tmp_path / "db.sqlite3"), clock=FixedClock())


def test_home(snap_compare: Any, mini_catalog: Catalog, tmp_path: Path) -> None:
    assert snap_compare(_app(mini_catalog, tmp_path), terminal_size=SIZE)


def test_question(snap_compare: Any, mini_catalog: Catalog, tmp_path: Path) -> None:
    assert snap_compare(_app(mini_catalog, tmp_path), terminal_size=SIZE, press=["enter"])


def test_correction(snap_compare: Any, mini_catalog: Catalog, tmp_path: Path) -> None:
    assert snap_compare(_app(mini_catalog, tmp_path), terminal_size=SIZE, press=["enter", "b"])


def test_help(snap_compare: Any, mini_catalog: Catalog, tmp_path: Path) -> None:
    assert snap_compare(_app(mini_catalog, tmp_path), terminal_size=SIZE, press=["f1"])

"""How the self-training screen looks at 120×40, with some progress made."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from nrgame.core.catalog import Catalog
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.training import add_learner, apply_answer
from nrgame.tui.app import NrgameApp
from tests.conftest import FixedClock
from tests.tui.autoformation_keys import MONDAY, SIZE


def test_training_screen(snap_compare: Any, mini_catalog: Catalog, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    add_learner(store, "Ana", MONDAY - timedelta(days=1))
    for qid, score in (("t-choice", 0.0), ("t-multi", 1.0), ("t-truefalse", 1.0)):
        apply_answer(store, "Ana", qid, score, MONDAY - timedelta(days=1))
    app = NrgameApp(mini_catalog, store, clock=FixedClock(MONDAY))
    assert snap_compare(app, terminal_size=SIZE, press=["a", "enter"])

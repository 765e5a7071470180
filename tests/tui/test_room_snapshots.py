"""How the presenter view looks on a projector at 120×40 (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from nrgame.core.catalog import Catalog
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from tests.conftest import FixedClock

SIZE = (120, 40)


async def _three_teams_answer_the_first_question(pilot: Pilot[None]) -> None:
    await pilot.press("s")
    await pilot.pause()
    await pilot.click("#n-agents")
    await pilot.press("1", "2", "ctrl+s")
    await pilot.pause()
    for answer in ("c", "b", "c"):
        await pilot.press(answer, "enter")
    await pilot.pause()


def test_presenter_reveal(snap_compare: Any, mini_catalog: Catalog, tmp_path: Path) -> None:
    app = NrgameApp(mini_catalog, SqliteStore(tmp_path / "db.sqlite3"), clock=FixedClock())
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=_three_teams_answer_the_first_question,
        press=["enter"],
    )


def test_presenter_question(snap_compare: Any, mini_catalog: Catalog, tmp_path: Path) -> None:
    app = NrgameApp(mini_catalog, SqliteStore(tmp_path / "db.sqlite3"), clock=FixedClock())
    assert snap_compare(app, terminal_size=SIZE, run_before=_three_teams_answer_the_first_question)

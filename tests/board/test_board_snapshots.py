"""How the board and its debrief look at 120×40 (SVG snapshots; update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from nrgame.core.catalog import Catalog
from nrgame.core.scenario import Scenario
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.board import BoardScreen
from nrgame.tui.screens.debrief import DebriefScreen
from nrgame.usecases.play_board import RecordedBoard
from tests.conftest import FixedClock

SIZE = (120, 40)


def test_board_in_the_middle_of_a_game(snap_compare: Any, bundled: Catalog, tmp_path: Path) -> None:
    """Val de Sorne at its second semester, resumed from the store (so no toast is showing)."""
    store = SqliteStore(tmp_path / "db.sqlite3")
    scenario = bundled.scenarios["agglomeration-reen"]
    played = RecordedBoard.start(store, scenario, FixedClock(), seed=scenario.seed)
    for card in ("referent-nr", "inventaire-parc", "effacement-donnees", "clauses-marches"):
        played.game.play(card)
    played.confirm()
    played.game.play("comite-pilotage")
    played.confirm()
    (record,) = store.sessions()

    async def open_board(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.push_screen(
            BoardScreen(
                RecordedBoard.resume(store, scenario, record, FixedClock()), figures=bundled.figures
            )
        )
        await pilot.pause()
        await pilot.press("down", "down", "down")
        await pilot.pause()

    app = NrgameApp(bundled, store, clock=FixedClock())
    assert snap_compare(app, terminal_size=SIZE, run_before=open_board)


def test_debrief_of_a_finished_game(
    snap_compare: Any, bundled: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    played = RecordedBoard.start(store, mini, FixedClock(), seed=0)
    for cards in (["diag", "atelier"], ["achat"], ["expert"], ["plan"]):
        for card in cards:
            played.game.play(card)
        played.confirm()

    async def open_debrief(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.push_screen(DebriefScreen(mini, store, FixedClock(), played.session_id))
        await pilot.pause()

    app = NrgameApp(bundled, store, clock=FixedClock())
    assert snap_compare(app, terminal_size=SIZE, run_before=open_debrief)

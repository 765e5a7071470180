"""Play whole board games through the app's keys, then read what the store recorded."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from nrgame.core.catalog import Catalog
from nrgame.core.scenario import Scenario
from nrgame.storage.board import turns_of
from nrgame.storage.sqlite import FINISHED, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.board import BoardScreen
from nrgame.tui.screens.debrief import DebriefScreen
from nrgame.usecases.play_board import RecordedBoard
from tests.board.pilot_keys import SIZE, commit, confirm_turn
from tests.conftest import FixedClock


async def test_a_full_game_by_keys_ends_on_the_debrief_and_every_turn_is_stored(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(RecordedBoard.start(store, mini, FixedClock(), 0)))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await commit(pilot, 0, 2)  # Diagnostic, Ateliers publics
        assert screen.game.committed() == ["diag", "atelier"]
        assert "5 k€ sur 10" in str(screen.query_one("#resources").render())
        assert await confirm_turn(pilot) == ["Une panne"]
        assert screen.game.turn == 2
        await commit(pilot, 1)  # Achat reconditionné
        await confirm_turn(pilot)
        await commit(pilot, 3)  # Audit d'écoconception (needs axis 4 at level 1)
        await confirm_turn(pilot)
        await commit(pilot, 5)  # Plan de charge
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("o")  # « Valider »: Entrée would keep the safe « Revenir »
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        result = str(app.screen.query_one("#result").render())
        assert "Partie gagnée" in result
        roadmap = app.screen.query_one("#roadmap", DataTable)
        assert roadmap.row_count == 5
    (record,) = store.sessions()
    assert record.kind == "jeu-plateau" and record.status == FINISHED
    assert turns_of(store, record.id) == [
        [["diag", "atelier"]],
        [["achat"]],
        [["expert"]],
        [["plan"]],
    ]
    assert store.query("SELECT COUNT(*) FROM audience") == [(0,)]


async def test_competitive_mode_switches_teams_and_confirms_both(
    board_catalog: Catalog, duel: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(RecordedBoard.start(store, duel, FixedClock(), 0)))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await commit(pilot, 0)
        await pilot.press("t")
        await pilot.pause()
        assert "Équipe 2" in str(screen.query_one("#turn-caption").render())
        await commit(pilot, 1)
        await confirm_turn(pilot)
        assert screen.game.history == [[["un"], ["deux"]]]
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("o")  # « Valider »: Entrée would keep the safe « Revenir »
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        text = str(app.screen.query_one("#result").render())
        assert "Équipe 1 : Partie gagnée : score 4" in text
        assert "Équipe 2 : Partie gagnée : score 2" in text

"""What a facilitator does around the game: take back, undo, resume after a crash, export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from textual.widgets import Input

from nrgame.core.catalog import Catalog
from nrgame.core.scenario import Scenario
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.board import BoardScreen
from nrgame.tui.screens.debrief import DebriefScreen, ExportDialog
from nrgame.tui.widgets.board import EventDialog
from nrgame.tui.widgets.confirm import ConfirmDialog
from nrgame.usecases.play_board import RecordedBoard, turns_of, unfinished_boards
from tests.board.pilot_keys import SIZE, commit, confirm_turn
from tests.conftest import FixedClock


async def test_withdraw_undo_and_refusals_by_keys(
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
        await commit(pilot, 1)  # Achat: its prerequisite is not finished
        assert screen.game.committed() == []
        assert "il faut d'abord terminer « Diagnostic »" in str(
            screen.query_one("#card-detail").render()
        )
        await commit(pilot, 0)
        await pilot.press("r")  # take it back
        await pilot.pause()
        assert screen.game.committed() == []
        await commit(pilot, 0, 0)  # Entrée twice: committed, then taken back
        assert screen.game.committed() == []
        await commit(pilot, 0)
        await confirm_turn(pilot)
        assert len(turns_of(store, screen.played.session_id)) == 1
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # changed her mind
        await pilot.pause()
        assert screen.game.turn == 2
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # the safe default: Revenir
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog) and screen.game.turn == 2
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("left", "enter")  # ← to « Annuler le tour », then Entrée
        await pilot.pause()
        assert screen.game.turn == 1 and screen.game.history == []
        assert turns_of(store, screen.played.session_id) == []


async def test_a_killed_app_resumes_at_the_last_confirmed_turn(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(RecordedBoard.start(store, mini, FixedClock(), 0)))
        await pilot.pause()
        await commit(pilot, 0, 2)
        await confirm_turn(pilot)
        await commit(pilot, 1)  # committed, never confirmed
        await pilot.press("ctrl+q")
    store.close()
    store = SqliteStore(path)
    (record,) = unfinished_boards(store)
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(RecordedBoard.resume(store, mini, record, FixedClock())))
        await pilot.pause()
        if isinstance(app.screen, EventDialog):  # the turn's events are read again
            await pilot.press("enter")
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert screen.game.turn == 2 and screen.game.committed() == []
        assert "Trimestre 2 sur 4" in str(screen.query_one("#turn-caption").render())
        assert screen.game.value("public") == 10


async def test_debrief_exports_markdown_and_csv_where_the_facilitator_says(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = SqliteStore(tmp_path / "db.sqlite3")
    played = RecordedBoard.start(store, mini, FixedClock(), seed=0)
    played.game.play("diag")
    for _ in range(4):
        played.confirm()
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DebriefScreen(mini, store, FixedClock(), played.session_id))
        await pilot.pause()
        assert "Partie perdue" in str(app.screen.query_one("#result").render())
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one(Input).value.endswith(
            "feuille-de-route-mini-plateau-2026-03-02"
        )
        assert app.screen.query_one("#export-start", Input).value == "02/03/2026"  # played
        await pilot.press("home", "ctrl+k", *"bilans/essai", "tab")
        await pilot.press("home", "ctrl+k", *"31/02/2026", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # not a date: said, nothing written
        assert "n'est pas une date qui existe" in str(
            app.screen.query_one("#export-error").render()
        )
        await pilot.press("home", "ctrl+k", *"01/09/2026", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    markdown = (tmp_path / "bilans" / "essai.md").read_text(encoding="utf-8")
    assert (
        "| 4. Sensibilisation des agents et des élus | Diagnostic | 1er septembre 2026 | "
        "30 novembre 2026 |"
    ) in markdown
    assert (tmp_path / "bilans" / "essai.odt").read_bytes().startswith(b"PK")
    raw = (tmp_path / "bilans" / "essai.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert raw.startswith(b"\xef\xbb\xbf") and rows[1][1] == "Diagnostic"

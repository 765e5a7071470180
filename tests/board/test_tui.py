"""Play board games through the app's keys, then read what the store recorded."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from nrgame.core.catalog import Catalog
from nrgame.core.scenario import Scenario
from nrgame.storage.board import RecordedBoard, turns_of, unfinished_boards
from nrgame.storage.sqlite import FINISHED, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.board import BoardScreen, ConfirmDialog, EventDialog
from nrgame.tui.screens.debrief import DebriefScreen, ExportDialog
from tests.conftest import FixedClock

SIZE = (120, 40)


async def go_to_row(pilot: Pilot[Any], row: int) -> None:
    """Move the card cursor to a row with the arrow keys, as a facilitator would."""
    table = pilot.app.screen.query_one("#cards", DataTable)
    while table.cursor_row > row:
        await pilot.press("up")
    while table.cursor_row < row:
        await pilot.press("down")


async def commit(pilot: Pilot[Any], *rows: int) -> None:
    for row in rows:
        await go_to_row(pilot, row)
        await pilot.press("enter")
        await pilot.pause()


async def confirm_turn(pilot: Pilot[Any]) -> list[str]:
    """v, then Entrée in the confirmation; returns the titles of the events shown, if any."""
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("enter")
    await pilot.pause()
    shown: list[str] = []
    if isinstance(pilot.app.screen, EventDialog):
        shown = [fired.event.title for fired in pilot.app.screen.events]
        await pilot.press("enter")
        await pilot.pause()
    return shown


async def test_a_full_game_by_keys_ends_on_the_debrief_and_every_turn_is_stored(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(mini, store, FixedClock(), seed=0))
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
        await pilot.press("enter")
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


async def test_withdraw_undo_and_refusals_by_keys(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(mini, store, FixedClock(), seed=0))
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
        await pilot.press("enter")
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
        app.push_screen(BoardScreen(mini, store, FixedClock(), seed=0))
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
        app.push_screen(BoardScreen(mini, store, FixedClock(), resume=record))
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
        await pilot.press("home", "ctrl+k", *"bilans/essai", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    markdown = (tmp_path / "bilans" / "essai.md").read_text(encoding="utf-8")
    assert "| 4. Sensibilisation des agents et des élus | Diagnostic |" in markdown
    raw = (tmp_path / "bilans" / "essai.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert raw.startswith(b"\xef\xbb\xbf") and rows[1][1] == "Diagnostic"


async def test_competitive_mode_switches_teams_and_confirms_both(
    board_catalog: Catalog, duel: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(duel, store, FixedClock(), seed=0))
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
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        text = str(app.screen.query_one("#result").render())
        assert "Équipe 1 : Partie gagnée : score 4" in text
        assert "Équipe 2 : Partie gagnée : score 2" in text

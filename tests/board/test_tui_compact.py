"""The board at 80×24, its rules and keys, and a game offered again when its scenario is chosen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from nrgame.core.catalog import Catalog
from nrgame.core.scenario import Scenario
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.board import BoardScreen
from nrgame.tui.screens.board_setup import BoardSetupScreen
from nrgame.tui.screens.help import HelpScreen
from nrgame.tui.screens.resume import ResumeDialog
from nrgame.tui.screens.rules import RulesScreen
from nrgame.tui.widgets.board import CardDialog, EventDialog, PanelDialog
from nrgame.tui.widgets.confirm import ConfirmDialog
from nrgame.usecases.play_board import RecordedBoard, turns_of, unfinished_boards
from tests.board.pilot_keys import commit, confirm_turn, go_to_row
from tests.conftest import FixedClock

SMALL = (80, 24)


def _text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector).render())  # type: ignore[attr-defined]


async def test_a_whole_turn_at_80x24(bundled: Catalog, tmp_path: Path) -> None:
    """Val de Sorne (25 cards, long titles) played one turn on a small terminal."""
    store = SqliteStore(tmp_path / "db.sqlite3")
    scenario = bundled.scenarios["agglomeration-reen"]
    app = NrgameApp(bundled, store, clock=FixedClock())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(
            BoardScreen(RecordedBoard.start(store, scenario, FixedClock()), figures=bundled.figures)
        )
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen) and screen.has_class("compact")
        table = screen.query_one("#cards", DataTable)
        # Every column fits: cost and state are on screen, titles cut with an ellipsis.
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert [str(c.label) for c in table.columns.values()][-1] == "État"
        assert table.scrollable_content_region.height >= 14  # fourteen cards at once
        assert "45/45 k€" in _text(screen, "#resources")
        assert "Semestre 1 sur 6" in _text(screen, "#turn-caption")
        # The whole card on demand, and committed from there (Fermer is the default).
        await go_to_row(pilot, 0)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, CardDialog)
        assert "Une cheffe de projet numérique responsable" in str(app.screen.text)
        await pilot.press("left", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert screen.game.committed() == ["referent-nr"]
        row = [c.id for c in scenario.cards].index("inventaire-parc")
        await commit(pilot, row)
        assert "42/45 k€" in _text(screen, "#resources")
        assert "22/36" in _text(screen, "#resources")
        # The rest of the board is one key away.
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PanelDialog)
        titles = [title for title, _ in app.screen.parts]
        assert titles == [
            "Axes de la stratégie",
            "Indicateurs du jeu",
            "Actions en cours",
            "Objectifs",
            "Journal",
        ]
        await pilot.press("escape")
        await pilot.pause()
        await confirm_turn(pilot)
        assert screen.game.turn == 2
        assert turns_of(store, screen.played.session_id) == [[["referent-nr", "inventaire-parc"]]]


async def test_f1_on_the_board_gives_its_keys_and_g_its_rules(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(RecordedBoard.start(store, mini, FixedClock(), 0)))
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        effects = [row[-1] for row in app.screen.keys]
        assert "valider le tour (après confirmation)" in effects
        assert app.screen.where == "Plateau"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, RulesScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query(".rules-paragraph"))
        assert mini.summary in shown
        assert "10 k€ de budget" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def _choose_scenario(pilot: object, app: NrgameApp, scenario_id: str) -> None:
    table = app.screen.query_one("#scenarios", DataTable)
    await pilot.press("tab")  # type: ignore[attr-defined]
    target = table.get_row_index(scenario_id)
    while table.cursor_row < target:
        await pilot.press("down")  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_choosing_a_scenario_again_offers_its_unfinished_game(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    played = RecordedBoard.start(store, mini, FixedClock(), seed=0)
    played.game.play("diag")
    played.confirm()
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)  # offered at start-up…
        await pilot.press("escape")  # …« Plus tard »
        await pilot.pause()
        await _choose_scenario(pilot, app, "mini-plateau")
        assert isinstance(app.screen, ResumeDialog)  # offered again, not started over
        assert app.screen.focused is not None and app.screen.focused.id == "resume"
        await pilot.press("right")
        assert app.screen.focused is not None and app.screen.focused.id == "new"
        await pilot.press("left", "enter")
        await pilot.pause()
        if isinstance(app.screen, EventDialog):  # the turn's events are read again
            await pilot.press("enter")
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert screen.played.session_id == played.session_id and screen.game.turn == 2
        assert "Trimestre 2 sur 4" in _text(screen, "#turn-caption")
        assert len(store.sessions()) == 1


async def test_a_new_game_instead_leaves_the_old_one_for_later(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    played = RecordedBoard.start(store, mini, FixedClock(), seed=0)
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await _choose_scenario(pilot, app, "mini-plateau")
        await pilot.press("right", "enter")  # « Nouvelle partie »
        await pilot.pause()
        assert isinstance(app.screen, BoardSetupScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert [r.id for r in unfinished_boards(store)] == [played.session_id]


async def test_undoing_a_turn_needs_a_deliberate_choice(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(RecordedBoard.start(store, mini, FixedClock(), 0)))
        await pilot.pause()
        await commit(pilot, 0)
        await confirm_turn(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.focused is not None and dialog.focused.id == "no"


async def test_the_event_dialog_names_the_card_that_would_have_softened_it(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(RecordedBoard.start(store, mini, FixedClock(), 0)))
        await pilot.pause()
        await commit(pilot, 2)  # Ateliers publics, not Diagnostic
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("o")  # « Valider »: Entrée would keep the safe « Revenir »
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EventDialog)
        shown = " ".join(str(s.render()) for s in dialog.query("Static"))
        assert "Une panne" in shown
        assert "Non atténué : il l'aurait été avec « Diagnostic » terminée ou en cours." in shown

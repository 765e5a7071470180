"""F1 lists the keys of the screen it is pressed on, generated from the same declarations as the
screen's bindings: every binding there has its line, and no line names a key that does nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen

from nrgame.core.catalog import Catalog
from nrgame.core.scenario import Scenario
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.commands import Command, key_names
from nrgame.tui.screens.board import BoardScreen
from nrgame.tui.screens.debrief import DebriefScreen
from nrgame.tui.screens.help import EVERYWHERE, HelpScreen
from nrgame.tui.screens.records import RecordsScreen
from nrgame.usecases.play_board import RecordedBoard
from tests.conftest import FixedClock

SIZE = (120, 40)


def _bound_keys(screen: Screen[Any]) -> set[str]:
    """The keys the screen itself binds, as F1 writes them."""
    return {key_names(b.key) for b in type(screen).BINDINGS if isinstance(b, Binding)}


async def _check_f1(app: NrgameApp, pilot: Pilot[None], kind: type[Screen[Any]]) -> None:
    """F1 on the screen shown: its declared keys, all of its bindings, nothing else; closed."""
    screen = app.screen
    assert isinstance(screen, kind)
    declared: tuple[Command, ...] = vars(type(screen))["KEYS"]
    await pilot.press("f1")
    await pilot.pause()
    shown = app.screen
    assert isinstance(shown, HelpScreen)
    said = [key for key, _ in shown.keys]
    bound = _bound_keys(screen)
    assert bound and bound <= set(said), f"{kind.__name__}: a key is missing from F1"
    acting = {c.key_text() for c in declared if c.action}
    assert acting == bound, f"{kind.__name__}: F1 names a key that does nothing"
    assert len(said) == len(declared)
    assert {"F1", "Ctrl+P", "Ctrl+Q"} <= {row[1] for row in EVERYWHERE}  # listed after them
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is screen


async def test_f1_lists_exactly_the_keys_of_each_screen(
    board_catalog: Catalog, mini: Scenario, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(RecordedBoard.start(store, mini, FixedClock(), 0)))
        await pilot.pause()
        await _check_f1(app, pilot, BoardScreen)
        await pilot.press("b")
        await pilot.pause()
        await _check_f1(app, pilot, DebriefScreen)
        await pilot.press("escape")  # back to the board
        await pilot.pause()
        await pilot.press("escape", "o")  # leave the game
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await _check_f1(app, pilot, RecordsScreen)

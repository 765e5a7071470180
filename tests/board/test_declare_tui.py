"""A board game declares who played before its first turn, as a room session does, and
reaches the REEN report: driven by the app's keys, read back from the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from nrgame.core.catalog import Catalog
from nrgame.core.indicator_records import Period
from nrgame.core.indicators import compute
from nrgame.storage.reports import read_records
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.board import BoardScreen
from nrgame.tui.screens.board_setup import BoardSetupScreen
from tests.board.pilot_keys import SIZE, commit, confirm_turn, type_agents
from tests.conftest import FixedClock


async def open_form(pilot: Pilot[Any], scenario_id: str) -> BoardSetupScreen:
    await pilot.pause()
    await pilot.press("tab")  # from the decks to the board games
    table = pilot.app.screen.query_one("#scenarios", DataTable)
    for _ in range(table.row_count):
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key == scenario_id:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, BoardSetupScreen)
    return form


def error_of(form: BoardSetupScreen) -> str:
    return str(form.query_one("#form-error", Static).render())


async def test_the_table_declares_who_plays_then_the_game_counts(
    board_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "mini-plateau")
        await pilot.press("ctrl+s")  # nothing declared yet
        assert "indiquez au moins un effectif" in error_of(form)
        await type_agents(pilot, "1e9")
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "« 1e9 » n'est pas un effectif" in error_of(form)
        await type_agents(pilot, "12")
        await pilot.press("ctrl+s")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        session_id = board.played.session_id
        setup = store.setup(session_id)
        assert setup is not None and [(a.segment.value, a.count) for a in setup.audience] == [
            ("agents", 12)
        ]
        # Declared, not yet played: no action until a turn is confirmed.
        assert compute(read_records(store, Period()), board_catalog).actions.total == 0
        await commit(pilot, 0)
        await confirm_turn(pilot)
    found = compute(read_records(store, Period()), board_catalog)
    assert found.actions.by_kind == {"jeu-plateau": 1}
    assert found.reach.total == 12
    assert list(found.coverage.scenarios) == ["mini-plateau"]
    assert [line.sessions for line in found.ledger] == [[session_id]]
    store.close()


async def test_a_count_above_its_plausible_bound_needs_a_second_press(
    board_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "mini-plateau")
        await type_agents(pilot, "6000")
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "6 000 agents (au-delà de 500 pour une séance)" in error_of(form).replace(
            "\u202f", " "
        ).replace("\u00a0", " ")
        assert "appuyez de nouveau sur Ctrl+S" in error_of(form)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        setup = store.setup(app.screen.played.session_id)
        assert setup is not None and setup.people == 6000
    store.close()


async def test_leaving_the_form_records_nothing(board_catalog: Catalog, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(board_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "mini-plateau")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BoardSetupScreen | BoardScreen)
    assert store.sessions() == []
    store.close()

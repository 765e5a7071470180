"""Room sessions through the keys: what the form refuses, a crash, the timer."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Select

from nrgame.core.catalog import Catalog
from nrgame.core.room_setup import AnswerMode, Phase
from nrgame.storage.sqlite import RUNNING, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.resume import ResumeDialog
from nrgame.tui.screens.room import RoomScreen
from tests.conftest import FixedClock
from tests.tui.test_room_play import SIZE, _answer, _quick_form, _type


async def test_the_form_asks_for_the_audience_and_records_nothing_without_it(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await _type(pilot, "day", "31/02/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#form-error").render())
        assert "Date : « 31/02/2026 » n'est pas une date qui existe" in error
        await _type(pilot, "day", "02/03/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#form-error").render())
        assert "Public : indiquez au moins un effectif" in error
        assert app.focused is not None and app.focused.id == "n-agents"
        await _type(pilot, "n-agents", "8")
        await _type(pilot, "teams", "Castors, castors")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "deux équipes portent le nom" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await pilot.pause()
    assert store.sessions() == []


async def test_a_room_session_is_offered_again_after_a_crash(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await _quick_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await _answer(pilot, "c", "b")
        await pilot.press("ctrl+q")  # the laptop dies with Loutres still to answer
    store.close()
    store = SqliteStore(path)
    assert len(store.sessions(RUNNING)) == 1
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        await pilot.press("enter")  # Reprendre
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        assert screen.room.waiting() == ["Loutres"]
        assert screen.entering == "Loutres"  # the turn goes on where it stopped
        await _answer(pilot, "c")
        await pilot.press("enter")
        await pilot.pause()
        assert [e.score for e in screen.room.entries_at(0)] == [1.0, 0.0, 1.0]


class ManualClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0)

    def __call__(self) -> datetime:
        return self.now


async def test_the_timer_counts_down_and_reveals_only_when_asked(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    clock = ManualClock()
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await _quick_form(pilot)
        await _type(pilot, "timer", "30")
        await pilot.click("#auto")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        clock.now += timedelta(seconds=12)
        await pilot.pause(0.4)
        assert str(screen.query_one("#room-timer").render()).strip()
        assert screen.room.remaining() == 18
        clock.now += timedelta(seconds=20)
        for _ in range(20):
            await asyncio.sleep(0.05)
            await pilot.pause()
            if screen.room.phase is Phase.REVEALED:
                break
        assert screen.room.phase is Phase.REVEALED  # asked for: revealed when time was up
        assert "Temps écoulé" not in str(screen.query_one("#room-clock-note").render())


async def test_enter_moves_on_from_a_list_and_a_vote_hides_the_team_fields(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "kind"
        await pilot.press("enter")  # moves on, as from any field: the list stays shut
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "day"
        mode = app.screen.query_one("#mode", Select)
        mode.focus()
        await pilot.press("space", "down", "enter")  # Vote à main levée
        await pilot.pause()
        assert mode.value == AnswerMode.VOTE.value
        assert app.screen.query_one("#teams").parent.display is False  # type: ignore[union-attr]
        assert app.screen.query_one("#speed").parent.display is False  # type: ignore[union-attr]
        await pilot.press("enter")  # moves on from the list
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "timer"  # team row skipped

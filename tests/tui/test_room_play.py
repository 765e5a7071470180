"""A facilitator's session, driven through the keys: set up, play, reveal, summarise."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Digits, Input, Markdown, Static

from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.quiz import display_order
from nrgame.core.room import Phase
from nrgame.core.sessions import AudienceCount, Partner, SessionKind
from nrgame.reports.minutes import render_minutes
from nrgame.storage import room as room_store
from nrgame.storage.sqlite import FINISHED, RUNNING, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.resume import ResumeDialog
from nrgame.tui.screens.room import ConfirmDialog, RoomScreen
from nrgame.tui.screens.room_results import RoomResultsScreen
from nrgame.tui.screens.room_setup import RoomSetupScreen
from nrgame.tui.widgets.number_line import NumberLine
from tests.conftest import FixedClock

SIZE = (120, 40)


async def _tab_to(pilot: Pilot[None], field: str) -> None:
    """Press Tab until the field has the focus, as a person would."""
    for _ in range(40):
        if pilot.app.focused is not None and pilot.app.focused.id == field:
            return
        await pilot.press("tab")
    raise AssertionError(f"#{field} never got the focus")


async def _type(pilot: Pilot[None], field: str, text: str) -> None:
    await _tab_to(pilot, field)
    await pilot.press("end", "ctrl+u", *text)


async def _fill_form(pilot: Pilot[None]) -> None:
    await pilot.press("s")  # the highlighted deck, in a room
    await pilot.pause()
    assert isinstance(pilot.app.screen, RoomSetupScreen)
    await pilot.press("enter", "down", "enter")  # Sorte : Comité de lancement
    await _type(pilot, "place", "Salle du conseil")
    await _type(pilot, "facilitator", "Camille Martin")
    await _type(pilot, "n-agents", "12")
    await _type(pilot, "n-elus", "3")
    await _tab_to(pilot, "e-elus")
    await pilot.press("space")  # estimated
    await _type(pilot, "partners", "Repair café du quartier (association)")


def _order_letters(catalog: Catalog) -> str:
    shown = display_order(catalog.questions["t-order"])  # type: ignore[arg-type]
    return "".join("ABC"[shown.index(i)] for i in range(3))


async def _answer(pilot: Pilot[None], *answers: str) -> None:
    for answer in answers:
        await pilot.press(*answer, "enter")
    await pilot.pause()


async def test_a_three_team_session_from_set_up_to_minutes(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    minutes_path = tmp_path / "compte-rendu.md"
    async with app.run_test(size=SIZE) as pilot:
        await _fill_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        room = screen.room
        assert room.waiting() == ["Castors", "Hérons", "Loutres"]
        # 1. choice: each team in turn, then Entrée reveals, Entrée moves on
        await _answer(pilot, "c", "b", "c")
        assert "Toutes les réponses sont là" in str(screen.query_one("#room-banner").render())
        await pilot.press("enter")
        await pilot.pause()
        assert room.phase is Phase.REVEALED
        options = str(screen.query_one("#room-options", Static).render())
        assert "✔ C  4,4 %   ▲1   ■3" in options  # who chose what, with symbols and numbers
        await pilot.press("enter")
        await pilot.pause()
        # 2. multi: Loutres answers out of turn, Hérons never does; R reveals anyway
        await _answer(pilot, "a,c")
        await pilot.press("escape", "3")
        await _answer(pilot, "a")
        await pilot.press("escape", "r")
        await pilot.pause()
        assert [e.response for e in room.entries_at(1)] == [
            frozenset({0, 2}),
            None,
            frozenset({0}),
        ]
        await pilot.press("enter")
        await pilot.pause()
        # 3. true/false: skipped, then back to look at it, then on
        await pilot.press("escape", "s")
        await pilot.pause()
        assert room.states[2] is Phase.SKIPPED and room.position == 3
        # 4. estimate: every guess on the number line
        await _answer(pilot, "11,5", "200", "8")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(NumberLine).scale.log  # 8 to 200: orders of magnitude
        await pilot.press("n")  # the facilitator's notes, hidden until asked
        assert screen.query_one("#room-notes").display
        await pilot.press("n", "enter")
        await pilot.pause()
        # 5. order and 6. match
        await _answer(pilot, _order_letters(mini_catalog), "abc", "-")
        await pilot.press("enter", "enter")
        await pilot.pause()
        await _answer(pilot, "bca", "bca", "bca")
        await pilot.press("enter", "enter")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, RoomResultsScreen)
        steps = list(results.query(".step"))  # second, first, third place
        winner = str(steps[1].query(Static).first().render())
        assert winner == "▲ 1 Castors"
        path = results.query_one("#minutes-path", Input)
        path.focus()
        await pilot.press("end", "ctrl+u", *str(minutes_path), "enter")
        for _ in range(50):
            await pilot.pause(0.02)
            if minutes_path.exists() and minutes_path.stat().st_size:
                break
        minutes_text = results.minutes
        assert results.query_one(Markdown).source == minutes_text
    session = store.sessions()[0]
    assert session.status == FINISHED and session.kind == "comite"
    setup = store.setup(session.id)
    assert setup is not None
    assert setup.kind is SessionKind.COMITE
    assert setup.day.isoformat() == "2026-03-02"
    assert setup.place == "Salle du conseil" and setup.facilitator == "Camille Martin"
    assert setup.audience == [
        AudienceCount(Audience.AGENTS, 12),
        AudienceCount(Audience.ELUS, 3, estimated=True),
    ]
    assert setup.partners == [Partner("Repair café du quartier", "association")]
    assert room_store.load_states(store, session.id)[2] is Phase.SKIPPED
    assert len(store.answers(session.id)) == 15  # five questions asked, three teams
    assert minutes_path.read_text(encoding="utf-8") == minutes_text
    assert "# Comité de lancement du 2 mars 2026" in minutes_text
    assert "| 1 ▲ Castors | 4,4 % | ✔ 1 |" in minutes_text
    assert render_minutes(room, setup, mini_catalog.figures) == minutes_text


async def test_a_room_vote_ended_early(mini_catalog: Catalog, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await _type(pilot, "n-citoyens", "40")
        await _tab_to(pilot, "e-citoyens")
        await pilot.press("space")
        await _tab_to(pilot, "mode")
        await pilot.press("enter", "down", "enter")  # Vote à main levée
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        await _answer(pilot, "2", "5", "9", "0")  # raised hands for A, B, C, D
        await pilot.press("enter")
        await pilot.pause()
        reveal = " ".join(str(w.render()) for w in screen.query("#room-reveal > Static"))
        assert "56 % des mains pour la bonne réponse" in reveal
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("shift+tab", "enter")  # « Terminer »
        await pilot.pause()
        assert isinstance(app.screen, RoomResultsScreen)
        assert app.screen.query_one("#share Digits", Digits).value == "56%"  # 9 hands of 16
    session = store.sessions()[0]
    assert session.status == FINISHED
    (answer,) = store.answers(session.id)
    assert answer.response == {"votes": [2, 5, 9, 0]}
    states = room_store.load_states(store, session.id)
    assert [states[i] for i in range(6)] == [Phase.REVEALED] + [Phase.SKIPPED] * 5
    setup = store.setup(session.id)
    assert setup is not None
    assert setup.audience == [AudienceCount(Audience.CITOYENS, 40, estimated=True)]


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
        await _fill_form(pilot)
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
        await _fill_form(pilot)
        await _type(pilot, "timer", "30")
        await _tab_to(pilot, "auto")
        await pilot.press("space")
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

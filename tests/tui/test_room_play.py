"""A facilitator's session, driven through the keys: set up, play, reveal, summarise."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, Input, Markdown, Static

from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.room_setup import Phase
from nrgame.core.sessions import AudienceCount, Partner, SessionKind
from nrgame.storage import room as room_store
from nrgame.storage.sqlite import FINISHED, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.room import RoomScreen
from nrgame.tui.screens.room_results import RoomResultsScreen
from nrgame.tui.screens.room_setup import RoomSetupScreen
from nrgame.tui.widgets.confirm import ConfirmDialog
from nrgame.tui.widgets.number_line import NumberLine
from nrgame.usecases.minutes import session_minutes
from tests.conftest import FixedClock

SIZE = (120, 40)


async def _type(pilot: Pilot[None], field: str, text: str) -> None:
    """Click into a field, clear it and type (clicking saves a long walk with Tab)."""
    await pilot.click(f"#{field}")
    await pilot.press("end", "ctrl+u", *text)


async def _fill_form(pilot: Pilot[None]) -> None:
    await pilot.press("s")  # the highlighted deck, in a room
    await pilot.pause()
    assert isinstance(pilot.app.screen, RoomSetupScreen)
    assert pilot.app.focused is not None and pilot.app.focused.id == "kind"
    await pilot.press("space", "down", "enter")  # Sorte : Comité de lancement
    await pilot.press("tab", "tab", *"Mairie", "enter", *"Camille", "enter")
    await pilot.press(*"12")
    await _type(pilot, "n-elus", "3")
    await pilot.click("#e-elus")  # estimated
    await _type(pilot, "partners", "Repair café (asso)")


async def _quick_form(pilot: Pilot[None]) -> None:
    """The least a facilitator must give: how many people are there."""
    await pilot.press("s")
    await pilot.pause()
    await _type(pilot, "n-agents", "9")


async def _answer(pilot: Pilot[None], *answers: str) -> None:
    for answer in answers:
        await pilot.press(*answer, "enter")
    await pilot.pause()


async def test_a_three_team_session_from_set_up_to_minutes(
    mini_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the minutes go where the facilitator types: « cr.md »
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    minutes_path = tmp_path / "cr.md"
    async with app.run_test(size=SIZE) as pilot:
        await _fill_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        room = screen.room
        assert room.waiting() == ["Castors", "Hérons", "Loutres"]
        # 1. choice: each team in turn, then Entrée reveals, Entrée moves on
        await pilot.press("enter")  # a stray Entrée records nothing
        assert "ou « - » : sans réponse" in str(screen.query_one(".input-error").render())
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
        assert not screen.query_one("#room-notes").display
        await pilot.press("n")  # the facilitator's notes, hidden until asked
        assert screen.query_one("#room-notes").display
        await pilot.press("n", "t")  # time is short: end here
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # « Terminer »
        await pilot.pause()
        results = app.screen
        assert isinstance(results, RoomResultsScreen)
        steps = list(results.query(".step"))  # second, first, third place
        winner = str(steps[1].query(Static).first().render())
        assert winner == "▲ 1 Castors"
        path = results.query_one("#minutes-path", Input)
        path.focus()
        await pilot.press("end", "ctrl+u", *"cr.md", "enter")
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
    assert setup.place == "Mairie" and setup.facilitator == "Camille"
    assert setup.audience == [
        AudienceCount(Audience.AGENTS, 12),
        AudienceCount(Audience.ELUS, 3, estimated=True),
    ]
    assert setup.partners == [Partner("Repair café", "asso")]
    states = room_store.load_states(store, session.id)
    assert [states[i] for i in range(6)] == [Phase.REVEALED] * 2 + [Phase.SKIPPED] + [
        Phase.REVEALED
    ] + [Phase.SKIPPED] * 2
    assert len(store.answers(session.id)) == 9  # three questions asked, three teams
    assert minutes_path.read_text(encoding="utf-8") == minutes_text
    assert "# Comité de lancement du 2 mars 2026" in minutes_text
    assert "| 1 ▲ Castors | 4,4 % | ✔ 1 |" in minutes_text
    assert session_minutes(store, mini_catalog, session.id).markdown == minutes_text


async def test_a_room_vote_ended_early(mini_catalog: Catalog, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await _type(pilot, "n-citoyens", "40")
        await pilot.click("#e-citoyens")
        await pilot.click("#mode")
        await pilot.press("down", "enter")  # Vote à main levée
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


async def test_the_reveal_credits_the_page_and_the_note_stays_with_the_facilitator(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    note = mini_catalog.figures["test-empreinte-2022"].facilitator
    assert note
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await _type(pilot, "n-citoyens", "40")
        await pilot.click("#mode")
        await pilot.press("down", "enter")  # Vote à main levée
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        await _answer(pilot, "2", "5", "9", "0")
        await pilot.press("enter")
        await pilot.pause()
        reveal = " ".join(str(w.render()) for w in screen.query("#room-reveal Static"))
        assert "Source : ADEME, « Numérique : quel impact environnemental en 2022 ? »" in reveal
        assert "(infos.ademe.fr/?p=10709258)" in reveal
        assert note not in reveal
        await pilot.press("n")  # the notes panel: the question's notes, then the figure's
        notes = str(screen.query_one("#room-notes", Static).render())
        assert "Demander à la salle de lever la main." in notes
        assert note in notes
        await pilot.press("n", "enter")
        await pilot.pause()
        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("shift+tab", "enter")  # « Terminer »
        await pilot.pause()
        results = app.screen
        assert isinstance(results, RoomResultsScreen)
        assert note not in results.minutes
        assert "Réserve : Hausse surtout méthodologique" in results.minutes

"""In the room, driven through the keys: more hands than people present need the facilitator's
word, and an answer or a vote can be corrected after the reveal, the change kept in the base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from nrgame.core.catalog import Catalog
from nrgame.core.room_setup import ROOM, Phase
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.room import RoomScreen
from nrgame.tui.screens.room_results import RoomResultsScreen
from nrgame.tui.widgets.confirm import ConfirmDialog
from tests.conftest import FixedClock

SIZE = (120, 40)


async def _start(pilot: Pilot[None], vote: bool) -> RoomScreen:
    """A room of 9 agents (the form's least), in teams or by a show of hands."""
    await pilot.press("s")
    await pilot.pause()
    await pilot.click("#n-agents")
    await pilot.press(*"9")
    if vote:
        await pilot.click("#mode")
        await pilot.press("down", "enter")  # Vote à main levée
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RoomScreen)
    return screen


def _error(screen: RoomScreen) -> str:
    return str(screen.query_one(".input-error", Static).render())


def _history(store: SqliteStore, session_id: str) -> list[tuple[Any, ...]]:
    return store.query(
        "SELECT position, team, response_before, score_before, response_after, score_after, "
        "reason FROM answer_history WHERE session_id = ? ORDER BY id",
        (session_id,),
    )


async def test_more_hands_than_people_are_refused_then_confirmed_then_corrected(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await _start(pilot, vote=True)
        sid = screen.played.session_id
        # « 1e9 » in a count is refused with its reason, never read as 19
        await pilot.press(*"1e9", "enter", "enter", "enter", "enter")
        await pilot.pause()
        assert "A : « 1e9 » : écrivez le nombre en chiffres" in _error(screen)
        assert store.answers(sid) == []
        # 10 hands for 9 people: the facilitator is asked; Entrée keeps the safe choice
        for count in ("4", "6", "", ""):
            await pilot.press("end", "ctrl+u", *count, "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "10 mains levées pour 9 personnes déclarées présentes." in dialog.detail
        assert dialog.focused is not None and dialog.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Vote non enregistré" in _error(screen)
        assert store.answers(sid) == []
        # asked again, the facilitator confirms: the vote is recorded as counted
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("shift+tab", "enter")  # « Enregistrer quand même »
        await pilot.pause()
        assert app.screen is screen
        (answer,) = store.answers(sid)
        assert answer.response == {"votes": [4, 6, 0, 0]} and answer.score == 0.0
        await pilot.press("enter")  # reveal
        await pilot.pause()
        assert screen.room.phase is Phase.REVEALED
        # after the reveal: C corrects the vote (the right option C had 3 hands)
        await pilot.press("c")
        await pilot.pause()
        for count in ("4", "2", "3"):
            await pilot.press("end", "ctrl+u", count, "enter")
        await pilot.press("enter", *"recompté", "enter")  # D stays at 0; then the reason
        await pilot.pause()
        reveal = " ".join(str(w.render()) for w in screen.query("#room-reveal > Static"))
        assert "33 % des mains pour la bonne réponse" in reveal  # 3 hands of 9
    (answer,) = store.answers(sid)
    assert answer.response == {"votes": [4, 2, 3, 0]}
    assert answer.score == 3 / 9
    assert _history(store, sid) == [
        (0, ROOM, '{"votes": [4, 6, 0, 0]}', 0.0, '{"votes": [4, 2, 3, 0]}', 3 / 9, "recompté")
    ]


async def test_a_team_answer_is_corrected_after_the_reveal_and_after_moving_on(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await _start(pilot, vote=False)
        sid = screen.played.session_id
        for answer in ("a", "b", "c"):  # the right option is C
            await pilot.press(answer, "enter")
        await pilot.press("enter")  # reveal
        await pilot.pause()
        assert "C, ou le numéro d'une équipe : corriger sa réponse" in str(
            screen.query_one("#room-banner", Static).render()
        )
        # the facilitator misread Castors's card: 1 picks the team, the reason is free text
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*"x", "enter")
        await pilot.pause()
        assert "« X » : lettre attendue entre A et D" in _error(screen)
        await pilot.press("end", "ctrl+u", "c", "enter", *"carton mal lu", "enter")
        await pilot.pause()
        standings = {s.team.name: s.score for s in screen.room.standings()}
        assert standings == {"Castors": 1.0, "Hérons": 0.0, "Loutres": 1.0}
        await pilot.press("enter")  # next question
        await pilot.pause()
        assert screen.room.position == 1
        # later: back to the first question, C then Échap changes nothing, 2 corrects Hérons
        await pilot.press("escape", "left")  # Échap ends the typing for question 2
        await pilot.pause()
        assert screen.room.position == 0
        await pilot.press("c", "escape")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("c", "enter", "enter")  # no reason given
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # « Terminer »
        await pilot.pause()
        results = app.screen
        assert isinstance(results, RoomResultsScreen)
        minutes = results.minutes
    scores = {a.team: a.score for a in store.answers(sid) if a.position == 0}
    assert scores == {"Castors": 1.0, "Hérons": 1.0, "Loutres": 1.0}
    history = [
        (t, json.loads(b), sb, json.loads(a), sa, r)
        for _, t, b, sb, a, sa, r in _history(store, sid)
    ]
    assert history == [
        ("Castors", 0, 0.0, 2, 1.0, "carton mal lu"),
        ("Hérons", 1, 0.0, 2, 1.0, ""),
    ]
    assert "| 1 ▲ Castors | 4,4 % | ✔ 1 |" in minutes
    assert (
        "- Question 1, 1 ▲ Castors : 0,5 % (✘ 0) → 4,4 % (✔ 1) ; motif : carton mal lu." in minutes
    )
    assert "- Question 1, 2 ● Hérons : 2,5 % (✘ 0) → 4,4 % (✔ 1)." in minutes

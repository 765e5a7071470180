"""Start, resume and show sessions from the app: a use case starts or resumes the session
(on disk before anything shows), then the screen that plays it is pushed. A base that
refuses is said in a notification, never a crash of the app's loop."""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from nrgame.tui.host import Host
from nrgame.usecases.open_store import StoreError
from nrgame.usecases.play_board import RecordedBoard
from nrgame.usecases.play_quiz import RecordedQuiz, ResumeError
from nrgame.usecases.resume_sessions import (
    Unfinished,
    abandon_session,
    all_unfinished,
    resume_session,
    unfinished_deck_of,
    unfinished_game_of,
)
from nrgame.usecases.run_room import RecordedRoom, comparable_sessions

if TYPE_CHECKING:
    from nrgame.core.scenario import Scenario
    from nrgame.core.sessions import SessionSetup
    from nrgame.tui.screens.room_setup import RoomPlan

P = ParamSpec("P")
H = TypeVar("H", bound=Host)

ABANDONED_SAID = {
    "série": "Série abandonnée ; ses réponses restent dans les résultats.",
    "partie": "Partie abandonnée ; ses tours restent enregistrés.",
}
"""What abandoning says; a room session is said as a quiz is."""


def storage_faults_said(
    method: Callable[Concatenate[H, P], None],
) -> Callable[Concatenate[H, P], None]:
    """A storage fault in an app-level handler is said in a notification. Uncaught, it would
    stop the app's own message loop, and with it the whole app."""

    @functools.wraps(method)
    def guarded(app: H, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            method(app, *args, **kwargs)
        except StoreError as exc:
            app.notify(str(exc), severity="error", timeout=15)

    return guarded


def show(app: Host, played: RecordedQuiz | RecordedRoom | RecordedBoard) -> None:
    """Push the screen that plays a session just started or resumed."""
    if isinstance(played, RecordedBoard):
        from nrgame.tui.screens.board import BoardScreen

        app.push_screen(BoardScreen(played, figures=app.catalog.figures))
    elif isinstance(played, RecordedRoom):
        from nrgame.tui.screens.room import RoomScreen

        app.push_screen(RoomScreen(played, app.catalog))
    else:
        from nrgame.tui.screens.quiz import QuizScreen

        app.push_screen(QuizScreen(played, app.catalog))


def play(app: Host, start: Callable[[], RecordedQuiz | RecordedRoom | RecordedBoard]) -> None:
    """Start a session and show it; a base that refuses the start is said."""
    try:
        played = start()
    except StoreError as exc:
        app.notify(str(exc), severity="error", timeout=10)
        return
    show(app, played)


@storage_faults_said
def offer_resume(app: Host) -> None:
    """At start-up, every session left unfinished is offered, the newest first; after one is
    abandoned, those left are offered again."""
    left = all_unfinished(app.store, app.catalog)
    if left:
        _offer(app, left)


def _offer(app: Host, left: list[Unfinished], *, fresh: bool = False) -> None:
    from nrgame.tui.screens.resume import ResumeDialog

    dialog = ResumeDialog(left, fresh=fresh)
    app.push_screen(dialog, lambda choice: _resume_chosen(app, dialog.chosen, choice, fresh))


@storage_faults_said
def _resume_chosen(app: Host, left: Unfinished, choice: str | None, fresh: bool) -> None:
    if choice == "resume":
        try:
            played = resume_session(app.store, app.catalog, left.record, app.clock)
        except ResumeError as exc:
            app.notify(f"Reprise impossible : {exc}.", severity="error")
            return
        show(app, played)
    elif choice == "abandon":
        abandon_session(app.store, left.record, app.clock)
        app.notify(ABANDONED_SAID.get(left.what, ABANDONED_SAID["série"]))
        if not fresh:
            offer_resume(app)
    elif choice == "new":
        _start_new(app, left)


def _start_new(app: Host, left: Unfinished) -> None:
    """Another session like the one left open, which stays open for later."""
    deck_id = left.record.deck_id
    if left.scenario_id is not None:
        _board_form(app, left.scenario_id)
    elif deck_id is not None and left.what == "séance":
        _room_form(app, deck_id)
    elif deck_id is not None:
        _start_quiz(app, deck_id)


@storage_faults_said
def deck_chosen(app: Host, deck_id: str) -> None:
    """A quiz of this deck left unfinished is offered first, never started over at Q1."""
    left = unfinished_deck_of(app.store, deck_id, room=False)
    if left is None:
        _start_quiz(app, deck_id)
    else:
        _offer(app, [left], fresh=True)


def _start_quiz(app: Host, deck_id: str) -> None:
    play(app, partial(RecordedQuiz.start, app.store, app.catalog, deck_id, app.clock))


@storage_faults_said
def scenario_chosen(app: Host, scenario_id: str) -> None:
    """A game of this scenario left unfinished is offered first, never started over."""
    left = unfinished_game_of(app.store, scenario_id)
    if left is None:
        _board_form(app, scenario_id)
    else:
        _offer(app, [left], fresh=True)


def _board_form(app: Host, scenario_id: str) -> None:
    from nrgame.tui.screens.board_setup import BoardSetupScreen

    scenario = app.catalog.scenarios[scenario_id]
    form = BoardSetupScreen(scenario, app.clock().date())
    app.push_screen(form, partial(_start_board, app, scenario))


def _start_board(app: Host, scenario: Scenario, setup: SessionSetup | None) -> None:
    if setup is not None:
        play(app, partial(RecordedBoard.start, app.store, scenario, app.clock, setup=setup))


@storage_faults_said
def room_form(app: Host, deck_id: str) -> None:
    """The room set-up form, then the presenter view; a room session of this deck left
    unfinished is offered first."""
    left = unfinished_deck_of(app.store, deck_id, room=True)
    if left is None:
        _room_form(app, deck_id)
    else:
        _offer(app, [left], fresh=True)


def _room_form(app: Host, deck_id: str) -> None:
    from nrgame.tui.screens.room_setup import RoomSetupScreen

    deck, questions = app.catalog.decks[deck_id], app.catalog.deck_questions(deck_id)
    earlier = comparable_sessions(app.store)
    form = RoomSetupScreen(deck, len(questions), earlier, app.clock().date())
    app.push_screen(form, partial(_start_room, app, deck_id))


def _start_room(app: Host, deck_id: str, plan: RoomPlan | None) -> None:
    if plan is not None:
        start = RecordedRoom.start
        args = (app.store, app.catalog, deck_id, app.clock, plan.setup, plan.config)
        play(app, partial(start, *args, plan.linked_to))

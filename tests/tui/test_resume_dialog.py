"""Resuming continues the session left open, never a new one; every session left open is
offered, with what was done said in words agreeing in number."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.quiz import correct_response
from nrgame.core.room_setup import AnswerMode, RoomConfig
from nrgame.core.sessions import SessionKind, SessionSetup
from nrgame.storage.sqlite import ABANDONED, RUNNING, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.board import BoardScreen
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.screens.resume import ResumeDialog
from nrgame.tui.screens.room import RoomScreen
from nrgame.usecases.play_board import RecordedBoard
from nrgame.usecases.play_quiz import RecordedQuiz
from nrgame.usecases.run_room import RecordedRoom
from tests.conftest import FIXTURES, FixedClock

SIZE = (80, 24)


def _said(app: NrgameApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


async def test_choosing_the_deck_again_continues_the_quiz_left_open(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    """« vous pourrez reprendre », then Entrée on the same deck: the same session, at Q2."""
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the only deck
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("b", "enter")  # one answer
        await pilot.press("escape")  # « vous pourrez reprendre »
        await pilot.pause()
        await pilot.press("enter")  # the same deck again
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        assert "1 réponse enregistrée sur 6" in _said(app)
        await pilot.press("enter")  # Reprendre
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.quiz.position == 1
        assert "Question 2 sur 6" in str(app.screen.query_one("#meta").render())
    assert len(store.sessions()) == 1


async def test_a_new_series_can_still_be_started_leaving_the_other_open(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    left = RecordedQuiz.start(store, mini_catalog, "mini", FixedClock())
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # the offer at start-up: « Plus tard »
        await pilot.pause()
        app.start_deck("mini")
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        await pilot.press("right", "enter")  # « Nouvelle série »
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.played.session_id != left.session_id
    assert len(store.sessions(RUNNING)) == 2


async def test_every_unfinished_session_is_listed_and_any_can_be_resumed(tmp_path: Path) -> None:
    catalog = load_catalog([FIXTURES / "content", FIXTURES / "scenarios"])
    store = SqliteStore(tmp_path / "db.sqlite3")
    clock = FixedClock()
    game = RecordedBoard.start(store, catalog.scenarios["mini-plateau"], clock)
    game.confirm()
    quiz = RecordedQuiz.start(store, catalog, "mini", clock)
    for _ in range(2):
        quiz.answer(correct_response(quiz.quiz.current))
        quiz.quiz.advance()
    setup = SessionSetup(SessionKind.COMITE, clock().date())
    room = RecordedRoom.start(store, catalog, "mini", clock, setup, RoomConfig(AnswerMode.VOTE))
    room.reveal()
    app = NrgameApp(catalog, store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        said = _said(app)
        assert "3 sessions n'ont pas été terminées" in said
        listed = app.screen.query_one(OptionList)
        lines = [str(listed.get_option_at_index(i).prompt) for i in range(3)]
        assert "séance commencée" in lines[0] and "1 question jouée sur 6" in lines[0]
        assert "série commencée" in lines[1] and "2 réponses enregistrées sur 6" in lines[1]
        assert "partie commencée" in lines[2] and "1 tour joué" in lines[2]
        assert "questions jouée" not in said and "1 réponses" not in said

        await pilot.press("left")  # from « Reprendre » up to the list
        await pilot.press("down", "enter")  # the quiz, then « Reprendre » has the focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.played.session_id == quiz.session_id
        assert app.screen.quiz.position == 2


async def test_after_abandoning_one_the_others_are_offered(tmp_path: Path) -> None:
    catalog = load_catalog([FIXTURES / "content", FIXTURES / "scenarios"])
    store = SqliteStore(tmp_path / "db.sqlite3")
    clock = FixedClock()
    game = RecordedBoard.start(store, catalog.scenarios["mini-plateau"], clock)
    quiz = RecordedQuiz.start(store, catalog, "mini", clock)
    app = NrgameApp(catalog, store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        await pilot.press("right", "enter")  # « Abandonner » the newest: the quiz
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        assert "Une partie n'a pas été terminée" in _said(app)
        assert "0 tour joué" in _said(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.played.session_id == game.session_id
    record = store.session(quiz.session_id)
    assert record is not None and record.status == ABANDONED


async def test_choosing_the_deck_for_a_room_again_offers_the_room_left_open(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    clock = FixedClock()
    setup = SessionSetup(SessionKind.ATELIER, clock().date())
    room = RecordedRoom.start(
        store, mini_catalog, "mini", clock, setup, RoomConfig(AnswerMode.ROOM)
    )
    app = NrgameApp(mini_catalog, store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # « Plus tard »
        await pilot.pause()
        app.prepare_room("mini")
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        assert "Nouvelle séance" in str(app.screen.query_one("#new").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RoomScreen)
        assert app.screen.played.session_id == room.session_id

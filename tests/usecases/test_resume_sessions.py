"""Listing and resuming what was left running: one use case for the app (and a web face)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.quiz import correct_response
from nrgame.core.room_setup import AnswerMode, RoomConfig
from nrgame.core.sessions import ABANDONED, SessionKind, SessionSetup
from nrgame.usecases.open_store import Store, open_store
from nrgame.usecases.play_board import RecordedBoard
from nrgame.usecases.play_quiz import RecordedQuiz, ResumeError
from nrgame.usecases.resume_sessions import (
    abandon_session,
    all_unfinished,
    resume_session,
    unfinished_deck_of,
    unfinished_game_of,
)
from nrgame.usecases.run_room import RecordedRoom
from tests.conftest import FIXTURES, FixedClock


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    catalog = load_catalog([FIXTURES / "content", FIXTURES / "scenarios"])
    assert catalog.ok, catalog.errors
    return catalog


@pytest.fixture
def base(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "base.sqlite3")
    yield store
    store.close()


def test_nothing_left_offers_nothing(base: Store, catalog: Catalog) -> None:
    assert all_unfinished(base, catalog) == []
    assert unfinished_deck_of(base, "mini", room=False) is None
    assert unfinished_game_of(base, "mini-plateau") is None


def test_the_newest_quiz_or_room_comes_first_then_games(base: Store, catalog: Catalog) -> None:
    clock = FixedClock()
    game = RecordedBoard.start(base, catalog.scenarios["mini-plateau"], clock)
    game.confirm()
    quiz = RecordedQuiz.start(base, catalog, "mini", clock)
    quiz.answer(correct_response(quiz.quiz.current))
    setup = SessionSetup(SessionKind.ATELIER, clock().date())
    room = RecordedRoom.start(base, catalog, "mini", clock, setup, RoomConfig(mode=AnswerMode.ROOM))
    room.reveal()

    listed = all_unfinished(base, catalog)
    assert [(u.record.id, u.what, u.unit, u.participle, u.done) for u in listed] == [
        (room.session_id, "séance", "question", "jouée", 1),
        (quiz.session_id, "série", "réponse", "enregistrée", 1),
        (game.session_id, "partie", "tour", "joué", 1),
    ]
    room_left, quiz_left, game_left = listed
    assert isinstance(resume_session(base, catalog, room_left.record, clock), RecordedRoom)
    assert unfinished_deck_of(base, "mini", room=True) == room_left
    assert unfinished_deck_of(base, "mini", room=False) == quiz_left

    abandon_session(base, room_left.record, clock)
    assert [u.record.id for u in all_unfinished(base, catalog)] == [
        quiz.session_id,
        game.session_id,
    ]
    assert unfinished_deck_of(base, "mini", room=True) is None
    assert isinstance(resume_session(base, catalog, quiz_left.record, clock), RecordedQuiz)

    abandon_session(base, quiz_left.record, clock)
    record = base.session(quiz.session_id)
    assert record is not None and record.status == ABANDONED
    assert all_unfinished(base, catalog) == [game_left]
    assert game_left.scenario_id == "mini-plateau"
    resumed = resume_session(base, catalog, game_left.record, clock)
    assert isinstance(resumed, RecordedBoard) and len(resumed.game.history) == 1
    assert unfinished_game_of(base, "mini-plateau") == game_left
    assert unfinished_game_of(base, "mini-duel") is None


def test_revealed_room_questions_count_as_played(base: Store, catalog: Catalog) -> None:
    """Nine questions revealed in vote mode are nine played, whatever was typed."""
    clock = FixedClock()
    setup = SessionSetup(SessionKind.COMITE, clock().date())
    config = RoomConfig(mode=AnswerMode.VOTE)
    room = RecordedRoom.start(base, catalog, "mini", clock, setup, config)
    for _ in range(3):
        room.reveal()
        room.room.advance()
    (left,) = all_unfinished(base, catalog)
    assert left.done == 3


def test_a_game_whose_scenario_is_gone_is_not_offered_and_cannot_resume(
    base: Store, catalog: Catalog
) -> None:
    game = RecordedBoard.start(base, catalog.scenarios["mini-plateau"], FixedClock())
    without = replace(catalog, scenarios={})
    assert all_unfinished(base, without) == []
    record = base.session(game.session_id)
    assert record is not None
    with pytest.raises(ResumeError, match="mini-plateau"):
        resume_session(base, without, record, FixedClock())

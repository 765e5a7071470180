"""Recorded board games: each confirmed turn is on disk; a killed app resumes where it was."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nrgame.core.board_game import MoveError
from nrgame.core.scenario import Scenario
from nrgame.core.sessions import SessionKind
from nrgame.storage.sqlite import FINISHED, RUNNING, SqliteStore
from nrgame.storage.store import StoreError
from nrgame.usecases.play_board import BoardResumeError, RecordedBoard, turns_of, unfinished_boards


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 12, 14, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def test_each_confirmed_turn_is_committed_and_a_new_process_resumes_it(
    tmp_path: Path, mini: Scenario
) -> None:
    path = tmp_path / "r.sqlite3"
    store = SqliteStore(path)
    played = RecordedBoard.start(store, mini, Clock(), seed=5)
    played.game.play("diag")
    played.game.play("atelier")
    played.confirm()
    played.game.play("achat")
    played.confirm()
    played.game.play("plan")  # committed but not confirmed: not on disk
    expected = played.game.state()
    store.close()  # the app is killed here

    other = sqlite3.connect(path)
    rows = other.execute(
        "SELECT turn, team, cards FROM board_turns WHERE session_id = ? ORDER BY turn",
        (played.session_id,),
    ).fetchall()
    other.close()
    assert rows == [(1, 0, '["diag", "atelier"]'), (2, 0, '["achat"]')]

    again = SqliteStore(path)
    (record,) = unfinished_boards(again)
    assert record.kind == SessionKind.JEU_PLATEAU
    assert record.meta == {"scenario": "mini-plateau", "seed": 5, "teams": [""]}
    resumed = RecordedBoard.resume(again, mini, record, Clock())
    assert resumed.game.turn == 3
    assert resumed.game.committed() == []
    resumed.game.play("plan")
    assert resumed.game.state() == expected
    again.close()


def test_the_last_turn_finishes_the_session_and_undo_reopens_it(
    store: SqliteStore, mini: Scenario
) -> None:
    played = RecordedBoard.start(store, mini, Clock(), seed=1)
    for _ in range(4):
        played.confirm()
    record = store.session(played.session_id)
    assert record is not None and record.status == FINISHED
    assert unfinished_boards(store) == []
    played.undo()
    record = store.session(played.session_id)
    assert record is not None and record.status == RUNNING and record.finished_at is None
    assert turns_of(store, played.session_id) == [[[]], [[]], [[]]]
    assert played.game.turn == 4


def test_undo_without_a_confirmed_turn(store: SqliteStore, mini: Scenario) -> None:
    played = RecordedBoard.start(store, mini, Clock(), seed=1)
    with pytest.raises(MoveError, match="aucun tour confirmé"):
        played.undo()


def test_state_and_score_are_kept_with_each_turn(store: SqliteStore, mini: Scenario) -> None:
    played = RecordedBoard.start(store, mini, Clock(), seed=1)
    played.game.play("atelier")
    played.confirm()
    ((score, state),) = store.query(
        "SELECT score, state FROM board_turns WHERE session_id = ?", (played.session_id,)
    )
    assert json.loads(state)["indicators"]["public"] == 10
    assert score == played.game.score()


def test_game_numbers_never_reach_the_audience_table(store: SqliteStore, mini: Scenario) -> None:
    played = RecordedBoard.start(store, mini, Clock(), seed=1)
    played.game.play("atelier")
    for _ in range(4):
        played.confirm()
    assert played.game.value("public") == 20
    assert store.query("SELECT COUNT(*) FROM audience") == [(0,)]
    assert store.setup(played.session_id) is None


def test_a_failed_write_leaves_the_turn_unconfirmed(store: SqliteStore, mini: Scenario) -> None:
    played = RecordedBoard.start(store, mini, Clock(), seed=1)
    played.game.play("diag")
    store.query("DROP TABLE board_turns")
    with pytest.raises(StoreError):
        played.confirm()
    assert played.game.turn == 1
    assert played.game.committed() == ["diag"]


def test_competitive_games_record_one_row_per_team(store: SqliteStore, duel: Scenario) -> None:
    played = RecordedBoard.start(store, duel, Clock(), seed=2)
    played.game.play("un", team=0)
    played.game.play("deux", team=1)
    played.confirm()
    assert turns_of(store, played.session_id) == [[["un"], ["deux"]]]
    (record,) = unfinished_boards(store)
    resumed = RecordedBoard.resume(store, duel, record, Clock())
    assert resumed.game.teams == ["Équipe 1", "Équipe 2"]
    assert resumed.game.maturity(2, team=1) == 2


def test_resume_refuses_another_scenario(
    store: SqliteStore, mini: Scenario, duel: Scenario
) -> None:
    played = RecordedBoard.start(store, mini, Clock(), seed=2)
    record = store.session(played.session_id)
    assert record is not None
    with pytest.raises(BoardResumeError, match="mini-plateau"):
        RecordedBoard.resume(store, duel, record, Clock())

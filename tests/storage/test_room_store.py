"""Room sessions on disk: every answer as it happens, resumable, comparable before and after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.room_scoring import Votes
from nrgame.core.room_setup import ROOM, AnswerMode, Phase, RoomConfig, TooManyHands, make_teams
from nrgame.core.sessions import AudienceCount, Partner, SessionKind, SessionSetup
from nrgame.storage import room as room_store
from nrgame.storage.exchange import export_records, import_records
from nrgame.storage.sqlite import FINISHED, RUNNING, SqliteStore
from nrgame.storage.store import Store, StoreError
from nrgame.usecases.play_quiz import RecordedQuiz, ResumeError
from nrgame.usecases.resume_sessions import unfinished_sessions
from nrgame.usecases.run_room import RecordedRoom, unfinished_rooms
from tests.conftest import FixedClock

SETUP = SessionSetup(
    SessionKind.COMITE,
    date(2026, 3, 2),
    "Salle du conseil",
    "Camille",
    [AudienceCount(Audience.AGENTS, 9, estimated=True), AudienceCount(Audience.ELUS, 4)],
    [Partner("Repair café du quartier", "association")],
)
TEAMS = RoomConfig(teams=make_teams(["Castors", "Hérons", "Loutres"]))


def test_a_room_session_is_recorded_as_it_happens_and_resumed(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    played = RecordedRoom.start(store, mini_catalog, "mini", FixedClock(), SETUP, TEAMS)
    assert store.setup(played.session_id) == SETUP  # the audience record, before any answer
    played.enter("Castors", 1)
    played.enter("Castors", 2)  # corrected before the reveal: one row, the last answer
    played.enter("Hérons", 0)
    played.reveal()
    played.room.advance()
    played.skip()
    played.enter("Loutres", False)
    store.close()  # the laptop dies here

    store = SqliteStore(path)
    (record,) = unfinished_rooms(store)
    assert record.kind == "comite"
    rows = [(a.position, a.team, a.response, a.score) for a in store.answers(record.id)]
    assert rows == [
        (0, "Castors", 2, 1.0),
        (0, "Hérons", 0, 0.0),
        (0, "Loutres", None, 0.0),
        (2, "Loutres", False, 1.0),
    ]
    resumed = RecordedRoom.resume(store, mini_catalog, record, FixedClock())
    room = resumed.room
    assert room.states == {0: Phase.REVEALED, 1: Phase.SKIPPED}
    assert room.position == 2 and room.waiting() == ["Castors", "Hérons"]
    assert resumed.setup == SETUP
    resumed.enter("Castors", False)
    resumed.reveal()
    resumed.end_now()
    assert store.session(record.id).status == FINISHED  # type: ignore[union-attr]
    assert room_store.mean_score(store, record.id) == pytest.approx(3 / 6)
    assert room.mean_score() == pytest.approx(3 / 6)


def test_votes_are_stored_as_json_and_read_back(mini_catalog: Catalog, store: Store) -> None:
    config = RoomConfig(mode=AnswerMode.VOTE)
    played = RecordedRoom.start(store, mini_catalog, "mini", FixedClock(), SETUP, config)
    played.vote([1, 2, 10, 0])  # 13 hands, the 13 people declared
    (answer,) = store.answers(played.session_id)
    assert answer.team == ROOM and answer.response == {"votes": [1, 2, 10, 0]}
    record = store.session(played.session_id)
    assert record is not None
    resumed = RecordedRoom.resume(store, mini_catalog, record, FixedClock())
    assert resumed.room.entries_at(0)[0].response == Votes((1, 2, 10, 0))


def test_a_refused_write_leaves_the_session_as_it_was(
    mini_catalog: Catalog, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    played = RecordedRoom.start(store, mini_catalog, "mini", FixedClock(), SETUP, TEAMS)
    played.enter("Castors", 2)

    def full_disk(*args: object) -> None:
        raise StoreError("Le disque est plein")

    monkeypatch.setattr(room_store, "save_reveal", full_disk)
    with pytest.raises(StoreError):
        played.reveal()
    assert played.room.phase is Phase.ASKING
    assert played.room.waiting() == ["Hérons", "Loutres"]  # no « sans réponse » kept
    monkeypatch.setattr(room_store, "save_entry", full_disk)
    with pytest.raises(StoreError):
        played.enter("Castors", 0)
    assert played.room.entries_at(0)[0].response == 2


def test_before_and_after(mini_catalog: Catalog, store: Store) -> None:
    before = RecordedQuiz.start(store, mini_catalog, "mini", FixedClock())
    for response in (2, None, None, None, None, None):  # one right answer out of six
        before.answer(response)
        before.quiz.advance()
    before.finish()
    assert [s.id for s in room_store.earlier_sessions(store)] == [before.session_id]
    config = RoomConfig(mode=AnswerMode.ROOM)
    after = RecordedRoom.start(
        store, mini_catalog, "mini", FixedClock(), SETUP, config, linked_to=before.session_id
    )
    after.enter(ROOM, 2)
    after.reveal()
    after.room.advance()
    after.enter(ROOM, frozenset({0, 2}))
    after.reveal()
    after.end_now()
    progress = after.before_after()
    assert progress is not None
    assert progress.before == pytest.approx(1 / 6)
    assert progress.after == 1.0
    assert progress.before_label == "Quiz individuel du 2 mars 2026, « Petite série de test »"
    assert room_store.find_session(store, before.session_id[:8]).id == before.session_id
    with pytest.raises(StoreError, match="aucune séance"):
        room_store.find_session(store, "zzzz")


def test_unfinished_sessions_are_newest_first_and_a_quiz_is_no_room(
    mini_catalog: Catalog, store: Store
) -> None:
    clock = FixedClock()
    quiz = RecordedQuiz.start(store, mini_catalog, "mini", clock)
    room = RecordedRoom.start(store, mini_catalog, "mini", clock, SETUP, TEAMS)
    assert [s.id for s in unfinished_sessions(store)] == [room.session_id, quiz.session_id]
    assert [s.id for s in store.sessions(RUNNING)] == [quiz.session_id, room.session_id]
    with pytest.raises(ResumeError, match="pas été préparée pour une salle"):
        RecordedRoom.resume(store, mini_catalog, store.session(quiz.session_id), clock)  # type: ignore[arg-type]


def test_a_correction_after_the_reveal_updates_the_answer_and_keeps_the_history(
    mini_catalog: Catalog, store: Store, tmp_path: Path
) -> None:
    clock = FixedClock()
    played = RecordedRoom.start(store, mini_catalog, "mini", clock, SETUP, TEAMS)
    played.enter("Castors", 1)
    played.enter("Hérons", 2)
    played.reveal()
    played.room.advance()
    played.correct(0, "Castors", 2, "lettre mal lue")
    scores = {a.team: a.score for a in store.answers(played.session_id) if a.position == 0}
    assert scores == {"Castors": 1.0, "Hérons": 1.0, "Loutres": 0.0}
    history = store.query(
        "SELECT position, team, response_before, score_before, response_after, score_after, "
        "reason FROM answer_history WHERE session_id = ?",
        (played.session_id,),
    )
    assert history == [(0, "Castors", "1", 0.0, "2", 1.0, "lettre mal lue")]
    resumed = RecordedRoom.resume(store, mini_catalog, store.session(played.session_id), clock)  # type: ignore[arg-type]
    assert resumed.room.entries[(0, "Castors")].response == 2
    assert [(c.team, c.before, c.after) for c in resumed.room.corrections] == [("Castors", 1, 2)]
    # the history goes with the session into an export, and comes back on another base
    data = export_records(store, clock())
    (rows,) = [s["rows"] for s in data["sessions"]]
    assert [r["reason"] for r in rows["answer_history"]] == ["lettre mal lue"]
    other = SqliteStore(tmp_path / "other.sqlite3")
    assert import_records(other, data, "export.json").added == [played.session_id]
    assert other.query("SELECT team, score_after FROM answer_history") == [("Castors", 1.0)]
    other.close()


def test_a_refused_correction_leaves_answer_and_history_as_they_were(
    mini_catalog: Catalog, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = RoomConfig(mode=AnswerMode.VOTE)
    played = RecordedRoom.start(store, mini_catalog, "mini", FixedClock(), SETUP, config)
    played.vote([2, 5, 6, 0])
    played.reveal()

    def full_disk(*args: object) -> None:
        raise StoreError("Le disque est plein")

    monkeypatch.setattr(room_store, "save_correction", full_disk)
    with pytest.raises(StoreError):
        played.correct_votes(0, [2, 5, 4, 0])
    assert played.room.entries[(0, ROOM)].response == Votes((2, 5, 6, 0))
    assert played.room.corrections == []
    monkeypatch.undo()
    with pytest.raises(TooManyHands):
        played.correct_votes(0, [2, 5, 7, 0])  # 14 hands, 13 people
    played.correct_votes(0, [2, 5, 7, 0], "deux retardataires", confirmed=True)
    (answer,) = store.answers(played.session_id)
    assert answer.response == {"votes": [2, 5, 7, 0]} and answer.score == pytest.approx(0.5)
    assert store.query("SELECT response_before, response_after FROM answer_history") == [
        ('{"votes": [2, 5, 6, 0]}', '{"votes": [2, 5, 7, 0]}')
    ]

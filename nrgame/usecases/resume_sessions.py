"""List and resume unfinished sessions: quizzes, room sessions and board games left running
when the app closed (or the laptop died), offered again rather than lost or started over."""

from __future__ import annotations

from dataclasses import dataclass

from nrgame.core.catalog import Catalog
from nrgame.core.sessions import ABANDONED, RUNNING, Clock, SessionKind
from nrgame.storage import room as room_store
from nrgame.storage.store import SessionRecord, Store
from nrgame.usecases.play_board import BoardResumeError, RecordedBoard, turns_of, unfinished_boards
from nrgame.usecases.play_quiz import RecordedQuiz
from nrgame.usecases.run_room import RecordedRoom, is_room, unfinished_rooms


@dataclass(frozen=True)
class Unfinished:
    """A session left running, and how far it went, in the words the offer uses."""

    record: SessionRecord
    done: int
    what: str
    """« série », « séance » (in a room) or « partie » (a board game)."""
    unit: str
    """What `done` counts: « réponse », « question » or « tour »."""

    @property
    def scenario_id(self) -> str | None:
        scenario = self.record.meta.get("scenario")
        return None if scenario is None else str(scenario)


def unfinished_quizzes(store: Store) -> list[SessionRecord]:
    """Quizzes left running (app closed, laptop dead), newest first."""
    running = [s for s in store.sessions(RUNNING) if s.kind == SessionKind.QUIZ]
    return sorted(running, key=lambda s: s.started_at, reverse=True)


def unfinished_sessions(store: Store) -> list[SessionRecord]:
    """Quizzes and room sessions left running, newest first."""
    both = unfinished_quizzes(store) + unfinished_rooms(store)
    return sorted(both, key=lambda s: s.started_at, reverse=True)


def first_unfinished(store: Store, catalog: Catalog) -> Unfinished | None:
    """What to offer at start-up: the newest quiz or room session left running, else the
    newest board game whose scenario today's content still has."""
    sessions = unfinished_sessions(store)
    if sessions:
        record = sessions[0]
        if is_room(record):
            touched = {a.position for a in store.answers(record.id)}
            done = len(touched | set(room_store.load_states(store, record.id)))
            return Unfinished(record, done, "séance", "question")
        return Unfinished(record, len(store.answers(record.id)), "série", "réponse")
    boards = unfinished_boards(store)
    if boards and boards[0].meta.get("scenario") in catalog.scenarios:
        return unfinished_game(store, boards[0])
    return None


def unfinished_game(store: Store, record: SessionRecord) -> Unfinished:
    return Unfinished(record, len(turns_of(store, record.id)), "partie", "tour")


def unfinished_game_of(store: Store, scenario_id: str) -> Unfinished | None:
    """The newest game of this scenario left running: offered before a new one starts."""
    left = [r for r in unfinished_boards(store) if r.meta.get("scenario") == scenario_id]
    return unfinished_game(store, left[0]) if left else None


def resume_session(
    store: Store, catalog: Catalog, record: SessionRecord, clock: Clock
) -> RecordedQuiz | RecordedRoom | RecordedBoard:
    """Pick a session up where it stood. Raises ResumeError if today's content cannot
    replay it."""
    if record.kind == SessionKind.JEU_PLATEAU:
        scenario = catalog.scenarios.get(str(record.meta.get("scenario")))
        if scenario is None:
            raise BoardResumeError(f"le scénario « {record.meta.get('scenario')} » n'existe plus")
        return RecordedBoard.resume(store, scenario, record, clock)
    if is_room(record):
        return RecordedRoom.resume(store, catalog, record, clock)
    return RecordedQuiz.resume(store, catalog, record, clock)


def abandon_session(store: Store, record: SessionRecord, clock: Clock) -> None:
    """Close a session left running for good; what it recorded stays in the results."""
    store.finish_session(record.id, clock(), ABANDONED)

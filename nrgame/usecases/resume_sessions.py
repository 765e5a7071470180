"""List and resume unfinished sessions: quizzes, room sessions and board games left running
when the app closed (or the laptop died), offered again rather than lost or started over."""

from __future__ import annotations

from dataclasses import dataclass

from nrgame.core.catalog import Catalog
from nrgame.core.sessions import ABANDONED, Clock, SessionKind
from nrgame.storage import room as room_store
from nrgame.storage.store import SessionRecord, Store
from nrgame.usecases.play_board import BoardResumeError, RecordedBoard, turns_of, unfinished_boards
from nrgame.usecases.play_quiz import RecordedQuiz, unfinished_quizzes
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
    participle: str
    """What befell each of them, agreeing with `unit` in the singular: « enregistrée »,
    « jouée », « joué »."""

    @property
    def scenario_id(self) -> str | None:
        scenario = self.record.meta.get("scenario")
        return None if scenario is None else str(scenario)


def unfinished_sessions(store: Store) -> list[SessionRecord]:
    """Quizzes and room sessions left running, newest first."""
    both = unfinished_quizzes(store) + unfinished_rooms(store)
    return sorted(both, key=lambda s: s.started_at, reverse=True)


def all_unfinished(store: Store, catalog: Catalog) -> list[Unfinished]:
    """What to offer at start-up: every quiz and room session left running, newest first,
    then every board game whose scenario today's content still has, newest first."""
    left = [_unfinished(store, record) for record in unfinished_sessions(store)]
    boards = unfinished_boards(store)
    return left + [unfinished_game(store, r) for r in boards if _playable(catalog, r)]


def _playable(catalog: Catalog, record: SessionRecord) -> bool:
    return record.meta.get("scenario") in catalog.scenarios


def _unfinished(store: Store, record: SessionRecord) -> Unfinished:
    if is_room(record):
        touched = {a.position for a in store.answers(record.id)}
        done = len(touched | set(room_store.load_states(store, record.id)))
        return Unfinished(record, done, "séance", "question", "jouée")
    return Unfinished(record, len(store.answers(record.id)), "série", "réponse", "enregistrée")


def unfinished_deck_of(store: Store, deck_id: str, room: bool) -> Unfinished | None:
    """The newest quiz (or room session) of this deck left running: offered before a new one
    starts, so choosing the deck again continues it rather than starting over at Q1."""
    for record in unfinished_rooms(store) if room else unfinished_quizzes(store):
        if record.deck_id == deck_id:
            return _unfinished(store, record)
    return None


def unfinished_game(store: Store, record: SessionRecord) -> Unfinished:
    return Unfinished(record, len(turns_of(store, record.id)), "partie", "tour", "joué")


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

"""A quiz played and recorded at once: the one path both the app and scripted runs take.

Each answer is committed before the caller shows its correction, so what a player saw
confirmed is on disk. The same holds in a room (RecordedRoom): every team answer, vote,
reveal, skip and correction is on disk before the screen moves on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self

from nrgame.core.catalog import Catalog
from nrgame.core.content import Deck, Question
from nrgame.core.quiz import Given, QuizSession, response_from_json
from nrgame.core.room import Correction, Entry, RoomSession
from nrgame.core.room_scoring import BeforeAfter
from nrgame.core.room_setup import RoomConfig
from nrgame.core.scoring import Response
from nrgame.core.sessions import Clock, SessionKind, SessionSetup
from nrgame.storage import room as room_store
from nrgame.storage.sqlite import ABANDONED, FINISHED, RUNNING
from nrgame.storage.store import SessionRecord, Store


class ResumeError(Exception):
    """A recorded session that today's content can no longer replay."""


class RecordedQuiz:
    def __init__(
        self,
        store: Store,
        session_id: str,
        quiz: QuizSession,
        clock: Clock,
        learner: str | None = None,
    ):
        self.store = store
        self.session_id = session_id
        self.quiz = quiz
        self.clock = clock
        self.learner = learner
        """The self-training alias the session is recorded under, if any."""

    @classmethod
    def start(
        cls,
        store: Store,
        catalog: Catalog,
        deck_id: str,
        clock: Clock,
        kind: SessionKind = SessionKind.QUIZ,
        meta: dict[str, Any] | None = None,
        learner: str | None = None,
        script: str | None = None,
    ) -> Self:
        deck = catalog.decks[deck_id]
        questions = catalog.deck_questions(deck_id)
        return cls.start_on(store, catalog, deck, questions, clock, kind, meta, learner, script)

    @classmethod
    def start_on(
        cls,
        store: Store,
        catalog: Catalog,
        deck: Deck,
        questions: list[Question],
        clock: Clock,
        kind: SessionKind = SessionKind.QUIZ,
        meta: dict[str, Any] | None = None,
        learner: str | None = None,
        script: str | None = None,
    ) -> Self:
        """Start on questions drawn for the occasion (a day of self-training), not a deck's."""
        session_id = store.start_session(
            kind=kind.value,
            question_ids=[q.id for q in questions],
            started_at=clock(),
            deck_id=deck.id,
            deck_title=deck.title,
            content_version=catalog.version,
            meta=meta,
            learner=learner,
            script=script,
        )
        return cls(store, session_id, QuizSession(deck, questions), clock, learner)

    @classmethod
    def resume(
        cls,
        store: Store,
        catalog: Catalog,
        record: SessionRecord,
        clock: Clock,
        deck: Deck | None = None,
        learner: str | None = None,
    ) -> Self:
        """Rebuild a session from the store, on the questions it was started with.

        `deck` stands in for a deck drawn for the occasion, which the catalog does not hold.
        """
        deck, questions = _recorded_questions(catalog, record, deck)
        given = {
            a.position: Given(
                a.position,
                a.question_id,
                response_from_json(questions[a.position], a.response),
                a.score,
                a.answered_at,
            )
            for a in store.answers(record.id)
            if a.team == ""
        }
        quiz = QuizSession(deck, questions, given)
        return cls(store, record.id, quiz, clock, learner)

    def answer(self, response: Response | None) -> Given:
        given = self.quiz.answer(response, self.clock())
        try:
            self.store.record_answer(self.session_id, given)
        except Exception:
            del self.quiz.given[given.position]  # not on disk, so not confirmed
            raise
        return given

    def save_to(self, store: Store, content_version: str | None = None) -> None:
        """Write the session so far, kept in memory, into another base, and go on there:
        the way out when the base was replaced or damaged under the session."""
        session_id = store.start_session(
            kind=SessionKind.QUIZ.value,
            question_ids=[q.id for q in self.quiz.questions],
            started_at=self.clock(),
            deck_id=self.quiz.deck.id,
            deck_title=self.quiz.deck.title,
            content_version=content_version,
            meta={"rescued_from": self.session_id},
            learner=self.learner,
        )
        for given in sorted(self.quiz.given.values(), key=lambda g: g.position):
            store.record_answer(session_id, given)
        self.store, self.session_id = store, session_id

    def finish(self) -> None:
        self.store.finish_session(self.session_id, self.clock(), FINISHED)

    def abandon(self) -> None:
        self.store.finish_session(self.session_id, self.clock(), ABANDONED)


def _recorded_questions(
    catalog: Catalog, record: SessionRecord, deck: Deck | None = None
) -> tuple[Deck, list[Question]]:
    """The deck and questions a session was started with, if today's content still has them."""
    if deck is None:
        if record.deck_id not in catalog.decks:
            raise ResumeError(f"la série « {record.deck_id} » n'existe plus")
        deck = catalog.decks[record.deck_id]
    missing = [qid for qid in record.question_ids if qid not in catalog.questions]
    if missing:
        raise ResumeError(f"la question « {missing[0]} » n'existe plus")
    return deck, [catalog.questions[qid] for qid in record.question_ids]


def unfinished_quizzes(store: Store) -> list[SessionRecord]:
    """Quizzes left running (app closed, laptop dead), newest first."""
    running = [s for s in store.sessions(RUNNING) if s.kind == SessionKind.QUIZ]
    return sorted(running, key=lambda s: s.started_at, reverse=True)


def unfinished_rooms(store: Store) -> list[SessionRecord]:
    """Room sessions left running, newest first."""
    running = [s for s in store.sessions(RUNNING) if is_room(s)]
    return sorted(running, key=lambda s: s.started_at, reverse=True)


def unfinished_sessions(store: Store) -> list[SessionRecord]:
    """Quizzes and room sessions left running, newest first."""
    both = unfinished_quizzes(store) + unfinished_rooms(store)
    return sorted(both, key=lambda s: s.started_at, reverse=True)


def is_room(record: SessionRecord) -> bool:
    return "room" in record.meta


class RecordedRoom:
    """A room session played and recorded at once. If the store refuses a write, the session
    is put back as it was, so the screen never shows what is not on disk."""

    def __init__(
        self,
        store: Store,
        session_id: str,
        room: RoomSession,
        setup: SessionSetup,
        linked_to: str | None = None,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.room = room
        self.setup = setup
        self.linked_to = linked_to

    @classmethod
    def start(
        cls,
        store: Store,
        catalog: Catalog,
        deck_id: str,
        clock: Clock,
        setup: SessionSetup,
        config: RoomConfig,
        linked_to: str | None = None,
        script: str | None = None,
    ) -> RecordedRoom:
        """Open the session and save its set-up (the audience record) before anything is played."""
        deck = catalog.decks[deck_id]
        questions = catalog.deck_questions(deck_id)
        session_id = store.start_session(
            kind=setup.kind.value,
            question_ids=[q.id for q in questions],
            started_at=clock(),
            deck_id=deck.id,
            deck_title=deck.title,
            content_version=catalog.version,
            meta={"room": config.to_json()},
            setup=setup,
            linked_to=linked_to,
            script=script,
        )
        room = RoomSession(deck, questions, config, clock, present=setup.people)
        return cls(store, session_id, room, setup, linked_to)

    @classmethod
    def resume(
        cls, store: Store, catalog: Catalog, record: SessionRecord, clock: Clock
    ) -> RecordedRoom:
        """Rebuild a room session where it stood: answers, votes, revealed and skipped questions."""
        deck, questions = _recorded_questions(catalog, record)
        setup = store.setup(record.id)
        if setup is None or not is_room(record):
            raise ResumeError("cette séance n'a pas été préparée pour une salle")
        entries = room_store.load_entries(store, record.id, questions)
        room = RoomSession(
            deck,
            questions,
            RoomConfig.from_json(record.meta["room"]),
            clock,
            {(e.position, e.team): e for e in entries},
            room_store.load_states(store, record.id),
            present=setup.people,
            corrections=room_store.load_corrections(store, record.id, questions),
        )
        return cls(store, record.id, room, setup, room_store.linked_to(store, record.id))

    @contextmanager
    def _all_or_nothing(self) -> Iterator[None]:
        saved = self.room.snapshot()
        try:
            yield
        except BaseException:
            self.room.restore(saved)
            raise

    def enter(self, key: str, response: Response | None) -> Entry:
        with self._all_or_nothing():
            entry = self.room.enter(key, response)
            room_store.save_entry(self.store, self.session_id, entry)
        return entry

    def vote(self, counts: Sequence[int], confirmed: bool = False) -> Entry:
        """The raised hands; more than the people present only if `confirmed`."""
        with self._all_or_nothing():
            entry = self.room.vote(counts, confirmed)
            room_store.save_entry(self.store, self.session_id, entry)
        return entry

    def correct(
        self, position: int, key: str, response: Response | None, reason: str = ""
    ) -> Correction:
        """Correct a revealed answer: the answer, its score and the history, all at once."""
        with self._all_or_nothing():
            entry, correction = self.room.correct(position, key, response, self.clock(), reason)
            room_store.save_correction(self.store, self.session_id, entry, correction)
        return correction

    def correct_votes(
        self, position: int, counts: Sequence[int], reason: str = "", confirmed: bool = False
    ) -> Correction:
        with self._all_or_nothing():
            entry, correction = self.room.correct_votes(
                position, counts, self.clock(), reason, confirmed
            )
            room_store.save_correction(self.store, self.session_id, entry, correction)
        return correction

    def reveal(self) -> list[Entry]:
        with self._all_or_nothing():
            position = self.room.position
            blanks = self.room.reveal()
            room_store.save_reveal(self.store, self.session_id, position, blanks, self.clock())
        return blanks

    def skip(self) -> None:
        with self._all_or_nothing():
            position = self.room.position
            self.room.skip()
            room_store.save_skips(self.store, self.session_id, [position], self.clock())

    def unskip(self) -> None:
        with self._all_or_nothing():
            self.room.unskip()
            room_store.clear_skip(self.store, self.session_id, self.room.position)

    def end_now(self) -> None:
        """Stop here: questions not played are skipped, then the session is finished."""
        with self._all_or_nothing():
            skipped = self.room.end_now()
            room_store.save_skips(self.store, self.session_id, skipped, self.clock())
        self.finish()

    @property
    def clock(self) -> Clock:
        return self.room.clock

    def finish(self) -> None:
        self.store.finish_session(self.session_id, self.clock(), FINISHED)

    def abandon(self) -> None:
        self.store.finish_session(self.session_id, self.clock(), ABANDONED)

    def before_after(self) -> BeforeAfter | None:
        """Mean score of the linked earlier session against this one's."""
        if self.linked_to is None:
            return None
        record = self.store.session(self.linked_to)
        before = room_store.mean_score(self.store, self.linked_to)
        after = self.room.mean_score()
        if record is None or before is None or after is None:
            return None
        return BeforeAfter(room_store.session_label(self.store, record), before, after)

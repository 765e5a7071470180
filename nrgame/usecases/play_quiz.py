"""Play a quiz: played and recorded at once, the one path both the app and scripted runs take.

Each answer is committed before the caller shows its correction, so what a player saw
confirmed is on disk.
"""

from __future__ import annotations

from typing import Any, Self

from nrgame.core.catalog import Catalog
from nrgame.core.content import Deck, Question
from nrgame.core.quiz import Given, QuizSession, response_from_json
from nrgame.core.scoring import Response
from nrgame.core.sessions import ABANDONED, FINISHED, RUNNING, Clock, SessionKind
from nrgame.storage.store import SessionRecord, Store


class ResumeError(Exception):
    """A recorded session (a quiz, a room session, a board game) that today's content can no
    longer replay."""


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
        deck, questions = recorded_questions(catalog, record, deck)
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


def recorded_questions(
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

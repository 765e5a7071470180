"""Learners, review cards and certifications in the store."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.quiz import correct_response
from nrgame.core.sessions import SessionKind
from nrgame.core.training import LearningPath, due_day
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.store import Store
from nrgame.storage.training import (
    AliasError,
    add_learner,
    apply_answer,
    cards,
    certifications,
    check_alias,
    get_learner,
    learners,
    record_certification,
    running_sessions,
    save_path,
    sync_cards,
    touch,
    training_days,
)
from nrgame.usecases.train import (
    ExamQuiz,
    NotAnAttestation,
    TrainingQuiz,
    exam_decks,
    resume,
    start_day,
    start_exam,
)
from tests.conftest import FIXTURES, FixedClock

MONDAY = datetime(2026, 3, 2, 9, 0)


def test_alias_rules_are_said_in_french() -> None:
    assert check_alias("  Camille   D ") == "Camille D"
    assert check_alias("agent-07") == "agent-07"
    for bad, words in (
        ("", "Tapez"),
        ("x", "2 à 30"),
        ("camille@mairie.fr", "adresse électronique"),
        ("a" * 31, "2 à 30"),
        ("<b>", "2 à 30"),
    ):
        with pytest.raises(AliasError, match=words):
            check_alias(bad)


def test_learners_are_kept_by_alias_and_listed_latest_first(store: Store) -> None:
    add_learner(store, "Camille", MONDAY)
    add_learner(store, "Dominique", MONDAY + timedelta(minutes=1))
    with pytest.raises(AliasError, match="existe déjà"):
        add_learner(store, "camille", MONDAY)
    assert [learner.alias for learner in learners(store)] == ["Dominique", "Camille"]
    touch(store, "Camille", MONDAY + timedelta(hours=1))
    assert [learner.alias for learner in learners(store)] == ["Camille", "Dominique"]


def test_a_path_is_saved_per_learner(store: Store) -> None:
    add_learner(store, "Camille", MONDAY)
    add_learner(store, "Dominique", MONDAY)
    path = LearningPath(frozenset({2, 5}), frozenset({"énergie"}), 15, 20)
    save_path(store, "Camille", path)
    camille = get_learner(store, "Camille")
    dominique = get_learner(store, "Dominique")
    assert camille is not None and camille.path == path
    assert dominique is not None and dominique.path == LearningPath()


def test_cards_survive_a_reopened_store(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    store = SqliteStore(db)
    add_learner(store, "Camille", MONDAY)
    written = apply_answer(store, "Camille", "t-choice", 0.0, MONDAY)
    store.close()
    store = SqliteStore(db)
    read = cards(store, "Camille")["t-choice"]
    assert (read.state, read.stability, read.difficulty, read.due, read.last_review) == (
        written.state,
        written.stability,
        written.difficulty,
        written.due,
        written.last_review,
    )
    rows = store.query("SELECT due FROM review_cards")
    assert rows == [("2026-03-03T09:00:00",)]  # local time, like every moment in the store


def test_an_answer_moves_a_card_once(store: Store) -> None:
    add_learner(store, "Camille", MONDAY)
    first = apply_answer(store, "Camille", "q", 1.0, MONDAY)
    replay = apply_answer(store, "Camille", "q", 1.0, MONDAY)
    assert replay.due == first.due


def test_sync_replays_answers_a_card_missed(mini_catalog: Catalog, store: Store) -> None:
    """The app closed between recording an answer and moving its card: nothing is lost."""
    learner = add_learner(store, "Camille", MONDAY)
    clock = FixedClock(MONDAY)
    played = start_day(store, mini_catalog, learner, clock)
    assert played is not None
    question = played.quiz.current
    # record the answer through the plain RecordedQuiz path only
    super(TrainingQuiz, played).answer(correct_response(question))
    assert cards(store, "Camille") == {}
    assert sync_cards(store, "Camille") == 1
    assert due_day(cards(store, "Camille")[question.id]) == MONDAY.date() + timedelta(days=2)
    assert sync_cards(store, "Camille") == 0
    assert training_days(store, "Camille") == {MONDAY.date()}


def test_a_certification_is_recorded_once_per_session(store: Store) -> None:
    add_learner(store, "Camille", MONDAY)
    session_id = store.start_session(
        kind="autoformation", question_ids=["q"], started_at=MONDAY, learner="Camille"
    )
    args = {
        "session_id": session_id,
        "learner": "Camille",
        "deck_id": "mini",
        "score": 5.0,
        "max_score": 6.0,
        "content_version": "v1",
        "at": MONDAY,
    }
    first = record_certification(store, **args)  # type: ignore[arg-type]
    again = record_certification(store, **args)  # type: ignore[arg-type]
    assert first == again
    assert certifications(store, "Camille") == [first]
    assert store.query("SELECT learner, score, max_score FROM certifications") == [
        ("Camille", 5.0, 6.0)
    ]


def test_a_failed_exam_records_no_certification(mini_catalog: Catalog, store: Store) -> None:
    add_learner(store, "Camille", MONDAY)
    exam = ExamQuiz.start(store, mini_catalog, "mini", FixedClock(MONDAY), learner="Camille")
    for _ in exam.quiz.questions:
        exam.answer(None)
        exam.quiz.advance()
    exam.finish()
    assert exam.certification is None
    assert store.query("SELECT COUNT(*) FROM certifications") == [(0,)]


def test_a_final_test_resumed_after_closing_still_certifies(
    mini_catalog: Catalog, store: Store
) -> None:
    learner = add_learner(store, "Ana", MONDAY)
    clock = FixedClock(MONDAY)
    exam = start_exam(store, mini_catalog, learner, "mini", clock)
    exam.answer(None)  # one miss out of six: 83 %, above the 80 % mark
    exam.quiz.advance()
    (record,) = running_sessions(store, "Ana")
    again = resume(store, mini_catalog, record, learner, clock)
    assert isinstance(again, ExamQuiz)
    assert again.quiz.position == 1
    for question in again.quiz.questions[1:]:
        again.answer(correct_response(question))
        again.quiz.advance()
    again.finish()
    assert again.certification is not None
    assert (again.certification.score, again.certification.max_score) == (5.0, 6.0)
    assert again.attestation("").percent == 83


def test_a_deck_that_is_not_an_attestation_never_certifies(store: Store, tmp_path: Path) -> None:
    """Even answered perfectly, a deck without `attestation: true` gives no certification,
    and it is not offered (nor accepted) as a final test."""
    (tmp_path / "comite.yaml").write_text(
        "decks:\n"
        "  - id: comite\n"
        "    title: Comité de lancement\n"
        "    audience: Élus\n"
        "    description: Dix chiffres clés.\n"
        "    duration: 10\n"
        "    questions: [t-choice, t-truefalse]\n",
        encoding="utf-8",
    )
    catalog = load_catalog([FIXTURES / "content", tmp_path])
    assert catalog.ok, catalog.errors
    assert [d.id for d in exam_decks(catalog)] == ["mini"]
    learner = add_learner(store, "Ana", MONDAY)
    clock = FixedClock(MONDAY)
    with pytest.raises(NotAnAttestation, match="n'est pas une série d'attestation"):
        start_exam(store, catalog, learner, "comite", clock)
    exam = ExamQuiz.start(
        store, catalog, "comite", clock, kind=SessionKind.AUTOFORMATION, learner="Ana"
    )
    for question in exam.quiz.questions:
        exam.answer(correct_response(question))
        exam.quiz.advance()
    assert exam.quiz.score == exam.quiz.max_score == 2
    exam.finish()
    assert not exam.passed and exam.certification is None
    assert certifications(store, "Ana") == []

"""A passed final test shows up as a certified person in the annual report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nrgame.cli import main
from nrgame.core.catalog import Catalog
from nrgame.core.quiz import correct_response
from nrgame.core.sessions import SessionKind
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.training import add_learner, record_certification
from nrgame.usecases.play_quiz import RecordedQuiz
from tests.conftest import FIXTURES, FixedClock


def test_certification_is_counted_in_the_report(
    mini_catalog: Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    clock = FixedClock()
    add_learner(store, "castor-42", clock())
    played = RecordedQuiz.start(
        store, mini_catalog, "mini", clock, kind=SessionKind.AUTOFORMATION, learner="castor-42"
    )
    for question in played.quiz.questions:
        played.answer(correct_response(question))
        played.quiz.advance()
    played.finish()
    record_certification(
        store,
        session_id=played.session_id,
        learner="castor-42",
        deck_id="mini",
        score=played.quiz.score,
        max_score=played.quiz.max_score,
        content_version=mini_catalog.version,
        at=clock(),
    )
    store.close()
    code = main(
        ["report", "--format", "json", "--db", str(path), "--content", str(FIXTURES / "content")]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["certified"]["people"] == 1
    assert report["certified"]["attestations"] == 1
    assert report["people"]["learners"]["distinct"] == 1

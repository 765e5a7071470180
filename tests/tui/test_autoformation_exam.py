"""Self-training driven through its keys: the final test and its attestation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.training import due_day
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.store import StoreError
from nrgame.storage.training import Certification, cards, record_certification
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.attestation import ExamChoiceDialog, ExamResultScreen
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.screens.results import ResultsScreen
from nrgame.tui.screens.training import TrainingScreen
from nrgame.usecases import train as training
from tests.conftest import FIXTURES, FixedClock
from tests.tui.autoformation_keys import MONDAY, SIZE, answer, open_learner, text_of


@pytest.fixture(scope="module")
def exam_catalog() -> Catalog:
    catalog = load_catalog([FIXTURES / "content", FIXTURES / "training"])
    assert catalog.ok, catalog.errors
    return catalog


async def _take_exam(pilot, app: NrgameApp, wrong: set[str]) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(app.screen, ExamChoiceDialog)
    await pilot.press("enter")  # the self-training deck is offered first
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    assert screen.quiz.deck.id == "autoformation-agents"
    for question in list(screen.quiz.questions):
        await answer(pilot, app, right=question.id not in wrong)
    assert isinstance(app.screen, ExamResultScreen)


async def test_the_attestation_comes_at_eighty_percent_and_is_recorded(
    exam_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the learner types a folder under « ~ »
    db = tmp_path / "db.sqlite3"
    store = SqliteStore(db)
    folder = tmp_path / "attestations"
    app = NrgameApp(exam_catalog, store, clock=FixedClock(MONDAY))
    async with app.run_test(size=SIZE) as pilot:
        await open_learner(pilot, app, "Ana")
        await _take_exam(pilot, app, wrong={"t-choice"})  # 4 / 5: exactly 80 %
        assert "4 / 5 (80 %)" in text_of(app, "#exam-score")
        assert "Réussi" in text_of(app, "#exam-verdict")
        await pilot.press(*"Zoé Roux", "enter")  # name, then on to the folder
        await pilot.press("ctrl+a", "ctrl+k", *"~/attestations", "enter")
        await pilot.pause()
        assert "Attestation enregistrée" in text_of(app, "#saved")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        assert "Attestations obtenues" in text_of(app, "#training-certs")

    (markdown,) = folder.glob("attestation-autoformation-agents-2026-03-02-*.md")
    (page,) = folder.glob("attestation-autoformation-agents-2026-03-02-*.html")
    for text in (markdown.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")):
        assert "Zoé Roux" in text
        assert "4 sur 5 (80 %)" in text
        assert "2 mars 2026" in text
        assert exam_catalog.version in text
    rows = store.query(
        "SELECT c.learner, c.deck_id, c.score, c.max_score, c.content_version, s.kind "
        "FROM certifications c JOIN sessions s ON s.id = c.session_id"
    )
    assert rows == [
        ("Ana", "autoformation-agents", 4.0, 5.0, exam_catalog.version, "autoformation")
    ]
    store.close()
    for file in tmp_path.glob("db.sqlite3*"):
        assert "Zoé Roux".encode() not in file.read_bytes()  # the name lives in the document only


async def test_no_attestation_below_eighty_percent(exam_catalog: Catalog, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(exam_catalog, store, clock=FixedClock(MONDAY))
    async with app.run_test(size=SIZE) as pilot:
        await open_learner(pilot, app, "Léo")
        await _take_exam(pilot, app, wrong={"t-choice", "t-truefalse"})  # 3 / 5: 60 %
        assert "3 / 5 (60 %)" in text_of(app, "#exam-score")
        assert "Pas encore" in text_of(app, "#exam-verdict")
        assert not app.screen.query("#save")
        await pilot.press("enter")  # « Voir le détail des réponses »
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    assert store.query("SELECT COUNT(*) FROM certifications") == [(0,)]
    # the misses feed the review schedule like any other answer
    assert due_day(cards(store, "Léo")["t-choice"]) == MONDAY.date() + timedelta(days=1)


async def test_a_certification_that_cannot_be_written_is_retried(
    exam_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    real = record_certification
    failures = iter([StoreError("La base est occupée par un autre programme ; réessayez.")])

    def flaky(*args: Any, **kwargs: Any) -> Certification:
        for failure in failures:
            raise failure
        return real(*args, **kwargs)

    monkeypatch.setattr(training, "record_certification", flaky)
    app = NrgameApp(exam_catalog, store, clock=FixedClock(MONDAY))
    async with app.run_test(size=SIZE) as pilot:
        await open_learner(pilot, app, "Ana")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(5):
            await answer(pilot, app, right=app.screen.quiz.current.kind != "choice")  # type: ignore[attr-defined]
        assert isinstance(app.screen, TrainingScreen)  # back, with a French error shown
        assert store.query("SELECT status FROM sessions") == [("en_cours",)]
        assert "Reprendre le test final" in str(app.screen.query_one("#exam", Button).label)
        await pilot.press("t")  # resume: every answer is there, so it finishes at once
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ExamResultScreen)
        assert "Réussi" in text_of(app, "#exam-verdict")
    assert store.query("SELECT score, max_score FROM certifications") == [(4.0, 5.0)]
    assert store.query("SELECT status FROM sessions") == [("terminee",)]

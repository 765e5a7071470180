"""Self-training driven through its keys: days of review, resuming, several learners."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.training import due_day
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.training import cards, get_learner
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.learners import LearnerScreen
from nrgame.tui.screens.path import PathScreen
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.screens.training import TrainingScreen
from tests.conftest import FixedClock
from tests.tui.autoformation_keys import MONDAY, SIZE, answer, open_learner, play_day, text_of


async def test_a_missed_question_comes_back_the_next_day_before_right_ones(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock(MONDAY))
    async with app.run_test(size=SIZE) as pilot:
        await open_learner(pilot, app, "Ana")
        # path: axes 4 and 5 (the list shows axes 2, 3, 4, 5)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        await pilot.press("down", "down", "space", "down", "space")
        assert "axes 4 et 5" in text_of(app, "#path-summary")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "4 nouvelles questions" in text_of(app, "#training-today")
        day_one = await play_day(pilot, app, wrong={"t-choice"})
        assert day_one == ["t-choice", "t-truefalse", "t-match", "t-estimate"]
        assert "demain : 1 question" in text_of(app, "#training-next")
        assert "1 jour de suite" in text_of(app, "#training-today")

    app = NrgameApp(mini_catalog, store, clock=FixedClock(MONDAY + timedelta(days=1)))
    async with app.run_test(size=SIZE) as pilot:
        await open_learner(pilot, app)
        today = text_of(app, "#training-today")
        assert "1 question à revoir" in today
        assert "1 jour de suite" in today  # yesterday's, still alive
        day_two = await play_day(pilot, app, wrong=set())
        assert day_two == ["t-choice"]  # the right ones are not due yet
        assert "2 jours de suite" in text_of(app, "#training-today")
        # tomorrow (Wednesday) the three right on Monday; the missed one, right today, Thursday
        assert "demain : 3 questions · jeudi 5 mars : 1 question" in text_of(app, "#training-next")

    due = {qid: due_day(card) for qid, card in cards(store, "Ana").items()}
    assert due == {
        "t-choice": MONDAY.date() + timedelta(days=3),
        "t-truefalse": MONDAY.date() + timedelta(days=2),
        "t-estimate": MONDAY.date() + timedelta(days=2),
        "t-match": MONDAY.date() + timedelta(days=2),
    }


async def test_closing_mid_session_loses_nothing(mini_catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    app = NrgameApp(mini_catalog, store, clock=FixedClock(MONDAY))
    async with app.run_test(size=SIZE) as pilot:
        await open_learner(pilot, app, "Ana")
        await pilot.press("s")
        await pilot.pause()
        asked = [q.id for q in app.screen.quiz.questions]  # type: ignore[attr-defined]
        await answer(pilot, app, right=False)
        await answer(pilot, app, right=False)
        await pilot.press("ctrl+q")
    store.close()

    store = SqliteStore(path)
    assert sorted(cards(store, "Ana")) == sorted(asked[:2])
    app = NrgameApp(mini_catalog, store, clock=FixedClock(MONDAY + timedelta(hours=2)))
    async with app.run_test(size=SIZE) as pilot:
        await open_learner(pilot, app)
        assert "2 questions sur 6 déjà répondues" in text_of(app, "#training-today")
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert [q.id for q in screen.quiz.questions] == asked
        assert screen.quiz.position == 2
        assert "Question 3 sur 6" in text_of(app, "#meta")


async def test_two_learners_on_one_machine_keep_separate_progress(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock(MONDAY))
    async with app.run_test(size=SIZE) as pilot:
        await open_learner(pilot, app, "Ana")
        await play_day(pilot, app, wrong={"t-choice", "t-order"})
        assert "rien à revoir" in text_of(app, "#training-today")
        await pilot.press("c")  # switch learner: one screen
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        app.screen.query_one("#alias").focus()
        await pilot.press(*"Léo", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        assert app.screen.learner.alias == "Léo"
        assert "6 nouvelles questions" in text_of(app, "#training-today")
        assert "Rien pour l'instant" in text_of(app, "#training-next")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "enter")  # Léo is listed first now, Ana second
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        assert app.screen.learner.alias == "Ana"
        assert "demain : 2 questions" in text_of(app, "#training-next")
    assert len(cards(store, "Ana")) == 6
    assert cards(store, "Léo") == {}
    assert get_learner(store, "Léo") is not None


async def test_two_weeks_of_self_training_on_the_day_option(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    """Fourteen days played with `nrgame --day`, as a demonstration would: the clock is the
    one the option builds, never a patched one. At most 5 new questions a day, as chosen."""
    from nrgame.cli import build_parser
    from nrgame.cli.common import app_clock
    from nrgame.storage.training import met_on

    store = SqliteStore(tmp_path / "db.sqlite3")
    first = MONDAY.date()
    played_days = []
    for offset in range(14):
        day = first + timedelta(days=offset)
        clock = app_clock(build_parser().parse_args(["--day", day.isoformat()]))
        assert clock().date() == day
        app = NrgameApp(mini_catalog, store, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await open_learner(pilot, app, "Ana" if offset == 0 else None)
            if offset == 0:
                await pilot.press("p")
                await pilot.pause()
                app.screen.query_one("#new-per-day").focus()
                await pilot.press("enter", "up", "up", "enter", "ctrl+s")  # 12 → 8 → 5
                await pilot.pause()
                assert "5 nouvelles par jour" in str(app.screen.sub_title)
            today = text_of(app, "#training-today")
            if "Séance en cours" in today or "à revoir" in today or "nouvelle" in today:
                ids = await play_day(pilot, app, wrong={"t-order"})
                played_days.append((day, ids))
            if offset == 0:
                # Five new questions met, one left: no more today, whatever the time left.
                assert "vos 5 nouvelles questions du jour" in text_of(app, "#training-today")
                await pilot.press("s")
                await pilot.pause()
                assert isinstance(app.screen, TrainingScreen)
        assert met_on(store, "Ana", day) <= 5
    assert len(cards(store, "Ana")) == 6  # the sixth came on day two
    assert played_days[0][0] == first and len(played_days[0][1]) == 5
    assert played_days[1][0] == first + timedelta(days=1)
    # Spaced review: the right answers of day one are not asked again the next day.
    assert not set(played_days[1][1]) & (set(played_days[0][1]) - {"t-order"})
    # The question missed every day comes back every day, alone when nothing else is due.
    assert all("t-order" in ids for _, ids in played_days[1:])
    assert any(ids == ["t-order"] for _, ids in played_days)
    last = max(due_day(card) for card in cards(store, "Ana").values())
    assert last > first + timedelta(days=13)  # questions known well come back later


async def test_results_give_the_right_answer_in_full_and_progress_is_exported(
    mini_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nrgame import settings
    from nrgame.core.quiz import describe_answer
    from nrgame.tui.screens.results import ResultsScreen

    monkeypatch.setattr(settings, "documents_dir", lambda: tmp_path / "Documents")
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock(MONDAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_learner(pilot, app, "Ana")
        await pilot.press("s")
        await pilot.pause()
        questions = list(app.screen.quiz.questions)  # type: ignore[attr-defined]
        for question in questions:
            await answer(pilot, app, right=question.kind != "order")
        results = app.screen
        assert isinstance(results, ResultsScreen)
        await pilot.press("down")
        await pilot.pause()
        detail = text_of(app, "#answer-detail")
        assert f"Question 2 : {questions[1].prompt}" in detail
        assert f"Bonne réponse : {describe_answer(questions[1])}" in detail
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    written = tmp_path / "Documents" / "progression-Ana-2026-03-02.md"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Ma progression en autoformation : Ana")
    assert "| Axe | Maîtrisées | En cours | Nouvelles |" in text
    for question in questions:
        assert question.prompt.replace("|", "\\|") in text
    assert "- demain : 1 question" in text  # the one missed

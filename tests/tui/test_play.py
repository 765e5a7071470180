"""Play the app through its keys, then read what the store recorded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from textual.widgets import Select

from nrgame.core.catalog import Catalog
from nrgame.core.kinds.base import display_order
from nrgame.storage.sqlite import FINISHED, RUNNING, SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.screens.results import ResultsScreen
from nrgame.tui.screens.resume import ResumeDialog
from tests.conftest import FIXTURES, FixedClock

SIZE = (120, 40)


async def _answer_all_right(pilot, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    """Answer the mini deck right, using only keys a player would press."""
    await pilot.press("c")  # choice: C
    await pilot.press("enter")  # next
    await pilot.press("a", "c", "enter")  # multi: tick A and C, validate
    await pilot.press("enter")
    await pilot.press("f")  # truefalse: Faux
    await pilot.press("enter")
    await pilot.press(*"11,5", "enter")  # estimate within tolerance
    await pilot.press("enter")
    # order: move items until the list is in the right order, with Shift+arrows
    order = display_order(catalog.questions["t-order"])  # type: ignore[arg-type]
    moves = []
    current = list(order)
    for target in range(len(current)):
        index = current.index(target)
        while index > target:
            moves.append((index, "shift+up"))
            current[index - 1], current[index] = current[index], current[index - 1]
            index -= 1
    for index, key in moves:
        await pilot.press(*["up"] * len(order), *["down"] * index, key)
    await pilot.press("enter")
    await pilot.press("enter")
    # match: type the shown letter of each right answer
    shown = display_order(catalog.questions["t-match"])  # type: ignore[arg-type]
    for left in range(3):
        await pilot.press("ABC"[shown.index(left)].lower())
    await pilot.press("enter")  # focus is on Valider after the last list
    await pilot.pause()


async def test_play_a_deck_to_the_end_and_read_the_store(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the only deck
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await _answer_all_right(pilot, mini_catalog)
        await pilot.press("enter")  # last correction → results
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        score = str(app.screen.query_one("#score").render())
        assert "6 / 6" in score
    (session,) = store.sessions()
    assert session.status == FINISHED
    answers = store.answers(session.id)
    assert [a.question_id for a in answers] == [q.id for q in mini_catalog.deck_questions("mini")]
    assert [a.score for a in answers] == [1.0] * 6
    assert answers[3].response == 11.5


async def test_quitting_mid_deck_keeps_answers_and_offers_to_resume(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("b")  # wrong on purpose
        await pilot.press("enter")
        await pilot.press("ctrl+q")
    store.close()
    store = SqliteStore(path)
    (session,) = store.sessions(RUNNING)
    assert len(store.answers(session.id)) == 1
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        await pilot.press("enter")  # Reprendre
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.quiz.position == 1
        prompt = str(app.screen.query_one("#meta").render())
        assert "Question 2 sur 6" in prompt


async def test_estimate_refuses_what_is_not_a_number(mini_catalog: Catalog, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c", "enter", "a", "enter", "enter", "f", "enter")
        await pilot.press(*"douze", "enter")
        await pilot.pause()
        error = str(app.screen.query_one(".input-error").render())
        assert "n'est pas un nombre" in error
        assert len(store.answers(store.sessions()[0].id)) == 3


async def test_match_can_be_answered_with_the_lists(mini_catalog: Catalog, tmp_path: Path) -> None:
    """Mouse and list users: pick each association from its drop-down."""
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        app.start_deck("mini")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for _ in range(5):
            screen.played.answer(None)
            screen.quiz.advance()
        screen.show_question()
        await pilot.pause()
        selects = list(screen.query(Select))
        for index, select in enumerate(selects):
            await pilot.click(select)
            await pilot.pause()
            select.value = index  # what choosing in the opened list does
        await pilot.click("#validate")
        await pilot.pause()
        assert store.answers(store.sessions()[0].id)[-1].score == 1.0


def test_scripted_and_interactive_runs_give_the_same_score(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    import asyncio

    interactive = SqliteStore(tmp_path / "ui.sqlite3")

    async def play() -> None:
        app = NrgameApp(mini_catalog, interactive, clock=FixedClock())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await _answer_all_right(pilot, mini_catalog)

    asyncio.run(play())
    ui_answers = interactive.answers(interactive.sessions()[0].id)

    order = display_order(mini_catalog.questions["t-order"])  # type: ignore[arg-type]
    order_letters = "".join("ABC"[order.index(i)] for i in range(3))
    shown = display_order(mini_catalog.questions["t-match"])  # type: ignore[arg-type]
    match_letters = "".join("ABC"[shown.index(i)] for i in range(3))
    sheet = tmp_path / "sheet.txt"
    sheet.write_text(f"C\nA,C\nF\n11,5\n{order_letters}\n{match_letters}\n", encoding="utf-8")
    db = tmp_path / "script.sqlite3"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "nrgame",
            "--content",
            str(FIXTURES / "content"),
            "quiz",
            "mini",
            "--answers",
            str(sheet),
            "--json",
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["score"] == sum(a.score for a in ui_answers) == 6
    scripted = SqliteStore(db)
    script_answers = scripted.answers(scripted.sessions()[0].id)
    assert [(a.question_id, a.response, a.score) for a in script_answers] == [
        (a.question_id, a.response, a.score) for a in ui_answers
    ]


async def test_a_board_game_starts_from_home_and_is_offered_for_resumption(
    tmp_path: Path,
) -> None:
    from nrgame.core.catalog import load_catalog
    from nrgame.tui.screens.board import BoardScreen
    from tests.board.pilot_keys import declare_players

    catalog = load_catalog([FIXTURES / "content", FIXTURES / "scenarios"])
    assert catalog.ok, catalog.errors
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    app = NrgameApp(catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        described = str(app.screen.query_one("#deck-description").render())
        assert "Une question de chaque sorte" in described  # the focused table: decks
        await pilot.press("tab")  # from the decks to the board games
        await pilot.pause()
        scenario = min(catalog.scenarios.values(), key=lambda s: s.title)  # first row
        described = str(app.screen.query_one("#deck-description").render())
        assert scenario.summary[:30] in described.replace("\n", " ")
        await pilot.press("enter")
        await pilot.pause()
        await declare_players(pilot)  # who plays, before the first turn
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("ctrl+q")
    store.close()
    store = SqliteStore(path)
    app = NrgameApp(catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        assert "Une partie n'a pas été terminée" in str(app.screen.query("Static").first().render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.played.session_id == store.sessions()[0].id


async def test_resuming_a_fully_answered_deck_shows_its_results(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    """The app died after the last answer, before the results were shown."""
    from nrgame.usecases.play_quiz import RecordedQuiz

    store = SqliteStore(tmp_path / "db.sqlite3")
    played = RecordedQuiz.start(store, mini_catalog, "mini", FixedClock())
    for _ in range(6):
        played.answer(None)
        played.quiz.advance()
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Reprendre
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "0 / 6" in str(app.screen.query_one("#score").render())
    assert store.sessions()[0].status == FINISHED


async def test_home_reaches_records_dashboard_and_a_french_palette(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    from textual.command import CommandPalette

    from nrgame.tui.screens.dashboard import DashboardScreen
    from nrgame.tui.screens.records import RecordsScreen

    app = NrgameApp(mini_catalog, SqliteStore(tmp_path / "db.sqlite3"), clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RecordsScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"petite")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.quiz.deck.id == "mini"

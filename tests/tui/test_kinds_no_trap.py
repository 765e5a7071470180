"""Each kind answerable without a trap: every association on screen and one letter per row
(a Tab typed out of habit skips nothing); a ticked box shown by a mark, not by colour alone."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, SelectionList, Static

from nrgame.core.catalog import Catalog
from nrgame.core.content import MatchQuestion
from nrgame.core.kinds.base import display_order
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.quiz import QuizScreen
from tests.conftest import FixedClock

SIZE = (80, 24)


async def _at_question(app: NrgameApp, pilot, position: int) -> QuizScreen:  # type: ignore[no-untyped-def]
    app.start_deck("mini")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    for _ in range(position):
        screen.played.answer(None)
        screen.quiz.advance()
    screen.show_question()
    await pilot.pause()
    return screen


async def test_match_shows_every_option_and_letter_then_tab_fills_each_row(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    question = mini_catalog.questions["t-match"]
    assert isinstance(question, MatchQuestion)
    shown = display_order(question)
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await _at_question(app, pilot, 5)
        listed = str(screen.query_one(".match-options", Static).render())
        for rank, index in enumerate(shown):  # every option, with its letter, unopened
            assert f"{'ABC'[rank]}. {question.pairs[index].right}" in listed
        for left in range(3):  # « lettre puis Tab », as a person does
            await pilot.press("abc"[shown.index(left)], "tab")
        assert [s.value for s in screen.query(Select)] == [0, 1, 2]
        assert screen.focused is not None and screen.focused.id == "validate"
        await pilot.press("enter")
        await pilot.pause()
    assert store.answers(store.sessions()[0].id)[-1].score == 1.0


async def test_a_ticked_box_carries_a_mark(mini_catalog: Catalog, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await _at_question(app, pilot, 1)
        boxes = screen.query_one(SelectionList)
        await pilot.press("a")
        await pilot.pause()
        ticked, blank = boxes.render_line(0).text, boxes.render_line(1).text
        assert "✔" in ticked and "✔" not in blank
        await pilot.press("a")
        await pilot.pause()
        assert "✔" not in boxes.render_line(0).text

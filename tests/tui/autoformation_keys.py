"""Keys a learner presses in self-training, shared by the autoformation Pilot tests."""

from __future__ import annotations

from datetime import datetime

from nrgame.core.content import (
    ChoiceQuestion,
    EstimateQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    TrueFalseQuestion,
)
from nrgame.core.kinds.base import LETTERS, display_order
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.learners import LearnerScreen
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.tui.screens.results import ResultsScreen
from nrgame.tui.screens.training import TrainingScreen

SIZE = (120, 40)
MONDAY = datetime(2026, 3, 2, 9, 0)


def text_of(app: NrgameApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def answer(pilot, app: NrgameApp, right: bool) -> None:  # type: ignore[no-untyped-def]
    """Answer the question on screen with the keys a player would press, then move on."""
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    question = screen.quiz.current
    match question:
        case ChoiceQuestion():
            index = question.options.index(question.answer)
            await pilot.press(LETTERS[index if right else (index + 1) % 2].lower())
        case TrueFalseQuestion():
            await pilot.press("v" if question.answer == right else "f")
        case EstimateQuestion():
            await pilot.press(*(str(question.answer) if right else "1000"), "enter")
        case MultiQuestion():
            picks = [o for o in question.options if (o in question.answers) == right]
            await pilot.press(*[LETTERS[question.options.index(o)].lower() for o in picks])
            await pilot.press("enter")
        case OrderQuestion():
            assert not right, "only answered wrong here"
            await pilot.press("enter")  # the shown order, never the right one
        case MatchQuestion():
            assert right, "only answered right here"
            shown = display_order(question)
            for left in range(len(question.pairs)):
                await pilot.press(LETTERS[shown.index(left)].lower())
            await pilot.press("enter")
    await pilot.pause()
    assert screen.query_one("#reveal").display, "the answer was not taken"
    await pilot.press("enter")  # next question, or the results after the last one
    await pilot.pause()


async def open_learner(pilot, app: NrgameApp, alias: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """From home: A, then create `alias` or (None) take the first one listed."""
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, LearnerScreen)
    if alias is None:
        await pilot.press("enter")
    else:
        app.screen.query_one("#alias").focus()
        await pilot.press(*alias, "enter")
    await pilot.pause()
    assert isinstance(app.screen, TrainingScreen)


async def play_day(pilot, app: NrgameApp, wrong: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Play today's session, missing the questions in `wrong`; returns the question ids."""
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    ids = [q.id for q in screen.quiz.questions]
    for qid in ids:
        await answer(pilot, app, right=qid not in wrong)
    assert isinstance(app.screen, ResultsScreen)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, TrainingScreen)
    return ids

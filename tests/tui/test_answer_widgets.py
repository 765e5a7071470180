"""Every question kind has its answer widget, and each widget answers in the core's terms."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from nrgame.core.catalog import Catalog
from nrgame.core.content import Question
from nrgame.core.kinds import KINDS, score
from nrgame.core.quiz import correct_response
from nrgame.core.scoring import Response
from nrgame.tui.widgets.answers import KIND_WIDGETS, AnswerInput, AnswerSubmitted, answer_input


class OneAnswer(App[None]):
    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question
        self.responses: list[Response] = []

    def compose(self) -> ComposeResult:
        yield answer_input(self.question)

    def on_answer_submitted(self, message: AnswerSubmitted) -> None:
        self.responses.append(message.response)


def test_every_kind_has_a_widget() -> None:
    assert set(KIND_WIDGETS) == set(KINDS)


RIGHT_KEYS = {
    "t-choice": ["c"],
    "t-truefalse": ["f"],
    "t-multi": ["a", "c", "enter"],
    "t-estimate": ["1", "1", "enter"],
}


@pytest.mark.parametrize("name", list(KINDS))
async def test_each_widget_mounts_and_takes_the_right_answer(
    name: str, mini_catalog: Catalog
) -> None:
    question = next(q for q in mini_catalog.questions.values() if q.kind == name)
    app = OneAnswer(question)
    async with app.run_test(size=(100, 30)) as pilot:
        widget = app.query_one(AnswerInput)
        assert type(widget) is KIND_WIDGETS[name].answer
        keys = RIGHT_KEYS.get(question.id)
        if keys is None:  # order and match: played through their keys in test_play.py
            return
        await pilot.press(*keys)
        await pilot.pause()
    assert app.responses == [correct_response(question)]
    assert score(question, app.responses[0]) == 1.0

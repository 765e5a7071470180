"""choice: one right answer among several options; 1 for the right option, else 0."""

from __future__ import annotations

from typing import Any

from nrgame.core.content import ChoiceQuestion
from nrgame.core.kinds.base import LETTERS, QuestionKind, check_index, is_index, read_letters
from nrgame.core.scoring import Response


class ChoiceKind(QuestionKind[ChoiceQuestion]):
    name = "choice"
    model = ChoiceQuestion
    label = "choix unique"
    seconds = 50
    vote_letters = LETTERS

    def score(self, question: ChoiceQuestion, response: Response) -> float:
        if not is_index(response):
            raise self.unexpected()
        assert isinstance(response, int)
        check_index(response, len(question.options))
        return 1.0 if question.options[response] == question.answer else 0.0

    def correct(self, question: ChoiceQuestion) -> Response:
        return question.options.index(question.answer)

    def describe(self, question: ChoiceQuestion, response: Response) -> str:
        if isinstance(response, int):
            return question.options[response]
        return str(response)

    def from_json(self, question: ChoiceQuestion, data: Any) -> Response:
        return int(data)

    def parse_sheet(self, question: ChoiceQuestion, text: str) -> Response:
        (index,) = read_letters(text, len(question.options), exactly=1)
        return index

    def sheet_hint(self, question: ChoiceQuestion) -> str:
        return f"la lettre, de A à {LETTERS[len(question.options) - 1]}"

    def sheet_example(self, question: ChoiceQuestion) -> str:
        return "par exemple C"

    def option_labels(self, question: ChoiceQuestion) -> list[str]:
        return list(question.options)

    def right_options(self, question: ChoiceQuestion) -> set[int]:
        return {question.options.index(question.answer)}

    def chosen_options(self, question: ChoiceQuestion, value: Any) -> list[int]:
        return [value] if is_index(value) and 0 <= value < len(question.options) else []

    def vote_options(self, question: ChoiceQuestion) -> list[Response]:
        return list(range(len(question.options)))

    def vote_names(self, question: ChoiceQuestion) -> list[str]:
        return [f"{LETTERS[i]}. {label}" for i, label in enumerate(question.options)]


CHOICE = ChoiceKind()

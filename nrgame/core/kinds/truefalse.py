"""truefalse: a statement the players judge true or false; 1 or 0."""

from __future__ import annotations

from typing import Any

from nrgame.core.content import TrueFalseQuestion
from nrgame.core.kinds.base import QuestionKind
from nrgame.core.scoring import InvalidResponse, Response

_TRUE = {"v", "vrai", "o", "oui", "true"}
_FALSE = {"f", "faux", "n", "non", "false"}


class TrueFalseKind(QuestionKind[TrueFalseQuestion]):
    name = "truefalse"
    model = TrueFalseQuestion
    label = "vrai ou faux"
    seconds = 40
    vote_letters = "VF"

    def score(self, question: TrueFalseQuestion, response: Response) -> float:
        if not isinstance(response, bool):
            raise self.unexpected()
        return 1.0 if response is question.answer else 0.0

    def correct(self, question: TrueFalseQuestion) -> Response:
        return question.answer

    def describe(self, question: TrueFalseQuestion, response: Response) -> str:
        return "Vrai" if response else "Faux"

    def from_json(self, question: TrueFalseQuestion, data: Any) -> Response:
        return bool(data)

    def parse_sheet(self, question: TrueFalseQuestion, text: str) -> Response:
        word = text.lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise InvalidResponse(f"« {text} » : V (vrai) ou F (faux) attendu")

    def sheet_hint(self, question: TrueFalseQuestion) -> str:
        return "V (vrai) ou F (faux)"

    def sheet_example(self, question: TrueFalseQuestion) -> str:
        return "V ou F"

    def option_labels(self, question: TrueFalseQuestion) -> list[str]:
        return ["Vrai", "Faux"]

    def right_options(self, question: TrueFalseQuestion) -> set[int]:
        return {0 if question.answer else 1}

    def chosen_options(self, question: TrueFalseQuestion, value: Any) -> list[int]:
        return [0 if value else 1] if isinstance(value, bool) else []

    def vote_options(self, question: TrueFalseQuestion) -> list[Response]:
        return [True, False]


TRUEFALSE = TrueFalseKind()

"""estimate: a number to estimate, with its unit.

Score: 1 within the tolerance; otherwise half credit fading with the distance in orders of
magnitude: 0.5 × max(0, 1 − |log10(guess / truth)|). A guess 3 times too big gets
0.5 × (1 − 0.477) ≈ 0.26; ten times too big or more gets 0. A guess ≤ 0 gets 0.
"""

from __future__ import annotations

import math
from typing import Any

from nrgame.core.content import EstimateQuestion
from nrgame.core.french import format_number
from nrgame.core.kinds.base import QuestionKind, parse_number
from nrgame.core.scoring import InvalidResponse, Response


class EstimateKind(QuestionKind[EstimateQuestion]):
    name = "estimate"
    model = EstimateQuestion
    label = "estimation"
    seconds = 60

    def score(self, question: EstimateQuestion, response: Response) -> float:
        if not isinstance(response, int | float) or isinstance(response, bool):
            raise self.unexpected()
        guess = float(response)
        if not math.isfinite(guess):
            raise InvalidResponse("nombre attendu")
        if question.tolerance.accepts(guess, question.answer):
            return 1.0
        if guess <= 0:
            return 0.0
        # Difference of logarithms, not the log of a ratio that could underflow to zero.
        orders_off = round(abs(math.log10(guess) - math.log10(question.answer)), 12)
        return 0.5 * max(0.0, 1.0 - orders_off)

    def correct(self, question: EstimateQuestion) -> Response:
        return question.answer

    def describe(self, question: EstimateQuestion, response: Response) -> str:
        if isinstance(response, int | float):
            return f"{format_number(float(response))} {question.unit}"
        return str(response)

    def from_json(self, question: EstimateQuestion, data: Any) -> Response:
        return float(data)

    def parse_sheet(self, question: EstimateQuestion, text: str) -> Response:
        return parse_number(text)

    def sheet_hint(self, question: EstimateQuestion) -> str:
        return f"un nombre, en {question.unit} (virgule ou point)"

    def sheet_example(self, question: EstimateQuestion) -> str:
        return "par exemple 4,4"


ESTIMATE = EstimateKind()

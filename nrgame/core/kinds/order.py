"""order: items to rank, written in the right order and shown shuffled.

Score: Kendall's tau between the given and the true ranking, floored at 0, so that a random
ranking earns about nothing and a reversed one exactly nothing.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from nrgame.core.content import OrderQuestion
from nrgame.core.kinds.base import QuestionKind, display_order, read_letters
from nrgame.core.scoring import InvalidResponse, Response


class OrderKind(QuestionKind[OrderQuestion]):
    name = "order"
    model = OrderQuestion
    label = "classement"
    seconds = 90

    def score(self, question: OrderQuestion, response: Response) -> float:
        if not isinstance(response, tuple):
            raise self.unexpected()
        size = len(question.items)
        if sorted(response) != list(range(size)):
            raise InvalidResponse(f"il faut classer les {size} éléments, chacun une fois")
        pairs = list(combinations(range(len(response)), 2))
        concordant = sum(1 for i, j in pairs if response[i] < response[j])
        tau = (2 * concordant - len(pairs)) / len(pairs)
        return max(0.0, tau)

    def correct(self, question: OrderQuestion) -> Response:
        return tuple(range(len(question.items)))

    def describe(self, question: OrderQuestion, response: Response) -> str:
        if isinstance(response, tuple):
            return " < ".join(question.items[i] for i in response)
        return str(response)

    def from_json(self, question: OrderQuestion, data: Any) -> Response:
        return tuple(int(i) for i in data)

    def parse_sheet(self, question: OrderQuestion, text: str) -> Response:
        """The shown letters from first to last, `CAB`."""
        shown = display_order(question)
        picks = read_letters(text, len(shown), exactly=len(shown))
        if len(set(picks)) != len(picks):
            raise InvalidResponse("chaque lettre doit apparaître une fois")
        return tuple(shown[p] for p in picks)

    def sheet_hint(self, question: OrderQuestion) -> str:
        return "les lettres du premier au dernier, par exemple CAB"

    def sheet_example(self, question: OrderQuestion) -> str:
        return "par exemple CAB"


ORDER = OrderKind()

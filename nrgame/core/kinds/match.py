"""match: pairs to match, e.g. an acronym and its meaning; the right column is shown shuffled.

Score: the share of pairs matched right.
"""

from __future__ import annotations

from typing import Any

from nrgame.core.content import MatchQuestion
from nrgame.core.kinds.base import QuestionKind, check_index, display_order, read_letters
from nrgame.core.scoring import InvalidResponse, Response


class MatchKind(QuestionKind[MatchQuestion]):
    name = "match"
    model = MatchQuestion
    label = "association"
    seconds = 90

    def score(self, question: MatchQuestion, response: Response) -> float:
        if not isinstance(response, tuple):
            raise self.unexpected()
        if len(response) != len(question.pairs):
            raise InvalidResponse(f"{len(question.pairs)} associations attendues")
        for index in response:
            check_index(index, len(question.pairs))
        right = sum(1 for left, chosen in enumerate(response) if left == chosen)
        return right / len(question.pairs)

    def correct(self, question: MatchQuestion) -> Response:
        return tuple(range(len(question.pairs)))

    def describe(self, question: MatchQuestion, response: Response) -> str:
        if isinstance(response, tuple):
            return " ; ".join(
                f"{question.pairs[left].left} → {question.pairs[right].right}"
                for left, right in enumerate(response)
            )
        return str(response)

    def from_json(self, question: MatchQuestion, data: Any) -> Response:
        return tuple(int(i) for i in data)

    def parse_sheet(self, question: MatchQuestion, text: str) -> Response:
        """The letter chosen for each numbered item in turn, `BAC`."""
        shown = display_order(question)
        picks = read_letters(text, len(shown), exactly=len(shown))
        return tuple(shown[p] for p in picks)

    def sheet_hint(self, question: MatchQuestion) -> str:
        return "pour 1, 2, 3… la lettre choisie, par exemple BCA"

    def sheet_example(self, question: MatchQuestion) -> str:
        return "par exemple BCA"


MATCH = MatchKind()

"""multi: several right answers among the options.

Score: (right options ticked − wrong options ticked) / number of right options, floored at 0;
only the exact set scores 1.
"""

from __future__ import annotations

from typing import Any

from nrgame.core.content import MultiQuestion
from nrgame.core.kinds.base import QuestionKind, check_index, is_index, read_letters
from nrgame.core.scoring import InvalidResponse, Response


class MultiKind(QuestionKind[MultiQuestion]):
    name = "multi"
    model = MultiQuestion
    label = "choix multiples"
    seconds = 70

    def score(self, question: MultiQuestion, response: Response) -> float:
        if not isinstance(response, frozenset):
            raise self.unexpected()
        for index in response:
            check_index(index, len(question.options))
        right = self.right_options(question)
        hits = len(response & right)
        misses = len(response - right)
        return max(0.0, (hits - misses) / len(right))

    def correct(self, question: MultiQuestion) -> Response:
        return frozenset(self.right_options(question))

    def describe(self, question: MultiQuestion, response: Response) -> str:
        if isinstance(response, frozenset):
            return " ; ".join(question.options[i] for i in sorted(response)) or "aucune"
        return str(response)

    def from_json(self, question: MultiQuestion, data: Any) -> Response:
        return frozenset(int(i) for i in data)

    def parse_sheet(self, question: MultiQuestion, text: str) -> Response:
        indexes = read_letters(text, len(question.options))
        if len(set(indexes)) != len(indexes):
            raise InvalidResponse("une même lettre apparaît deux fois")
        return frozenset(indexes)

    def sheet_hint(self, question: MultiQuestion) -> str:
        return "les lettres cochées, par exemple A,C"

    def sheet_example(self, question: MultiQuestion) -> str:
        return "par exemple A,C"

    def option_labels(self, question: MultiQuestion) -> list[str]:
        return list(question.options)

    def right_options(self, question: MultiQuestion) -> set[int]:
        return {question.options.index(a) for a in question.answers}

    def chosen_options(self, question: MultiQuestion, value: Any) -> list[int]:
        picks = value if isinstance(value, list) else [value]
        size = len(question.options)
        return list(picks) if all(is_index(v) and 0 <= v < size for v in picks) else []


MULTI = MultiKind()

"""A quiz being played: which question is on, what was answered, the score so far.

The same QuizSession serves the terminal app and the scripted `nrgame quiz` run, so both give
the same score for the same answers. Display helpers live here too: the shuffled order of
`order` items and `match` answers is derived from the question id, so a paper answer sheet,
the projector and a replay all show the same letters.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nrgame.core.content import (
    ChoiceQuestion,
    Deck,
    EstimateQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
)
from nrgame.core.french import format_number
from nrgame.core.scoring import InvalidResponse, Response, score

LETTERS = "ABCDEFGH"


def display_order(question: OrderQuestion | MatchQuestion) -> list[int]:
    """Authored indexes in the order they are shown (order items, or match right-hand side).

    Never the authored order itself, which for an `order` question would give the answer away.
    """
    size = len(question.items) if isinstance(question, OrderQuestion) else len(question.pairs)
    seed = int.from_bytes(hashlib.sha256(question.id.encode()).digest()[:8], "big")
    shown = list(range(size))
    random.Random(seed).shuffle(shown)
    if shown == sorted(shown):
        shown = shown[1:] + shown[:1]
    return shown


def correct_response(question: Question) -> Response:
    match question:
        case ChoiceQuestion():
            return question.options.index(question.answer)
        case MultiQuestion():
            return frozenset(question.options.index(a) for a in question.answers)
        case TrueFalseQuestion():
            return question.answer
        case EstimateQuestion():
            return question.answer
        case OrderQuestion():
            return tuple(range(len(question.items)))
        case MatchQuestion():
            return tuple(range(len(question.pairs)))


def describe_response(question: Question, response: Response | None) -> str:
    """A response in words, for recaps and minutes."""
    if response is None:
        return "sans réponse"
    match question:
        case ChoiceQuestion() if isinstance(response, int):
            return question.options[response]
        case MultiQuestion() if isinstance(response, frozenset):
            return " ; ".join(question.options[i] for i in sorted(response)) or "aucune"
        case TrueFalseQuestion():
            return "Vrai" if response else "Faux"
        case EstimateQuestion() if isinstance(response, int | float):
            return f"{format_number(float(response))} {question.unit}"
        case OrderQuestion() if isinstance(response, tuple):
            return " < ".join(question.items[i] for i in response)
        case MatchQuestion() if isinstance(response, tuple):
            return " ; ".join(
                f"{question.pairs[left].left} → {question.pairs[right].right}"
                for left, right in enumerate(response)
            )
    return str(response)


def describe_answer(question: Question) -> str:
    return describe_response(question, correct_response(question))


def response_to_json(response: Response | None) -> Any:
    if isinstance(response, frozenset):
        return sorted(response)
    if isinstance(response, tuple):
        return list(response)
    return response


def response_from_json(question: Question, data: Any) -> Response | None:
    if data is None:
        return None
    match question:
        case MultiQuestion():
            return frozenset(int(i) for i in data)
        case OrderQuestion() | MatchQuestion():
            return tuple(int(i) for i in data)
        case TrueFalseQuestion():
            return bool(data)
        case EstimateQuestion():
            return float(data)
        case ChoiceQuestion():
            return int(data)


_TRUE = {"v", "vrai", "o", "oui", "true"}
_FALSE = {"f", "faux", "n", "non", "false"}


def parse_sheet_answer(question: Question, text: str) -> Response | None:
    """Read one line of a paper answer sheet. `-` (or nothing) means no answer.

    choice `B`; multi `A,C`; truefalse `V` or `F`; estimate `4,4` (comma or point);
    order the shown letters from first to last, `CAB`; match the letter chosen for each
    numbered item in turn, `BAC`. Spaces and commas between letters are ignored.
    """
    text = text.strip()
    if text in ("", "-"):
        return None
    match question:
        case ChoiceQuestion():
            (index,) = _letters(text, len(question.options), exactly=1)
            return index
        case MultiQuestion():
            indexes = _letters(text, len(question.options))
            if len(set(indexes)) != len(indexes):
                raise InvalidResponse("une même lettre apparaît deux fois")
            return frozenset(indexes)
        case TrueFalseQuestion():
            word = text.lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
            raise InvalidResponse(f"« {text} » : V (vrai) ou F (faux) attendu")
        case EstimateQuestion():
            return parse_number(text)
        case OrderQuestion():
            shown = display_order(question)
            picks = _letters(text, len(shown), exactly=len(shown))
            if len(set(picks)) != len(picks):
                raise InvalidResponse("chaque lettre doit apparaître une fois")
            return tuple(shown[p] for p in picks)
        case MatchQuestion():
            shown = display_order(question)
            picks = _letters(text, len(shown), exactly=len(shown))
            return tuple(shown[p] for p in picks)


def parse_number(text: str) -> float:
    """A number typed the French way or the English way: « 1 932,5 », « 4.4 », « 4,4 »."""
    cleaned = re.sub(r"[\s\u202f\u00a0]", "", text).replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidResponse(f"« {text} » n'est pas un nombre") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidResponse(f"« {text} » n'est pas un nombre")
    return value


def _letters(text: str, size: int, exactly: int | None = None) -> list[int]:
    letters = re.sub(r"[\s,;]", "", text).upper()
    indexes = []
    for letter in letters:
        index = LETTERS.find(letter)
        if index < 0 or index >= size:
            raise InvalidResponse(f"« {letter} » : lettre attendue entre A et {LETTERS[size - 1]}")
        indexes.append(index)
    if exactly is not None and len(indexes) != exactly:
        raise InvalidResponse(f"{exactly} lettre(s) attendue(s), {len(indexes)} donnée(s)")
    if not indexes:
        raise InvalidResponse("réponse vide")
    return indexes


@dataclass(frozen=True)
class Given:
    """One answered (or skipped) question."""

    position: int
    question_id: str
    response: Response | None
    score: float
    answered_at: datetime


@dataclass
class QuizSession:
    """The state of one quiz: questions in order, answers given, current position."""

    deck: Deck
    questions: list[Question]
    given: dict[int, Given] = field(default_factory=dict)
    position: int = 0

    def __post_init__(self) -> None:
        self.position = self.first_unanswered()

    @property
    def current(self) -> Question:
        return self.questions[self.position]

    @property
    def finished(self) -> bool:
        return len(self.given) == len(self.questions)

    @property
    def score(self) -> float:
        return sum(g.score for g in self.given.values())

    @property
    def max_score(self) -> int:
        return len(self.questions)

    def first_unanswered(self) -> int:
        for index in range(len(self.questions)):
            if index not in self.given:
                return index
        return len(self.questions)

    def answer(self, response: Response | None, at: datetime) -> Given:
        """Answer the current question (None skips it). Raises InvalidResponse."""
        if self.position >= len(self.questions):
            raise InvalidResponse("la série est terminée")
        if self.position in self.given:
            raise InvalidResponse("question déjà répondue")
        question = self.current
        points = 0.0 if response is None else score(question, response)
        given = Given(self.position, question.id, response, points, at)
        self.given[self.position] = given
        return given

    def advance(self) -> None:
        """Move on to the next question not yet answered."""
        self.position = self.first_unanswered()

    def to_review(self) -> list[Question]:
        """Questions not fully right, to come back to."""
        return [
            q
            for i, q in enumerate(self.questions)
            if i not in self.given or self.given[i].score < 1.0
        ]

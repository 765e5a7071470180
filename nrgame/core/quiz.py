"""A quiz being played: which question is on, what was answered, the score so far.

The same QuizSession serves the terminal app and the scripted `nrgame quiz` run, so both give
the same score for the same answers. How a response is described, stored and read from a
paper sheet depends on the question's kind: these functions ask `nrgame.core.kinds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nrgame.core.content import Deck, Question
from nrgame.core.kinds import kind_of, score
from nrgame.core.scoring import InvalidResponse, Response


def correct_response(question: Question) -> Response:
    return kind_of(question).correct(question)


def describe_response(question: Question, response: Response | None) -> str:
    """A response in words, for recaps and minutes."""
    if response is None:
        return "sans réponse"
    return kind_of(question).describe(question, response)


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
    return kind_of(question).from_json(question, data)


def parse_sheet_answer(question: Question, text: str) -> Response | None:
    """Read one line of a paper answer sheet. `-` (or nothing) means no answer.

    choice `B`; multi `A,C`; truefalse `V` or `F`; estimate `4,4` (comma or point);
    order the shown letters from first to last, `CAB`; match the letter chosen for each
    numbered item in turn, `BAC`. Spaces and commas between letters are ignored.
    """
    text = text.strip()
    if text in ("", "-"):
        return None
    return kind_of(question).parse_sheet(question, text)


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

"""What every question kind provides, and the helpers several kinds share.

A kind is one object (see `nrgame.core.kinds`): its model, its score, how its answers are
described, stored, written on a paper sheet, voted on and counted in the item statistics.
Responses always refer to the *authored* order of options, items and pairs, whatever order
the screen showed them in, so that recorded answers stay comparable across sessions.
"""

from __future__ import annotations

import hashlib
import random
import re
from abc import ABC, abstractmethod
from typing import Any, Generic, TypeVar

from nrgame.core.content import MatchQuestion, OrderQuestion, QuestionBase
from nrgame.core.scoring import InvalidResponse, Response

Q = TypeVar("Q", bound=QuestionBase)

LETTERS = "ABCDEFGH"


class QuestionKind(ABC, Generic[Q]):
    """One question kind, every piece of it. Subclasses set the class attributes below."""

    name: str
    """The `kind` written in the YAML."""
    model: type[Q]
    label: str
    """French name, as the item statistics table shows it."""
    seconds: int
    """Rough time to answer one question and read its correction (an estimate, not a
    measurement), used to fill a self-training session."""
    vote_letters: str = ""
    """How the options are named in a show of hands (A, B, C… or V, F); empty: no vote."""

    @abstractmethod
    def score(self, question: Q, response: Response) -> float:
        """Between 0 and 1; InvalidResponse if the response does not fit the question."""

    @abstractmethod
    def correct(self, question: Q) -> Response:
        """The response that scores 1."""

    @abstractmethod
    def describe(self, question: Q, response: Response) -> str:
        """A response in words, for recaps and minutes."""

    @abstractmethod
    def from_json(self, question: Q, data: Any) -> Response:
        """A stored response (JSON, never null) read back."""

    @abstractmethod
    def parse_sheet(self, question: Q, text: str) -> Response:
        """One non-blank answer written on a paper sheet."""

    @abstractmethod
    def sheet_hint(self, question: Q) -> str:
        """What to type, in the paper-sheet syntax."""

    @abstractmethod
    def sheet_example(self, question: Q) -> str:
        """A short example of what to type."""

    def option_labels(self, question: Q) -> list[str]:
        """The options counted one by one in the item statistics; empty for none."""
        return []

    def right_options(self, question: Q) -> set[int]:
        """Indexes of the right options among `option_labels`."""
        return set()

    def chosen_options(self, question: Q, value: Any) -> list[int]:
        """The options a stored response (JSON) picked; empty if it does not fit."""
        return []

    def vote_options(self, question: Q) -> list[Response]:
        """The response each raised hand stands for, in order; empty: no show of hands."""
        return []

    def vote_names(self, question: Q) -> list[str]:
        """Each option as a vote count names it: « A. 0,5 % » or « Vrai »."""
        return self.option_labels(question)

    def unexpected(self) -> InvalidResponse:
        return InvalidResponse(f"réponse de forme inattendue pour une question {self.name}")


def is_index(response: object) -> bool:
    return isinstance(response, int) and not isinstance(response, bool)


def check_index(index: int, size: int) -> None:
    if not 0 <= index < size:
        raise InvalidResponse(f"choix {index + 1} hors des {size} possibles")


def display_order(question: OrderQuestion | MatchQuestion) -> list[int]:
    """Authored indexes in the order they are shown (order items, or match right-hand side).

    Derived from the question id, so a paper answer sheet, the projector and a replay all show
    the same letters. Never the authored order itself, which for an `order` question would give
    the answer away.
    """
    seed = int.from_bytes(hashlib.sha256(question.id.encode()).digest()[:8], "big")
    shown = list(range(question.shuffled_count))
    random.Random(seed).shuffle(shown)
    if shown == sorted(shown):
        shown = shown[1:] + shown[:1]
    return shown


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


def read_letters(text: str, size: int, exactly: int | None = None) -> list[int]:
    """Letters of a paper sheet (`A,C`, `CAB`) as indexes; spaces and commas are ignored."""
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

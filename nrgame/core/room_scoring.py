"""How a room's answers count: a show of hands (one right option, one hand per person) and
Kahoot's speed points and streak bonus for the optional speed mode, and the knowledge gained
since an earlier session.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nrgame.core.content import Question
from nrgame.core.french import format_number
from nrgame.core.kinds import kind_of, score
from nrgame.core.quiz import describe_response
from nrgame.core.room_setup import (
    RoomError,
    TooManyHands,
)
from nrgame.core.scoring import InvalidResponse, Response


@dataclass(frozen=True)
class Votes:
    """Raised hands per option, in the authored order (for true/false: Vrai, then Faux)."""

    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def to_json(self) -> dict[str, list[int]]:
        return {"votes": list(self.counts)}


def check_hands(votes: Votes, present: int) -> None:
    """Raise TooManyHands if more hands went up than people were declared present.

    `present` is the audience total of the set-up; 0 (nothing declared) bounds nothing.
    """
    if 0 < present < votes.total:
        raise TooManyHands(votes.total, present)


def can_vote(question: Question) -> bool:
    """A show of hands needs one right option: one hand per person."""
    return bool(kind_of(question).vote_options(question))


def vote_options(question: Question) -> list[Response]:
    options = kind_of(question).vote_options(question)
    if not options:
        raise RoomError(f"pas de vote à main levée pour une question {question.kind}")
    return options


def vote_labels(question: Question) -> list[str]:
    return kind_of(question).option_labels(question)


def vote_letters(question: Question) -> str:
    """How the options are named on the sheet and the screen: A, B, C… or V, F."""
    return kind_of(question).vote_letters


def vote_score(question: Question, votes: Votes) -> float:
    """The share of hands raised for a right option (0 when no hand went up)."""
    options = vote_options(question)
    if len(votes.counts) != len(options):
        raise InvalidResponse(f"{len(options)} nombres de mains attendus")
    if any(count < 0 for count in votes.counts):
        raise InvalidResponse("un nombre de mains ne peut pas être négatif")
    if votes.total == 0:
        return 0.0
    right = sum(
        count * score(question, option) for count, option in zip(votes.counts, options, strict=True)
    )
    return right / votes.total


def describe_votes(question: Question, votes: Votes) -> str:
    """« A. 0,5 % : 2 · B. 2,5 % : 5 » (« Vrai : 9 · Faux : 6 » for true or false)."""
    labels = kind_of(question).vote_names(question)
    return " · ".join(
        f"{label} : {format_number(count)}"
        for label, count in zip(labels, votes.counts, strict=True)
    )


def describe_room_response(question: Question, response: Response | Votes | None) -> str:
    """A team's answer as the sheet gives it back, or the raised hands of a vote."""
    if isinstance(response, Votes):
        return describe_votes(question, response)
    return describe_response(question, response)


def format_share(share: float) -> str:
    """0.725 → « 73 % »."""
    return f"{math.floor(100 * share + 0.5)} %"


def speed_points(elapsed: float, limit: float, possible: int = 1000) -> int:
    """Kahoot's points for a correct answer given `elapsed` seconds into a `limit`-second timer.

    round((1 − (elapsed / limit) / 2) × possible), rounded half up; an answer in under half
    a second gets all the points; an answer after the time is up gets none. Their worked
    example: 2 s into a 30 s timer → 967.
    """
    if elapsed < 0.5:
        return possible
    if elapsed > limit:
        return 0
    return math.floor((1 - (elapsed / limit) / 2) * possible + 0.5)


def streak_bonus(streak: int) -> int:
    """Kahoot's answer streak bonus: 0 for the first right answer, +100 for each further one
    in a row, at most +500 (a streak of 6 or more)."""
    return min(max(streak - 1, 0) * 100, 500)


@dataclass(frozen=True)
class BeforeAfter:
    """Knowledge gained between an earlier session and this one."""

    before_label: str
    before: float
    after: float

    @property
    def gain(self) -> float:
        return self.after - self.before

"""One scoring function per question kind. Every score lies between 0 and 1; speed never counts.

Responses always refer to the *authored* order of options, items and pairs, whatever order
the screen showed them in, so that recorded answers stay comparable across sessions.

- choice: 1 for the right option, else 0.
- multi: (right options ticked − wrong options ticked) / number of right options, floored
  at 0; only the exact set scores 1.
- truefalse: 1 or 0.
- estimate: 1 within the tolerance; otherwise half credit fading with the distance in orders
  of magnitude: 0.5 × max(0, 1 − |log10(guess / truth)|). A guess 3 times too big gets
  0.5 × (1 − 0.477) ≈ 0.26; ten times too big or more gets 0. A guess ≤ 0 gets 0.
- order: Kendall's tau between the given and the true ranking, floored at 0, so that a
  random ranking earns about nothing and a reversed one exactly nothing.
- match: share of pairs matched right.
"""

from __future__ import annotations

import math
from itertools import combinations

from nrgame.core.content import (
    ChoiceQuestion,
    EstimateQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
)

Response = int | frozenset[int] | bool | float | tuple[int, ...]
"""choice: option index; multi: option indexes; truefalse: bool; estimate: number;
order: item indexes in the order given; match: for each left item, the right item's index."""


class InvalidResponse(ValueError):
    """A response that does not fit the question (wrong type, index out of range…)."""


def score_choice(question: ChoiceQuestion, response: int) -> float:
    _check_index(response, len(question.options))
    return 1.0 if question.options[response] == question.answer else 0.0


def score_multi(question: MultiQuestion, response: frozenset[int]) -> float:
    for index in response:
        _check_index(index, len(question.options))
    right = {question.options.index(a) for a in question.answers}
    hits = len(response & right)
    misses = len(response - right)
    return max(0.0, (hits - misses) / len(right))


def score_truefalse(question: TrueFalseQuestion, response: bool) -> float:
    return 1.0 if response is question.answer else 0.0


def score_estimate(question: EstimateQuestion, response: float) -> float:
    if not math.isfinite(response):
        raise InvalidResponse("nombre attendu")
    if question.tolerance.accepts(response, question.answer):
        return 1.0
    if response <= 0:
        return 0.0
    # Difference of logarithms, not the log of a ratio that could underflow to zero.
    orders_off = round(abs(math.log10(response) - math.log10(question.answer)), 12)
    return 0.5 * max(0.0, 1.0 - orders_off)


def score_order(question: OrderQuestion, response: tuple[int, ...]) -> float:
    _check_permutation(response, len(question.items))
    pairs = list(combinations(range(len(response)), 2))
    concordant = sum(1 for i, j in pairs if response[i] < response[j])
    tau = (2 * concordant - len(pairs)) / len(pairs)
    return max(0.0, tau)


def score_match(question: MatchQuestion, response: tuple[int, ...]) -> float:
    if len(response) != len(question.pairs):
        raise InvalidResponse(f"{len(question.pairs)} associations attendues")
    for index in response:
        _check_index(index, len(question.pairs))
    return sum(1 for left, right in enumerate(response) if left == right) / len(question.pairs)


def score(question: Question, response: Response) -> float:
    """Score any question; raise InvalidResponse if the response has the wrong shape."""
    match question:
        case ChoiceQuestion() if isinstance(response, int) and not isinstance(response, bool):
            return score_choice(question, response)
        case MultiQuestion() if isinstance(response, frozenset):
            return score_multi(question, response)
        case TrueFalseQuestion() if isinstance(response, bool):
            return score_truefalse(question, response)
        case EstimateQuestion() if isinstance(response, int | float) and not isinstance(
            response, bool
        ):
            return score_estimate(question, float(response))
        case OrderQuestion() if isinstance(response, tuple):
            return score_order(question, response)
        case MatchQuestion() if isinstance(response, tuple):
            return score_match(question, response)
    raise InvalidResponse(f"réponse de forme inattendue pour une question {question.kind}")


def _check_index(index: int, size: int) -> None:
    if not 0 <= index < size:
        raise InvalidResponse(f"choix {index + 1} hors des {size} possibles")


def _check_permutation(response: tuple[int, ...], size: int) -> None:
    if sorted(response) != list(range(size)):
        raise InvalidResponse(f"il faut classer les {size} éléments, chacun une fois")

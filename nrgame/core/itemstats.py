"""Item statistics: which questions are too easy, too hard or misleading, for content authors.

Computed from sums over attempts (one player or team in one session) so that a storage reader
never hands over answers one by one. Scores are item scores between 0 and 1, so an item's
maximum mark is 1. Pure: no storage, no screen.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass

from nrgame.core.catalog import Catalog
from nrgame.core.content import Question
from nrgame.core.kinds import kind_of

TOO_EASY = 0.9
"""Facility above which a question is flagged too easy."""
TOO_HARD = 0.2
"""Facility below which a question is flagged too hard."""
MIN_ATTEMPTS = 10
"""Attempts below which no flag is raised. With n attempts the facility's standard error is
√(p(1 − p)/n): 0.16 for p = 0.5 and n = 10, already the width of the band between « trop
difficile » and the middle; below that, one answer more or less moves a question across a
threshold. The table still shows the figures, marked « trop peu de réponses »."""

FLAG_EASY = "trop facile"
FLAG_HARD = "trop difficile"
FLAG_NEGATIVE = "discrimination négative"
FLAG_FEW = "trop peu de réponses"
NO_ANSWER = "sans réponse"


@dataclass(frozen=True)
class ItemSums:
    """Sums over every attempt at one question, enough for its mean, variance and covariance.

    An attempt is one player or team in one session; x is its score on the item and r the rest
    of its test (its total score minus x).
    """

    question_id: str
    n: int
    sum_x: float
    sum_xx: float
    sum_r: float
    sum_rr: float
    sum_xr: float


@dataclass(frozen=True)
class ResponseCount:
    """How many attempts gave one response (as stored, in JSON) to one question."""

    question_id: str
    response: str | None
    count: int


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int
    correct: bool


@dataclass(frozen=True)
class ItemStat:
    question_id: str
    axis: int | None
    kind: str
    prompt: str
    attempts: int
    facility: float
    """Mean score over maximum score, 0 to 1."""
    discrimination: float | None
    """Correlation between the item score and the rest of the test, −1 to 1."""
    options: list[OptionCount]
    flags: list[str]


def facility(sums: ItemSums) -> float:
    """Moodle's facility index: mean mark over maximum mark (here 1)."""
    return sums.sum_x / sums.n


def discrimination(sums: ItemSums) -> float | None:
    """Moodle's discrimination index, as a fraction (Moodle shows it × 100).

    Moodle (docs.moodle.org/dev/Quiz_statistics_calculations, and the code in
    question/classes/statistics/questions/calculator.php of moodle/moodle) computes, over the
    attempts s at item i, with x the item score and X₋ᵢ the rest of the test (the attempt's
    total minus x):

        D_i = 100 · C(x, X₋ᵢ) / √(V(x) · V(X₋ᵢ))

    C and V are the sample covariance and variances (divided by s − 1), so D_i / 100 is the
    Pearson correlation between the item and the rest of the test. It is undefined (None) with
    fewer than two attempts or when either side never varies.
    """
    n = sums.n
    if n < 2:
        return None
    var_x = (sums.sum_xx - sums.sum_x**2 / n) / (n - 1)
    var_r = (sums.sum_rr - sums.sum_r**2 / n) / (n - 1)
    cov = (sums.sum_xr - sums.sum_x * sums.sum_r / n) / (n - 1)
    # Sums of equal values leave rounding dust, not variance.
    if var_x <= 1e-12 * max(1.0, sums.sum_xx / n) or var_r <= 1e-12 * max(1.0, sums.sum_rr / n):
        return None
    return max(-1.0, min(1.0, cov / math.sqrt(var_x * var_r)))


def item_statistics(
    items: list[ItemSums], responses: list[ResponseCount], catalog: Catalog
) -> list[ItemStat]:
    by_question: dict[str, list[ResponseCount]] = defaultdict(list)
    for r in responses:
        by_question[r.question_id].append(r)
    stats = []
    for sums in sorted(items, key=lambda s: s.question_id):
        if sums.n == 0:
            continue
        question = catalog.questions.get(sums.question_id)
        value = facility(sums)
        index = discrimination(sums)
        flags = [FLAG_FEW] if sums.n < MIN_ATTEMPTS else quality_flags(value, index)
        stats.append(
            ItemStat(
                question_id=sums.question_id,
                axis=question.axis if question else None,
                kind=question.kind if question else "",
                prompt=question.prompt if question else "",
                attempts=sums.n,
                facility=value,
                discrimination=index,
                options=option_counts(question, by_question.get(sums.question_id, [])),
                flags=flags,
            )
        )
    return stats


def quality_flags(value: float, index: float | None) -> list[str]:
    flags = []
    if value > TOO_EASY:
        flags.append(FLAG_EASY)
    if value < TOO_HARD:
        flags.append(FLAG_HARD)
    if index is not None and index < 0:
        flags.append(FLAG_NEGATIVE)
    return flags


def to_review(items: list[ItemStat]) -> int:
    """Questions with a flag that says something about the question, not about the sample."""
    return sum(1 for item in items if set(item.flags) - {FLAG_FEW})


def option_counts(question: Question | None, responses: list[ResponseCount]) -> list[OptionCount]:
    """Answers chosen per option for choice, multi and true/false questions.

    A room vote counts every raised hand for its option.
    A multi response ticks several options, so its options add up to more than the attempts.
    Responses that do not fit the question (content changed since) are left out.
    """
    if question is None:
        return []
    kind = kind_of(question)
    labels = kind.option_labels(question)
    if not labels:
        return []
    right = kind.right_options(question)
    counts = [0] * len(labels)
    missing = 0
    for r in responses:
        value = json.loads(r.response) if r.response is not None else None
        if value is None:
            missing += r.count
            continue
        if isinstance(value, dict):  # a room vote: hands raised for each option
            hands = value.get("votes")
            if isinstance(hands, list) and len(hands) == len(labels):
                for index, raised in enumerate(hands):
                    counts[index] += int(raised) * r.count
            continue
        for index in kind.chosen_options(question, value):
            counts[index] += r.count
    options = [OptionCount(label, counts[i], i in right) for i, label in enumerate(labels)]
    return [*options, OptionCount(NO_ANSWER, missing, False)]

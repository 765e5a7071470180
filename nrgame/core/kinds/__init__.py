"""The registry of question kinds: callers ask it instead of matching on the question's class.

A new kind is one module here (its `QuestionKind` subclass), its model in the `Question`
union of `core/content.py`, one line in `KINDS` and its widget in `tui/widgets/answers.py`;
`tests/core/test_kinds.py` fails until every piece is there.
"""

from __future__ import annotations

from typing import Any

from nrgame.core.content import Question
from nrgame.core.kinds.base import QuestionKind
from nrgame.core.kinds.choice import CHOICE
from nrgame.core.kinds.estimate import ESTIMATE
from nrgame.core.kinds.match import MATCH
from nrgame.core.kinds.multi import MULTI
from nrgame.core.kinds.order import ORDER
from nrgame.core.kinds.truefalse import TRUEFALSE
from nrgame.core.scoring import Response

KINDS: dict[str, QuestionKind[Any]] = {
    kind.name: kind for kind in (CHOICE, MULTI, TRUEFALSE, ESTIMATE, ORDER, MATCH)
}
"""Every kind by its YAML name, in the order catalogs and reports list them."""


def kind_of(question: Question) -> QuestionKind[Any]:
    return KINDS[question.kind]


def score(question: Question, response: Response) -> float:
    """Score any question, between 0 and 1 (speed never counts); raise InvalidResponse if the
    response has the wrong shape."""
    return kind_of(question).score(question, response)

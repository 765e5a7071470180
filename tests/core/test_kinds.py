"""Every question kind has every piece, and the registry knows exactly the kinds of Question."""

from __future__ import annotations

import json
from typing import get_args

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.content import KindName, Question
from nrgame.core.itemstats import ResponseCount, option_counts
from nrgame.core.kinds import KINDS, kind_of, score
from nrgame.core.quiz import (
    correct_response,
    parse_sheet_answer,
    response_from_json,
    response_to_json,
)
from nrgame.core.room_scoring import Votes, can_vote, vote_score
from nrgame.core.scoring import InvalidResponse, Response

MEMBERS = get_args(get_args(Question)[0])


def test_the_registry_holds_exactly_the_members_of_the_question_union() -> None:
    by_kind = {get_args(member.model_fields["kind"].annotation)[0]: member for member in MEMBERS}
    assert set(KINDS) == set(by_kind) == set(get_args(KindName))
    for name, kind in KINDS.items():
        assert kind.name == name
        assert kind.model is by_kind[name]


def _one_of_each(catalog: Catalog) -> dict[str, Question]:
    found: dict[str, Question] = {}
    for question in catalog.questions.values():
        found.setdefault(question.kind, question)
    assert set(found) == set(KINDS)
    return found


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_has_every_piece(name: str, mini_catalog: Catalog) -> None:
    question = _one_of_each(mini_catalog)[name]
    kind = kind_of(question)
    assert kind is KINDS[name]
    # French label and timing
    assert kind.label and kind.label == kind.label.lower()
    assert 20 <= kind.seconds <= 180
    # scoring: the right answer scores 1, a response of another kind is refused
    right = correct_response(question)
    assert score(question, right) == 1.0
    wrong_shape = "texte"
    with pytest.raises(InvalidResponse, match=f"question {name}"):
        score(question, wrong_shape)  # type: ignore[arg-type]
    # storage: a response survives its JSON form
    assert response_from_json(question, response_to_json(right)) == right
    # paper sheet: the hint and the example are French sentences, and nonsense is refused
    assert kind.sheet_hint(question) and kind.sheet_example(question)
    with pytest.raises(InvalidResponse):
        parse_sheet_answer(question, "?!")
    # item statistics: the right answer counts for a right option, or the kind has none
    counts = option_counts(question, [ResponseCount(question.id, _stored(right), 3)])
    if kind.option_labels(question):
        assert [c.count for c in counts if c.correct] and all(
            c.count == 3 for c in counts if c.correct
        )
    else:
        assert counts == []
    # a show of hands: the right option's hands score 1
    if can_vote(question):
        hands = [3 if score(question, option) == 1 else 0 for option in kind.vote_options(question)]
        assert vote_score(question, Votes(tuple(hands))) == 1.0
        assert len(kind.vote_names(question)) == len(hands)


def _stored(response: Response) -> str:
    return json.dumps(response_to_json(response))

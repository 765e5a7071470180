from __future__ import annotations

import json

from nrgame.core.catalog import Catalog
from nrgame.core.itemstats import NO_ANSWER, ResponseCount, option_counts


def test_votes_count_every_raised_hand_beside_single_answers(mini_catalog: Catalog) -> None:
    question = mini_catalog.questions["t-choice"]  # options 0,5 / 2,5 / 4,4 / 10 ; right: 4,4
    responses = [
        ResponseCount("t-choice", json.dumps({"votes": [1, 6, 9, 0]}), 1),
        ResponseCount("t-choice", json.dumps(2), 3),  # three solo players chose 4,4 %
        ResponseCount("t-choice", None, 2),
    ]
    counts = {c.label: c.count for c in option_counts(question, responses)}
    assert counts == {"0,5 %": 1, "2,5 %": 6, "4,4 %": 12, "10 %": 0, NO_ANSWER: 2}


def test_true_false_votes(mini_catalog: Catalog) -> None:
    question = mini_catalog.questions["t-truefalse"]
    responses = [ResponseCount("t-truefalse", json.dumps({"votes": [4, 11]}), 1)]
    counts = [(c.label, c.count, c.correct) for c in option_counts(question, responses)]
    assert counts[:2] == [("Vrai", 4, False), ("Faux", 11, True)]

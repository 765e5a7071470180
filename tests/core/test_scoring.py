from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nrgame.core.catalog import Catalog
from nrgame.core.content import EstimateQuestion, MatchQuestion, OrderQuestion, Tolerance
from nrgame.core.kinds import score
from nrgame.core.scoring import InvalidResponse


def q(catalog: Catalog, qid: str):  # type: ignore[no-untyped-def]
    return catalog.questions[qid]


def test_choice(mini_catalog: Catalog) -> None:
    question = q(mini_catalog, "t-choice")
    assert score(question, 2) == 1.0
    assert score(question, 1) == 0.0
    with pytest.raises(InvalidResponse):
        score(question, 4)
    with pytest.raises(InvalidResponse):
        score(question, True)  # a bool is not an option index


def test_multi_partial_credit_and_floor(mini_catalog: Catalog) -> None:
    question = q(mini_catalog, "t-multi")  # right: 0 and 2
    assert score(question, frozenset({0, 2})) == 1.0
    assert score(question, frozenset({0})) == 0.5
    assert score(question, frozenset({0, 1})) == 0.0
    assert score(question, frozenset({1, 3})) == 0.0  # floored, never negative
    assert score(question, frozenset({0, 1, 2})) == 0.5


def test_truefalse(mini_catalog: Catalog) -> None:
    question = q(mini_catalog, "t-truefalse")
    assert score(question, False) == 1.0
    assert score(question, True) == 0.0


def test_estimate_tolerance_edges_and_orders_of_magnitude(mini_catalog: Catalog) -> None:
    question = q(mini_catalog, "t-estimate")  # 11, absolute tolerance 3
    assert score(question, 11) == 1.0
    assert score(question, 14) == 1.0  # edge included
    assert score(question, 8) == 1.0
    assert score(question, 14.01) == pytest.approx(0.5 * (1 - math.log10(14.01 / 11)))
    assert score(question, 110) == 0.0  # one order of magnitude off
    assert score(question, 1.1) == 0.0
    assert score(question, 33) == pytest.approx(0.5 * (1 - math.log10(3)))
    assert score(question, 0) == 0.0
    assert score(question, 5e-324) == 0.0  # a ratio this small would underflow
    assert score(question, -5) == 0.0
    with pytest.raises(InvalidResponse):
        score(question, float("nan"))


def test_relative_tolerance() -> None:
    tolerance = Tolerance(relative=0.2)
    assert tolerance.accepts(12, 10)
    assert tolerance.accepts(8, 10)
    assert not tolerance.accepts(12.1, 10)


def test_order_kendall(mini_catalog: Catalog) -> None:
    question = q(mini_catalog, "t-order")
    assert score(question, (0, 1, 2)) == 1.0
    assert score(question, (2, 1, 0)) == 0.0
    assert score(question, (1, 0, 2)) == pytest.approx(1 / 3)
    with pytest.raises(InvalidResponse):
        score(question, (0, 0, 1))


def test_match_share(mini_catalog: Catalog) -> None:
    question = q(mini_catalog, "t-match")
    assert score(question, (0, 1, 2)) == 1.0
    assert score(question, (0, 2, 1)) == pytest.approx(1 / 3)
    with pytest.raises(InvalidResponse):
        score(question, (0, 1))


COMMON: dict[str, Any] = {
    "prompt": "p",
    "explanation": "e",
    "source": {"publisher": "x", "title": "y", "year": 2024},
    "axis": 1,
    "theme": "t",
    "audiences": ["agents"],
}
"""Fields every question needs, so each property test states only what it is about."""


@given(
    st.floats(min_value=1e-6, max_value=1e9),
    st.floats(min_value=-1e12, max_value=1e12),
)
def test_estimate_score_is_bounded_and_exact_is_full(answer: float, guess: float) -> None:
    question = EstimateQuestion.model_validate(
        {
            **COMMON,
            "id": "e",
            "kind": "estimate",
            "answer": answer,
            "unit": "u",
            "tolerance": {"relative": 0.1},
        }
    )
    assert 0.0 <= score(question, guess) <= 1.0
    assert score(question, answer) == 1.0


@given(st.permutations(range(5)))
def test_order_score_bounded(perm: list[int]) -> None:
    question = OrderQuestion.model_validate(
        {**COMMON, "id": "o", "kind": "order", "items": ["a", "b", "c", "d", "e"]}
    )
    value = score(question, tuple(perm))
    assert 0.0 <= value <= 1.0
    assert (value == 1.0) == (list(perm) == [0, 1, 2, 3, 4])


@given(st.permutations(range(4)))
def test_match_score_counts_fixed_points(perm: list[int]) -> None:
    pairs = [{"left": str(i), "right": f"r{i}"} for i in range(4)]
    question = MatchQuestion.model_validate({**COMMON, "id": "m", "kind": "match", "pairs": pairs})
    assert score(question, tuple(perm)) == sum(i == p for i, p in enumerate(perm)) / 4

"""Property-based tests: the loader answers anything with ContentError lists, never an
exception; every score lies in [0, 1], the exact answer scores 1, and what the store keeps of
a response scores the same once read back."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nrgame.core.catalog import load_catalog
from nrgame.core.content import (
    ChoiceQuestion,
    EstimateQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
)
from nrgame.core.kinds import score
from nrgame.core.loader import ContentError
from nrgame.core.quiz import correct_response, response_from_json, response_to_json
from nrgame.core.scoring import InvalidResponse, Response

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "content" / "mini.yaml"
EXAMPLES = int(os.environ.get("NRGAME_EXAMPLES", "150"))  # raise it for a longer hunt
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "contenu.yaml"


def assert_refused_or_loaded(path: Path) -> None:
    """Loading never raises; whatever is wrong comes as located ContentErrors."""
    catalog = load_catalog([path])
    for error in catalog.errors:
        assert isinstance(error, ContentError)
        assert error.file == str(path)
        assert error.message
        assert error.line is None or error.line >= 1
        assert str(error).startswith(str(path))
        json.dumps(error.to_json())


@FAST
@given(st.binary(max_size=400))
def test_random_bytes(scratch: Path, data: bytes) -> None:
    scratch.write_bytes(data)
    assert_refused_or_loaded(scratch)


@FAST
@given(st.text(max_size=400))
def test_random_text(scratch: Path, text: str) -> None:
    scratch.write_bytes(text.encode("utf-8"))
    assert_refused_or_loaded(scratch)


YAML_BITS = st.sampled_from(
    [*":-[]{}#&*!|>'\"%@`,?\t\n ", "\n  ", "\n    ", ": ", "- ", "---\n", "!!python/"]
)


@FAST
@given(st.data())
def test_valid_file_with_random_edits(scratch: Path, data: st.DataObject) -> None:
    text = MINI.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + data.draw(YAML_BITS) + text[at + cut :]
    scratch.write_text(text, encoding="utf-8")
    assert_refused_or_loaded(scratch)


KEYS = st.sampled_from(
    [
        "figures",
        "questions",
        "decks",
        "id",
        "kind",
        "prompt",
        "answer",
        "answers",
        "options",
        "items",
        "pairs",
        "left",
        "right",
        "axis",
        "audiences",
        "source",
        "publisher",
        "year",
        "tolerance",
        "relative",
        "select",
        "count",
        "value",
        "choice",
        "estimate",
        "match",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    KEYS,
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(KEYS, st.integers(0, 9)), inner, max_size=5),
    ),
    max_leaves=30,
)


@FAST
@given(st.dictionaries(KEYS, TREES, max_size=4))
def test_content_shaped_nonsense(scratch: Path, tree: dict[str, Any]) -> None:
    scratch.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    assert_refused_or_loaded(scratch)


# Scoring

SOURCE = {"publisher": "ADEME", "title": "T", "year": 2025}
COMMON: dict[str, Any] = {
    "prompt": "p",
    "explanation": "e",
    "source": SOURCE,
    "axis": 1,
    "theme": "t",
    "audiences": ["agents"],
}
LABELS = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@st.composite
def questions(draw: st.DrawFn) -> Question:
    kind = draw(st.sampled_from(["choice", "multi", "truefalse", "estimate", "order", "match"]))
    if kind == "choice":
        options = draw(st.lists(LABELS, min_size=2, max_size=6, unique=True))
        return ChoiceQuestion(
            id="q", kind="choice", options=options, answer=draw(st.sampled_from(options)), **COMMON
        )
    if kind == "multi":
        options = draw(st.lists(LABELS, min_size=3, max_size=8, unique=True))
        answers = draw(st.lists(st.sampled_from(options), min_size=1, unique=True))
        return MultiQuestion(id="q", kind="multi", options=options, answers=answers, **COMMON)
    if kind == "truefalse":
        return TrueFalseQuestion(id="q", kind="truefalse", answer=draw(st.booleans()), **COMMON)
    if kind == "estimate":
        answer = draw(st.floats(min_value=1e-9, max_value=1e12))
        tolerance = draw(
            st.one_of(
                st.builds(lambda v: {"absolute": v}, st.floats(min_value=1e-6, max_value=1e6)),
                st.builds(lambda v: {"relative": v}, st.floats(min_value=1e-3, max_value=1)),
            )
        )
        return EstimateQuestion(
            id="q", kind="estimate", answer=answer, unit="u", tolerance=tolerance, **COMMON
        )
    size = draw(st.integers(3 if kind == "order" else 2, 7))
    if kind == "order":
        return OrderQuestion(id="q", kind="order", items=[f"i{n}" for n in range(size)], **COMMON)
    pairs = [{"left": f"l{n}", "right": f"r{n}"} for n in range(size)]
    return MatchQuestion(id="q", kind="match", pairs=pairs, **COMMON)


RESPONSES = st.one_of(
    st.integers(-3, 10),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.frozensets(st.integers(-1, 9), max_size=9),
    st.lists(st.integers(-1, 9), max_size=9).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(questions())
def test_the_exact_answer_scores_one(question: Question) -> None:
    assert score(question, correct_response(question)) == 1.0


@settings(max_examples=500, deadline=None)
@given(questions(), RESPONSES)
def test_any_response_scores_within_bounds_or_is_refused(
    question: Question, response: Response
) -> None:
    try:
        value = score(question, response)
    except InvalidResponse:
        return
    assert 0.0 <= value <= 1.0
    assert not math.isnan(value)
    if value == 1.0 and not isinstance(question, EstimateQuestion):
        assert response_to_json(response) == response_to_json(correct_response(question))
    # What the store keeps (JSON) scores the same once read back, as on resume.
    stored = json.loads(json.dumps(response_to_json(response)))
    assert score(question, response_from_json(question, stored)) == value  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(questions(), st.data())
def test_valid_responses_of_the_right_shape(question: Question, data: st.DataObject) -> None:
    response: Response
    match question:
        case ChoiceQuestion():
            response = data.draw(st.integers(0, len(question.options) - 1))
        case MultiQuestion():
            response = data.draw(st.frozensets(st.integers(0, len(question.options) - 1)))
        case TrueFalseQuestion():
            response = data.draw(st.booleans())
        case EstimateQuestion():
            response = data.draw(st.floats(allow_nan=False, allow_infinity=False))
        case OrderQuestion():
            response = tuple(data.draw(st.permutations(range(len(question.items)))))
        case MatchQuestion():
            size = len(question.pairs)
            response = tuple(
                data.draw(st.lists(st.integers(0, size - 1), min_size=size, max_size=size))
            )
    value = score(question, response)
    assert 0.0 <= value <= 1.0
    assume(response_to_json(response) != response_to_json(correct_response(question)))
    if not isinstance(question, EstimateQuestion):
        assert value < 1.0  # only the exact answer gets full marks

"""The bundled content library: valid, sourced, and fit to be projected in a workshop."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from nrgame import settings
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content import EstimateQuestion
from nrgame.core.kinds import KINDS

AUTHORED_AXES = (1, 2, 3)
MIN_QUESTIONS_PER_AXIS = 27
MAX_PROMPT_CHARS = 200


@pytest.fixture(scope="module")
def library() -> Catalog:
    return load_catalog([settings.bundled_content()])


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_bundled_content_validates(library: Catalog) -> None:
    assert library.ok, "\n".join(str(error) for error in library.errors)
    assert library.questions


def test_no_two_questions_share_a_prompt(library: Catalog) -> None:
    prompts = Counter(_normalised(q.prompt) for q in library.questions.values())
    assert [prompt for prompt, n in prompts.items() if n > 1] == []


def test_every_question_cites_a_figure_or_a_source(library: Catalog) -> None:
    unsourced = [q.id for q in library.questions.values() if not q.figures and q.source is None]
    assert unsourced == []


def test_unverified_figures_only_in_misconception_questions(library: Catalog) -> None:
    unverified = {fid for fid, figure in library.figures.items() if not figure.verified}
    assert unverified, "the library is expected to hold contested figures"
    misused = [
        (q.id, fid)
        for q in library.questions.values()
        if not q.misconception
        for fid in q.figures
        if fid in unverified
    ]
    assert misused == []


@pytest.mark.parametrize("axis", AUTHORED_AXES)
def test_axis_has_enough_questions(library: Catalog, axis: int) -> None:
    count = sum(1 for q in library.questions.values() if q.axis == axis)
    assert count >= MIN_QUESTIONS_PER_AXIS


@pytest.mark.parametrize("axis", AUTHORED_AXES)
def test_axis_uses_every_question_kind(library: Catalog, axis: int) -> None:
    kinds = {q.kind for q in library.questions.values() if q.axis == axis}
    assert sorted(set(KINDS) - kinds) == []


def test_question_id_prefix_matches_its_axis(library: Catalog) -> None:
    wrong = [
        q.id
        for q in library.questions.values()
        if (m := re.match(r"a(\d)-", q.id)) and int(m.group(1)) != q.axis
    ]
    assert wrong == []


def test_estimate_tolerance_accepts_the_answer_and_rejects_ten_times_off(
    library: Catalog,
) -> None:
    estimates = [q for q in library.questions.values() if isinstance(q, EstimateQuestion)]
    assert estimates
    for q in estimates:
        assert q.tolerance.accepts(q.answer, q.answer), q.id
        assert not q.tolerance.accepts(q.answer * 10, q.answer), q.id
        assert not q.tolerance.accepts(q.answer / 10, q.answer), q.id


def test_prompts_fit_on_a_projected_screen(library: Catalog) -> None:
    too_long = [q.id for q in library.questions.values() if len(q.prompt) > MAX_PROMPT_CHARS]
    assert too_long == []


def test_key_questions_carry_facilitator_notes(library: Catalog) -> None:
    key = [q for q in library.questions.values() if "cle" in q.tags]
    assert key
    assert [q.id for q in key if not q.notes] == []

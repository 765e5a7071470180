"""A deck exported as GIFT reads back, through Moodle's rules, as the same questions."""

from __future__ import annotations

from typing import Any

import pytest

from nrgame import settings
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content import Question
from nrgame.core.kinds import KINDS, score
from nrgame.gift.export import ANSWER_BLOCKS, export_deck, general_feedback
from nrgame.gift.mapping import import_gift
from nrgame.gift.parser import parse_gift


@pytest.fixture(scope="module")
def library() -> Catalog:
    catalog = load_catalog([settings.bundled_content()])
    assert catalog.ok, catalog.errors
    return catalog


def expected(question: Question) -> dict[str, Any]:
    """What a round trip must keep: kind, prompt, answers, theme, tags, axis."""
    data = question.model_dump(mode="json", include={"id", "kind", "prompt", "theme", "tags"})
    data["axis"] = question.axis
    for name in ("options", "answer", "answers", "pairs", "unit"):
        if hasattr(question, name):
            data[name] = getattr(question, name)
    if data.get("pairs"):
        data["pairs"] = [{"left": p.left, "right": p.right} for p in question.pairs]  # type: ignore[union-attr]
    return data


def reimported(imported: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "kind", "prompt", "theme", "tags", "axis", "options", "answer", "answers")
    data = {k: imported[k] for k in (*keys, "pairs", "unit") if k in imported}
    data.setdefault("tags", [])
    return data


def round_trip(catalog: Catalog, deck_id: str) -> tuple[list[Question], dict[str, dict[str, Any]]]:
    exported = export_deck(catalog, deck_id)
    result = import_gift(exported.text, f"{deck_id}.gift")
    assert result.skipped == []
    kept: list[Question] = [q for q in catalog.deck_questions(deck_id) if q.kind != "order"]
    assert exported.written == len(kept) == len(result.questions)
    return kept, {q.id: q.data for q in result.questions}


def test_launch_committee_deck_comes_back_the_same(library: Catalog) -> None:
    kept, back = round_trip(library, "comite-lancement")
    assert [q.id for q in kept] == list(back)
    for question in kept:
        data = back[question.id]
        assert reimported(data) == expected(question)
        # The explanation comes first in the general feedback, then its figures and sources.
        assert data["explanation"].startswith(question.explanation)
        assert data["explanation"] == general_feedback(library, question)
        assert data["source"] == {
            "publisher": "à compléter",
            "title": "à compléter",
            "year": "à compléter",
        }


def test_order_questions_are_named_not_exported(library: Catalog) -> None:
    exported = export_deck(library, "comite-lancement")
    assert exported.left_out == [
        "« a4-repartition-2022 » (remettre dans l'ordre) : GIFT n'a pas de question à "
        "ordonner ; elle n'est pas exportée"
    ]
    assert "a4-repartition-2022" not in exported.text


@pytest.mark.parametrize(
    "deck_id", ["autoformation-agents", "achats-responsables", "services-et-donnees", "elus"]
)
def test_every_kind_of_the_library_comes_back(library: Catalog, deck_id: str) -> None:
    kept, back = round_trip(library, deck_id)
    for question in kept:
        got = reimported(back[question.id])
        want = expected(question)
        if question.kind == "estimate":
            # The band is kept; a relative tolerance comes back as the gap it allowed.
            tolerance = question.tolerance
            gap = tolerance.absolute
            if not gap:
                assert tolerance.relative is not None
                gap = tolerance.relative * question.answer
            assert back[question.id]["tolerance"]["absolute"] == pytest.approx(gap)
        assert got == want


def test_estimates_and_multi_are_in_the_export(library: Catalog) -> None:
    kinds = {q.kind for q in library.deck_questions("autoformation-agents")}
    assert {"choice", "multi", "truefalse", "estimate", "match"} <= kinds


def test_multi_weights_give_nrgame_scoring_in_moodle(library: Catalog) -> None:
    """Moodle adds the weights of the ticked answers (never below 0): 1/n for each right
    one and −1/n for each wrong one is nrgame's (right − wrong) ÷ n."""
    multis = [q for q in library.questions.values() if q.kind == "multi"]
    parsed = {
        q.idnumber: q
        for q in parse_gift(export_deck(library, "autoformation-agents").text).questions
    }
    checked = 0
    for question in multis:
        gift = parsed.get(question.id)
        if gift is None:
            continue
        weights = {a.text.text: a.fraction for a in gift.answers}
        options = question.options
        for size in range(len(options) + 1):
            ticked = frozenset(range(size))
            moodle = max(0.0, sum(weights[options[i]] for i in ticked))
            assert moodle == pytest.approx(score(question, ticked), abs=1e-6)
        checked += 1
    assert checked >= 3


def test_export_is_read_by_moodle_rules_without_error(library: Catalog) -> None:
    for deck_id in library.decks:
        parsed = parse_gift(export_deck(library, deck_id).text)
        assert parsed.errors == []
        assert all(q.questiontext.format == "plain" for q in parsed.questions)


def test_every_question_kind_has_a_gift_answer_block() -> None:
    assert set(ANSWER_BLOCKS) == set(KINDS)

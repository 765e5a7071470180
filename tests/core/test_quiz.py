from __future__ import annotations

from datetime import datetime

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.french import format_number
from nrgame.core.kinds.base import display_order, parse_number
from nrgame.core.quiz import QuizSession, parse_sheet_answer
from nrgame.core.scoring import InvalidResponse
from nrgame.core.sheet import read_sheet

AT = datetime(2026, 3, 2, 9, 0)


def test_session_walks_through_and_resumes(mini_catalog: Catalog) -> None:
    questions = mini_catalog.deck_questions("mini")
    quiz = QuizSession(mini_catalog.decks["mini"], questions)
    assert quiz.current.id == "t-choice"
    quiz.answer(2, AT)
    with pytest.raises(InvalidResponse):
        quiz.answer(2, AT)  # answered already
    quiz.advance()
    quiz.answer(None, AT)  # skipped: zero points
    quiz.advance()
    assert quiz.position == 2
    assert quiz.score == 1.0
    resumed = QuizSession(quiz.deck, questions, dict(quiz.given))
    assert resumed.position == 2
    assert [q.id for q in resumed.to_review()][:2] == ["t-multi", "t-truefalse"]


def test_display_order_is_stable_and_never_the_answer(mini_catalog: Catalog) -> None:
    order = mini_catalog.questions["t-order"]
    shown = display_order(order)  # type: ignore[arg-type]
    assert shown == display_order(order)  # type: ignore[arg-type]
    assert shown != sorted(shown)
    assert sorted(shown) == [0, 1, 2]


def test_sheet_answers_each_kind(mini_catalog: Catalog) -> None:
    qs = mini_catalog.questions
    assert parse_sheet_answer(qs["t-choice"], "c") == 2
    assert parse_sheet_answer(qs["t-multi"], "A, C") == frozenset({0, 2})
    assert parse_sheet_answer(qs["t-truefalse"], "Faux") is False
    assert parse_sheet_answer(qs["t-estimate"], "1 932,5") == 1932.5
    order = qs["t-order"]
    shown = display_order(order)  # type: ignore[arg-type]
    # Writing the letters in shown order returns the shown order.
    assert parse_sheet_answer(order, "ABC") == tuple(shown)
    assert parse_sheet_answer(qs["t-match"], "-") is None
    with pytest.raises(InvalidResponse, match="lettre"):
        parse_sheet_answer(qs["t-choice"], "E")
    with pytest.raises(InvalidResponse):
        parse_sheet_answer(order, "AAB")
    with pytest.raises(InvalidResponse, match="V"):
        parse_sheet_answer(qs["t-truefalse"], "peut-être")


def test_read_sheet_reports_every_bad_line(mini_catalog: Catalog) -> None:
    questions = mini_catalog.deck_questions("mini")
    text = "# feuille de Camille\nC\nZ\nF\n4. douze\nABC\nABC\n"
    _, errors = read_sheet(text, questions)
    assert [e.line for e in errors] == [3, 5]
    assert "lettre" in errors[0].message
    assert "nombre" in errors[1].message


def test_read_sheet_counts_missing_and_extra_lines(mini_catalog: Catalog) -> None:
    questions = mini_catalog.deck_questions("mini")
    _, errors = read_sheet("C\n", questions)
    assert "5 réponse(s) manquante(s)" in errors[0].message
    _, errors = read_sheet("C\nA\nF\n3\nABC\nABC\nA\n", questions)
    assert errors[0].line == 7 and "en trop" in errors[0].message


def test_numbers_the_french_way() -> None:
    assert format_number(4.4) == "4,4"
    assert format_number(1932) == "1\u202f932"
    assert format_number(29.5) == "29,5"
    # Small whole numbers take a shortcut: it must write them as the general rule does.
    assert all(format_number(n) == format_number(float(n)) for n in range(-1500, 1500))
    assert format_number(-999) == "-999" and format_number(True) == "1"
    assert parse_number("4.4") == 4.4
    with pytest.raises(InvalidResponse):
        parse_number("inf")

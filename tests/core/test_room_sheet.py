"""Room answer sheets: a column per team, or the hands raised per option."""

from __future__ import annotations

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.room_scoring import Votes
from nrgame.core.room_setup import make_teams
from nrgame.core.sheet import read_sheet, read_team_sheet, read_vote_sheet

TEAMS = make_teams(["Castors", "Hérons"])


def test_a_team_sheet_names_the_team_in_fault(mini_catalog: Catalog) -> None:
    questions = mini_catalog.deck_questions("mini")
    rows, errors = read_team_sheet("C | B\nA,C | Z\nF|V\n4,4|-\nCAB|ABC\n-|-\n", questions, TEAMS)
    assert [str(e) for e in errors] == [
        "ligne 2 : question 2 (multi) : équipe 2 (Hérons) : « Z » : lettre attendue entre A et D"
    ]
    assert rows[:3] == [[2, 1], [False, True], [4.4, None]]  # the faulty line is left out


def test_a_vote_sheet_takes_hands_or_the_room_answer(mini_catalog: Catalog) -> None:
    questions = mini_catalog.deck_questions("mini")
    rows, errors = read_vote_sheet("2|5|9|0\nA,C\n3 | 12\n4,4\n-\n-\n", questions)
    assert errors == []
    assert rows[:4] == [Votes((2, 5, 9, 0)), frozenset({0, 2}), Votes((3, 12)), 4.4]
    _, errors = read_vote_sheet("2|5|-1|0\n", questions)
    assert "option C : « -1 » : un nombre négatif n'a pas de sens ici" in str(errors[0])


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "1e9",
            "option B : « 1e9 » : écrivez le nombre en chiffres, sans puissance de dix "
            "(pas de « e »)",
        ),
        ("12,5", "option B : « 12,5 » n'est pas un nombre entier : pas de décimales ici"),
        ("-3", "option B : « -3 » : un nombre négatif n'a pas de sens ici"),
        ("", "option B : rien n'est saisi : un nombre entier est attendu"),
    ],
)
def test_hands_on_a_sheet_are_whole_numbers_read_strictly(
    mini_catalog: Catalog, cell: str, message: str
) -> None:
    questions = mini_catalog.deck_questions("mini")
    rows, errors = read_vote_sheet(f"2|{cell}|9|0\n", questions)
    assert [str(e) for e in errors][:1] == [f"ligne 1 : question 1 (choice) : {message}"]
    assert rows == []


def test_a_vote_sheet_line_with_more_hands_than_people_present_is_confirmable(
    mini_catalog: Catalog,
) -> None:
    questions = mini_catalog.deck_questions("mini")
    sheet = "2|5|9|0\nA,C\n3 | 1 200\n4,4\n-\n-\n"
    rows, errors = read_vote_sheet(sheet, questions, present=20)
    assert [(e.line, e.message, e.confirmable) for e in errors] == [
        (
            3,
            "question 3 (truefalse) : 1\u202f203 mains levées pour 20 personnes déclarées "
            "présentes",
            True,
        )
    ]
    rows, errors = read_vote_sheet(sheet, questions, present=16)  # 16 hands on line 1: fine
    assert [e.line for e in errors] == [3]
    rows, errors = read_vote_sheet(sheet, questions)  # no audience declared: nothing to bound
    assert errors == [] and rows[2] == Votes((3, 1200))


def test_an_estimate_written_with_a_point_is_not_taken_for_a_question_number(
    mini_catalog: Catalog,
) -> None:
    questions = mini_catalog.deck_questions("mini")
    responses, errors = read_sheet("C\nA,C\nF\n4.4\nCAB\nABC\n", questions)
    assert errors == [] and responses[3] == 4.4  # once read as « 4. » followed by « 4 »

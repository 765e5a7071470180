"""How phones' answers make a team's, and what a phone may send."""

from __future__ import annotations

from datetime import datetime

import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.phones import (
    MAX_MESSAGE,
    PhoneAnswer,
    PhoneBook,
    PhoneError,
    combine,
    hands,
    public_question,
    read_message,
    read_response,
)
from nrgame.storage.records import history
from nrgame.usecases.phone_answers import PhoneRoom
from nrgame.usecases.run_room import RecordedRoom

AT = datetime(2026, 3, 2, 9, 0)


def test_choice_goes_to_the_majority_and_a_tie_to_the_first_answered(
    mini_catalog: Catalog,
) -> None:
    choice = mini_catalog.questions["t-choice"]
    assert combine(choice, [1, 2, 2, 0]) == 2
    assert combine(choice, [3, 1, 1, 3]) == 3
    assert combine(mini_catalog.questions["t-truefalse"], [False, True, True]) is True


def test_an_estimate_takes_the_median(mini_catalog: Catalog) -> None:
    estimate = mini_catalog.questions["t-estimate"]
    assert combine(estimate, [3.0, 11.0, 1000.0]) == 11.0
    assert combine(estimate, [4.0, 10.0, 12.0, 50.0]) == 11.0


def test_multi_keeps_each_option_most_members_ticked(mini_catalog: Catalog) -> None:
    multi = mini_catalog.questions["t-multi"]
    given = [frozenset({0, 2}), frozenset({0, 1}), frozenset({0, 2, 3})]
    assert combine(multi, given) == frozenset({0, 2})
    # No option ticked by more than half: the most frequent whole answer, first on a tie.
    assert combine(multi, [frozenset({1}), frozenset({3})]) == frozenset({1})


def test_order_and_match_take_the_most_frequent_whole_answer(mini_catalog: Catalog) -> None:
    order = mini_catalog.questions["t-order"]
    assert combine(order, [(2, 1, 0), (0, 1, 2), (0, 1, 2)]) == (0, 1, 2)
    match = mini_catalog.questions["t-match"]
    assert combine(match, [(1, 0, 2), (0, 1, 2)]) == (1, 0, 2)


def test_each_phone_is_one_hand(mini_catalog: Catalog) -> None:
    assert hands(mini_catalog.questions["t-choice"], [2, 2, 0, 3]) == [1, 0, 2, 1]
    assert hands(mini_catalog.questions["t-truefalse"], [True, False, False]) == [1, 2]


def test_a_duplicate_counts_once_and_the_cap_holds() -> None:
    book = PhoneBook(limit=2)
    first = book.join(None)
    assert book.join(first.token) is first
    book.join(None)
    with pytest.raises(PhoneError, match="complète"):
        book.join("un jeton inconnu")
    answer = PhoneAnswer(first.token, 0, 2, AT, "")
    assert book.keep(answer)
    assert not book.keep(PhoneAnswer(first.token, 0, 1, AT, ""))
    assert book.answer_of(first.token, 0) == answer


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("pas du json", "illisible"),
        ('["hello"]', "illisible"),
        ('{"type": "answer", "position": "0", "response": 1}', "inattendu"),
        ('{"type": "answer", "position": true, "response": 1}', "inattendu"),
        ('{"type": "hello", "token": 12}', "jeton"),
        ('{"type": "name", "name": "' + "x" * 31 + '"}', "trop long"),
        ('{"type": "ping", "pad": "' + "x" * MAX_MESSAGE + '"}', "trop long"),
    ],
)
def test_bad_messages_are_refused_in_french(text: str, error: str) -> None:
    with pytest.raises(PhoneError, match=error):
        read_message(text)


def test_responses_are_checked_against_the_question(mini_catalog: Catalog) -> None:
    order = mini_catalog.questions["t-order"]
    assert read_response(order, [2, 0, 1]) == (2, 0, 1)
    with pytest.raises(PhoneError, match="classer"):
        read_response(order, [0, 0, 1])
    with pytest.raises(PhoneError, match="hors"):
        read_response(mini_catalog.questions["t-choice"], 9)
    with pytest.raises(PhoneError, match="au moins"):
        read_response(mini_catalog.questions["t-multi"], [])


def test_the_phone_never_sees_the_answer(mini_catalog: Catalog) -> None:
    order = mini_catalog.questions["t-order"]
    shown = public_question(order)
    assert [item["index"] for item in shown["items"]] != [0, 1, 2]
    choice = public_question(mini_catalog.questions["t-choice"])
    assert "answer" not in choice
    assert [(o["letter"], o["shape"]) for o in choice["options"]][:2] == [("A", "▲"), ("B", "◆")]


def test_the_phones_joined_become_the_counted_audience(recorded: RecordedRoom) -> None:
    room = PhoneRoom(recorded)
    for _ in range(42):
        room.join(None)
    assert room.count_as_audience() == 42
    assert recorded.store.setup(recorded.session_id).people == 42  # type: ignore[union-attr]
    assert recorded.room.present == 42
    (change,) = history(recorded.store, recorded.session_id)
    assert change.reason == "téléphones connectés"


def test_an_unreadable_answer_is_refused_in_french(mini_catalog: Catalog) -> None:
    """A letter where the page sends an option's number: Python's English never shows."""
    with pytest.raises(PhoneError) as refused:
        read_response(mini_catalog.questions["t-choice"], "C")
    assert str(refused.value) == "réponse refusée : elle ne correspond pas à cette question"

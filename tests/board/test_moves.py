"""Moves files: what a facilitator noted on paper, read strictly and replayed exactly."""

from __future__ import annotations

from nrgame.core.moves import read_moves, replay
from nrgame.core.scenario import Scenario

GOOD = """\
# Partie d'essai
graine : 12

tour 1 : diag, atelier
tour 2 : achat
tour 3 : -
tour 4 :
"""


def test_a_good_file(mini: Scenario) -> None:
    moves, errors = read_moves(GOOD, mini)
    assert errors == []
    assert moves.seed == 12
    assert [(t.line, t.turn, t.cards) for t in moves.turns] == [
        (4, 1, ("diag", "atelier")),
        (5, 2, ("achat",)),
        (6, 3, ()),
        (7, 4, ()),
    ]
    game, problems = replay(mini, moves, moves.seed or 0)
    assert problems == [] and game.over
    assert game.history == [[["diag", "atelier"]], [["achat"]], [[]], [[]]]


def test_cards_may_be_separated_by_spaces_and_the_file_may_stop_early(mini: Scenario) -> None:
    moves, errors = read_moves("TOUR 1: diag atelier\n", mini)
    assert errors == []
    game, problems = replay(mini, moves, 0)
    assert problems == [] and game.turn == 2 and not game.over


def test_every_malformed_line_is_named(mini: Scenario) -> None:
    text = "\n".join(
        [
            "tour 1 : diag",  # 1 ok
            "tour 3 : atelier",  # 2 skips turn 2
            "tour 2 : atelier, machin",  # 3 unknown card
            "jouer diag",  # 4 not a moves line
            "graine : 5",  # 5 too late
            "tour 9 : diag",  # 6 beyond the game
            "tour 1 équipe 2 : diag",  # 7 no teams here
            "équipes : A, B",  # 8 no teams here
            "tour 2 : plan",  # 9 turn 2 already noted on line 3
            "tour 3 : expert",  # 10 ok
        ]
    )
    _, errors = read_moves(text, mini)
    assert [str(e) for e in errors] == [
        "ligne 2 : tour 3 inattendu : tour 1 ou 2 attendu",
        "ligne 3 : carte inconnue « machin »",
        "ligne 4 : ligne incomprise « jouer diag » : attendu « tour N : cartes », « graine : N » "
        "ou un commentaire commençant par #",
        "ligne 5 : la graine se donne une fois, avant les tours",
        "ligne 6 : tour 9 : la partie compte 4 tours",
        "ligne 7 : ce scénario se joue en une seule équipe",
        "ligne 8 : ce scénario se joue en une seule équipe",
        "ligne 9 : le tour 2 est déjà noté",
    ]


def test_a_move_the_rules_refuse_is_named_with_its_line(mini: Scenario) -> None:
    moves, errors = read_moves("tour 1 : atelier\ntour 2 : achat\n", mini)
    assert errors == []
    game, problems = replay(mini, moves, 0)
    assert [str(p) for p in problems] == [
        "ligne 2 : tour 2 : il faut d'abord terminer « Diagnostic »"
    ]
    assert game.turn == 2


def test_a_bad_seed(mini: Scenario) -> None:
    _, errors = read_moves("graine : douze\n", mini)
    assert [str(e) for e in errors] == ["ligne 1 : graine « douze » : nombre entier attendu"]


def test_competitive_moves_name_the_team(duel: Scenario) -> None:
    text = (
        "équipes : Bleus, Verts\ntour 1 équipe 2 : deux\ntour 1 équipe 1 : un\ntour 2 équipe 1 :\n"
    )
    moves, errors = read_moves(text, duel)
    assert errors == []
    game, problems = replay(duel, moves, 3)
    assert problems == [] and game.over
    assert game.teams == ["Bleus", "Verts"]
    assert game.history == [[["un"], ["deux"]], [[], []]]
    _, errors = read_moves("tour 1 : un\ntour 1 équipe 3 : un\n", duel)
    assert [str(e) for e in errors] == [
        "ligne 1 : mode compétitif : précisez « tour N équipe K : … »",
        "ligne 2 : équipe 3 inconnue (1 à 2)",
    ]

"""The board engine: resources, prerequisites, durations, effects, events, undo, score."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nrgame.core.board_game import Game, MoveError
from nrgame.core.board_rules import Rules
from nrgame.core.scenario import Scenario


def seed_where(scenario: Scenario, wanted: Callable[[dict[str, int]], bool]) -> int:
    """The first seed whose event schedule (event id → turn) satisfies `wanted`."""
    rules = Rules(scenario)
    for seed in range(1000):
        schedule = rules.schedule(seed)
        fired = {scenario.events[k].id: turn for turn, ks in enumerate(schedule) for k in ks}
        if wanted(fired):
            return seed
    raise AssertionError("no such seed")


def calm(scenario: Scenario) -> Game:
    """A game where the random « crise » does not happen."""
    return Game(scenario, seed_where(scenario, lambda f: "crise" not in f))


def test_committing_spends_the_turn_resources_and_withdrawing_gives_them_back(
    mini: Scenario,
) -> None:
    game = calm(mini)
    board = game.board()
    assert (board.budget, board.days) == (10, 10)
    game.play("diag")
    game.play("atelier")
    assert (board.budget, board.days) == (5, 5)
    with pytest.raises(MoveError, match="budget insuffisant : 10 k€ demandés, il reste 5 k€"):
        game.play("gros")
    game.withdraw("atelier")
    assert (board.budget, board.days) == (8, 8)
    assert game.committed() == ["diag"]
    with pytest.raises(MoveError, match="n'a pas été engagée ce tour-ci"):
        game.withdraw("atelier")


def test_days_are_a_resource_too(mini: Scenario) -> None:
    game = calm(mini)
    game.play("atelier")  # 3 k€, 3 days
    game.board().days = 1
    with pytest.raises(MoveError, match="jours-agents insuffisants : 2 demandés, il en reste 1"):
        game.play("diag")


def test_unspent_resources_are_lost_at_the_end_of_the_turn(mini: Scenario) -> None:
    game = calm(mini)
    game.play("diag")
    game.confirm()
    assert game.turn == 2
    # Turn 2: base 10 − 1 for the softened breakdown; nothing carried over.
    assert game.board().budget == 9
    assert game.board().days == 10


def test_a_card_needs_its_prerequisites_finished_not_just_started(mini: Scenario) -> None:
    game = calm(mini)
    with pytest.raises(MoveError, match="il faut d'abord terminer « Diagnostic »"):
        game.play("achat")
    game.play("diag")
    with pytest.raises(MoveError, match="il faut d'abord terminer « Diagnostic »"):
        game.play("achat")
    game.confirm()
    game.play("achat")
    assert game.committed() == ["achat"]


def test_a_card_can_require_a_maturity_level(mini: Scenario) -> None:
    game = calm(mini)
    with pytest.raises(MoveError, match="maturité insuffisante : axe 4 au niveau 1"):
        game.play("expert")
    game.play("diag")
    game.confirm()
    assert game.maturity(4) == 1
    game.play("expert")


def test_a_card_is_played_once(mini: Scenario) -> None:
    game = calm(mini)
    game.play("diag")
    with pytest.raises(MoveError, match="déjà engagée ce tour-ci"):
        game.play("diag")
    game.confirm()
    with pytest.raises(MoveError, match="déjà terminée"):
        game.play("diag")
    game.play("atelier")
    game.confirm()
    with pytest.raises(MoveError, match="déjà en cours"):
        game.play("atelier")


def test_once_effects_wait_for_the_last_turn_of_the_action(mini: Scenario) -> None:
    game = calm(mini)
    game.play("diag")
    game.confirm()
    game.play("achat")  # two turns
    game.confirm()
    assert game.value("part") == 10
    assert [(c.id, left) for c, left in game.running()] == [("achat", 1)]
    game.confirm()
    assert game.value("part") == 25
    assert game.running() == []


def test_during_effects_apply_each_turn_the_action_runs(mini: Scenario) -> None:
    game = calm(mini)
    game.play("atelier")
    game.confirm()
    assert game.value("public") == 10
    assert game.maturity(5) == 0
    game.confirm()
    assert game.value("public") == 20
    assert game.maturity(5) == 1
    game.confirm()
    assert game.value("public") == 20


def test_after_effects_apply_every_following_turn(mini: Scenario) -> None:
    seed = seed_where(mini, lambda f: "crise" not in f)
    game = Game(mini, seed)
    game.play("gros")  # co2 +5 once, budget +3 every turn after
    game.confirm()
    assert game.value("co2") == 5
    assert game.board().budget == 10 + 3 - 4  # the breakdown is not softened: no diag
    game.confirm()
    assert game.board().budget == 10 + 3
    # « aubaine » on turn 3: +2 t every turn from then on.
    assert game.value("co2") == 5 + 2
    game.confirm()
    assert game.value("co2") == 5 + 2 + 2


def test_resource_gains_can_be_agent_days(mini: Scenario) -> None:
    game = calm(mini)
    game.play("plan")
    game.confirm()
    assert game.board().days == 12
    game.confirm()
    assert game.board().days == 12


def test_synergy_applies_once_both_cards_are_finished(mini: Scenario) -> None:
    game = calm(mini)
    game.play("diag")
    game.play("atelier")
    game.confirm()
    assert game.value("public") == 10
    game.play("expert")
    game.confirm()
    # atelier ran its second turn (+10) and finished; expert finished: synergy +5.
    assert game.value("public") == 25
    assert game.board().synergy_turn == [2]
    game.confirm()
    assert game.value("public") == 25


def test_indicators_stay_within_their_bounds(mini: Scenario) -> None:
    game = calm(mini)
    game.play("diag")
    game.confirm()
    game.play("achat")
    game.confirm()
    game.confirm()
    assert game.value("part") == 25
    assert mini.indicator("part").max == 30
    rules = game.rules
    game.board()._apply(((rules.slot["part"], 50.0),), True)
    assert game.value("part") == 30
    game.board()._apply(((rules.slot["axe-4"], 9.0),), True)
    assert game.maturity(4) == 4


def test_scripted_event_fires_on_its_turn_and_is_softened_by_a_running_or_done_card(
    mini: Scenario,
) -> None:
    hard = calm(mini)
    hard.confirm()
    assert [(e.event.id, e.softened) for e in hard.events_now()] == [("panne", False)]
    assert hard.board().budget == 6
    soft = calm(mini)
    soft.play("diag")
    soft.confirm()
    (event,) = soft.events_now()
    assert event.softened and [c.id for c in event.softened_by] == ["diag"]
    assert soft.board().budget == 9


def test_random_events_follow_the_seed_within_their_window(mini: Scenario) -> None:
    rules = Rules(mini)
    turns = []
    for seed in range(200):
        assert rules.schedule(seed) == rules.schedule(seed)
        fired = [t for t, ks in enumerate(rules.schedule(seed)) for k in ks if k == 1]
        turns.extend(fired)
        if not fired:
            turns.append(0)
    happened = [t for t in turns if t]
    assert set(happened) == {2, 3, 4}
    assert 60 < len(happened) < 140  # chance 0.5 over 200 seeds
    # The window of « aubaine » is a single turn: it always fires there.
    assert all(2 in rules.schedule(seed)[3] for seed in range(50))


def test_crisis_takes_agent_days_on_its_turn(mini: Scenario) -> None:
    seed = seed_where(mini, lambda f: f.get("crise") == 3)
    game = Game(mini, seed)
    game.confirm()
    game.confirm()
    assert game.turn == 3
    assert {e.event.id for e in game.events_now()} == {"crise", "aubaine"}
    assert game.board().days == 7


def test_undo_restores_the_state_before_the_last_confirmed_turn(mini: Scenario) -> None:
    game = calm(mini)
    game.play("diag")
    game.play("atelier")
    game.confirm()
    before = game.state()
    game.play("expert")
    game.confirm()
    assert game.state() != before
    game.play("plan")  # pending commitments are dropped too
    game.undo()
    assert game.state() == before
    assert game.committed() == []
    assert len(game.history) == 1
    game.undo()
    assert game.turn == 1 and game.history == []
    with pytest.raises(MoveError, match="aucun tour confirmé"):
        game.undo()


def test_objectives_with_a_deadline_are_missed_when_late(mini: Scenario) -> None:
    o_diag, o_part, _ = mini.objectives
    late = calm(mini)
    assert late.objective_status(o_diag) == "en cours"
    late.confirm()
    assert late.objective_status(o_diag) == "manqué"
    late.play("diag")
    late.confirm()
    assert late.objective_status(o_diag) == "manqué"
    on_time = calm(mini)
    on_time.play("diag")
    on_time.confirm()
    assert on_time.objective_status(o_diag) == "atteint"
    assert on_time.objective_status(o_part) == "en cours"


def test_score_and_victory(mini: Scenario) -> None:
    game = calm(mini)
    game.play("diag")
    game.play("atelier")
    game.confirm()
    game.play("achat")
    game.confirm()
    game.play("expert")
    game.confirm()
    game.confirm()
    assert game.over
    # Maturity gained: axis 4 +1, axis 5 +1, axis 3 +1 → 3 levels × 2 points = 6.
    # co2: achat finished on turn 3 (+1 on turn 4); aubaine +2 on turns 3 and 4 → 5 t × 1.
    # Objectives: o-part (part 25) 10 points; o-public (public 20) 5 points; o-diag 0 points.
    assert game.value("co2") == 5
    assert game.score() == 6 + 5 + 10 + 5
    assert game.won()
    with pytest.raises(MoveError, match="la partie est terminée"):
        game.play("plan")
    with pytest.raises(MoveError, match="la partie est terminée"):
        game.confirm()


def test_a_mandatory_objective_missed_loses_whatever_the_score(mini: Scenario) -> None:
    game = calm(mini)
    game.play("gros")
    for _ in range(4):
        game.confirm()
    assert game.over and not game.won()
    assert game.state()["won"] is False


def test_same_seed_and_moves_give_the_same_game(mini: Scenario) -> None:
    history = [[["diag", "atelier"]], [["achat"]], [["expert"]], [["plan"]]]
    for seed in range(20):
        first = Game.replay(mini, seed, history)
        second = Game.replay(mini, seed, history)
        assert first.state() == second.state()
        assert first.score() == second.score()
        assert first.history == history


def test_competitive_mode_gives_each_team_its_board_and_the_same_events(duel: Scenario) -> None:
    game = Game(duel, 7)
    assert game.teams == ["Équipe 1", "Équipe 2"]
    game.play("un", team=0)
    game.play("deux", team=1)
    with pytest.raises(MoveError, match="budget insuffisant"):
        game.play("un", team=1)
    game.confirm()
    assert game.history == [[["un"], ["deux"]]]
    assert game.maturity(1, team=0) == 1 and game.maturity(1, team=1) == 0
    assert game.maturity(2, team=1) == 2
    game.confirm()
    assert game.over
    assert game.score(team=0) == 1 + 3
    assert game.score(team=1) == 2
    assert game.won(team=0) and game.won(team=1)


def test_roadmap_lists_every_action_started_by_axis(mini: Scenario) -> None:
    game = calm(mini)
    game.play("atelier")
    game.play("diag")
    game.confirm()
    game.play("achat")
    game.confirm()
    rows = game.roadmap()
    assert [(r.card.id, r.started, r.due, r.finished) for r in rows] == [
        ("achat", 2, 3, False),
        ("diag", 1, 1, True),
        ("atelier", 1, 2, True),
    ]


def test_a_card_may_only_be_started_within_its_window(mini: Scenario) -> None:
    game = calm(mini)
    with pytest.raises(
        MoveError, match="« Bilan de fin de partie » ne peut s'engager qu'à partir du tour 3"
    ):
        game.play("bilan")
    game.confirm()
    game.confirm()
    game.play("bilan")
    game.withdraw("bilan")
    game.confirm()
    with pytest.raises(MoveError, match="ne pouvait s'engager que jusqu'au tour 3"):
        game.play("bilan")

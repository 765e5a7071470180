"""Simulation: board games played per second on one core, as `nrgame scenario simulate` does.

The bundled agglomeration scenario is compiled and simulated with every strategy (the figure
counts every game: games per strategy × strategies), in this single-threaded process. The
reference, run just after, is the loop any simulator of this scenario must make at the very
least: the same number of games, each turn visiting each of the scenario's cards once, with no
rule applied.
"""

from __future__ import annotations

import time

from benchmarks.common import Figure
from nrgame import settings
from nrgame.core.board_rules import Rules
from nrgame.core.catalog import load_catalog
from nrgame.core.simulate import STRATEGIES, simulate

SCENARIO = "agglomeration-reen"


def _skeleton(games: int, turns: int, cards: int) -> int:
    visits = 0
    deck = list(range(cards))
    for _ in range(games):
        for _ in range(turns):
            for card in deck:
                visits += card
    return visits


def run(games: int) -> list[Figure]:
    catalog = load_catalog([settings.bundled_content(), settings.bundled_scenarios()])
    scenario = catalog.scenarios[SCENARIO]
    start = time.perf_counter()
    rules = Rules(scenario)
    report = simulate(rules, games, seed=0, strategies=STRATEGIES)
    seconds = time.perf_counter() - start
    played = report.total_games
    start = time.perf_counter()
    _skeleton(played, rules.count, len(rules.card_ids))
    skeleton = time.perf_counter() - start
    per_second = played / seconds
    return [
        Figure(
            "simulation_games_per_s",
            "Simulation : parties par seconde (un cœur)",
            per_second,
            "parties/s",
            "≥ 5 000",
            per_second >= 5_000,
        ),
        Figure("simulation_ratio", "Simulation, rapport au squelette", seconds / skeleton, "×"),
    ]

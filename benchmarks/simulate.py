"""Print how many board games per second `nrgame scenario simulate` plays, on one core.

    .venv/bin/python benchmarks/simulate.py [GAMES]

Each bundled scenario is simulated with every strategy; the figure counts every game played
(games per strategy × strategies). Nothing is asserted: speed is never a test.
"""

from __future__ import annotations

import sys

from nrgame import settings
from nrgame.core.board import Rules
from nrgame.core.catalog import load_catalog
from nrgame.core.quiz import format_number
from nrgame.core.simulate import STRATEGIES, simulate


def main() -> None:
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    catalog = load_catalog([settings.bundled_content(), settings.bundled_scenarios()])
    for scenario in catalog.scenarios.values():
        report = simulate(Rules(scenario), games, seed=0, strategies=STRATEGIES)
        rates = ", ".join(
            f"{r.name} {format_number(round(r.win_rate * 100))} %" for r in report.results
        )
        print(
            f"{scenario.id} : {format_number(report.total_games)} parties en "
            f"{format_number(round(report.seconds, 2))} s, "
            f"{format_number(round(report.games_per_second))} parties par seconde "
            f"(victoires : {rates})"
        )


if __name__ == "__main__":
    main()

"""Play a scenario thousands of times with simple strategies, to see whether it is balanced.

Three families of strategies, all seeded:

- « hasard »: each turn, cards in a random order, each committed if it can be;
- « score »: each turn, cards by the score they would bring per resource spent (effects
  weighted as the score counts them, the points of an objective to each card it names,
  points of threshold objectives in proportion to the way a card goes towards them,
  mandatory objectives counted twice, half of what a card unlocks passed on to it), best
  first;
- « axe-N »: the cards of axis N (and what they need) first, by the same value, then the rest.

Game g of every strategy meets the same events (schedule seed `seed + g`), so strategies are
compared on the same luck.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from nrgame.core.board import Board, CompiledObjective, Rules
from nrgame.core.content import AXES

RANDOM = "hasard"
SCORE = "score"
AXIS_STRATEGIES = tuple(f"axe-{n}" for n in AXES)
STRATEGIES = (RANDOM, SCORE, *AXIS_STRATEGIES)

STRATEGY_LABELS = {
    RANDOM: "Au hasard",
    SCORE: "Au meilleur score",
    **{f"axe-{n}": f"Priorité à l'axe {n} ({label})" for n, label in AXES.items()},
}


@dataclass
class StrategyResult:
    name: str
    games: int = 0
    wins: int = 0
    total_score: float = 0.0
    lowest: float = float("inf")
    highest: float = float("-inf")

    @property
    def win_rate(self) -> float:
        return self.wins / self.games if self.games else 0.0

    @property
    def mean_score(self) -> float:
        return self.total_score / self.games if self.games else 0.0


@dataclass
class Report:
    scenario: str
    games: int
    seed: int
    results: list[StrategyResult]
    plays: Counter[str] = field(default_factory=Counter)
    never_played: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total_games(self) -> int:
        return sum(r.games for r in self.results)

    @property
    def games_per_second(self) -> float:
        return self.total_games / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "scenario": self.scenario,
            "games": self.games,
            "seed": self.seed,
            "strategies": [
                {
                    "name": r.name,
                    "label": STRATEGY_LABELS[r.name],
                    "games": r.games,
                    "wins": r.wins,
                    "win_rate": round(r.win_rate, 4),
                    "mean_score": round(r.mean_score, 2),
                    "min_score": r.lowest,
                    "max_score": r.highest,
                }
                for r in self.results
            ],
            "plays": dict(sorted(self.plays.items())),
            "never_played": self.never_played,
            "total_games": self.total_games,
            "seconds": round(self.seconds, 4),
            "games_per_second": round(self.games_per_second),
        }


def card_values(rules: Rules) -> list[list[float]]:
    """values[turn][card]: what committing the card on that turn brings to the score."""
    count = rules.count
    n = len(rules.card_ids)
    weights = rules.weights
    shares = [0.0] * n
    for objective in rules.objectives:
        for i in range(n):
            if objective.mask >> i & 1:
                shares[i] += _worth(objective)
    children = [[j for j in range(n) if rules.req_mask[j] >> i & 1] for i in range(n)]
    table: list[list[float]] = [[0.0] * n for _ in range(count + 2)]
    for turn in range(1, count + 1):
        base = [0.0] * n
        in_time = [
            rules.first_turn[i] <= turn <= rules.last_turn[i]
            and turn + rules.duration[i] - 1 <= count
            for i in range(n)
        ]
        for i in range(n):
            finish = turn + rules.duration[i] - 1
            if not in_time[i]:
                continue
            gains = [0.0] * rules.slots
            for slot, add in rules.once[i]:
                if slot >= 0:
                    gains[slot] += add
            for slot, add in rules.during[i]:
                if slot >= 0:
                    gains[slot] += add * rules.duration[i]
            for slot, add in rules.after[i]:
                if slot >= 0:
                    gains[slot] += add * (count - finish)
            value = shares[i] + sum(w * g for w, g in zip(weights, gains, strict=True))
            for objective in rules.objectives:
                # Points of a threshold objective, in proportion to the way the card goes.
                slot = objective.slot
                if slot >= 0 and objective.low > rules.start[slot]:
                    need = objective.low - rules.start[slot]
                    value += _worth(objective) * min(1.0, max(0.0, gains[slot]) / need)
            base[i] = value
        # A card is also worth half of what it unlocks, so that prerequisites get played.
        row = base
        for _ in range(n):
            row = [
                base[i] + 0.5 * sum(row[j] for j in children[i]) if in_time[i] else 0.0
                for i in range(n)
            ]
        table[turn] = row
    return table


def _worth(objective: CompiledObjective) -> float:
    """What an objective is worth to a greedy player: its points, doubled if it is mandatory."""
    return objective.points * 2.0 if objective.mandatory else float(objective.points)


def _closure(rules: Rules, mask: int) -> set[int]:
    needed: set[int] = set()
    todo = [i for i in range(len(rules.card_ids)) if mask >> i & 1]
    while todo:
        i = todo.pop()
        if i in needed:
            continue
        needed.add(i)
        todo.extend(j for j in range(len(rules.card_ids)) if rules.req_mask[i] >> j & 1)
    return needed


def _price(rules: Rules, i: int) -> float:
    """A card's cost as a share of one turn's resources (at least a little, never zero)."""
    budget = rules.cost_budget[i] / max(rules.base_budget, 1)
    days = rules.cost_days[i] / max(rules.base_days, 1)
    return budget + days + 0.05


def orders(rules: Rules, strategy: str) -> list[tuple[int, ...]]:
    """orders[turn]: the cards in the order the strategy tries them (greedy strategies)."""
    table = card_values(rules)
    n = len(rules.card_ids)
    result: list[tuple[int, ...]] = [()] * (rules.count + 2)
    first: set[int] = set()
    if strategy != SCORE:
        axis = int(strategy.removeprefix("axe-")) - 1
        mask = sum(1 << i for i in range(n) if rules.axis[i] == axis)
        first = _closure(rules, mask)
    for turn in range(1, rules.count + 1):
        row = table[turn]

        def key(i: int, row: list[float] = row) -> tuple[bool, float, int]:
            return (i not in first, -row[i] / _price(rules, i), i)

        chosen = [i for i in range(n) if row[i] > 0 or i in first]
        result[turn] = tuple(sorted(chosen, key=key))
    return result


def simulate(
    rules: Rules, games: int, seed: int = 0, strategies: Sequence[str] = STRATEGIES
) -> Report:
    """Play `games` games per strategy; the report says who wins, how often, with what."""
    count = rules.count
    n = len(rules.card_ids)
    results = [StrategyResult(name) for name in strategies]
    greedy = {name: orders(rules, name) for name in strategies if name != RANDOM}
    plays = [0] * n
    win = rules.win
    began = time.perf_counter()
    for g in range(games):
        schedule = rules.schedule(seed + g)
        for result in results:
            board = Board(rules, schedule)
            if result.name == RANDOM:
                rng = random.Random(seed * 1_000_003 + g)
                deck = list(range(n))
                shuffle = rng.shuffle
                while board.turn <= count:
                    shuffle(deck)
                    board.play_in_order(deck)
                    board.end_turn()
            else:
                order = greedy[result.name]
                while board.turn <= count:
                    board.play_in_order(order[board.turn])
                    board.end_turn()
            started = board.started
            for i in range(n):
                if started[i]:
                    plays[i] += 1
            score = board.score()
            result.games += 1
            result.total_score += score
            if score < result.lowest:
                result.lowest = score
            if score > result.highest:
                result.highest = score
            if score >= win and board.won():
                result.wins += 1
    seconds = time.perf_counter() - began
    counter = Counter({rules.card_ids[i]: plays[i] for i in range(n)})
    never = [rules.card_ids[i] for i in range(n) if not plays[i]]
    return Report(rules.scenario.id, games, seed, results, counter, never, seconds)

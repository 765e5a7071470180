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

The report ends with what would hurt a table (`warnings`): an event that no card can soften
in time, resources that pay for every card, an objective no game reaches, a card no game
plays, a strategy that always wins.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from nrgame.core.board import Board
from nrgame.core.board_rules import CompiledObjective, Rules
from nrgame.core.content import AXES
from nrgame.core.french import format_number

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
    met: Counter[str] = field(default_factory=Counter)
    """Games, all strategies together, in which each objective was met."""
    warnings: list[str] = field(default_factory=list)

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
            "objectives_met": dict(sorted(self.met.items())),
            "warnings": self.warnings,
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
    met = [0] * len(rules.objectives)
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
            for objective in rules.objectives:
                if board.met(objective):
                    met[objective.index] += 1
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
    objectives = rules.scenario.objectives
    reached = Counter({objectives[k].id: met[k] for k in range(len(objectives))})
    report = Report(rules.scenario.id, games, seed, results, counter, never, seconds, reached)
    report.warnings = warnings(rules, report)
    return report


def earliest_starts(rules: Rules) -> list[int]:
    """The first turn each card could be committed, from its window and prerequisites alone
    (a bound: maturity and resources can only make it later); count + 1 when never."""
    n = len(rules.card_ids)
    never = rules.count + 1
    start = [rules.first_turn[i] for i in range(n)]
    for _ in range(n):  # prerequisites form no cycle (scenario_problems says so): n passes do
        for i in range(n):
            for j in range(n):
                if rules.req_mask[i] >> j & 1:
                    start[i] = max(start[i], start[j] + rules.duration[j])
    return [s if s <= rules.last_turn[i] else never for i, s in enumerate(start)]


def warnings(rules: Rules, report: Report) -> list[str]:
    """What would hurt a table, in French, most serious first."""
    s = rules.scenario
    said: list[str] = []
    starts = earliest_starts(rules)
    for event in rules.events:
        if not event.soft_mask:
            continue
        cards = [i for i in range(len(rules.card_ids)) if event.soft_mask >> i & 1]
        # Softened if a card is running or finished when the event fires, at the start of
        # its turn: the card must have been committed on an earlier turn.
        if all(starts[i] >= event.last for i in cards):
            names = ", ".join(f"« {s.cards[i].title} »" for i in cards)
            when = (
                f"au tour {event.turn}"
                if event.turn
                else f"entre les tours {event.first} et {event.last}"
            )
            which = (
                f"la carte qui l'atténue, {names}, ne peut"
                if len(cards) == 1
                else f"aucune des cartes qui l'atténuent ({names}) ne peut"
            )
            said.append(
                f"L'événement « {s.events[event.index].title} » arrive {when} ; {which} être "
                "engagée avant : il ne sera jamais atténué (retarder l'événement, ou alléger "
                "les prérequis)."
            )
    turns = rules.count
    resources = s.authority.resources
    for what, unit, per_turn, total in (
        ("le budget ne force", " k€", resources.budget, sum(rules.cost_budget)),
        ("les jours-agents ne forcent", " jours-agents", resources.days, sum(rules.cost_days)),
    ):
        game = per_turn * turns
        if total and game >= total:
            said.append(
                f"Ressources : {format_number(game)}{unit} sur la partie ({turns} tours de "
                f"{format_number(per_turn)}), pour {format_number(total)}{unit} de cartes en "
                f"tout : {what} aucun choix, la table peut tout engager (sans "
                "compter ce que cartes et événements ajoutent ou retirent)."
            )
    total_games = report.total_games
    for objective in s.objectives:
        if total_games and not report.met[objective.id]:
            must = " (obligatoire : aucune partie n'est gagnée)" if objective.mandatory else ""
            said.append(f"Objectif jamais atteint, aucune stratégie : « {objective.text} »{must}.")
    for card_id in report.never_played:
        said.append(f"Carte jamais jouée, aucune stratégie : « {s.card(card_id).title} ».")
    for result in report.results:
        if result.games and result.wins == result.games:
            if result.name == RANDOM:
                why = "jouer au hasard suffit : le scénario est trop facile"
            elif result.name in AXIS_STRATEGIES:
                why = "un seul axe suffit : les autres ne comptent pas"
            else:
                why = "la meilleure stratégie ne perd jamais"
            label = STRATEGY_LABELS[result.name]
            said.append(f"« {label} » gagne toutes ses parties : {why}.")
    return said

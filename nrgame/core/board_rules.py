"""A board scenario compiled to flat tuples: what the game's rules read at every turn.

Compiling once keeps a turn free of look-ups by id, so the simulator can play several
thousand games per second.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from nrgame.core.scenario import BUDGET, DAYS, MAX_LEVEL, Effect, Event, Objective, Scenario, When

BUDGET_SLOT = -1


DAYS_SLOT = -2


INF = float("inf")


Effects = tuple[tuple[int, float], ...]
"""(slot, change): slots 0-5 are the six tracks, then the indicators; -1 budget, -2 days."""


@dataclass(frozen=True, slots=True)
class CompiledEvent:
    index: int
    turn: int
    first: int
    last: int
    chance: float
    once: Effects
    after: Effects
    soft_mask: int
    soft_once: Effects
    soft_after: Effects


@dataclass(frozen=True, slots=True)
class CompiledObjective:
    index: int
    slot: int
    low: float
    high: float
    mask: int
    by: int
    points: int
    mandatory: bool


@dataclass(frozen=True, slots=True)
class CompiledSynergy:
    first: int
    second: int
    mask: int
    once: Effects
    after: Effects


class Rules:
    """A scenario turned into tuples indexed by card, slot and event, for fast play."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        s = scenario
        self.count = s.turns.count
        self.base_budget = s.authority.resources.budget
        self.base_days = s.authority.resources.days
        self.carry = s.authority.resources.carry
        self.card_ids = tuple(c.id for c in s.cards)
        self.index = {cid: i for i, cid in enumerate(self.card_ids)}
        self.slot = {f"axe-{n}": n - 1 for n in range(1, 7)}
        for k, indicator in enumerate(s.indicators):
            self.slot[indicator.id] = 6 + k
        self.slot[BUDGET] = BUDGET_SLOT
        self.slot[DAYS] = DAYS_SLOT
        size = 6 + len(s.indicators)
        starts = {a.axis - 1: float(a.maturity) for a in s.axes}
        self.start = tuple([starts[n] for n in range(6)] + [float(i.start) for i in s.indicators])
        self.low = tuple([0.0] * 6 + [(-INF if i.min is None else i.min) for i in s.indicators])
        self.high = tuple(
            [float(MAX_LEVEL)] * 6 + [(INF if i.max is None else i.max) for i in s.indicators]
        )
        weights = [s.score.maturity] * 6 + [0.0] * len(s.indicators)
        for weight in s.score.indicators:
            weights[self.slot[weight.indicator]] += weight.per
        self.weights = tuple(weights)
        self.slots = size
        cards = s.cards
        self.cost_budget = tuple(c.cost.budget for c in cards)
        self.cost_days = tuple(c.cost.days for c in cards)
        self.duration = tuple(c.duration for c in cards)
        self.axis = tuple(c.axis - 1 for c in cards)
        self.req_mask = tuple(self._mask(c.requires) for c in cards)
        self.first_turn = tuple(c.window.first if c.window else 1 for c in cards)
        self.last_turn = tuple(c.window.last if c.window else self.count for c in cards)
        self.levels = tuple(
            tuple((a - 1, lv) for a, lv in sorted(c.maturity.items())) for c in cards
        )
        self.once = tuple(self._effects(c.effects, When.ONCE) for c in cards)
        self.during = tuple(self._effects(c.effects, When.DURING) for c in cards)
        self.after = tuple(self._effects(c.effects, When.AFTER) for c in cards)
        synergies: list[CompiledSynergy] = []
        per_card: list[list[int]] = [[] for _ in cards]
        for i, card in enumerate(cards):
            for synergy in card.synergies:
                j = self.index[synergy.card]
                k = len(synergies)
                synergies.append(
                    CompiledSynergy(
                        i,
                        j,
                        (1 << i) | (1 << j),
                        self._effects(synergy.effects, When.ONCE),
                        self._effects(synergy.effects, When.AFTER),
                    )
                )
                per_card[i].append(k)
                per_card[j].append(k)
        self.synergies = tuple(synergies)
        self.card_synergies = tuple(tuple(k) for k in per_card)
        self.events = tuple(self._event(k, e) for k, e in enumerate(s.events))
        self.objectives = tuple(self._objective(k, o) for k, o in enumerate(s.objectives))
        self.timed_objectives = tuple(o for o in self.objectives if o.by)
        self.win = s.score.win

    def _mask(self, ids: list[str]) -> int:
        mask = 0
        for cid in ids:
            mask |= 1 << self.index[cid]
        return mask

    def _effects(self, effects: list[Effect], when: When) -> Effects:
        return tuple((self.slot[e.target], e.add) for e in effects if e.when == when)

    def _event(self, k: int, e: Event) -> CompiledEvent:
        first = e.turn if e.turn is not None else e.window.first if e.window else 1
        last = e.turn if e.turn is not None else e.window.last if e.window else 1
        return CompiledEvent(
            k,
            e.turn or 0,
            first,
            last,
            e.chance,
            self._effects(e.effects, When.ONCE),
            self._effects(e.effects, When.AFTER),
            self._mask(e.softened_by),
            self._effects(e.softened, When.ONCE),
            self._effects(e.softened, When.AFTER),
        )

    def _objective(self, k: int, o: Objective) -> CompiledObjective:
        return CompiledObjective(
            k,
            self.slot[o.target] if o.target is not None else -1,
            -INF if o.min is None else o.min,
            INF if o.max is None else o.max,
            self._mask(o.cards),
            o.by or 0,
            o.points,
            o.mandatory,
        )

    def schedule(self, seed: int) -> tuple[tuple[int, ...], ...]:
        """Which events fire on each turn (index 0 unused), drawn from the seed alone."""
        rng = random.Random(seed)
        turns: list[list[int]] = [[] for _ in range(self.count + 2)]
        for event in self.events:
            turn = event.turn or rng.randint(event.first, event.last)
            if event.chance < 1 and rng.random() >= event.chance:
                continue
            turns[turn].append(event.index)
        return tuple(tuple(t) for t in turns)

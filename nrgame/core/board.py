"""Board-game rules: a scenario compiled to flat tuples, then played turn by turn.

One turn goes: the budget and agent-days of the turn are handed out, lasting effects
(« ensuite ») apply, the turn's events fire (softened if a softening card is finished or
running), the team commits cards within what is left and the prerequisites, then the
facilitator confirms: running cards apply their « pendant » effects and tick down, cards
that finish apply their « une-fois » effects, start their « ensuite » effects, and may
complete a synergy. Resource gains at the end of a turn go to the next one.

Event turns are drawn from the seed when the game starts, so the same seed and the same
moves always give the same game. `Board` is the bare state the simulator drives at several
thousand games per second; `Game` wraps one board per team with ids, French messages, a log
and undo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from nrgame.core.content import AXES, Figure
from nrgame.core.french import format_number
from nrgame.core.scenario import (
    AXIS_TARGETS,
    BUDGET,
    DAYS,
    MAX_LEVEL,
    Card,
    Effect,
    Event,
    Mode,
    Objective,
    Scenario,
    When,
)

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


# Why a card cannot be committed; 0 means it can.
OK, STARTED, PREREQUISITE, MATURITY, NO_BUDGET, NO_DAYS, OVER, EARLY, LATE = range(9)


class Board:
    """One team's state. Everything is indexes and numbers; `Game` adds names and words."""

    __slots__ = (
        "budget",
        "committed",
        "days",
        "done_mask",
        "finished",
        "fired",
        "leftover_budget",
        "leftover_days",
        "met_by",
        "next_budget",
        "next_days",
        "recurring",
        "remaining",
        "rules",
        "running",
        "running_mask",
        "schedule",
        "started",
        "synergy_turn",
        "turn",
        "values",
    )

    def __init__(self, rules: Rules, schedule: tuple[tuple[int, ...], ...]) -> None:
        n = len(rules.card_ids)
        self.rules = rules
        self.schedule = schedule
        self.turn = 1
        self.values = list(rules.start)
        self.budget = 0
        self.days = 0
        self.next_budget = 0
        self.next_days = 0
        self.leftover_budget = 0
        self.leftover_days = 0
        self.started = [0] * n
        self.finished = [0] * n
        self.remaining = [0] * n
        self.running: list[int] = []
        self.running_mask = 0
        self.done_mask = 0
        self.committed: list[int] = []
        self.recurring: list[Effects] = []
        self.synergy_turn = [0] * len(rules.synergies)
        """The turn each synergy came into play (0: not yet)."""
        self.met_by = [False] * len(rules.objectives)
        self.fired: list[tuple[int, int, int]] = []
        """(turn, event index, mask of the cards that softened it) for every event fired."""
        self._begin()

    @property
    def over(self) -> bool:
        return self.turn > self.rules.count

    def _apply(self, effects: Effects, now: bool) -> None:
        values = self.values
        low = self.rules.low
        high = self.rules.high
        for slot, add in effects:
            if slot >= 0:
                value = values[slot] + add
                if value < low[slot]:
                    value = low[slot]
                elif value > high[slot]:
                    value = high[slot]
                values[slot] = value
            elif slot == BUDGET_SLOT:
                if now:
                    self.budget = max(0, self.budget + int(add))
                else:
                    self.next_budget += int(add)
            elif now:
                self.days = max(0, self.days + int(add))
            else:
                self.next_days += int(add)

    def _begin(self) -> None:
        rules = self.rules
        self.budget = max(0, rules.base_budget + self.leftover_budget + self.next_budget)
        self.days = max(0, rules.base_days + self.leftover_days + self.next_days)
        self.next_budget = self.next_days = 0
        for effects in self.recurring:
            self._apply(effects, True)
        for k in self.schedule[self.turn]:
            event = rules.events[k]
            softened = event.soft_mask & (self.done_mask | self.running_mask)
            once, after = (
                (event.soft_once, event.soft_after) if softened else (event.once, event.after)
            )
            self._apply(once, True)
            if after:
                self._apply(after, True)
                self.recurring.append(after)
            self.fired.append((self.turn, k, softened))

    def why_not(self, i: int) -> int:
        """OK if card i can be committed now, else the reason code."""
        rules = self.rules
        if self.turn > rules.count:
            return OVER
        if self.started[i]:
            return STARTED
        if self.turn < rules.first_turn[i]:
            return EARLY
        if self.turn > rules.last_turn[i]:
            return LATE
        need = rules.req_mask[i]
        if need & self.done_mask != need:
            return PREREQUISITE
        for axis, level in rules.levels[i]:
            if self.values[axis] < level:
                return MATURITY
        if rules.cost_budget[i] > self.budget:
            return NO_BUDGET
        if rules.cost_days[i] > self.days:
            return NO_DAYS
        return OK

    def play(self, i: int) -> None:
        """Commit card i; the caller has checked `why_not(i) == OK`."""
        rules = self.rules
        self.budget -= rules.cost_budget[i]
        self.days -= rules.cost_days[i]
        self.started[i] = self.turn
        self.remaining[i] = rules.duration[i]
        self.running.append(i)
        self.running_mask |= 1 << i
        self.committed.append(i)

    def withdraw(self, i: int) -> None:
        """Take back a card committed this turn, with its cost."""
        rules = self.rules
        self.committed.remove(i)
        self.running.remove(i)
        self.running_mask &= ~(1 << i)
        self.started[i] = 0
        self.remaining[i] = 0
        self.budget += rules.cost_budget[i]
        self.days += rules.cost_days[i]

    def play_in_order(self, order: tuple[int, ...] | list[int]) -> None:
        """Commit every card of `order` that can be, in that order (the simulator's hot path)."""
        rules = self.rules
        started = self.started
        values = self.values
        done = self.done_mask
        cost_budget = rules.cost_budget
        cost_days = rules.cost_days
        req_mask = rules.req_mask
        levels = rules.levels
        budget = self.budget
        days = self.days
        turn = self.turn
        first_turn = rules.first_turn
        last_turn = rules.last_turn
        for i in order:
            if started[i] or cost_budget[i] > budget or cost_days[i] > days:
                continue
            if turn < first_turn[i] or turn > last_turn[i]:
                continue
            need = req_mask[i]
            if need & done != need:
                continue
            if levels[i] and any(values[axis] < level for axis, level in levels[i]):
                continue
            budget -= cost_budget[i]
            days -= cost_days[i]
            started[i] = turn
            self.remaining[i] = rules.duration[i]
            self.running.append(i)
            self.running_mask |= 1 << i
            self.committed.append(i)
        self.budget = budget
        self.days = days

    def end_turn(self) -> None:
        rules = self.rules
        turn = self.turn
        still: list[int] = []
        newly: list[int] = []
        for i in self.running:
            during = rules.during[i]
            if during:
                self._apply(during, False)
            self.remaining[i] -= 1
            if self.remaining[i]:
                still.append(i)
                continue
            self.finished[i] = turn
            self.done_mask |= 1 << i
            self.running_mask &= ~(1 << i)
            self._apply(rules.once[i], False)
            if rules.after[i]:
                self.recurring.append(rules.after[i])
            newly.append(i)
        self.running = still
        for i in newly:
            for k in rules.card_synergies[i]:
                synergy = rules.synergies[k]
                if not self.synergy_turn[k] and synergy.mask & self.done_mask == synergy.mask:
                    self.synergy_turn[k] = turn
                    self._apply(synergy.once, False)
                    if synergy.after:
                        self.recurring.append(synergy.after)
        for objective in rules.timed_objectives:
            if turn <= objective.by and self.holds(objective):
                self.met_by[objective.index] = True
        if rules.carry:
            self.leftover_budget, self.leftover_days = self.budget, self.days
        self.committed = []
        self.turn = turn + 1
        if self.turn <= rules.count:
            self._begin()

    def holds(self, objective: CompiledObjective) -> bool:
        """Whether the objective's condition holds right now."""
        if objective.mask & self.done_mask != objective.mask:
            return False
        if objective.slot >= 0:
            value = self.values[objective.slot]
            return objective.low <= value <= objective.high
        return True

    def met(self, objective: CompiledObjective) -> bool:
        """Met for good: by its deadline if it has one, else now."""
        return self.met_by[objective.index] if objective.by else self.holds(objective)

    def score(self) -> float:
        rules = self.rules
        total = 0.0
        for slot, weight in enumerate(rules.weights):
            if weight:
                total += weight * (self.values[slot] - rules.start[slot])
        for objective in rules.objectives:
            if objective.points and self.met(objective):
                total += objective.points
        return round(total, 6)

    def won(self) -> bool:
        for objective in self.rules.objectives:
            if objective.mandatory and not self.met(objective):
                return False
        return self.score() >= self.rules.win


class MoveError(Exception):
    """A move the rules refuse, said in French."""


@dataclass
class FiredEvent:
    event: Event
    turn: int
    softened: bool
    softened_by: list[Card] = field(default_factory=list)


@dataclass(frozen=True)
class RoadmapRow:
    """One action of the roadmap the team built."""

    card: Card
    team: str
    started: int
    due: int
    finished: bool


class Game:
    """A game in French: cards by id, one board per team, a log, confirmation and undo."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        teams: list[str] | None = None,
        rules: Rules | None = None,
    ) -> None:
        self.scenario = scenario
        self.rules = rules or Rules(scenario)
        self.seed = seed
        if teams is None:
            teams = (
                [f"Équipe {n}" for n in range(1, scenario.teams + 1)]
                if scenario.mode == Mode.COMPETITIVE
                else [""]
            )
        self.teams = teams
        self._schedule = self.rules.schedule(seed)
        self.boards = [Board(self.rules, self._schedule) for _ in teams]
        self.history: list[list[list[str]]] = []
        """Per confirmed turn, per team, the ids of the cards committed."""

    @property
    def turn(self) -> int:
        return self.boards[0].turn

    @property
    def over(self) -> bool:
        return self.boards[0].over

    def board(self, team: int = 0) -> Board:
        return self.boards[team]

    def card_index(self, card_id: str) -> int:
        try:
            return self.rules.index[card_id]
        except KeyError:
            raise MoveError(f"carte inconnue « {card_id} »") from None

    def reason(self, card_id: str, team: int = 0) -> str | None:
        """Why a card cannot be committed now, in French; None when it can."""
        i = self.card_index(card_id)
        board = self.boards[team]
        code = board.why_not(i)
        if code == OK:
            return None
        card = self.scenario.cards[i]
        if code == OVER:
            return "la partie est terminée"
        if code == STARTED:
            if board.finished[i]:
                return f"« {card.title} » est déjà terminée"
            if i in board.committed:
                return f"« {card.title} » est déjà engagée ce tour-ci"
            return f"« {card.title} » est déjà en cours"
        if code == EARLY:
            return (
                f"« {card.title} » ne peut s'engager qu'à partir du tour {self.rules.first_turn[i]}"
            )
        if code == LATE:
            return (
                f"« {card.title} » ne pouvait s'engager que jusqu'au tour {self.rules.last_turn[i]}"
            )
        if code == PREREQUISITE:
            missing = [
                self.scenario.card(r).title
                for r in card.requires
                if not board.finished[self.rules.index[r]]
            ]
            return "il faut d'abord terminer " + " et ".join(f"« {t} »" for t in missing)
        if code == MATURITY:
            needs = [
                f"axe {a} au niveau {lv}"
                for a, lv in sorted(card.maturity.items())
                if board.values[a - 1] < lv
            ]
            return "maturité insuffisante : " + ", ".join(needs)
        if code == NO_BUDGET:
            return (
                f"budget insuffisant : {card.cost.budget} k€ demandés, il reste {board.budget} k€"
            )
        return f"jours-agents insuffisants : {card.cost.days} demandés, il en reste {board.days}"

    def play(self, card_id: str, team: int = 0) -> None:
        problem = self.reason(card_id, team)
        if problem is not None:
            raise MoveError(problem)
        self.boards[team].play(self.rules.index[card_id])

    def withdraw(self, card_id: str, team: int = 0) -> None:
        i = self.card_index(card_id)
        board = self.boards[team]
        if i not in board.committed:
            raise MoveError(
                f"« {self.scenario.cards[i].title} » n'a pas été engagée ce tour-ci : "
                "seul un engagement du tour en cours peut être retiré"
            )
        board.withdraw(i)

    def committed(self, team: int = 0) -> list[str]:
        return [self.rules.card_ids[i] for i in self.boards[team].committed]

    def confirm(self) -> None:
        """The facilitator confirms the turn: every team's commitments take effect."""
        if self.over:
            raise MoveError("la partie est terminée")
        self.history.append([self.committed(t) for t in range(len(self.teams))])
        for board in self.boards:
            board.end_turn()

    def undo(self) -> None:
        """Cancel the last confirmed turn (and this turn's commitments), by replaying."""
        if not self.history:
            raise MoveError("aucun tour confirmé à annuler")
        history = self.history[:-1]
        fresh = Game.replay(self.scenario, self.seed, history, self.teams, self.rules)
        self.boards = fresh.boards
        self.history = fresh.history

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        seed: int,
        history: list[list[list[str]]],
        teams: list[str] | None = None,
        rules: Rules | None = None,
    ) -> Game:
        """Play recorded turns again; raises MoveError if a move is no longer legal."""
        game = cls(scenario, seed, teams, rules)
        for moves in history:
            for team, cards in enumerate(moves):
                for card_id in cards:
                    game.play(card_id, team)
            game.confirm()
        return game

    def events_now(self, team: int = 0) -> list[FiredEvent]:
        """Events that fired at the start of the current turn."""
        return [e for e in self.fired(team) if e.turn == self.turn]

    def fired(self, team: int = 0) -> list[FiredEvent]:
        result: list[FiredEvent] = []
        for turn, k, mask in self.boards[team].fired:
            by = [card for i, card in enumerate(self.scenario.cards) if mask >> i & 1]
            result.append(FiredEvent(self.scenario.events[k], turn, bool(mask), by))
        return result

    def value(self, target: str, team: int = 0) -> float:
        return self.boards[team].values[self.rules.slot[target]]

    def maturity(self, axis: int, team: int = 0) -> int:
        return int(self.boards[team].values[axis - 1])

    def running(self, team: int = 0) -> list[tuple[Card, int]]:
        """Cards under way and the turns each still needs."""
        board = self.boards[team]
        return [(self.scenario.cards[i], board.remaining[i]) for i in board.running]

    def objective_status(self, objective: Objective, team: int = 0) -> str:
        """« atteint », « manqué » or « en cours »."""
        board = self.boards[team]
        compiled = self.rules.objectives[self.scenario.objectives.index(objective)]
        if compiled.by:
            if board.met_by[compiled.index]:
                return "atteint"
            return "manqué" if board.turn > compiled.by else "en cours"
        if board.holds(compiled):
            return "atteint"
        return "manqué" if board.over else "en cours"

    def score(self, team: int = 0) -> float:
        return self.boards[team].score()

    def won(self, team: int = 0) -> bool:
        return self.boards[team].won()

    def roadmap(self) -> list[RoadmapRow]:
        """Every action started, team by team, by axis, then by due turn, then as committed."""
        rows: list[RoadmapRow] = []
        for team, name in enumerate(self.teams):
            board = self.boards[team]
            order = sorted(
                (i for i in range(len(self.rules.card_ids)) if board.started[i]),
                key=lambda i: (
                    self.rules.axis[i],
                    board.started[i] + self.rules.duration[i],
                    board.started[i],
                    self._commit_order(team, i),
                ),
            )
            for i in order:
                card = self.scenario.cards[i]
                due = board.started[i] + card.duration - 1
                rows.append(RoadmapRow(card, name, board.started[i], due, bool(board.finished[i])))
        return rows

    def _commit_order(self, team: int, i: int) -> int:
        card_id = self.rules.card_ids[i]
        moves = [*self.history, [self.committed(t) for t in range(len(self.teams))]]
        for turn, per_team in enumerate(moves):
            if card_id in per_team[team]:
                return turn * 1000 + per_team[team].index(card_id)
        return 0

    def log(self, team: int = 0) -> list[tuple[int, str]]:
        """What happened, turn by turn, in French: events, commitments, completions, synergies."""
        s = self.scenario
        board = self.boards[team]
        unit = s.turns.unit.capitalize()
        lines: list[tuple[int, str]] = []
        moves = [per_team[team] for per_team in self.history] + [self.committed(team)]
        for turn in range(1, min(board.turn, self.rules.count) + 1):
            for event in (e for e in self.fired(team) if e.turn == turn):
                text = f"{unit} {turn} · événement : {event.event.title}"
                if event.softened_by:
                    names = ", ".join(f"« {c.title} »" for c in event.softened_by)
                    text += f" (effet changé grâce à {names})"
                lines.append((turn, text))
            pending = turn == board.turn
            for card_id in moves[turn - 1] if turn - 1 < len(moves) else []:
                card = s.card(card_id)
                cost = f"{card.cost.budget} k€, {card.cost.days} j"
                verb = "engagée (à valider)" if pending else "engagée"
                lines.append((turn, f"{unit} {turn} · {verb} : {card.title} ({cost})"))
            for i, card in enumerate(s.cards):
                if board.finished[i] == turn:
                    lines.append((turn, f"{unit} {turn} · terminée : {card.title}"))
            for k, synergy in enumerate(self.rules.synergies):
                if board.synergy_turn[k] == turn:
                    first = s.cards[synergy.first].title
                    second = s.cards[synergy.second].title
                    lines.append((turn, f"{unit} {turn} · synergie : « {first} » et « {second} »"))
        return lines

    def state(self, team: int = 0) -> dict[str, Any]:
        """Everything a replay must reproduce, as plain data (for tests, JSON and the store)."""
        board = self.boards[team]
        s = self.scenario
        return {
            "turn": board.turn,
            "budget": board.budget,
            "days": board.days,
            "maturity": {str(n): int(board.values[n - 1]) for n in range(1, 7)},
            "indicators": {i.id: round(self.value(i.id, team), 6) for i in s.indicators},
            "started": {
                cid: board.started[k]
                for k, cid in enumerate(self.rules.card_ids)
                if board.started[k]
            },
            "finished": {
                cid: board.finished[k]
                for k, cid in enumerate(self.rules.card_ids)
                if board.finished[k]
            },
            "events": [[turn, s.events[k].id, bool(mask)] for turn, k, mask in board.fired],
            "objectives": {o.id: self.objective_status(o, team) for o in s.objectives},
            "score": board.score(),
            "won": board.won() if board.over else None,
        }


def describe_effect(scenario: Scenario, effect: Effect) -> str:
    """« +1 niveau : Commande publique », « −20 k€ de budget », « +5 % Part des achats… »."""
    sign = "+" if effect.add >= 0 else "−"
    amount = format_number(abs(effect.add))
    if effect.target in AXIS_TARGETS:
        axis = AXIS_TARGETS[effect.target]
        levels = "niveau" if abs(effect.add) <= 1 else "niveaux"
        text = f"{sign}{amount} {levels} sur l'axe {axis} ({AXES[axis]})"
    elif effect.target == BUDGET:
        text = f"{sign}{amount} k€ de budget"
    elif effect.target == DAYS:
        text = f"{sign}{amount} jours-agents"
    else:
        indicator = scenario.indicator(effect.target)
        text = f"{sign}{amount} {indicator.unit} : {indicator.label}"
    return text + WHEN_SUFFIX[effect.when]


WHEN_SUFFIX = {
    When.ONCE: "",
    When.DURING: " (à chaque tour où l'action court)",
    When.AFTER: " (à chaque tour ensuite)",
}


def figure_text(figure: Figure) -> str:
    """A key figure with its source, year and caveat, as every figure shown must be."""
    return (
        f"{figure.statement} ({figure.period} ; {figure.source.credit()}. "
        f"Réserve : {figure.caveat})"
    )


def rules_sections(scenario: Scenario) -> list[tuple[str, list[str]]]:
    """The rules of the game in French, as (heading, paragraphs): the screen and the
    printable sheets read the same text. The scenario's own introduction comes first."""
    s = scenario
    a = s.authority
    unit = s.turns.unit
    carry = (
        "ce qui n'est pas dépensé passe au tour suivant"
        if a.resources.carry
        else "ce qui n'est pas dépensé est perdu à la fin du tour"
    )
    intro = [s.summary]
    if a.description:
        intro.append(a.description)
    intro.append(
        f"{a.name} ({a.kind.label}, {format_number(a.population)} habitants, "
        f"{format_number(a.agents)} agents). Partie en {s.turns.count} tours (un tour : "
        f"un {unit}), pour {s.players} joueurs, environ {s.duration} min."
    )
    mode = (
        f"Mode compétitif : {s.teams} équipes jouent la même partie, chacune sur son plateau ; "
        "l'animateur passe d'une équipe à l'autre avant de valider le tour."
        if s.mode == Mode.COMPETITIVE
        else "Mode coopératif : toute la table joue ensemble une seule collectivité."
    )
    turn = [
        f"Au début de chaque tour, la collectivité reçoit {a.resources.budget} k€ de budget "
        f"et {a.resources.days} jours-agents ; {carry}.",
        "Puis les événements du tour arrivent : ils sont lus à la table. Un événement est "
        "atténué si une carte qui l'atténue est terminée ou en cours quand il arrive.",
        "La table choisit ensuite les actions à engager, dans la limite du budget et des "
        "jours-agents qui restent. Une action peut demander d'avoir terminé d'autres actions "
        "(prérequis), un niveau de maturité sur un axe, ou n'être possible qu'à certains tours.",
        "Quand la table est d'accord, l'animateur valide le tour : les actions en cours "
        "avancent d'un tour ; celles qui se terminent donnent leurs effets, et deux actions "
        "qui vont ensemble (synergie) donnent un bonus une fois toutes les deux terminées.",
    ]
    points = s.score.maturity
    win = [
        (
            f"Chaque niveau de maturité gagné sur un axe rapporte {format_number(points)} "
            f"point{'s' if points > 1 else ''} ; les objectifs atteints rapportent leurs points."
            if points
            else "Les objectifs atteints rapportent leurs points."
        ),
        f"La partie est gagnée avec au moins {format_number(s.score.win)} points et tous les "
        "objectifs obligatoires atteints.",
        "À la fin, le bilan donne la feuille de route construite : à reprendre dans la vraie.",
        "Les nombres du jeu ne sont pas des indicateurs réels ; les chiffres clés cités par "
        "les cartes, eux, sont sourcés.",
    ]
    return [
        ("Le scénario", intro),
        ("Qui joue", [mode]),
        ("Un tour de jeu", turn),
        ("Gagner", win),
    ]

"""Board-game rules: one team's board, played turn by turn on a compiled scenario.

One turn goes: the budget and agent-days of the turn are handed out, lasting effects
(« ensuite ») apply, the turn's events fire (softened if a softening card is finished or
running), the team commits cards within what is left and the prerequisites, then the
facilitator confirms: running cards apply their « pendant » effects and tick down, cards
that finish apply their « une-fois » effects, start their « ensuite » effects, and may
complete a synergy. Resource gains at the end of a turn go to the next one.

Event turns are drawn from the seed when the game starts, so the same seed and the same
moves always give the same game. `Board` is the bare state the simulator drives at several
thousand games per second; `Game` (board_game.py) wraps one board per team with ids, French
messages, a log and undo.
"""

from __future__ import annotations

from nrgame.core.board_rules import BUDGET_SLOT, CompiledObjective, Effects, Rules

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

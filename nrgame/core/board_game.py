"""One board game with its teams: ids, French messages, the log and undo, around one `Board`
per team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nrgame.core.board import (
    EARLY,
    LATE,
    MATURITY,
    NO_BUDGET,
    OK,
    OVER,
    PREREQUISITE,
    STARTED,
    Board,
)
from nrgame.core.board_rules import Rules
from nrgame.core.scenario import Card, Event, Mode, Objective, Scenario


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

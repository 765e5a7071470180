"""The references and reachability checks of a board scenario, beyond what each field's model
checks: a prerequisite naming a card, an effect naming an indicator, an objective no play can
reach, cards that require each other. The catalog calls `scenario_problems` so that every
mistake comes out with its file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from nrgame.core.scenario import (
    AXIS_TARGETS,
    BUDGET,
    DAYS,
    MAX_LEVEL,
    Card,
    Effect,
    Objective,
    Scenario,
    When,
)


@dataclass(frozen=True)
class Problem:
    """A mistake inside a scenario: which part (kind and id), which field, what is wrong."""

    part: str
    """"" for the scenario itself, else "cards", "events", "objectives" or "indicators"."""
    part_id: str
    field: str
    message: str


def scenario_problems(scenario: Scenario, figures: Iterable[str] = ()) -> list[Problem]:
    """Everything the schema cannot see: references, cycles, impossible cards and objectives."""
    return list(_problems(scenario, set(figures)))


def _problems(s: Scenario, figures: set[str]) -> Iterator[Problem]:
    for kind, items in (
        ("indicators", s.indicators),
        ("cards", s.cards),
        ("events", s.events),
        ("objectives", s.objectives),
    ):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                yield Problem(kind, item.id, "id", f"identifiant « {item.id} » déjà utilisé")
            seen.add(item.id)
    indicators = {i.id for i in s.indicators}
    clash = indicators & ({BUDGET, DAYS} | set(AXIS_TARGETS))
    for name in sorted(clash):
        yield Problem("indicators", name, "id", f"« {name} » est réservé : choisissez un autre id")
    cards = {c.id: c for c in s.cards}
    targets = indicators | {BUDGET, DAYS} | set(AXIS_TARGETS)
    count = s.turns.count

    def effects(kind: str, pid: str, field: str, items: list[Effect]) -> Iterator[Problem]:
        for effect in items:
            if effect.target not in targets:
                yield Problem(kind, pid, field, f"cible inconnue « {effect.target} »")

    def figure_refs(kind: str, pid: str, ids: list[str]) -> Iterator[Problem]:
        for fid in ids:
            if fid not in figures:
                yield Problem(kind, pid, "figures", f"chiffre inconnu « {fid} »")

    for indicator in s.indicators:
        yield from figure_refs("indicators", indicator.id, indicator.figures)
    budget = s.authority.resources
    for card in s.cards:
        for rid in card.requires:
            if rid not in cards:
                yield Problem("cards", card.id, "requires", f"carte inconnue « {rid} »")
            elif rid == card.id:
                yield Problem("cards", card.id, "requires", "une carte ne peut se requérir")
        yield from effects("cards", card.id, "effects", card.effects)
        for synergy in card.synergies:
            if synergy.card not in cards:
                yield Problem("cards", card.id, "synergies", f"carte inconnue « {synergy.card} »")
            elif synergy.card == card.id:
                yield Problem("cards", card.id, "synergies", "une carte ne peut s'associer à soi")
            yield from effects("cards", card.id, "synergies", synergy.effects)
        yield from figure_refs("cards", card.id, card.figures)
        if card.window is not None and card.window.last > count:
            yield Problem(
                "cards", card.id, "window", f"tour {card.window.last} au-delà des {count} tours"
            )
        if card.duration > count:
            yield Problem(
                "cards",
                card.id,
                "duration",
                f"dure {card.duration} tours mais la partie n'en compte que {count}",
            )
        if not budget.carry and (
            card.cost.budget > _most(s, BUDGET) or card.cost.days > _most(s, DAYS)
        ):
            yield Problem(
                "cards",
                card.id,
                "cost",
                f"coûte {card.cost.budget} k€ et {card.cost.days} jours-agents : plus que ce "
                "qu'un tour peut jamais offrir",
            )
    for cycle in _cycles(s):
        yield Problem(
            "cards",
            cycle[0],
            "requires",
            "prérequis en boucle : " + " → ".join(f"« {c} »" for c in cycle),
        )
    for event in s.events:
        last = event.turn if event.turn is not None else event.window.last if event.window else 0
        if last > count:
            yield Problem(
                "events", event.id, "turn", f"tour {last} au-delà des {count} tours de la partie"
            )
        yield from effects("events", event.id, "effects", event.effects)
        yield from effects("events", event.id, "softened", event.softened)
        for cid in event.softened_by:
            if cid not in cards:
                yield Problem("events", event.id, "softened_by", f"carte inconnue « {cid} »")
        yield from figure_refs("events", event.id, event.figures)
    for objective in s.objectives:
        yield from _objective_problems(s, objective, targets, cards)
        yield from figure_refs("objectives", objective.id, objective.figures)
    for weight in s.score.indicators:
        if weight.indicator not in indicators:
            yield Problem("", s.id, "score", f"indicateur inconnu « {weight.indicator} »")


def _objective_problems(
    s: Scenario, objective: Objective, targets: set[str], cards: dict[str, Card]
) -> Iterator[Problem]:
    oid = objective.id
    if objective.by is not None and objective.by > s.turns.count:
        yield Problem("objectives", oid, "by", f"tour {objective.by} au-delà de la partie")
    if objective.target is not None and objective.target not in targets - {BUDGET, DAYS}:
        yield Problem("objectives", oid, "target", f"indicateur inconnu « {objective.target} »")
        return
    unknown = [c for c in objective.cards if c not in cards]
    for cid in unknown:
        yield Problem("objectives", oid, "cards", f"carte inconnue « {cid} »")
    if unknown:
        return
    earliest = _earliest(s)
    deadline = objective.by or s.turns.count
    for cid in objective.cards:
        finish = earliest[cid][1]
        if finish >= NEVER:
            yield Problem(
                "objectives", oid, "cards", f"impossible : « {cid} » ne peut jamais être engagée"
            )
        elif finish > deadline:
            yield Problem(
                "objectives",
                oid,
                "cards",
                f"impossible : « {cid} » ne peut pas être terminée avant la fin du tour "
                f"{finish} (il faudrait le tour {deadline})",
            )
    needed = _closure(objective.cards, cards)
    spend_budget = sum(cards[c].cost.budget for c in needed)
    spend_days = sum(cards[c].cost.days for c in needed)
    if spend_budget > _total(s, BUDGET) or spend_days > _total(s, DAYS):
        yield Problem(
            "objectives",
            oid,
            "cards",
            f"impossible : ces cartes et leurs prérequis coûtent {spend_budget} k€ et "
            f"{spend_days} jours-agents, plus que toutes les ressources de la partie",
        )
    if objective.target is not None and objective.min is not None:
        reachable = _upper_bound(s, objective.target)
        if reachable < objective.min:
            yield Problem(
                "objectives",
                oid,
                "min",
                f"impossible : « {objective.target} » ne peut pas dépasser {reachable:g} "
                f"même en jouant toutes les cartes (il faut {objective.min:g})",
            )


def _closure(roots: list[str], cards: dict[str, Card]) -> set[str]:
    needed: set[str] = set()
    todo = list(roots)
    while todo:
        cid = todo.pop()
        if cid in needed or cid not in cards:
            continue
        needed.add(cid)
        todo.extend(cards[cid].requires)
    return needed


def _cycles(s: Scenario) -> list[list[str]]:
    """Each prerequisite loop once, starting from its smallest id."""
    cards = {c.id: c for c in s.cards}
    found: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(cid: str) -> None:
        state[cid] = 1
        path.append(cid)
        for rid in cards[cid].requires:
            if rid not in cards:
                continue
            if state.get(rid) == 1:
                loop = path[path.index(rid) :]
                start = loop.index(min(loop))
                loop = loop[start:] + loop[:start]
                if tuple(loop) not in seen:
                    seen.add(tuple(loop))
                    found.append([*loop, loop[0]])
            elif rid not in state:
                visit(rid)
        path.pop()
        state[cid] = 2

    for card in s.cards:
        if card.id not in state:
            visit(card.id)
    return found


NEVER = 1_000_000
"""The finish turn of a card that can never be started."""


def _earliest(s: Scenario) -> dict[str, tuple[int, int]]:
    """For each card, the earliest turn it can start and finish (prerequisites, window)."""
    cards = {c.id: c for c in s.cards}
    memo: dict[str, tuple[int, int]] = {}

    def visit(cid: str, path: frozenset[str]) -> tuple[int, int]:
        if cid in memo:
            return memo[cid]
        card = cards[cid]
        start = card.window.first if card.window else 1
        for rid in card.requires:
            if rid in cards and rid not in path:
                start = max(start, visit(rid, path | {cid})[1] + 1)
        if card.window is not None and start > card.window.last:
            start = NEVER
        memo[cid] = (start, start + card.duration - 1)
        return memo[cid]

    return {cid: visit(cid, frozenset()) for cid in cards}


def _gains(s: Scenario, target: str) -> Iterator[tuple[When, float, int, int]]:
    """Every positive change cards, synergies or events may bring to a target, with the
    earliest turns the card behind it can start and finish (events: from the first turn)."""
    earliest = _earliest(s)
    for card in s.cards:
        start, finish = earliest[card.id]
        for effect in card.effects:
            if effect.target == target and effect.add > 0:
                yield effect.when, effect.add, start, finish
        for synergy in card.synergies:
            other = earliest.get(synergy.card, (NEVER, NEVER))[1]
            for effect in synergy.effects:
                if effect.target == target and effect.add > 0:
                    yield effect.when, effect.add, start, max(finish, other)
    for event in s.events:
        for effect in (*event.effects, *event.softened):
            if effect.target == target and effect.add > 0:
                yield effect.when, effect.add, 1, 0


def _most(s: Scenario, resource: str) -> int:
    """The most of a resource one turn could ever hold: base plus every possible bonus."""
    base = s.authority.resources.budget if resource == BUDGET else s.authority.resources.days
    return int(base + sum(add for _, add, _, _ in _gains(s, resource)))


def _ceiling(s: Scenario, when: When, add: float, start: int, finish: int) -> float:
    """The most one effect may add over a game: each card is played once at most, as early
    as its prerequisites and window allow."""
    count = s.turns.count
    if when == When.DURING:
        return add * max(0, min(finish, count) - start + 1)
    if finish > count:
        return 0.0
    return add if when == When.ONCE else add * (count - finish)


def _total(s: Scenario, resource: str) -> int:
    """The most of a resource a whole game could ever hand out."""
    base = s.authority.resources.budget if resource == BUDGET else s.authority.resources.days
    gains = sum(_ceiling(s, *gain) for gain in _gains(s, resource))
    return int(base * s.turns.count + gains)


def _upper_bound(s: Scenario, target: str) -> float:
    """A generous ceiling on a target: its start plus every gain any card could ever bring."""
    if target in AXIS_TARGETS:
        return MAX_LEVEL
    indicator = s.indicator(target)
    total = indicator.start + sum(_ceiling(s, *gain) for gain in _gains(s, target))
    return total if indicator.max is None else min(total, indicator.max)

"""Moves files: a board game noted on paper, one line per turn, replayed without the app.

    # Partie du 12 mars, salle du conseil
    graine : 2026
    tour 1 : referent-nr, inventaire-parc
    tour 2 : comite-pilotage effacement-donnees
    tour 3 : -

Blank lines and `#` comments are ignored; card ids are separated by commas or spaces; `-` or
nothing after the colon means no card that turn. `graine` (optional, before the first turn)
gives the seed of the random events. In competitive mode each team has its own line,
`tour 1 équipe 2 : …`, and `équipes : Bleus, Verts` (optional) names the teams.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nrgame.core.board_game import Game, MoveError
from nrgame.core.scenario import Mode, Scenario

_TURN = re.compile(r"^tour\s+(\d+)(?:\s+[ée]quipe\s+(\d+))?\s*:(.*)$", re.IGNORECASE)
_SEED = re.compile(r"^graine\s*:\s*(\S+)$", re.IGNORECASE)
_TEAMS = re.compile(r"^[ée]quipes\s*:(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class MovesError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.message}"


@dataclass(frozen=True)
class TurnLine:
    line: int
    turn: int
    team: int
    """0-based team number (always 0 in cooperative mode)."""
    cards: tuple[str, ...]


@dataclass
class Moves:
    seed: int | None = None
    teams: list[str] | None = None
    turns: list[TurnLine] = field(default_factory=list)


def read_moves(text: str, scenario: Scenario) -> tuple[Moves, list[MovesError]]:
    """Parse a moves file against a scenario: syntax, turn order, team numbers, card ids."""
    moves = Moves()
    errors: list[MovesError] = []
    competitive = scenario.mode == Mode.COMPETITIVE
    team_count = scenario.teams if competitive else 1
    known = {card.id for card in scenario.cards}
    seen: set[tuple[int, int]] = set()
    last_turn = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := _SEED.match(line):
            if moves.turns or moves.seed is not None:
                errors.append(MovesError(number, "la graine se donne une fois, avant les tours"))
            elif not match.group(1).isdigit():
                errors.append(
                    MovesError(number, f"graine « {match.group(1)} » : nombre entier attendu")
                )
            else:
                moves.seed = int(match.group(1))
            continue
        if match := _TEAMS.match(line):
            names = [n.strip() for n in match.group(1).split(",") if n.strip()]
            if not competitive:
                errors.append(MovesError(number, "ce scénario se joue en une seule équipe"))
            elif moves.turns or moves.teams is not None:
                errors.append(
                    MovesError(number, "les équipes se nomment une fois, avant les tours")
                )
            elif not 2 <= len(names) <= 6:
                errors.append(
                    MovesError(number, "il faut de 2 à 6 équipes, séparées par des virgules")
                )
            else:
                moves.teams = names
                team_count = len(names)
            continue
        match = _TURN.match(line)
        if match is None:
            errors.append(
                MovesError(
                    number,
                    f"ligne incomprise « {line} » : attendu « tour N : cartes », "
                    "« graine : N » ou un commentaire commençant par #",
                )
            )
            continue
        turn = int(match.group(1))
        team = int(match.group(2)) - 1 if match.group(2) else 0
        if match.group(2) and not competitive:
            errors.append(MovesError(number, "ce scénario se joue en une seule équipe"))
            continue
        if competitive and not match.group(2):
            errors.append(MovesError(number, "mode compétitif : précisez « tour N équipe K : … »"))
            continue
        if not 0 <= team < team_count:
            errors.append(MovesError(number, f"équipe {team + 1} inconnue (1 à {team_count})"))
            continue
        if not 1 <= turn <= scenario.turns.count:
            errors.append(
                MovesError(number, f"tour {turn} : la partie compte {scenario.turns.count} tours")
            )
            continue
        if turn < last_turn or turn > last_turn + 1:
            expected = f"{last_turn} ou {last_turn + 1}" if last_turn else "1"
            errors.append(MovesError(number, f"tour {turn} inattendu : tour {expected} attendu"))
            continue
        if (turn, team) in seen:
            who = f" pour l'équipe {team + 1}" if competitive else ""
            errors.append(MovesError(number, f"le tour {turn} est déjà noté{who}"))
            continue
        seen.add((turn, team))
        last_turn = turn
        rest = match.group(3).strip()
        words = [] if rest in ("", "-") else [w for w in re.split(r"[,\s]+", rest) if w]
        bad = False
        for word in words:
            if word not in known:
                errors.append(MovesError(number, f"carte inconnue « {word} »"))
                bad = True
        if not bad:
            moves.turns.append(TurnLine(number, turn, team, tuple(words)))
    return moves, errors


def replay(scenario: Scenario, moves: Moves, seed: int) -> tuple[Game, list[MovesError]]:
    """Play the moves; stops at the first one the rules refuse and says why, with its line."""
    teams = moves.teams
    if teams is None and scenario.mode == Mode.COMPETITIVE:
        teams = [f"Équipe {n}" for n in range(1, scenario.teams + 1)]
    game = Game(scenario, seed, teams)
    turns = sorted({t.turn for t in moves.turns})
    for turn in turns:
        for entry in (t for t in moves.turns if t.turn == turn):
            for card_id in entry.cards:
                try:
                    game.play(card_id, entry.team)
                except MoveError as exc:
                    return game, [MovesError(entry.line, f"tour {turn} : {exc}")]
        game.confirm()
    return game, []

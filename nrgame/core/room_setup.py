"""What a room session is set up with: its kind, the answer mode, the teams and their looks,
the ranking, and the errors the room's rules raise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from nrgame.core.french import plural
from nrgame.core.sessions import SessionKind

ROOM_KINDS = (
    SessionKind.ATELIER,
    SessionKind.COMITE,
    SessionKind.CONFERENCE,
    SessionKind.STAND,
    SessionKind.FORMATION,
)
"""Kinds of session played in a room."""


MAX_TEAMS = 8


MAX_REASON = 200
"""Characters at most in the reason given for a correction."""


ROOM = ""
"""The answerer key of the whole room (vote, single answer); teams are keyed by their name."""


class RoomError(ValueError):
    """Something the facilitator asked that the rules refuse, said in French."""


class TooManyHands(RoomError):
    """More hands raised than people present: recorded only once the facilitator confirms."""

    def __init__(self, hands: int, present: int) -> None:
        super().__init__(
            f"{plural(hands, 'main')} levée{'s' if hands > 1 else ''} pour "
            f"{plural(present, 'personne')} déclarée{'s' if present > 1 else ''} présente"
            f"{'s' if present > 1 else ''}"
        )
        self.hands = hands
        self.present = present


class AnswerMode(StrEnum):
    TEAMS = "equipes"
    VOTE = "vote"
    ROOM = "salle"

    @property
    def label(self) -> str:
        return MODE_LABELS[self]


MODE_LABELS: dict[AnswerMode, str] = {
    AnswerMode.TEAMS: "Équipes, chacune à son tour",
    AnswerMode.VOTE: "Vote à main levée",
    AnswerMode.ROOM: "Une réponse pour toute la salle",
}


class Ranking(StrEnum):
    """When the leaderboard may be shown: never while a question is open."""

    ROUNDS = "manches"
    END = "fin"


class Phase(StrEnum):
    ASKING = "question"
    REVEALED = "revelee"
    SKIPPED = "passee"
    FINISHED = "terminee"


@dataclass(frozen=True)
class Team:
    """A team is always shown with its number and symbol beside its colour."""

    number: int
    name: str
    colour: str
    """A colour name Rich understands."""
    colour_label: str
    symbol: str

    @property
    def label(self) -> str:
        return f"{self.number} {self.symbol} {self.name}"


TEAM_LOOKS: tuple[tuple[str, str, str], ...] = (
    ("red", "rouge", "▲"),
    ("blue", "bleu", "●"),
    ("green", "vert", "■"),
    ("yellow", "jaune", "◆"),
    ("magenta", "violet", "▼"),
    ("cyan", "cyan", "♥"),
    ("dark_orange", "orange", "♣"),
    ("white", "blanc", "♠"),
)
"""Colour, its French name and a symbol: each team differs in all three."""


def make_teams(names: Sequence[str]) -> tuple[Team, ...]:
    """Number the teams in order and give each its colour and symbol."""
    cleaned = [name.strip() for name in names]
    if not 1 <= len(cleaned) <= MAX_TEAMS:
        raise RoomError(f"de 1 à {MAX_TEAMS} équipes ({len(cleaned)} données)")
    seen: set[str] = set()
    for name in cleaned:
        if not name:
            raise RoomError("une équipe n'a pas de nom")
        if len(name) > 40:
            raise RoomError(f"nom d'équipe trop long (40 caractères au plus) : « {name} »")
        if name.casefold() in seen:
            raise RoomError(f"deux équipes portent le nom « {name} »")
        seen.add(name.casefold())
    return tuple(
        Team(number, name, *TEAM_LOOKS[number - 1]) for number, name in enumerate(cleaned, 1)
    )


def split_team_names(text: str) -> list[str]:
    """« Castors, Hérons, Loutres » → three names; empty parts are dropped."""
    return [part.strip() for part in text.split(",") if part.strip()]


@dataclass(frozen=True)
class RoomConfig:
    """How a room session is played; saved with the session so it can be resumed."""

    mode: AnswerMode = AnswerMode.TEAMS
    teams: tuple[Team, ...] = ()
    timer: int | None = None
    """Seconds per question; None: no timer (the default)."""
    auto_reveal: bool = False
    """Reveal by itself when the time is up (only if asked)."""
    speed: bool = False
    """Kahoot points for speed; speed never counts otherwise."""
    ranking: Ranking = Ranking.END
    round_size: int = 5

    def __post_init__(self) -> None:
        if self.mode is AnswerMode.TEAMS and not self.teams:
            raise RoomError("le jeu par équipes demande au moins une équipe")
        if self.mode is not AnswerMode.TEAMS and self.teams:
            raise RoomError("les équipes ne servent qu'au jeu par équipes")
        if self.timer is not None and not 5 <= self.timer <= 600:
            raise RoomError("le minuteur va de 5 à 600 secondes")
        if self.auto_reveal and self.timer is None:
            raise RoomError("la révélation automatique demande un minuteur")
        if self.speed and (self.timer is None or self.mode is not AnswerMode.TEAMS):
            raise RoomError("les points à la rapidité demandent un minuteur et des équipes")
        if not 1 <= self.round_size <= 100:
            raise RoomError("une manche compte de 1 à 100 questions")

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode.value,
            "teams": [team.name for team in self.teams],
            "timer": self.timer,
            "auto_reveal": self.auto_reveal,
            "speed": self.speed,
            "ranking": self.ranking.value,
            "round_size": self.round_size,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoomConfig:
        return cls(
            mode=AnswerMode(data["mode"]),
            teams=make_teams(data["teams"]) if data["teams"] else (),
            timer=data["timer"],
            auto_reveal=data["auto_reveal"],
            speed=data["speed"],
            ranking=Ranking(data["ranking"]),
            round_size=data["round_size"],
        )

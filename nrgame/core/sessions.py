"""What a real session was: its kind, date, place, audience by segment, partners.

This is the record that feeds the REEN indicators (people reached, actors involved). People
"reached" inside a board scenario are part of the game and never end up here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from nrgame.core.content import Audience

Clock = Callable[[], datetime]
"""Where the time comes from: `datetime.now` in use, a fixed or stepping clock in tests."""

RUNNING = "en_cours"
FINISHED = "terminee"
ABANDONED = "abandonnee"
"""A session's status: playing (or interrupted), finished, or abandoned by its facilitator."""


class SessionKind(StrEnum):
    """Kinds of action, as the annual review counts them."""

    ATELIER = "atelier"
    COMITE = "comite"
    CONFERENCE = "conference"
    STAND = "stand"
    FORMATION = "formation"
    AUTOFORMATION = "autoformation"
    JEU_PLATEAU = "jeu-plateau"
    QUIZ = "quiz"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[SessionKind, str] = {
    SessionKind.ATELIER: "Atelier",
    SessionKind.COMITE: "Comité de lancement",
    SessionKind.CONFERENCE: "Conférence",
    SessionKind.STAND: "Stand",
    SessionKind.FORMATION: "Formation",
    SessionKind.AUTOFORMATION: "Autoformation",
    SessionKind.JEU_PLATEAU: "Jeu de plateau",
    SessionKind.QUIZ: "Quiz individuel",
}


@dataclass(frozen=True)
class AudienceCount:
    """How many people of one segment were there, and whether they were counted or estimated."""

    segment: Audience
    count: int
    estimated: bool = False

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError("un effectif ne peut pas être négatif")


@dataclass(frozen=True)
class Partner:
    """An organisation involved in the session (association, school, company…)."""

    name: str
    kind: str = ""


@dataclass(frozen=True)
class SessionSetup:
    """Everything declared about a session before it starts."""

    kind: SessionKind
    day: date
    place: str = ""
    facilitator: str = ""
    audience: list[AudienceCount] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(a.count for a in self.audience)

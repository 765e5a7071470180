"""What the REEN indicators are computed from: plain records of the sessions of a period, as a
storage reader fills them (`indicators.compute` turns them into indicators).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from nrgame.core.itemstats import ItemSums, ResponseCount
from nrgame.core.sessions import SessionKind


@dataclass(frozen=True)
class Period:
    """Inclusive date bounds; None leaves a side open."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError("la date de début est après la date de fin")


@dataclass(frozen=True)
class SessionFact:
    """One session of the period, whatever became of it: the rules below decide what counts."""

    id: str
    kind: str
    day: date
    status: str
    deck_id: str | None = None
    deck_title: str | None = None
    learner: str | None = None
    linked_to: str | None = None
    mean_score: float | None = None
    """Mean item score of every answer recorded in the session; None without answers."""
    place: str = ""
    declared: bool = False
    """Its kind, date, place and audience were declared (a room session, a declared game)."""
    room: bool = False
    """Played in a room: a question counts as played once revealed to the room."""
    revealed: int = 0
    answered: int = 0
    turns: int = 0

    @property
    def played(self) -> int:
        """Questions revealed (room), turns confirmed (board game) or answers given."""
        if self.room:
            return self.revealed
        if self.kind == SessionKind.JEU_PLATEAU:
            return self.turns
        return self.answered


@dataclass(frozen=True)
class AudienceFact:
    session_id: str
    segment: str
    count: int
    estimated: bool


@dataclass(frozen=True)
class PartnerFact:
    session_id: str
    name: str
    kind: str


@dataclass(frozen=True)
class CertificationFact:
    learner: str | None
    deck_id: str
    issued: date
    session_id: str = ""


@dataclass
class Records:
    """What a storage reader hands over for one period."""

    period: Period
    sessions: list[SessionFact] = field(default_factory=list)
    earlier: list[SessionFact] = field(default_factory=list)
    """Sessions outside the period that a session of the period is linked to (its "before")."""
    audience: list[AudienceFact] = field(default_factory=list)
    partners: list[PartnerFact] = field(default_factory=list)
    certifications: list[CertificationFact] = field(default_factory=list)
    items: list[ItemSums] = field(default_factory=list)
    responses: list[ResponseCount] = field(default_factory=list)

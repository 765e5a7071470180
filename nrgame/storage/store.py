"""What every store offers, whatever database holds it.

Use cases and faces depend on `Store`, never on a concrete class: SQLite on a laptop, the
authority's shared PostgreSQL (storage/postgres.py). The records a store hands back and the
errors it raises live here too, so that no caller above storage names an implementation.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from nrgame.core.quiz import Given
from nrgame.core.sessions import FINISHED, SessionSetup
from nrgame.storage.db import Connection, Dialect


class StoreError(Exception):
    """A storage problem, said in French for the person at the keyboard."""


class BaseReplacedError(StoreError):
    """The base file was replaced or damaged under an open store."""


@dataclass(frozen=True)
class SessionRecord:
    id: str
    kind: str
    deck_id: str | None
    deck_title: str | None
    content_version: str | None
    question_ids: list[str]
    started_at: datetime
    finished_at: datetime | None
    status: str
    meta: dict[str, Any]


@dataclass(frozen=True)
class AnswerRecord:
    session_id: str
    position: int
    team: str
    question_id: str
    response: Any
    score: float
    answered_at: datetime


class Store(Protocol):
    """Sessions, answers and everything recorded with them."""

    path: Path | str
    """Where the base is, as the person gave it (a file, or an address)."""

    dialect: Dialect
    """How the queries of the feature modules meet this database (storage/db.py)."""

    def close(self) -> None: ...

    def check_base(self) -> None: ...

    def transaction(self) -> AbstractContextManager[Connection]:
        """One atomic write; the database's faults come out as a French StoreError."""
        ...

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]: ...

    def start_session(
        self,
        *,
        kind: str,
        question_ids: list[str],
        started_at: datetime,
        deck_id: str | None = None,
        deck_title: str | None = None,
        content_version: str | None = None,
        meta: dict[str, Any] | None = None,
        learner: str | None = None,
        setup: SessionSetup | None = None,
        linked_to: str | None = None,
        script: str | None = None,
    ) -> str: ...

    def record_answer(self, session_id: str, given: Given, team: str = "") -> None: ...

    def finish_session(self, session_id: str, at: datetime, status: str = FINISHED) -> None: ...

    def session(self, session_id: str) -> SessionRecord | None: ...

    def sessions(self, status: str | None = None) -> list[SessionRecord]: ...

    def runs_of(self, script: str) -> list[SessionRecord]: ...

    def answers(self, session_id: str) -> list[AnswerRecord]: ...

    def save_setup(self, session_id: str, setup: SessionSetup) -> None: ...

    def setup(self, session_id: str) -> SessionSetup | None: ...

    def integrity_ok(self) -> bool: ...

    def scrub(self) -> bool:
        """Leave no copy of deleted values outside the tables (a log, free pages); False if
        another program holding the base prevented it."""
        ...

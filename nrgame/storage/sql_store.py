"""What a store does the same way whatever database holds it: sessions, answers, set-ups.

SqliteStore and PostgresStore inherit these methods; each brings its connection, its
`transaction()` and `query()`, and what only its database needs (migrations, faults).
"""

from __future__ import annotations

import json
import uuid
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any

from nrgame.core.content import Audience
from nrgame.core.quiz import Given, response_to_json
from nrgame.core.sessions import (
    FINISHED,
    RUNNING,
    AudienceCount,
    Partner,
    SessionKind,
    SessionSetup,
)
from nrgame.storage.db import Connection
from nrgame.storage.store import AnswerRecord, SessionRecord


class SqlStore(ABC):
    """The queries every store runs through its own `transaction()` and `query()`."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Connection]: ...

    @abstractmethod
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
    ) -> str:
        """Open a session, with its set-up and its link to an earlier one if given: all in
        one transaction, so that a session is never on disk without its set-up.

        `script` is the digest of the answer sheet or moves file a scripted run plays."""
        session_id = str(uuid.uuid4())
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sessions (id, kind, deck_id, deck_title, content_version, "
                "question_ids, started_at, finished_at, status, meta, learner, script, "
                "linked_to) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    kind,
                    deck_id,
                    deck_title,
                    content_version,
                    json.dumps(question_ids),
                    started_at.isoformat(),
                    RUNNING,
                    json.dumps(meta or {}, ensure_ascii=False),
                    learner,
                    script,
                    linked_to,
                ),
            )
            if setup is not None:
                write_setup(conn, session_id, setup)
        return session_id

    def record_answer(self, session_id: str, given: Given, team: str = "") -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO answers (session_id, position, team, question_id, response, score, "
                "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    given.position,
                    team,
                    given.question_id,
                    json.dumps(response_to_json(given.response)),
                    given.score,
                    given.answered_at.isoformat(),
                ),
            )

    def finish_session(self, session_id: str, at: datetime, status: str = FINISHED) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE sessions SET status = ?, finished_at = ? WHERE id = ?",
                (status, at.isoformat(), session_id),
            )

    def session(self, session_id: str) -> SessionRecord | None:
        rows = self.query(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        return session_record(rows[0]) if rows else None

    def sessions(self, status: str | None = None) -> list[SessionRecord]:
        sql = f"SELECT {SESSION_COLUMNS} FROM sessions"
        args: tuple[str, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            args = (status,)
        rows = self.query(sql + " ORDER BY started_at, id", args)
        return [session_record(row) for row in rows]

    def runs_of(self, script: str) -> list[SessionRecord]:
        """The sessions a scripted run with this digest recorded, oldest first."""
        rows = self.query(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE script = ? ORDER BY started_at, id",
            (script,),
        )
        return [session_record(row) for row in rows]

    def answers(self, session_id: str) -> list[AnswerRecord]:
        rows = self.query(
            "SELECT session_id, position, team, question_id, response, score, answered_at "
            "FROM answers WHERE session_id = ? ORDER BY position, team",
            (session_id,),
        )
        return [
            AnswerRecord(
                row[0],
                row[1],
                row[2],
                row[3],
                json.loads(row[4]) if row[4] is not None else None,
                row[5],
                datetime.fromisoformat(row[6]),
            )
            for row in rows
        ]

    def save_setup(self, session_id: str, setup: SessionSetup) -> None:
        """Declare (or correct) a session's kind, date, place, audience and partners."""
        with self.transaction() as conn:
            write_setup(conn, session_id, setup)

    def setup(self, session_id: str) -> SessionSetup | None:
        """The declared set-up of a session, if any was declared."""
        rows = self.query(
            "SELECT kind, day, place, facilitator FROM sessions WHERE id = ? AND day IS NOT NULL",
            (session_id,),
        )
        if not rows:
            return None
        kind, day, place, facilitator = rows[0]
        audience = [
            AudienceCount(Audience(segment), count, bool(estimated))
            for segment, count, estimated in self.query(
                "SELECT segment, count, estimated FROM audience WHERE session_id = ? "
                "ORDER BY segment",
                (session_id,),
            )
        ]
        partners = [
            Partner(name, kind)
            for name, kind in self.query(
                "SELECT name, kind FROM partners WHERE session_id = ? ORDER BY name",
                (session_id,),
            )
        ]
        return SessionSetup(
            SessionKind(kind), date.fromisoformat(day), place, facilitator, audience, partners
        )


def write_setup(conn: Connection, session_id: str, setup: SessionSetup) -> None:
    conn.execute(
        "UPDATE sessions SET kind = ?, day = ?, place = ?, facilitator = ? WHERE id = ?",
        (setup.kind.value, setup.day.isoformat(), setup.place, setup.facilitator, session_id),
    )
    conn.execute("DELETE FROM audience WHERE session_id = ?", (session_id,))
    conn.executemany(
        "INSERT INTO audience (session_id, segment, count, estimated) VALUES (?, ?, ?, ?)",
        [(session_id, a.segment.value, a.count, int(a.estimated)) for a in setup.audience],
    )
    conn.execute("DELETE FROM partners WHERE session_id = ?", (session_id,))
    conn.executemany(
        "INSERT INTO partners (session_id, name, kind) VALUES (?, ?, ?)",
        [(session_id, p.name, p.kind) for p in setup.partners],
    )


SESSION_COLUMNS = (
    "id, kind, deck_id, deck_title, content_version, question_ids, started_at, finished_at, "
    "status, meta"
)


def session_record(row: tuple[Any, ...]) -> SessionRecord:
    return SessionRecord(
        id=row[0],
        kind=row[1],
        deck_id=row[2],
        deck_title=row[3],
        content_version=row[4],
        question_ids=json.loads(row[5]),
        started_at=datetime.fromisoformat(row[6]),
        finished_at=datetime.fromisoformat(row[7]) if row[7] else None,
        status=row[8],
        meta=json.loads(row[9]),
    )

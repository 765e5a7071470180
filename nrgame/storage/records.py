"""The records of real sessions: list, detail, after-the-fact corrections of the audience, and
deletion. Moving them between laptops is storage/exchange.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from nrgame.core.content import Audience
from nrgame.core.indicator_records import Period
from nrgame.core.sessions import AudienceCount, Partner
from nrgame.storage.reports import SESSION_DAY, bounds
from nrgame.storage.store import Store
from nrgame.storage.tables import SESSION_ROWS

_SEGMENTS = {a.value for a in Audience}


@dataclass(frozen=True)
class SessionRow:
    """One line of the records table."""

    id: str
    kind: str
    day: date
    place: str
    title: str
    status: str
    people: int
    estimated: bool
    learner: str | None


@dataclass(frozen=True)
class AudienceChange:
    """One segment's count corrected after the session."""

    changed_at: datetime
    segment: str
    before: AudienceCount | None
    after: AudienceCount | None
    reason: str


@dataclass(frozen=True)
class SessionDetail:
    row: SessionRow
    facilitator: str
    started_at: datetime
    finished_at: datetime | None
    deck_id: str | None
    linked_to: str | None
    audience: list[AudienceCount]
    partners: list[Partner]
    teams: list[str]
    answers: int
    mean_score: float | None
    certifications: int
    history: list[AudienceChange]


_ROW = (
    f"SELECT s.id, s.kind, {SESSION_DAY}, s.place, COALESCE(s.deck_title, s.deck_id, ''), "
    "s.status, (SELECT COALESCE(SUM(a.count), 0) FROM audience a WHERE a.session_id = s.id), "
    "(SELECT COUNT(*) FROM audience a WHERE a.session_id = s.id AND a.estimated <> 0), "
    "s.learner FROM sessions s"
)


def list_sessions(store: Store, period: Period, kind: str | None = None) -> list[SessionRow]:
    """Every session of the period (abandoned ones too), newest first."""
    low, high = bounds(period)
    sql = f"{_ROW} WHERE {SESSION_DAY} BETWEEN ? AND ?"
    args: tuple[str, ...] = (low, high)
    if kind:
        sql += " AND s.kind = ?"
        args += (kind,)
    rows = store.query(sql + f" ORDER BY {SESSION_DAY} DESC, s.started_at DESC, s.id", args)
    return [_row(row) for row in rows]


def session_detail(store: Store, session_id: str) -> SessionDetail | None:
    rows = store.query(f"{_ROW} WHERE s.id = ?", (session_id,))
    if not rows:
        return None
    extra = store.query(
        "SELECT facilitator, started_at, finished_at, deck_id, linked_to FROM sessions "
        "WHERE id = ?",
        (session_id,),
    )[0]
    answers, mean = store.query(
        "SELECT COUNT(*), AVG(score) FROM answers WHERE session_id = ?", (session_id,)
    )[0]
    return SessionDetail(
        row=_row(rows[0]),
        facilitator=extra[0],
        started_at=datetime.fromisoformat(extra[1]),
        finished_at=datetime.fromisoformat(extra[2]) if extra[2] else None,
        deck_id=extra[3],
        linked_to=extra[4],
        audience=audience_of(store, session_id),
        partners=[
            Partner(name, kind)
            for name, kind in store.query(
                "SELECT name, kind FROM partners WHERE session_id = ? ORDER BY name",
                (session_id,),
            )
        ],
        teams=[
            team
            for (team,) in store.query(
                "SELECT DISTINCT team FROM answers WHERE session_id = ? AND team <> '' "
                "ORDER BY team",
                (session_id,),
            )
        ],
        answers=answers,
        mean_score=mean,
        certifications=store.query(
            "SELECT COUNT(*) FROM certifications WHERE session_id = ?", (session_id,)
        )[0][0],
        history=history(store, session_id),
    )


def audience_of(store: Store, session_id: str) -> list[AudienceCount]:
    return [
        AudienceCount(Audience(segment), count, bool(estimated))
        for segment, count, estimated in store.query(
            "SELECT segment, count, estimated FROM audience WHERE session_id = ? ORDER BY segment",
            (session_id,),
        )
        if segment in _SEGMENTS
    ]


def correct_audience(
    store: Store,
    session_id: str,
    audience: list[AudienceCount],
    at: datetime,
    reason: str = "",
) -> list[AudienceChange]:
    """Replace a session's audience, keeping each changed segment's before and after.

    A segment set to 0 is removed. Returns the changes (none if nothing changed).
    """
    before = {a.segment.value: a for a in audience_of(store, session_id)}
    after = {a.segment.value: a for a in audience if a.count > 0}
    changes = [
        AudienceChange(at, segment, before.get(segment), after.get(segment), reason)
        for segment in sorted(set(before) | set(after))
        if before.get(segment) != after.get(segment)
    ]
    if not changes:
        return []
    with store.transaction() as conn:
        conn.execute("DELETE FROM audience WHERE session_id = ?", (session_id,))
        conn.executemany(
            "INSERT INTO audience (session_id, segment, count, estimated) VALUES (?, ?, ?, ?)",
            [(session_id, s, a.count, int(a.estimated)) for s, a in sorted(after.items())],
        )
        conn.executemany(
            "INSERT INTO audience_history (id, session_id, changed_at, segment, count_before, "
            "estimated_before, count_after, estimated_after, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    str(uuid.uuid4()),
                    session_id,
                    c.changed_at.isoformat(),
                    c.segment,
                    c.before.count if c.before else None,
                    int(c.before.estimated) if c.before else None,
                    c.after.count if c.after else None,
                    int(c.after.estimated) if c.after else None,
                    c.reason,
                )
                for c in changes
            ],
        )
    return changes


def history(store: Store, session_id: str) -> list[AudienceChange]:
    return [
        AudienceChange(
            datetime.fromisoformat(at),
            segment,
            _count(segment, count_before, estimated_before),
            _count(segment, count_after, estimated_after),
            reason,
        )
        for at, segment, count_before, estimated_before, count_after, estimated_after, reason in (
            store.query(
                "SELECT changed_at, segment, count_before, estimated_before, count_after, "
                "estimated_after, reason FROM audience_history WHERE session_id = ? "
                "ORDER BY changed_at, segment",
                (session_id,),
            )
        )
    ]


def delete_session(store: Store, session_id: str) -> bool:
    """Delete a session and everything recorded with it; False if there was none."""
    with store.transaction() as conn:
        for table in SESSION_ROWS:
            conn.execute(f'DELETE FROM "{table.name}" WHERE session_id = ?', (session_id,))
        return conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0


def _count(segment: str, count: int | None, estimated: int | None) -> AudienceCount | None:
    if count is None or segment not in _SEGMENTS:
        return None
    return AudienceCount(Audience(segment), count, bool(estimated))


def _row(row: tuple[Any, ...]) -> SessionRow:
    sid, kind, day, place, title, status, people, estimated, learner = row
    return SessionRow(
        sid, kind, date.fromisoformat(day), place, title, status, people, estimated > 0, learner
    )

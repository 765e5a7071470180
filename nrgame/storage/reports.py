"""Read what the indicators need for one period, aggregating the answers in SQL.

A few years of an active authority may hold a million answers; only sums come back to Python:
one row per attempt (player or team in a session), one per question and distinct response.
A session's date is its declared day, or the day it started when none was declared. Every
session of the period is read, with what was played in it (questions revealed, answers, turns):
which of them count is decided by nrgame.core.indicators, not here. The answers of abandoned
sessions are left out of the item statistics.

Speed: each attempt's total is read from the `attempts` summary that triggers keep with the
answers (migration 7), not summed again; the sessions and attempts of the period go to two
small temporary tables, then the answers are read once, in the order of index answers_item
(migration 5), never sorted, each joined to its attempt's total by key.
`python -m benchmarks --only reporting` prints the figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from nrgame.core.indicator_records import (
    AudienceFact,
    CertificationFact,
    PartnerFact,
    Period,
    Records,
    SessionFact,
)
from nrgame.core.itemstats import ItemSums, ResponseCount
from nrgame.core.room_setup import Phase
from nrgame.core.sessions import ABANDONED
from nrgame.storage.db import Connection, Dialect
from nrgame.storage.store import Store

SESSION_DAY = "COALESCE(s.day, SUBSTR(s.started_at, 1, 10))"
"""A session's date, as AAAA-MM-JJ text (ISO dates compare as text)."""

# The sessions and attempts of the period, found once: the other reads join them by key.
_TEMP_TABLES = [
    "CREATE TEMP TABLE report_kept (id TEXT PRIMARY KEY){key_only}",
    """
    CREATE TEMP TABLE report_attempts (
        session_id TEXT NOT NULL,
        team TEXT NOT NULL,
        total {real} NOT NULL,
        answered INTEGER NOT NULL,
        PRIMARY KEY (session_id, team)
    ){key_only}
    """,
]


def _temp_tables(dialect: Dialect) -> list[str]:
    return [sql.format(key_only=dialect.key_only, real=dialect.real) for sql in _TEMP_TABLES]


_KEPT = f"""
    INSERT INTO report_kept
        SELECT s.id FROM sessions s WHERE s.status <> ? AND {SESSION_DAY} BETWEEN ? AND ?
"""

_ATTEMPTS = """
    INSERT INTO report_attempts
        SELECT t.session_id, t.team, t.total, t.answered
        FROM report_kept k JOIN attempts t ON t.session_id = k.id
"""

# x is the item score and t the total of its attempt; Moodle's "rest of the test" is t − x.
# Its sums follow from these (Σ(t − x) = Σt − Σx, and so on): one aggregate and three
# subtractions fewer per answer than summing t − x itself.
# CROSS JOIN keeps the answers as the outer loop, read in the order of answers_item.
_ITEMS = """
    SELECT a.question_id, a.response, COUNT(*),
        SUM(a.score), SUM(a.score * a.score),
        SUM(t.total), SUM(t.total * t.total), SUM(a.score * t.total)
    FROM answers a CROSS JOIN report_attempts t
    WHERE t.session_id = a.session_id AND t.team = a.team
    GROUP BY a.question_id, a.response
"""


def bounds(period: Period) -> tuple[str, str]:
    low = period.start.isoformat() if period.start else "0000-01-01"
    high = period.end.isoformat() if period.end else "9999-12-31"
    return low, high


def read_records(store: Store, period: Period) -> Records:
    low, high = bounds(period)
    with store.transaction() as conn:
        # Unqualified, a name is looked up among the temporary tables first.
        conn.execute("DROP TABLE IF EXISTS report_kept")
        conn.execute("DROP TABLE IF EXISTS report_attempts")
        for sql in _temp_tables(store.dialect):
            conn.execute(sql)
        conn.execute(_KEPT, (ABANDONED, low, high))
        conn.execute(_ATTEMPTS)
        attempts = conn.execute("SELECT * FROM report_attempts").fetchall()
        grouped = conn.execute(_ITEMS).fetchall()
        records = _read_sessions(conn, period, attempts)
        conn.execute("DROP TABLE report_kept")
        conn.execute("DROP TABLE report_attempts")
    records.items, records.responses = _items(grouped)
    return records


def session_facts(
    conn: Connection, where: str, args: tuple[Any, ...], means: dict[str, float]
) -> list[SessionFact]:
    """The sessions `where` selects (a condition on sessions s), with what was played in
    them; a purged session keeps what was played in `played_kept`."""
    chosen = f"SELECT s.id FROM sessions s WHERE {where}"
    answered = dict(
        conn.execute(
            f"SELECT session_id, SUM(answered) FROM attempts WHERE session_id IN ({chosen}) "
            "GROUP BY session_id",
            args,
        ).fetchall()
    )
    revealed = dict(
        conn.execute(
            "SELECT session_id, COUNT(*) FROM room_questions WHERE state = ? "
            f"AND session_id IN ({chosen}) GROUP BY session_id",
            (Phase.REVEALED.value, *args),
        ).fetchall()
    )
    turns = dict(
        conn.execute(
            "SELECT session_id, COUNT(DISTINCT turn) FROM board_turns "
            f"WHERE session_id IN ({chosen}) GROUP BY session_id",
            args,
        ).fetchall()
    )
    rows = conn.execute(
        f"SELECT s.id, s.kind, {SESSION_DAY}, s.status, s.deck_id, s.deck_title, s.learner, "
        "s.linked_to, s.place, s.day IS NOT NULL, s.meta, s.played_kept FROM sessions s "
        f"WHERE {where} ORDER BY 3, s.started_at, s.id",
        args,
    )
    return [
        SessionFact(
            row[0],
            row[1],
            date.fromisoformat(row[2]),
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            means.get(row[0]),
            row[8],
            bool(row[9]),
            _has_room(row[10]),
            revealed.get(row[0], 0) if row[11] is None else row[11],
            answered.get(row[0], 0) if row[11] is None else row[11],
            turns.get(row[0], 0) if row[11] is None else row[11],
        )
        for row in rows
    ]


def _has_room(meta: str) -> bool:
    """Whether a session's meta (JSON) has a room entry. Most sessions' meta has neither the
    word nor an escape that could spell it: those need no parsing (20,000 a year)."""
    if "room" not in meta and "\\u" not in meta:
        return False
    return json.loads(meta).get("room") is not None


def _read_sessions(conn: Connection, period: Period, attempts: list[tuple[Any, ...]]) -> Records:
    """Sessions of the period, what was played in them and what is declared with them."""
    low, high = bounds(period)
    totals: dict[str, list[float]] = {}
    for sid, _team, total, answered in attempts:
        row = totals.setdefault(sid, [0.0, 0])
        row[0] += total
        row[1] += answered
    means = {sid: total / answered for sid, (total, answered) in totals.items()}
    sessions = session_facts(conn, f"{SESSION_DAY} BETWEEN ? AND ?", (low, high), means)
    in_period = {s.id for s in sessions}
    wanted = sorted({s.linked_to for s in sessions if s.linked_to} - in_period)
    return Records(
        period=period,
        sessions=sessions,
        earlier=_earlier(conn, wanted),
        audience=[
            AudienceFact(sid, segment, count, bool(estimated))
            for sid, segment, count, estimated in conn.execute(
                "SELECT a.session_id, a.segment, a.count, a.estimated "
                "FROM sessions s JOIN audience a ON a.session_id = s.id "
                f"WHERE {SESSION_DAY} BETWEEN ? AND ? ORDER BY a.session_id, a.segment",
                (low, high),
            )
        ],
        partners=[
            PartnerFact(sid, name, kind)
            for sid, name, kind in conn.execute(
                "SELECT p.session_id, p.name, p.kind "
                "FROM sessions s JOIN partners p ON p.session_id = s.id "
                f"WHERE {SESSION_DAY} BETWEEN ? AND ? ORDER BY p.session_id, p.name",
                (low, high),
            )
        ],
        certifications=[
            CertificationFact(learner, deck_id, date.fromisoformat(issued), sid)
            for learner, deck_id, issued, sid in conn.execute(
                "SELECT learner, deck_id, SUBSTR(issued_at, 1, 10), session_id "
                "FROM certifications WHERE SUBSTR(issued_at, 1, 10) BETWEEN ? AND ? "
                "ORDER BY issued_at, id",
                (low, high),
            )
        ],
    )


def _items(grouped: list[tuple[Any, ...]]) -> tuple[list[ItemSums], list[ResponseCount]]:
    """Partial sums per (question, response) added up per question."""
    sums: dict[str, list[float]] = {}
    responses = []
    for qid, response, n, *parts in grouped:
        row = sums.setdefault(qid, [0.0] * 6)
        for index, value in enumerate((n, *parts)):
            row[index] += value
        responses.append(ResponseCount(qid, response, n))
    items = [_item_sums(qid, *row) for qid, row in sorted(sums.items())]
    return items, responses


def _item_sums(qid: str, n: float, x: float, xx: float, t: float, tt: float, xt: float) -> ItemSums:
    """Sums of x and of the rest r = t − x, from the sums of x and t."""
    return ItemSums(qid, int(n), x, xx, t - x, tt - 2 * xt + xx, xt - xx)


def _earlier(conn: Connection, ids: list[str]) -> list[SessionFact]:
    found: list[SessionFact] = []
    for chunk, marks in _chunks(ids):
        found.extend(
            _fact(row[:8], row[8])
            for row in conn.execute(
                f"SELECT s.id, s.kind, {SESSION_DAY}, s.status, s.deck_id, s.deck_title, "
                "s.learner, s.linked_to, (SELECT AVG(a.score) FROM answers a "
                "WHERE a.session_id = s.id) "
                f"FROM sessions s WHERE s.status <> ? AND s.id IN ({marks})",
                (ABANDONED, *chunk),
            )
        )
    return found


def _chunks(ids: list[str]) -> Iterator[tuple[list[str], str]]:
    """Ids by 500, with their placeholders: SQL parameter lists have a size limit."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        yield chunk, ", ".join("?" * len(chunk))


def _fact(row: tuple[Any, ...], mean: float | None) -> SessionFact:
    sid, kind, day, status, deck_id, deck_title, learner, linked_to = row
    # Positional: 20,000 sessions a year are built here, and keywords cost more.
    return SessionFact(
        sid, kind, date.fromisoformat(day), status, deck_id, deck_title, learner, linked_to, mean
    )

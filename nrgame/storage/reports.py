"""Read what the indicators need for one period, aggregating the answers in SQL.

A few years of an active authority may hold a million answers; only sums come back to Python:
one row per attempt (player or team in a session), one per question and distinct response.
A session's date is its declared day, or the day it started when none was declared; abandoned
sessions are not actions held and are left out.

Speed: the answers are read twice, each time in the order of an index (migration 3), never
sorted: attempt totals go to a temporary table, then the answers are scanned by question and
joined to their attempt's total. `benchmarks/report.py` prints the figures.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Any

from nrgame.core.indicators import (
    AudienceFact,
    CertificationFact,
    ItemSums,
    PartnerFact,
    Period,
    Records,
    ResponseCount,
    SessionFact,
)
from nrgame.storage.sqlite import ABANDONED, SqliteStore

SESSION_DAY = "COALESCE(s.day, SUBSTR(s.started_at, 1, 10))"
"""A session's date, as AAAA-MM-JJ text (ISO dates compare as text)."""

_KEPT = f"""
    kept AS (
        SELECT s.id FROM sessions s
        WHERE s.status <> ? AND {SESSION_DAY} BETWEEN ? AND ?
    )
"""

_ATTEMPTS = f"""
    WITH {_KEPT},
    attempts AS (
        SELECT a.session_id, a.team, SUM(a.score) AS total, COUNT(*) AS answered
        FROM answers a GROUP BY a.session_id, a.team
    )
    SELECT t.session_id, t.team, t.total, t.answered
    FROM attempts t JOIN kept k ON k.id = t.session_id
"""

# The primary key holds the total so that looking an attempt up reads the index alone.
_TEMP = """
    CREATE TEMP TABLE report_attempts (
        session_id TEXT NOT NULL,
        team TEXT NOT NULL,
        total REAL NOT NULL,
        PRIMARY KEY (session_id, team, total)
    )
"""

# x is the item score, and total − x the rest of the test, as in Moodle's item analysis.
# CROSS JOIN keeps the answers as the outer loop, read in the order of answers_item.
_ITEMS = """
    SELECT a.question_id, a.response, COUNT(*),
        SUM(a.score), SUM(a.score * a.score),
        SUM(t.total - a.score), SUM((t.total - a.score) * (t.total - a.score)),
        SUM(a.score * (t.total - a.score))
    FROM answers a CROSS JOIN report_attempts t
    WHERE t.session_id = a.session_id AND t.team = a.team
    GROUP BY a.question_id, a.response
"""


def bounds(period: Period) -> tuple[str, str]:
    low = period.start.isoformat() if period.start else "0000-01-01"
    high = period.end.isoformat() if period.end else "9999-12-31"
    return low, high


def read_records(store: SqliteStore, period: Period) -> Records:
    low, high = bounds(period)
    kept = (ABANDONED, low, high)
    with store.transaction() as conn:
        attempts = conn.execute(_ATTEMPTS, kept).fetchall()
        conn.execute("DROP TABLE IF EXISTS temp.report_attempts")
        conn.execute(_TEMP)
        conn.executemany("INSERT INTO report_attempts VALUES (?, ?, ?)", [a[:3] for a in attempts])
        grouped = conn.execute(_ITEMS).fetchall()
        conn.execute("DROP TABLE temp.report_attempts")
        records = _read_sessions(conn, period, attempts)
    records.items, records.responses = _items(grouped)
    return records


def _read_sessions(
    conn: sqlite3.Connection, period: Period, attempts: list[tuple[Any, ...]]
) -> Records:
    kept = (ABANDONED, *bounds(period))
    totals: dict[str, list[float]] = {}
    for sid, _team, total, answered in attempts:
        row = totals.setdefault(sid, [0.0, 0])
        row[0] += total
        row[1] += answered
    sessions = [
        _fact(row, totals[row[0]][0] / totals[row[0]][1] if row[0] in totals else None)
        for row in conn.execute(
            f"SELECT s.id, s.kind, {SESSION_DAY}, s.status, s.deck_id, s.deck_title, s.learner, "
            f"s.linked_to FROM sessions s WHERE s.status <> ? AND {SESSION_DAY} BETWEEN ? AND ? "
            "ORDER BY 3, s.started_at, s.id",
            kept,
        )
    ]
    in_period = {s.id for s in sessions}
    wanted = sorted({s.linked_to for s in sessions if s.linked_to} - in_period)
    return Records(
        period=period,
        sessions=sessions,
        earlier=_earlier(conn, wanted),
        audience=[
            AudienceFact(sid, segment, count, bool(estimated))
            for sid, segment, count, estimated in conn.execute(
                f"WITH {_KEPT} SELECT a.session_id, a.segment, a.count, a.estimated "
                "FROM audience a JOIN kept k ON k.id = a.session_id "
                "ORDER BY a.session_id, a.segment",
                kept,
            )
        ],
        partners=[
            PartnerFact(sid, name, kind)
            for sid, name, kind in conn.execute(
                f"WITH {_KEPT} SELECT p.session_id, p.name, p.kind "
                "FROM partners p JOIN kept k ON k.id = p.session_id "
                "ORDER BY p.session_id, p.name",
                kept,
            )
        ],
        certifications=[
            CertificationFact(learner, deck_id, date.fromisoformat(issued))
            for learner, deck_id, issued in conn.execute(
                "SELECT learner, deck_id, SUBSTR(issued_at, 1, 10) FROM certifications "
                "WHERE SUBSTR(issued_at, 1, 10) BETWEEN ? AND ? ORDER BY issued_at, id",
                kept[1:],
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
    items = [ItemSums(qid, int(row[0]), *row[1:]) for qid, row in sorted(sums.items())]
    return items, responses


def _earlier(conn: sqlite3.Connection, ids: list[str]) -> list[SessionFact]:
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
    return SessionFact(
        id=sid,
        kind=kind,
        day=date.fromisoformat(day),
        status=status,
        deck_id=deck_id,
        deck_title=deck_title,
        learner=learner,
        linked_to=linked_to,
        mean_score=mean,
    )

"""The shared PostgreSQL base, on a throwaway cluster of its own (tests/pgserver.py, fsync on,
Unix socket only):

- the report over the same answers as reporting.py (1 000 000 by default), on PostgreSQL
  against the same on SQLite, in this process (target ≤ 1,5 ×);
- an answer durably recorded through the store, p50 and p99, against a bare psycopg insert
  committed into a table of the same shape, timed in turn with it;
- a push of a laptop's sessions (20 000 by default) to an empty shared base, then the same
  push again, which should be close to free.
"""

from __future__ import annotations

import contextlib
import io
import time
from datetime import datetime
from functools import partial
from pathlib import Path

import psycopg

from benchmarks.common import Figure, median, percentile, timed
from benchmarks.reporting import build
from nrgame import settings
from nrgame.cli import main as nrgame_main
from nrgame.core.catalog import load_catalog
from nrgame.core.quiz import Given
from nrgame.usecases.open_store import open_store
from nrgame.usecases.push import push
from tests.pgserver import PgServer, start

PUSHED_ANSWERS = 5
"""Answers per session of the pushed laptop: a push is mostly round trips per session."""


def _report(base: Path | str, out: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()):
        code = nrgame_main(["report", "--db", str(base), "--out", str(out)])
    if code != 0:
        raise RuntimeError(f"nrgame report a échoué (code {code})")


def _recording(server: PgServer, answers: int) -> tuple[list[float], list[float]]:
    address = server.address(server.new_database())
    store = open_store(address)
    bare = psycopg.connect(server.address(server.new_database()))
    bare.execute(
        "CREATE TABLE answers (session_id TEXT, position INTEGER, team TEXT, question_id TEXT, "
        "response TEXT, score DOUBLE PRECISION, answered_at TEXT, "
        "PRIMARY KEY (session_id, position, team))"
    )
    bare.commit()
    at = datetime(2026, 3, 2, 9)
    sid = store.start_session(kind="quiz", question_ids=[], started_at=at)
    ours: list[float] = []
    reference: list[float] = []
    try:
        for position in range(answers):
            given = Given(position, f"q{position}", None, 1.0, at)
            begin = time.perf_counter()
            store.record_answer(sid, given)
            ours.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            bare.execute(
                "INSERT INTO answers VALUES (%s, %s, %s, %s, %s, %s, %s)",
                (sid, position, "", f"q{position}", "null", 1.0, at.isoformat()),
            )
            bare.commit()
            reference.append(time.perf_counter() - begin)
    finally:
        store.close()
        bare.close()
    return ours, reference


def run(scratch: Path, sessions: int, per_session: int, answers: int) -> list[Figure]:
    catalog = load_catalog([settings.bundled_content(), settings.bundled_scenarios()])
    servers = start(durable=True)
    server = next(servers)
    try:
        laptop = scratch / "postgres-report.sqlite3"
        shared = server.address(server.new_database())
        build(laptop, catalog, sessions, per_session)
        build(shared, catalog, sessions, per_session)
        out = scratch / "bilan-pg.md"
        _report(shared, out)  # warm-up: byte-code, caches
        _report(laptop, out)
        on_pg = [timed(partial(_report, shared, out)) for _ in range(3)]
        on_sqlite = [timed(partial(_report, laptop, out)) for _ in range(3)]
        out.unlink()
        ours, reference = _recording(server, answers)
        pushed = scratch / "postgres-push.sqlite3"
        build(pushed, catalog, sessions, PUSHED_ANSWERS)
        local = open_store(pushed)
        target = open_store(server.address(server.new_database()))
        try:
            first = timed(partial(push, local, target, datetime.now()))
            second = timed(partial(push, local, target, datetime.now()))
        finally:
            local.close()
            target.close()
    finally:
        servers.close()
    ratio = median(on_pg) / median(on_sqlite)
    return [
        Figure("pg_report_s", "Bilan sur PostgreSQL", median(on_pg), "s"),
        Figure(
            "pg_report_ratio",
            "Bilan, PostgreSQL rapporté à SQLite",
            ratio,
            "×",
            "≤ 1,5",
            ratio <= 1.5,
        ),
        Figure("pg_recording_p50_ms", "Réponse sur PostgreSQL, médiane", 1000 * median(ours), "ms"),
        Figure(
            "pg_recording_p99_ms",
            "Réponse sur PostgreSQL, 99ᵉ centile",
            1000 * percentile(ours, 0.99),
            "ms",
        ),
        Figure(
            "pg_recording_p99_ratio",
            "Réponse sur PostgreSQL, 99ᵉ centile rapporté à psycopg nu",
            percentile(ours, 0.99) / percentile(reference, 0.99),
            "×",
        ),
        Figure("pg_push_sessions", "Envoi : séances", sessions, "séances"),
        Figure("pg_push_s", "Envoi de toutes les séances", first, "s"),
        Figure("pg_push_again_s", "Second envoi (rien de neuf)", second, "s"),
    ]

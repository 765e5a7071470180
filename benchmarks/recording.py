"""Recording: the time to commit one answer durably, as the app does it.

Each answer goes through `RecordedQuiz.answer` (scoring, then one SQLite transaction in WAL
mode with synchronous=FULL) into a database in the scratch folder. The reference, timed in
turn with each answer, is the least any durable store must pay: one row inserted and committed
by the bare sqlite3 module into a file beside it, with the same journal and sync settings.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks import generate
from benchmarks.common import Figure, percentile
from nrgame.core.catalog import load_catalog
from nrgame.core.quiz import correct_response
from nrgame.storage.sqlite import SqliteStore
from nrgame.usecases.play_quiz import RecordedQuiz


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=7)
        return self.now


def _bare_store(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS answers (session_id TEXT, position INTEGER, team TEXT, "
        "question_id TEXT, response TEXT, score REAL, answered_at TEXT, "
        "PRIMARY KEY (session_id, position, team))"
    )
    return conn


def run(scratch: Path, answers: int) -> list[Figure]:
    catalog = load_catalog(generate.content(scratch / "recording-content", 1_000))
    deck_id = "bench-deck-0"
    store = SqliteStore(scratch / "recording.sqlite3")
    bare = _bare_store(scratch / "recording-bare.sqlite3")
    clock = _Clock()
    ours: list[float] = []
    reference: list[float] = []
    try:
        while len(ours) < answers:
            played = RecordedQuiz.start(store, catalog, deck_id, clock)
            while not played.quiz.finished and len(ours) < answers:
                response = correct_response(played.quiz.current)
                start = time.perf_counter()
                given = played.answer(response)
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                bare.execute("BEGIN")
                bare.execute(
                    "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        played.session_id,
                        given.position,
                        "",
                        given.question_id,
                        "0",
                        given.score,
                        given.answered_at.isoformat(),
                    ),
                )
                bare.execute("COMMIT")
                reference.append(time.perf_counter() - start)
                played.quiz.advance()
            played.finish()
    finally:
        store.close()
        bare.close()
    p50, p99 = percentile(ours, 0.5) * 1000, percentile(ours, 0.99) * 1000
    ratio = p99 / (percentile(reference, 0.99) * 1000)
    return [
        Figure("recording_p50_ms", "Enregistrement d'une réponse, médiane", p50, "ms"),
        Figure(
            "recording_p99_ms",
            "Enregistrement d'une réponse, 99ᵉ centile",
            p99,
            "ms",
            "≤ 5 ms",
            p99 <= 5,
        ),
        Figure("recording_p99_ratio", "Enregistrement, 99ᵉ centile, rapport", ratio, "×"),
    ]

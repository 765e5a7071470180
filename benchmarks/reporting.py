"""Reporting: `nrgame report` over a big store (by default 20,000 sessions, 1,000,000 answers).

The store is generated first (not timed): sessions of every kind over a few years, an audience
each, and answers to the bundled questions, right or skipped at random, as a facilitator's
years would leave them. Then, in turn, three times each:

- the whole command in a fresh process, as a person runs it (`nrgame report --out FILE`);
- the same command inside this process (no interpreter start), the figure the ratio uses;
- the reference: one bare SQL pass over every answer (`SUM(score)`, `COUNT(response)`),
  the least any report on these answers has to read.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import uuid
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from benchmarks.common import Figure, median, timed
from benchmarks.startup import ENV, ROOT
from nrgame import settings
from nrgame.cli import main as nrgame_main
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content import Audience
from nrgame.core.quiz import correct_response, response_to_json
from nrgame.core.sessions import SessionKind
from nrgame.storage.sqlite import FINISHED
from nrgame.usecases.open_store import open_store


def build(base: Path | str, catalog: Catalog, sessions: int, per_session: int) -> None:
    """A store of `sessions` finished sessions of `per_session` answers each, in one go (a
    file, or a PostgreSQL address: benchmarks/postgres.py)."""
    store = open_store(base)
    rng = random.Random(1)
    ids = sorted(catalog.questions)
    kinds = [k.value for k in SessionKind]
    start = datetime(2025, 1, 6, 9, 0)
    with store.transaction() as conn:
        for number in range(sessions):
            sid = str(uuid.UUID(int=rng.getrandbits(128)))
            at = start + timedelta(hours=number * 2)
            chosen = rng.sample(ids, per_session)
            conn.execute(
                "INSERT INTO sessions (id, kind, deck_id, deck_title, content_version, "
                "question_ids, started_at, finished_at, status, meta, day, place) "
                "VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?, '{}', ?, 'Salle du conseil')",
                (
                    sid,
                    rng.choice(kinds),
                    catalog.version,
                    json.dumps(chosen),
                    at.isoformat(),
                    at.isoformat(),
                    FINISHED,
                    at.date().isoformat(),
                ),
            )
            conn.execute(
                "INSERT INTO audience (session_id, segment, count, estimated) VALUES (?, ?, ?, ?)",
                (sid, rng.choice(list(Audience)).value, rng.randint(3, 30), rng.randint(0, 1)),
            )
            skill = rng.random()
            rows = []
            for position, qid in enumerate(chosen):
                right = rng.random() < skill
                question = catalog.questions[qid]
                response = response_to_json(correct_response(question)) if right else None
                rows.append(
                    (sid, position, "", qid, json.dumps(response), float(right), at.isoformat())
                )
            conn.executemany(
                "INSERT INTO answers (session_id, position, team, question_id, response, score, "
                "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    store.close()


def _bare_pass(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        conn.execute("SELECT SUM(score), COUNT(response) FROM answers").fetchall()
    finally:
        conn.close()


def _in_process(db: Path, out: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()):
        code = nrgame_main(["report", "--db", str(db), "--out", str(out)])
    if code != 0:
        raise RuntimeError(f"nrgame report a échoué (code {code})")


def _fresh_process(db: Path, out: Path) -> None:
    command = [sys.executable, "-m", "nrgame", "report", "--db", str(db), "--out", str(out)]
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, capture_output=True)


def run(scratch: Path, sessions: int, per_session: int) -> list[Figure]:
    catalog = load_catalog([settings.bundled_content(), settings.bundled_scenarios()])
    db = scratch / "reporting.sqlite3"
    build(db, catalog, sessions, per_session)
    out = scratch / "bilan.md"
    _fresh_process(db, out)  # warm-up: byte-code, page cache
    command: list[float] = []
    inside: list[float] = []
    bare: list[float] = []
    for _ in range(3):
        command.append(timed(partial(_fresh_process, db, out)))
        inside.append(timed(partial(_in_process, db, out)))
        bare.append(timed(partial(_bare_pass, db)))
    os.remove(out)
    seconds = median(command)
    return [
        Figure("reporting_answers", "Bilan : réponses en base", sessions * per_session, "réponses"),
        Figure(
            "reporting_s",
            "Bilan (nrgame report), commande entière",
            seconds,
            "s",
            "≤ 1 s",
            seconds <= 1,
        ),
        Figure("reporting_inside_s", "Bilan, sans le lancement de Python", median(inside), "s"),
        Figure(
            "reporting_ratio",
            "Bilan, rapport à un passage SQL nu",
            median(inside) / median(bare),
            "×",
        ),
    ]

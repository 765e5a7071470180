"""How long the annual report takes on a big store: 20,000 sessions, 1,000,000 answers.

    python benchmarks/report.py [--sessions N] [--questions-per-session Q] [--db PATH]

Builds the store once (kept at --db, default in the temporary folder), then times reading the
records, computing the indicators and rendering each format. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.content import Audience
from nrgame.core.indicators import Period, compute
from nrgame.core.quiz import correct_response, response_to_json
from nrgame.core.sessions import SessionKind
from nrgame.reports import FORMATS, render
from nrgame.storage.reports import read_records
from nrgame.storage.sqlite import FINISHED, SqliteStore

ROOT = Path(__file__).resolve().parent.parent


def big_catalog(size: int = 150) -> Catalog:
    """The test library's six questions, copied under new ids to make a library of `size`."""
    mini = load_catalog([ROOT / "tests" / "fixtures" / "content"])
    models = list(mini.questions.values())
    catalog = Catalog(figures=dict(mini.figures))
    for number in range(size):
        question = models[number % len(models)].model_copy(update={"id": f"q-{number:03d}"})
        catalog.questions[question.id] = question
    return catalog


def build(path: Path, catalog: Catalog, sessions: int, per_session: int) -> None:
    store = SqliteStore(path)
    rng = random.Random(1)
    ids = list(catalog.questions)
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
                "VALUES (?, ?, 'mini', 'Série', 'v', ?, ?, ?, ?, '{}', ?, 'Salle')",
                (
                    sid,
                    rng.choice(kinds),
                    json.dumps(chosen),
                    at.isoformat(),
                    at.isoformat(),
                    FINISHED,
                    at.date().isoformat(),
                ),
            )
            conn.execute(
                "INSERT INTO audience VALUES (?, ?, ?, ?)",
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
            conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20_000)
    parser.add_argument("--questions-per-session", type=int, default=50)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    catalog = big_catalog()
    size = args.sessions * args.questions_per_session
    path = args.db or Path(tempfile.gettempdir()) / f"nrgame-bench-report-{size}.sqlite3"
    if not path.exists():
        began = time.perf_counter()
        build(path, catalog, args.sessions, args.questions_per_session)
        print(f"store built: {time.perf_counter() - began:.1f} s ({path})")
    store = SqliteStore(path)
    answers = store.query("SELECT COUNT(*) FROM answers")[0][0]
    print(f"{store.query('SELECT COUNT(*) FROM sessions')[0][0]} sessions, {answers} answers")
    for label, period in (
        ("all", Period()),
        ("one year", Period(date(2025, 1, 1), date(2025, 12, 31))),
    ):
        began, cpu = time.perf_counter(), time.process_time()
        records = read_records(store, period)
        read = time.perf_counter() - began
        indicators = compute(records, catalog)
        computed = time.perf_counter() - began
        # CPU time says what an idle machine would take when other programs compete for it.
        print(
            f"{label}: read {read:.3f} s, read + compute {computed:.3f} s "
            f"(CPU {time.process_time() - cpu:.3f} s)"
        )
        for fmt in FORMATS:
            began = time.perf_counter()
            data = render(indicators, fmt)
            print(f"  render {fmt}: {time.perf_counter() - began:.3f} s ({len(data)} bytes)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

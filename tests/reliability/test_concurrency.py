"""Several processes writing into one SQLite file at once: nothing lost, nobody told the base
is busy. WAL lets readers go on while one writes; the busy timeout makes writers queue."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import traceback
from pathlib import Path
from typing import Any

from nrgame.core.catalog import load_catalog
from nrgame.storage.migrations import SCHEMA_VERSION
from nrgame.storage.sqlite import FINISHED, SqliteStore
from nrgame.usecases.play_quiz import RecordedQuiz
from tests.conftest import FIXTURES, FixedClock
from tests.reliability.bounded import NRGAME, run_bounded

WORKERS = 6
SESSIONS = 8  # per worker
RESPONSES = (2, frozenset({0, 2}), False, 11.0, (0, 1, 2), (0, 1, 2))  # the mini deck, all right


def _worker(path: str, barrier: Any, results: Any) -> None:
    """Open the base at the same moment as the others, then play whole sessions."""
    try:
        catalog = load_catalog([FIXTURES / "content"])
        barrier.wait(timeout=60)
        store = SqliteStore(Path(path))  # a new file: every worker races to create it
        played_ids = []
        for _ in range(SESSIONS):
            played = RecordedQuiz.start(store, catalog, "mini", FixedClock())
            for response in RESPONSES:
                played.answer(response)
                played.quiz.advance()
            played.finish()
            played_ids.append(played.session_id)
            store.sessions()  # reads between writes, as the app does
        store.close()
        results.put(("ok", played_ids))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def test_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "partagee.sqlite3"
    context = multiprocessing.get_context("spawn")  # no state shared with the test worker
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    workers = [
        context.Process(target=_worker, args=(str(path), barrier, results)) for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    errors = [detail for kind, detail in outcomes if kind == "error"]
    assert not errors, errors[0]
    written = [sid for _, ids in outcomes for sid in ids]
    assert len(written) == WORKERS * SESSIONS

    store = SqliteStore(path)
    assert store.integrity_ok()
    assert store.query("PRAGMA user_version") == [(SCHEMA_VERSION,)]
    sessions = {record.id: record for record in store.sessions()}
    assert set(sessions) == set(written)
    for sid in written:
        assert sessions[sid].status == FINISHED
        assert [a.score for a in store.answers(sid)] == [1.0] * len(RESPONSES)
    store.close()
    # Only one process migrated the new file: no copy of an empty base was made
    assert sorted(p.name for p in tmp_path.iterdir() if "avant-schema" in p.name) == []


def test_scripted_runs_at_once_are_all_recorded(tmp_path: Path) -> None:
    """The real command, several times at once, with an export reading meanwhile."""
    path = tmp_path / "partagee.sqlite3"
    sheet = tmp_path / "feuille.txt"
    sheet.write_text("C\nA,C\nF\n11\nCAB\nABC\n", encoding="utf-8")
    content = ["--content", str(FIXTURES / "content"), "--db", str(path)]
    # --again: five sessions played with the same answers, not one sheet run five times.
    quiz = [*NRGAME, "quiz", "mini", "--answers", str(sheet), "--again", "--json", *content]
    export = [*NRGAME, "records", "export", str(tmp_path / "export.json"), "--db", str(path)]
    # An export only opens a base that exists (new bases opened at once: the test above).
    SqliteStore(path).close()
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        runs = list(pool.map(lambda args: run_bounded(args, timeout=120), [quiz] * 5 + [export]))
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "occupée" not in run.stderr and "locked" not in run.stderr
    store = SqliteStore(path)
    assert len(store.sessions()) == 5
    assert store.integrity_ok()
    store.close()

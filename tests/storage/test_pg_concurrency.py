"""Six processes at once on one shared base that has no table yet: four laptops pushing (one
of them twice at the same moment) and two desk agents recording sessions directly. They all
migrate it at once (the advisory lock lets one do it); nothing is lost or doubled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.reporting import build
from nrgame.core.catalog import Catalog
from nrgame.core.sessions import RUNNING
from nrgame.usecases.open_store import open_store
from tests.pgserver import PgServer
from tests.storage.test_report_attempts import build_varied

ROOT = Path(__file__).resolve().parents[2]
DESK_SESSIONS = 40

DESK = """
import sys
from datetime import datetime, timedelta
from nrgame.core.quiz import Given
from nrgame.usecases.open_store import open_store

store = open_store(sys.argv[1])
at = datetime(2026, 5, 4, 9)
for number in range(int(sys.argv[2])):
    sid = store.start_session(kind="atelier", question_ids=["q1", "q2"], started_at=at)
    for position in range(2):
        store.record_answer(sid, Given(position, f"q{position + 1}", None, 1 / 3, at))
    store.finish_session(sid, at + timedelta(minutes=5))
store.close()
"""


def _ids_and_answers(base: Path | str) -> tuple[set[str], int]:
    store = open_store(base)
    try:
        ids = {
            row[0] for row in store.query("SELECT id FROM sessions WHERE status <> ?", (RUNNING,))
        }
        answers = store.query(
            "SELECT COUNT(*) FROM answers a JOIN sessions s ON s.id = a.session_id "
            "WHERE s.status <> ?",
            (RUNNING,),
        )[0][0]
        return ids, int(answers)
    finally:
        store.close()


def test_six_processes_pushing_and_writing_at_once_lose_and_double_nothing(
    tmp_path: Path, mini_catalog: Catalog, pg_server: PgServer
) -> None:
    laptops = [tmp_path / f"portable-{n}.sqlite3" for n in range(3)]
    build(laptops[0], mini_catalog, sessions=150, per_session=3)
    for seed, path in zip((3, 5), laptops[1:], strict=True):
        store = open_store(path)
        build_varied(store, mini_catalog, seed=seed, sessions=25)
        store.close()
    database = pg_server.new_database()
    shared = pg_server.address(database)
    nrgame = [sys.executable, "-m", "nrgame"]
    commands = [
        [*nrgame, "--db", str(path), "records", "push", shared]
        for path in [laptops[0], laptops[0], laptops[1], laptops[2]]
    ] + [[sys.executable, "-c", DESK, shared, str(DESK_SESSIONS)]] * 2
    processes = [
        subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    outcomes = [(*p.communicate(timeout=300), p.returncode) for p in processes]
    for out, err, code in outcomes:
        assert code == 0, out + err
        assert "conflit." in out or not out  # pushes report, desk agents print nothing
        assert "Traceback" not in err
    expected: set[str] = set()
    answers = 0
    for path in laptops:
        ids, count = _ids_and_answers(path)
        expected |= ids
        answers += count
    there, answers_there = _ids_and_answers(shared)
    assert expected <= there
    assert len(there) == len(expected) + 2 * DESK_SESSIONS
    assert answers_there == answers + 2 * 2 * DESK_SESSIONS
    assert int(pg_server.sql("SELECT version FROM schema_version", database)) > 0
    assert int(pg_server.sql("SELECT COUNT(*) FROM schema_version", database)) == 1

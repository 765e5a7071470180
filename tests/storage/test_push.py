"""`nrgame records push`: a laptop's sessions sent to the suite's own PostgreSQL, whole, once.

The shared database starts empty (no nrgame table): the push creates them, as on an
authority's first day.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from benchmarks.reporting import build
from nrgame.cli import main
from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.sessions import AudienceCount
from nrgame.storage.exchange import export_records
from nrgame.storage.records import correct_audience
from nrgame.usecases.open_store import open_store
from tests.cli.test_report_cli import FIXTURES, build_year
from tests.pgserver import PgServer
from tests.storage.test_report_attempts import build_varied

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 12, 1, 12, 0)


def nrgame(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys: pytest.CaptureFixture[str], base: Path | str) -> str:
    code, out, err = nrgame(
        capsys, "report", "--db", str(base), "--content", str(FIXTURES),
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    return out


@pytest.fixture
def laptop(tmp_path: Path, mini_catalog: Catalog) -> tuple[Path, dict[str, str]]:
    """A facilitator's year on SQLite, plus two years of varied quizzes and rooms."""
    path = tmp_path / "portable.sqlite3"
    store = open_store(path)
    ids = build_year(store, mini_catalog)
    build_varied(store, mini_catalog, seed=11, sessions=40)
    store.close()
    return path, ids


def count(server: PgServer, database: str, table: str = "sessions") -> int:
    return int(server.sql(f"SELECT COUNT(*) FROM {table}", database))


def snapshot(base: Path | str) -> dict[str, Any]:
    store = open_store(base)
    try:
        return export_records(store, AT)
    finally:
        store.close()


def test_a_pushed_laptop_gives_the_same_report_byte_for_byte_and_twice_adds_nothing(
    capsys: pytest.CaptureFixture[str], laptop: tuple[Path, dict[str, str]], pg_server: PgServer
) -> None:
    db, _ = laptop
    database = pg_server.new_database()  # empty: the push creates the tables
    shared = pg_server.address(database)
    sessions = len(snapshot(db)["sessions"])
    code, out, err = nrgame(capsys, "--db", str(db), "records", "push", shared)
    assert code == 0, err
    assert f"{sessions} séances envoyées, 0 déjà présente, 0 en conflit." in out
    assert report(capsys, shared) == report(capsys, db)
    code, out, err = nrgame(capsys, "--db", str(db), "records", "push", shared)
    assert code == 0, err
    assert f"0 séance envoyée, {sessions} déjà présentes, 0 en conflit." in out
    assert count(pg_server, database) == sessions
    assert snapshot(shared)["sessions"] == snapshot(db)["sessions"]


def test_a_session_changed_after_its_push_is_a_conflict_and_overwrites_nothing(
    capsys: pytest.CaptureFixture[str], laptop: tuple[Path, dict[str, str]], pg_server: PgServer
) -> None:
    db, ids = laptop
    shared = pg_server.address(pg_server.new_database())
    assert nrgame(capsys, "--db", str(db), "records", "push", shared)[0] == 0
    on_server = snapshot(shared)
    store = open_store(db)
    correct_audience(store, ids["s1"], [AudienceCount(Audience.AGENTS, 14)], AT, "recompte")
    store.close()
    here = snapshot(db)
    code, out, err = nrgame(capsys, "--db", str(db), "records", "push", shared)
    assert code == 1
    assert "1 en conflit" in out
    assert f"Conflit : la séance {ids['s1']} est déjà sur la base partagée" in err
    assert snapshot(shared) == on_server
    assert snapshot(db) == here


def test_a_push_killed_midway_leaves_whole_sessions_and_the_next_one_sends_the_rest(
    tmp_path: Path, mini_catalog: Catalog, pg_server: PgServer
) -> None:
    db = tmp_path / "gros.sqlite3"
    build(db, mini_catalog, sessions=600, per_session=3)
    database = pg_server.new_database()
    shared = pg_server.address(database)
    command = [sys.executable, "-m", "nrgame", "--db", str(db), "records", "push", shared]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _sessions_there(pg_server, database) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.communicate(timeout=60)
    there = count(pg_server, database)
    assert 20 <= there < 600
    # every session there is whole: its three answers and its audience came with it
    assert count(pg_server, database, "answers") == 3 * there
    assert count(pg_server, database, "audience") == there
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{600 - there} séances envoyées, {there} déjà présentes, 0 en conflit." in done.stdout
    assert count(pg_server, database, "answers") == 3 * 600


def _sessions_there(server: PgServer, database: str) -> int:
    text = server.sql(
        "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = 'sessions'", database
    )
    return count(server, database) if int(text) else 0


def test_opening_a_sqlite_base_does_not_import_the_postgresql_driver(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; import nrgame.cli; "
        "from nrgame.usecases.open_store import open_store; "
        f"open_store(Path({str(tmp_path / 'b.sqlite3')!r})).close(); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('psycopg'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import json; " + code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout) == []

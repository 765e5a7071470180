"""Every fault of a shared base, against the suite's real server: a French message, a
non-zero exit, no traceback, and the laptop's base as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from benchmarks.reporting import build
from nrgame.core.catalog import Catalog
from nrgame.storage.exchange import export_records
from nrgame.storage.migrations import SCHEMA_VERSION
from nrgame.usecases.open_store import open_store
from tests.pgbases import Bases
from tests.pgserver import PASSWORD_ROLE, PgServer, start

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 12, 1, 12, 0)
WRONG = "faux-mot-de-passe"


def snapshot(base: Path) -> dict[str, Any]:
    store = open_store(base)
    try:
        return export_records(store, AT)
    finally:
        store.close()


def push(db: Path, address: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nrgame", "--db", str(db), "records", "push", address],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def laptop(tmp_path: Path, mini_catalog: Catalog) -> Path:
    db = tmp_path / "portable.sqlite3"
    build(db, mini_catalog, sessions=30, per_session=3)
    return db


def _unreachable(server: PgServer, bases: Bases, tmp_path: Path) -> str:
    return f"postgresql:///nrgame?host={tmp_path}"  # a socket folder where no server listens


def _wrong_password(server: PgServer, bases: Bases, tmp_path: Path) -> str:
    return server.address("postgres", user=PASSWORD_ROLE) + f"&password={WRONG}"


def _missing_database(server: PgServer, bases: Bases, tmp_path: Path) -> str:
    return server.address("absente")


def _no_rights(server: PgServer, bases: Bases, tmp_path: Path) -> str:
    address = str(bases.new())
    server.sql("DO $$ BEGIN CREATE ROLE sans_droit LOGIN; EXCEPTION WHEN OTHERS THEN END $$")
    return address.replace(f"user={server.superuser}", "user=sans_droit")


def _newer_schema(server: PgServer, bases: Bases, tmp_path: Path) -> str:
    address = str(bases.new())
    database = address.split("///")[1].split("?")[0]
    server.sql(f"UPDATE schema_version SET version = {SCHEMA_VERSION + 1}", database)
    return address


FAULTS: dict[str, tuple[Callable[[PgServer, Bases, Path], str], str]] = {
    "unreachable": (_unreachable, "est injoignable"),
    "wrong-password": (_wrong_password, "refuse ce mot de passe"),
    "missing-database": (_missing_database, "n'existe pas sur ce serveur"),
    "no-rights": (_no_rights, "droits insuffisants"),
    "newer-schema": (_newer_schema, "version plus récente de nrgame"),
}


@pytest.fixture
def pg_bases(pg_server: PgServer, pg_template: str, tmp_path: Path) -> Iterator[Bases]:
    made = Bases(tmp_path, pg_server, pg_template)
    yield made


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_is_said_in_french_and_leaves_the_laptop_untouched(
    fault: str, laptop: Path, pg_server: PgServer, pg_bases: Bases, tmp_path: Path
) -> None:
    make, said = FAULTS[fault]
    address = make(pg_server, pg_bases, tmp_path)
    before = snapshot(laptop)
    done = push(laptop, address)
    assert done.returncode != 0
    assert said in done.stderr
    assert done.stderr.startswith("nrgame : ")
    assert "Traceback" not in done.stderr and "psycopg" not in done.stderr
    assert WRONG not in done.stdout + done.stderr
    assert snapshot(laptop) == before


def test_a_server_killed_midway_through_a_push(tmp_path: Path, mini_catalog: Catalog) -> None:
    """A cluster of its own, stopped hard while a push runs."""
    db = tmp_path / "gros.sqlite3"
    build(db, mini_catalog, sessions=600, per_session=3)
    before = snapshot(db)
    servers = start()
    server = next(servers)
    try:
        database = server.new_database()
        command = [
            sys.executable, "-m", "nrgame", "--db", str(db), "records", "push",
            server.address(database),
        ]  # fmt: skip
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _has_sessions(server, database, 20):
            time.sleep(0.01)
        _kill_server(server)
        _, err = process.communicate(timeout=120)
    finally:
        servers.close()
    assert process.returncode == 1
    assert "a été coupée" in err or "est injoignable" in err
    assert "Traceback" not in err
    assert snapshot(db) == before


def _has_sessions(server: PgServer, database: str, at_least: int) -> bool:
    try:
        return int(server.sql("SELECT COUNT(*) FROM sessions", database)) >= at_least
    except subprocess.CalledProcessError:
        return False  # the push has not created the tables yet


def _kill_server(server: PgServer) -> None:
    """SIGKILL the postmaster and its backends, as a crash or a pulled plug would."""
    pid_file = server.socket_dir.parent / "data" / "postmaster.pid"
    master = int(pid_file.read_text().split()[0])
    children = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().split()[3]) == master:
                children.append(int(entry.name))
        except (OSError, ValueError):
            continue
    for pid in [master, *children]:
        os.kill(pid, signal.SIGKILL)

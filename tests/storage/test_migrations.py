"""The schema version lives in a `schema_version` table; bases of an older nrgame, which kept
it in SQLite's PRAGMA user_version, are upgraded on opening.

tests/fixtures/bases/schema-11.sqlite3 was written by nrgame as of commit b56debd (the last
one with PRAGMA user_version), with a session of every kind, corrections, a learner, a
certification and a forgotten learner; schema-11.export.json is what that nrgame exported
from it, with `exported_at` 2026-01-01T00:00:00.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from nrgame.storage.exchange import export_records
from nrgame.storage.migrations import MIGRATIONS, SCHEMA_VERSION, statements
from nrgame.storage.postgres import POSTGRES
from nrgame.storage.sqlite import SQLITE, SqliteStore
from nrgame.storage.store import StoreError
from tests.conftest import FIXTURES

OLD = FIXTURES / "bases" / "schema-11.sqlite3"


def test_a_base_of_the_previous_nrgame_opens_with_everything_in_it(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    shutil.copy(OLD, path)
    store = SqliteStore(path)
    assert store.query("SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    assert store.query("PRAGMA user_version") == [(SCHEMA_VERSION,)]  # older nrgames read it
    exported = export_records(store, datetime(2026, 1, 1))
    expected = json.loads((FIXTURES / "bases" / "schema-11.export.json").read_text("utf-8"))
    expected["schema"] = SCHEMA_VERSION  # the same records, in the schema of today
    assert exported == expected
    assert store.integrity_ok()
    store.close()
    # Migrated since: the base as it was is kept aside first.
    aside = [p.name for p in tmp_path.iterdir() if "avant-schema" in p.name]
    assert aside == [f"base.sqlite3.avant-schema-{SCHEMA_VERSION}"]
    again = SqliteStore(path)
    assert again.query("SELECT COUNT(*) FROM schema_version") == [(1,)]
    again.close()


def test_an_older_base_is_copied_aside_then_upgraded_to_the_table(tmp_path: Path) -> None:
    """A base at schema 1 as the previous nrgame wrote it: user_version, no version table."""
    path = tmp_path / "base.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(";\n".join(statements(MIGRATIONS[0], SQLITE)) + "; PRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO sessions (id, kind, question_ids, started_at, status, meta) "
        "VALUES ('s1', 'quiz', '[]', '2025-01-02T10:00:00', 'terminee', '{}')"
    )
    conn.commit()
    conn.close()
    store = SqliteStore(path)
    assert store.query("SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    assert [s.id for s in store.sessions()] == ["s1"]
    store.close()
    backup = sqlite3.connect(tmp_path / f"base.sqlite3.avant-schema-{SCHEMA_VERSION}")
    assert backup.execute("PRAGMA user_version").fetchone() == (1,)
    assert (
        backup.execute("SELECT name FROM sqlite_master WHERE name = 'schema_version'").fetchall()
        == []
    )
    backup.close()


def test_the_version_table_wins_over_user_version(tmp_path: Path) -> None:
    """A base a newer nrgame moved on is refused, whatever user_version says."""
    path = tmp_path / "future.sqlite3"
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="version plus récente") as refused:
        SqliteStore(path)
    assert f"schéma {SCHEMA_VERSION + 1}" in str(refused.value)
    assert path.read_bytes() == before


def test_every_migration_has_its_statements_for_each_dialect() -> None:
    for migration in MIGRATIONS:
        for step in migration:
            if not isinstance(step, str):
                assert sorted(step) == ["postgresql", "sqlite"]
    sqlite_sql = ";".join(";".join(statements(m, SQLITE)) for m in MIGRATIONS)
    assert "{" not in sqlite_sql and "WITHOUT ROWID" in sqlite_sql
    postgresql = POSTGRES
    pg_sql = ";".join(";".join(statements(m, postgresql)) for m in MIGRATIONS)
    for sqlite_only in ("WITHOUT ROWID", "json_extract", " REAL", "INTEGER PRIMARY KEY,"):
        assert sqlite_only not in pg_sql
    assert postgresql.native("SELECT 1 FROM t WHERE a = ? AND b LIKE '5%'") == (
        "SELECT 1 FROM t WHERE a = %s AND b LIKE '5%%'"
    )
    assert SQLITE.native("SELECT ?") == "SELECT ?"

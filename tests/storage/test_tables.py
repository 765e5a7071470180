"""storage/tables.py names every table and column of the schema: export, import and deletion
go over that list only. This test reads SQLite's own description of the schema, on purpose."""

from __future__ import annotations

from pathlib import Path

from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.tables import SESSION_ROWS, TABLES


def test_the_list_names_every_table_and_column_of_the_schema(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "base.sqlite3")
    names = [
        name
        for (name,) in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    schema = {
        name: [row[1] for row in store.query(f'PRAGMA table_info("{name}")')] for name in names
    }
    store.close()
    listed = {table.name: [*table.local, *table.columns] for table in TABLES}
    assert sorted(listed) == names
    for name, columns in schema.items():
        assert sorted(listed[name]) == sorted(columns), name


def test_the_rows_of_a_session_are_the_tables_that_point_to_it() -> None:
    assert all("session_id" in table.columns for table in SESSION_ROWS)
    assert [table.name for table in SESSION_ROWS] == sorted(table.name for table in SESSION_ROWS)
    others = {table.name for table in TABLES} - {table.name for table in SESSION_ROWS}
    # the summary `attempts` is derived, never exported: the only other one with a session_id
    assert [t.name for t in TABLES if t.name in others and "session_id" in t.columns] == [
        "attempts"
    ]

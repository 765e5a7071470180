"""Fresh bases of either backend for the tests that must hold on both.

A test asking for `bases` runs twice, on SQLite and on the suite's own PostgreSQL
(tests/pgserver.py: one cluster per xdist worker). A PostgreSQL base is a copy of a template
migrated once per cluster (`CREATE DATABASE … TEMPLATE`), so a fresh base costs a few
milliseconds, not a migration.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from nrgame.usecases.open_store import Store, open_store
from tests.pgserver import PgServer, start

TEMPLATE = "nrgame_template"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    yield from start()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    pg_server.sql(f"CREATE DATABASE {TEMPLATE}")
    open_store(pg_server.address(TEMPLATE)).close()
    return TEMPLATE


@dataclass
class Bases:
    """New bases of one backend, and the stores opened on them (closed after the test)."""

    folder: Path
    server: PgServer | None
    template: str | None
    opened: list[Store] = field(default_factory=list)

    def new(self) -> Path | str:
        """The place of a new base: a file not yet created, or an already migrated database."""
        if self.server is None:
            return self.folder / f"b-{uuid.uuid4().hex[:8]}.sqlite3"
        name = "t_" + uuid.uuid4().hex[:12]
        self.server.sql(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        return self.server.address(name)

    def on_disk(self, base: Path | str) -> bytes:
        """Every byte kept for this base: SQLite's file, log and shared index, or the files
        of the PostgreSQL database once the server has written its pages out."""
        if isinstance(base, Path):
            return b"".join(p.read_bytes() for p in sorted(base.parent.glob(base.name + "*")))
        assert self.server is not None
        name = base.split("///")[1].split("?")[0]
        self.server.sql("CHECKPOINT")
        oid = self.server.sql(f"SELECT oid FROM pg_database WHERE datname = '{name}'").strip()
        folder = self.server.socket_dir.parent / "data" / "base" / oid
        return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())

    def open(self, base: Path | str) -> Store:
        store = open_store(base)
        self.opened.append(store)
        return store


@pytest.fixture(params=["sqlite", "postgresql"])
def bases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Bases]:
    if request.param == "sqlite":
        made = Bases(tmp_path, None, None)
    else:
        made = Bases(
            tmp_path,
            request.getfixturevalue("pg_server"),
            request.getfixturevalue("pg_template"),
        )
    yield made
    for store in made.opened:
        store.close()

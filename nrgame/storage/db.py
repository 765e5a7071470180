"""What the storage modules ask of a database connection, and how one dialect differs.

Feature modules (records, reports, training…) write their queries once, in SQL that SQLite and
PostgreSQL both run, with `?` placeholders, against the small `Connection` protocol below:
the part of DB-API 2.0 (PEP 249) they use. A store whose driver takes another placeholder
style (psycopg: `%s`) translates with `Dialect.native`. What cannot be written once (key-only
tables, 8-byte floats, the version of a base written by an older nrgame…) is a field of
`Dialect`, so that the difference is named in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Cursor(Protocol):
    """The result of one statement."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """An open connection, inside a transaction the store opened."""

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Cursor: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


@dataclass(frozen=True)
class Dialect:
    """The few statements and clauses that differ between databases."""

    name: str
    """Also the key of a migration step written once per dialect (storage/migrations.py)."""
    paramstyle: str
    """PEP 249's name of the driver's placeholders: "qmark" (?) or "format" (%s)."""
    real: str
    """The column type of an 8-byte float (PostgreSQL's REAL has 4 bytes)."""
    key_only: str
    """Appended to CREATE TABLE for a table that is all primary key (SQLite stores it in its
    key index only, and reads it in key order)."""
    row_number: str
    """A column the base numbers by itself, as the table's primary key."""
    begin_exclusive: tuple[str, ...]
    """Start a transaction that no other writer can interleave with: migrations."""
    table_exists: str
    """A query with one placeholder, the table name, returning a row if that table exists."""
    legacy_version: str | None
    """Reads the schema version of a base written before the `schema_version` table."""
    version_mirror: str | None
    """Writes the schema version where an older nrgame reads it, so that it refuses a base
    this one moved on (`{}` is the version)."""
    defer_foreign_keys: str | None
    """Checks foreign keys only at commit, for an import that writes rows in any order."""
    integrity_error: type[Exception]
    """The driver's error for a row that breaks a key or a constraint."""
    ordered_sums: bool
    """Whether a SUM is told the order of its terms. SQLite adds them in the order of the
    index its query reads (the queries choose it); PostgreSQL must be told that order, so
    that a float total is the same to the bit on both."""

    def sum(self, term: str, order: str) -> str:
        """SUM(term), its terms added in `order` (the columns of the index SQLite reads)."""
        return f"SUM({term} ORDER BY {order})" if self.ordered_sums else f"SUM({term})"

    def native(self, sql: str) -> str:
        """`sql` with `?` placeholders in the driver's own style (a `%` in a literal is
        doubled for a "format" driver). Shared queries hold no `?` in a literal."""
        if self.paramstyle == "qmark":
            return sql
        return sql.replace("%", "%%").replace("?", "%s")

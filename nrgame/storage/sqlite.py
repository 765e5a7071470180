"""The result store: every session and answer, committed as it happens, in one SQLite file.

One transaction per answer, WAL journal and synchronous=FULL: an answer confirmed on screen
survives a killed process or a dead battery. Several processes may write at once (busy
timeout). The file is copied aside before any migration (storage/migrations.py). Only this
module knows it is SQLite: the queries of the feature modules run on any `Dialect`.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from nrgame.core.files import os_reason
from nrgame.core.sessions import ABANDONED as ABANDONED
from nrgame.core.sessions import FINISHED as FINISHED
from nrgame.core.sessions import RUNNING as RUNNING
from nrgame.storage.db import Connection, Dialect
from nrgame.storage.migrations import SCHEMA_VERSION, current_version, upgrade
from nrgame.storage.sql_store import SqlStore
from nrgame.storage.store import BaseReplacedError, StoreError

SQLITE = Dialect(
    name="sqlite",
    paramstyle="qmark",
    real="REAL",
    key_only=" WITHOUT ROWID",
    row_number="INTEGER PRIMARY KEY",
    begin_exclusive=("BEGIN IMMEDIATE",),
    table_exists="SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    legacy_version="PRAGMA user_version",
    version_mirror="PRAGMA user_version = {}",
    defer_foreign_keys="PRAGMA defer_foreign_keys = ON",
    integrity_error=sqlite3.IntegrityError,
    ordered_sums=False,
)

BUSY_TIMEOUT = 10.0
"""Seconds a write waits for another process's write before giving up."""


class SqliteStore(SqlStore):
    """Sessions and answers in SQLite. `":memory:"` gives a throwaway store for tests."""

    dialect = SQLITE

    def __init__(self, path: Path | str) -> None:
        self.path = path
        if isinstance(path, Path):
            _refuse_odd_file(path)
        self._conn = _connect(path)
        self._migrate()
        # The header is read through a descriptor kept open as long as the connection: closing
        # any descriptor of the file would release SQLite's POSIX locks for the whole process,
        # and another program's write could then be lost (sqlite.org/howtocorrupt.html, 2.2).
        self._fd = os.open(path, os.O_RDONLY) if isinstance(path, Path) else None
        self._identity = self._file_identity()

    def _file_identity(self) -> tuple[int, int, bytes] | None:
        """The base file's device and inode, and its stable header bytes (magic and page
        size) as read in the file this store opened."""
        if self._fd is None:
            return None
        try:
            info = os.stat(self.path)
            header = os.pread(self._fd, 18, 0)
        except OSError:
            return (0, 0, b"")
        return (info.st_dev, info.st_ino, header)

    def check_base(self) -> None:
        """Raise BaseReplacedError if the base file is no longer the one this store opened:
        replaced (a sync tool, a restore), truncated or overwritten. Its writes would go to a
        file no longer on disk, or be lost with it."""
        if self._identity is None or self._file_identity() == self._identity:
            return
        raise BaseReplacedError(
            f"La base {self.path} a été remplacée, tronquée ou endommagée pendant la séance "
            "(outil de synchronisation, restauration ?) : ce qui suit n'y serait pas "
            "enregistré. Les réponses de la séance sont gardées en mémoire : enregistrez-les "
            "dans une nouvelle base."
        )

    def close(self) -> None:
        self._conn.close()
        if self._fd is not None:  # only now: SQLite holds no lock any more
            os.close(self._fd)
            self._fd = None

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic write; storage faults come out as a French StoreError.

        Feature modules (board games, training, reports…) keep their own queries in their own
        module and write through this.
        """
        self.check_base()
        try:
            with self._conn:
                yield self._conn
        except sqlite3.DatabaseError as exc:
            self.check_base()  # a base overwritten in place: say that, not « endommagée »
            raise StoreError(_explain(exc, self.path)) from exc
        self.check_base()  # replaced while writing: what was written is not on disk

    def _migrate(self) -> None:
        try:
            version = current_version(self._conn, SQLITE)
            if version <= SCHEMA_VERSION and self.path != ":memory:":
                # Only now, once the file is known to be ours: switching to WAL writes to it.
                self._use_wal()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(_explain(exc, self.path, opening=True)) from exc
        if version > SCHEMA_VERSION:
            self._conn.close()
            raise StoreError(
                f"La base {self.path} a été créée par une version plus récente de nrgame "
                f"(schéma {version}, celle-ci connaît le schéma {SCHEMA_VERSION}). "
                "Mettez nrgame à jour ; la base n'a pas été modifiée."
            )
        if 0 < version < SCHEMA_VERSION and isinstance(self.path, Path) and self._holds_sessions():
            self._back_up(version)
        try:
            upgrade(self._conn, SQLITE)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(_explain(exc, self.path)) from exc

    def _use_wal(self) -> None:
        """Switch to write-ahead logging. The switch needs the base to itself and SQLite does
        not wait for that (no busy timeout), so when several processes open a new base at
        once, the switch is retried for as long as a write would wait."""
        if self._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            return
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _holds_sessions(self) -> bool:
        """Anything to protect? A base created a moment ago by another process holds nothing."""
        try:
            return bool(self._conn.execute("SELECT EXISTS (SELECT 1 FROM sessions)").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(_explain(exc, self.path, opening=True)) from exc

    def _back_up(self, version: int) -> Path:
        """Copy the whole base aside before its schema changes; refuse to migrate otherwise.

        SQLite's online backup takes a consistent copy, write-ahead log included, even while
        another process writes; the copy gets its final name only once complete.
        """
        assert isinstance(self.path, Path)
        backup = self.path.with_name(f"{self.path.name}.avant-schema-{SCHEMA_VERSION}")
        number = 1
        while backup.exists():  # never overwrite an earlier backup
            number += 1
            backup = self.path.with_name(f"{self.path.name}.avant-schema-{SCHEMA_VERSION}.{number}")
        partial = backup.with_name(f"{backup.name}.{uuid.uuid4().hex[:8]}.partiel")
        try:
            target = sqlite3.connect(partial)
            try:
                self._conn.backup(target)
            finally:
                target.close()
            partial.replace(backup)
        except (OSError, sqlite3.Error) as exc:
            with suppress(OSError):
                partial.unlink(missing_ok=True)
            self._conn.close()
            reason = os_reason(exc) if isinstance(exc, OSError) else "écriture impossible"
            raise StoreError(
                f"La base {self.path} doit être mise à jour (schéma {version} vers "
                f"{SCHEMA_VERSION}), mais sa copie de sécurité n'a pas pu être écrite dans "
                f"{backup.parent} ({reason}). La base n'a pas été modifiée."
            ) from exc
        return backup

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(_explain(exc, self.path)) from exc

    def integrity_ok(self) -> bool:
        return bool(self.query("PRAGMA integrity_check")[0][0] == "ok")

    def scrub(self) -> bool:
        """Copy the log into the base and empty it, so old page images do not remain in it;
        False if another program reading the base kept them there."""
        if self.path == ":memory:":
            return True
        busy, _, _ = self.query("PRAGMA wal_checkpoint(TRUNCATE)")[0]
        return not busy


def _refuse_odd_file(path: Path) -> None:
    """A folder or a named pipe given as the base: said as it is (SQLite would call them a
    read-only file or a full disk, and opening a pipe could block)."""
    try:
        info = os.stat(path)
    except OSError:
        return  # a new base, or a path SQLite explains
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(
            f"{path} est un dossier, pas une base : indiquez un fichier avec --db ou "
            f"NRGAME_DB (par exemple {path / 'nrgame.sqlite3'})."
        )
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path} n'est pas un fichier ordinaire (tube, périphérique…) : indiquez un "
            "fichier de base avec --db ou NRGAME_DB."
        )


def _connect(path: Path | str) -> sqlite3.Connection:
    if isinstance(path, Path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = os_reason(exc)
            raise StoreError(f"Impossible de créer le dossier {path.parent} ({reason}).") from exc
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        conn.isolation_level = "DEFERRED"
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        # What is deleted (a session, a forgotten learner, purged detail) is overwritten with
        # zeros, not left readable in a free page of the file.
        conn.execute("PRAGMA secure_delete = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(_explain(exc, path, opening=True)) from exc
    return conn


def _explain(exc: sqlite3.Error, path: Path | str, opening: bool = False) -> str:
    """SQLite's error in French, with what to do. Nothing already committed is ever lost."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return (
            f"La base {path} ne peut pas être écrite (fichier ou dossier en lecture seule). "
            "Choisissez un autre emplacement avec --db ou NRGAME_DB."
        )
    if "full" in text or "disk i/o" in text:
        return (
            f"Le disque est plein ou inaccessible : impossible d'écrire dans {path}. Ce qui "
            "était déjà enregistré est intact ; libérez de la place, puis recommencez."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        if opening:
            return (
                f"Le fichier {path} n'est pas une base nrgame lisible (endommagé ?). "
                "Il n'a pas été modifié ; indiquez une autre base avec --db."
            )
        return (
            f"La base {path} est endommagée. Gardez-en une copie (elle peut souvent être "
            "réparée avec « sqlite3 FICHIER .recover ») et indiquez une autre base avec --db."
        )
    if "locked" in text or "busy" in text:
        return f"La base {path} est occupée par un autre programme ; réessayez."
    return f"Erreur de la base {path} : {exc}"

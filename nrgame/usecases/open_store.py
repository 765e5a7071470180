"""Open the store: the one place that knows which database a base names.

Faces open their base here and type against what this module hands back (Store, its records
and errors), never against a storage module. A file is a SQLite base; an address
(`postgresql://…`, settings.base_target) is the authority's shared PostgreSQL, whose module
and driver are imported only then, so that a laptop's start-up does not pay for them.
"""

from __future__ import annotations

from pathlib import Path

from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.store import AnswerRecord as AnswerRecord
from nrgame.storage.store import BaseReplacedError as BaseReplacedError
from nrgame.storage.store import SessionRecord as SessionRecord
from nrgame.storage.store import Store as Store
from nrgame.storage.store import StoreError as StoreError


class MissingBaseError(StoreError):
    """A base that was to be read does not exist: a mistyped path, not an empty base."""


def open_store(base: Path | str) -> Store:
    """The base at `base`, created (a file with its folder, or the tables of a shared
    base) if it does not exist yet."""
    if isinstance(base, str):
        from nrgame.storage.postgres import PostgresStore

        return PostgresStore(base)
    return SqliteStore(base)


def open_existing_store(base: Path | str) -> Store:
    """The base of a use that only reads it (or changes what it holds). Raises
    MissingBaseError rather than create an empty base that would report zeros."""
    if isinstance(base, str):
        from nrgame.storage.postgres import PostgresStore

        return PostgresStore(base, create=False)
    if not base.exists():
        raise MissingBaseError(f"la base {base} n'existe pas")
    return SqliteStore(base)

"""Open the store: the one place that knows which database a path names.

Faces open their base here and type against what this module hands back (Store, its records
and errors), never against a storage module. A shared PostgreSQL will be chosen here, from
an address instead of a file path.
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


def open_store(path: Path) -> Store:
    """The base at `path`, created (with its folder) if it does not exist yet."""
    return SqliteStore(path)


def open_existing_store(path: Path) -> Store:
    """The base of a use that only reads it (or changes what it holds). Raises
    MissingBaseError rather than create an empty base that would report zeros."""
    if not path.exists():
        raise MissingBaseError(f"la base {path} n'existe pas")
    return SqliteStore(path)

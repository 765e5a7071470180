"""Where things are: bundled content, the default database. Nothing is created on import."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries the folders inside the package; a source checkout has them beside it.
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def bundled_content() -> Path:
    return _bundled("content")


def bundled_scenarios() -> Path:
    return _bundled("scenarios")


def default_db_path() -> Path:
    """NRGAME_DB if set, else nrgame.sqlite3 in the user's data folder."""
    env = os.environ.get("NRGAME_DB")
    if env:
        return Path(env)
    return platformdirs.user_data_path("nrgame", appauthor=False) / "nrgame.sqlite3"


def cache_dir() -> Path:
    """NRGAME_CACHE if set, else the user's cache folder: what can be rebuilt at any time."""
    env = os.environ.get("NRGAME_CACHE")
    if env:
        return Path(env)
    return platformdirs.user_cache_path("nrgame", appauthor=False)


def documents_dir() -> Path:
    """The folder first offered for documents the user asks for (attestations…)."""
    return platformdirs.user_documents_path()


def downloads_dir() -> Path:
    """The user's real downloads folder, created if missing.

    platformdirs reads XDG user-dirs.dirs, so a French desktop gets « Téléchargements »;
    creating it means the folder offered by default can always be written to.
    """
    path = platformdirs.user_downloads_path()
    path.mkdir(parents=True, exist_ok=True)
    return path

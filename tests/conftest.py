from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.storage.sqlite import SqliteStore

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def mini_catalog() -> Catalog:
    catalog = load_catalog([FIXTURES / "content"])
    assert catalog.ok, catalog.errors
    return catalog


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore(tmp_path / "test.sqlite3")
    yield store
    store.close()


class FixedClock:
    """A clock that moves one second per reading, from a fixed date."""

    def __init__(self, start: datetime = datetime(2026, 3, 2, 9, 0)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture(autouse=True)
def own_cache_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test (and each process it starts) caches validated content in a folder of its
    own, never in the user's."""
    monkeypatch.setenv("NRGAME_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def own_downloads_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test (and each process it starts) downloads into a folder of its own: platformdirs
    reads the downloads folder from $XDG_CONFIG_HOME/user-dirs.dirs, so tests never create
    « ~/Downloads » or « ~/Téléchargements » in the real home."""
    config = tmp_path_factory.mktemp("config")
    downloads = tmp_path_factory.mktemp("home") / "Téléchargements"
    user_dirs = config / "user-dirs.dirs"
    user_dirs.write_text(f'XDG_DOWNLOAD_DIR="{downloads}"\n', encoding="utf-8")
    user_dirs.chmod(0o600)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return downloads


pytest_plugins = ["tests.pgbases"]

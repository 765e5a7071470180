from __future__ import annotations

import pytest

from nrgame.usecases.open_store import Store
from tests.pgbases import Bases


@pytest.fixture
def store(bases: Bases) -> Store:
    """A fresh store, once on SQLite and once on PostgreSQL (tests/pgbases.py)."""
    return bases.open(bases.new())

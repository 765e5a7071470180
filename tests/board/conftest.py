from __future__ import annotations

from pathlib import Path

import pytest

from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.scenario import Scenario

FIXTURES = Path(__file__).parent.parent / "fixtures"
ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="session")
def board_catalog() -> Catalog:
    catalog = load_catalog([FIXTURES / "content", FIXTURES / "scenarios"])
    assert catalog.ok, catalog.errors
    return catalog


@pytest.fixture(scope="session")
def mini(board_catalog: Catalog) -> Scenario:
    return board_catalog.scenarios["mini-plateau"]


@pytest.fixture(scope="session")
def duel(board_catalog: Catalog) -> Scenario:
    return board_catalog.scenarios["mini-duel"]


@pytest.fixture(scope="session")
def bundled() -> Catalog:
    catalog = load_catalog([ROOT / "content", ROOT / "scenarios"])
    assert catalog.ok, catalog.errors
    return catalog

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import aiohttp
import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.room_setup import RoomConfig, make_teams
from nrgame.core.sessions import AudienceCount, SessionKind, SessionSetup
from nrgame.storage.sqlite import SqliteStore
from nrgame.usecases.run_room import RecordedRoom
from tests.conftest import FixedClock

SETUP = SessionSetup(
    SessionKind.CONFERENCE,
    date(2026, 3, 2),
    "Salle des fêtes",
    "Camille",
    [AudienceCount(Audience.CITOYENS, 300, estimated=True)],
    [],
)
TEAMS = RoomConfig(teams=make_teams(["Castors", "Hérons", "Loutres"]))


@pytest.fixture
def recorded(mini_catalog: Catalog, store: SqliteStore) -> Iterator[RecordedRoom]:
    yield RecordedRoom.start(store, mini_catalog, "mini", FixedClock(), SETUP, TEAMS)


@pytest.fixture
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    # No connection limit: every phone keeps its socket open.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        yield session

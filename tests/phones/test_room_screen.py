"""« Réponses sur téléphone » driven from the room screen inside the running app: M and the
address, 300 phones join (a third drop, some tap three times, some reload), the facilitator
reveals and the phones follow, M again falls back to show of hands with nothing lost."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import aiohttp
import pytest
from textual.pilot import Pilot

from nrgame.core.catalog import Catalog
from nrgame.storage.sqlite import SqliteStore
from nrgame.tui.app import NrgameApp
from nrgame.tui.screens.room import RoomScreen
from nrgame.tui.screens.room_phones import MISSING
from nrgame.tui.widgets.phones import JoinPanel
from tests.conftest import FixedClock
from tests.phones.simulated import SimulatedPhone
from tests.phones.test_crowd import MAJORITY, PHONES, chosen, play
from tests.tui.test_room_play import SIZE, _quick_form


async def _until(pilot: Pilot[None], condition: object, what: str) -> None:
    for _ in range(200):
        if callable(condition) and condition():
            return
        await pilot.pause(0.05)
    pytest.fail(f"toujours pas : {what}")


async def test_300_phones_through_the_room_screen(
    mini_catalog: Catalog,
    tmp_path: Path,
    client: aiohttp.ClientSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await _quick_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        await pilot.press("escape")  # close the typing line: keys drive the screen
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("end", "enter")  # the loopback, last of the addresses
        await _until(pilot, lambda: screen.phones.on, "le serveur écoute")
        await pilot.pause()
        panel = screen.query_one(JoinPanel)
        assert "En attente d'un premier téléphone" in str(
            panel.query_one("#phones-status").render()
        )
        server = screen.phones.server
        assert server is not None and server.host == "127.0.0.1"

        phones = [SimulatedPhone(client, server.address) for _ in range(PHONES)]
        await asyncio.wait_for(
            asyncio.gather(*(play(i, p, server) for i, p in enumerate(phones))), 120
        )
        await pilot.pause()
        status = str(panel.query_one("#phones-status").render())
        assert "300 téléphones connectés · 300 réponses à cette question" in status
        assert {e.team: e.response for e in screen.room.entries_at(0)} == MAJORITY
        assert "Toutes les réponses sont là" in str(screen.query_one("#room-banner").render())

        await pilot.press("a")  # the phones joined become the counted audience
        await pilot.pause()
        assert store.setup(screen.played.session_id).people == PHONES  # type: ignore[union-attr]

        await pilot.press("k")
        assert (tmp_path / f"carte-salle-{server.code}.png").exists()

        await pilot.press("enter")  # reveal: every phone is told
        revealed = await asyncio.wait_for(asyncio.gather(*(p.receive() for p in phones)), 60)
        assert {s["phase"] for s in revealed} == {"revelee"}
        assert [s["answer"] for s in revealed] == [chosen(i) for i in range(PHONES)]

        await pilot.press("m")  # back to show of hands: nothing lost, nobody listening
        await _until(pilot, lambda: not screen.phones.on, "le serveur s'arrête")
        with pytest.raises(aiohttp.ClientConnectionError):
            await client.get(server.address)
        assert not screen.query(JoinPanel)
        await asyncio.gather(*(p.close() for p in phones))
    rows = store.query("SELECT COUNT(DISTINCT token) FROM phone_answers")
    assert rows == [(PHONES,)]
    assert [a.score for a in store.answers(store.sessions()[0].id)] == [1.0, 0.0, 0.0]
    store.close()


async def test_without_the_phones_extra_the_room_plays_on(
    mini_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    app = NrgameApp(mini_catalog, store, clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await _quick_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        await pilot.press("escape")
        monkeypatch.setitem(sys.modules, "aiohttp", None)  # as if never installed
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, RoomScreen) and not screen.phones.on  # no picker
        assert [n.message for n in app._notifications] == [MISSING]
        await pilot.press("e", *"c", "enter")  # keys still record
        await pilot.pause()
        assert [e.response for e in screen.room.entries_at(0)] == [2]
    store.close()

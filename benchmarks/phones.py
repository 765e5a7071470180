"""Phones: the time from a phone's answer to its acknowledgement with every phone answering at
once, and the server's memory per joined phone.

The phones are simulated on loopback (aiohttp websockets) against the real server and a real
recorded room session (SQLite in the scratch folder, synchronous=FULL): each answer is on disk
before its acknowledgement leaves. The reference, measured in the same run on the same sockets,
is a ping and its pong with every phone at once: what the network and the event loop cost
without recording. The phones run in a process of their own; memory is what tracemalloc sees
the server's process allocate while they join, divided by their number.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import tracemalloc
from datetime import date, datetime
from pathlib import Path
from typing import Any

import aiohttp

from benchmarks.common import Figure, percentile
from nrgame.core.catalog import load_catalog
from nrgame.core.content import Audience
from nrgame.core.room_setup import RoomConfig, make_teams
from nrgame.core.sessions import AudienceCount, SessionKind, SessionSetup
from nrgame.phones.server import PhoneServer
from nrgame.storage.sqlite import SqliteStore
from nrgame.usecases.phone_answers import PhoneRoom
from nrgame.usecases.run_room import RecordedRoom

CONTENT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "content"
TEAMS = ("Castors", "Hérons", "Loutres")


async def _exchange(socket: aiohttp.ClientWebSocketResponse, data: dict[str, Any]) -> float:
    start = time.perf_counter()
    await socket.send_str(json.dumps(data))
    await asyncio.wait_for(socket.receive(), 60)
    return time.perf_counter() - start


async def phones_process(address: str, phones: int) -> None:
    """The phones, in a process of their own so that they do not share the server's loop:
    join and pick a team, say so, wait for the go, then ping all at once and answer all at
    once; print the times as JSON."""
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as client:
        sockets = await asyncio.gather(*(client.ws_connect(f"{address}/ws") for _ in range(phones)))
        for i, socket in enumerate(sockets):
            await _exchange(socket, {"type": "hello", "token": None})
            await _exchange(socket, {"type": "team", "team": TEAMS[i % 3]})
        print("joined", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        pings = await asyncio.gather(*(_exchange(s, {"type": "ping"}) for s in sockets))
        answers = await asyncio.gather(
            *(
                _exchange(s, {"type": "answer", "position": 0, "response": i % 4})
                for i, s in enumerate(sockets)
            )
        )
        print(json.dumps({"pings": pings, "answers": answers}), flush=True)
        await asyncio.gather(*(s.close() for s in sockets))


async def _measure(scratch: Path, phones: int) -> tuple[list[float], list[float], float]:
    catalog = load_catalog([CONTENT])
    store = SqliteStore(scratch / "phones.sqlite3")
    setup = SessionSetup(
        SessionKind.CONFERENCE, date(2026, 3, 2), audience=[AudienceCount(Audience.CITOYENS, 1)]
    )
    config = RoomConfig(teams=make_teams(TEAMS))
    recorded = RecordedRoom.start(store, catalog, "mini", datetime.now, setup, config)
    server = PhoneServer(PhoneRoom(recorded, limit=phones), "127.0.0.1")
    address = await server.start()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "benchmarks.phones",
        address,
        str(phones),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        joined = await asyncio.wait_for(child.stdout.readline(), 300)
        assert joined == b"joined\n", joined
        per_phone = (tracemalloc.get_traced_memory()[0] - before) / phones
        tracemalloc.stop()
        child.stdin.write(b"go\n")
        await child.stdin.drain()
        times = json.loads(await asyncio.wait_for(child.stdout.readline(), 300))
        await asyncio.wait_for(child.wait(), 60)
        assert store.query("SELECT COUNT(*) FROM phone_answers") == [(phones,)]
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        await server.stop()
        store.close()
    return times["answers"], times["pings"], per_phone


def run(scratch: Path, phones: int) -> list[Figure]:
    answers, pings, per_phone = asyncio.run(_measure(scratch, phones))
    p50, p99 = percentile(answers, 0.5) * 1000, percentile(answers, 0.99) * 1000
    ratio = p99 / (percentile(pings, 0.99) * 1000)
    return [
        Figure(
            "phones_ack_p50_ms", f"Accusé de réception, {phones} téléphones, médiane", p50, "ms"
        ),
        Figure(
            "phones_ack_p99_ms",
            f"Accusé de réception, {phones} téléphones, 99ᵉ centile",
            p99,
            "ms",
            "≤ 100 ms",
            p99 <= 100,
        ),
        Figure("phones_ack_p99_ratio", "Accusé de réception, 99ᵉ centile, rapport", ratio, "×"),
        Figure("phones_memory_kb", "Mémoire du serveur par téléphone", per_phone / 1024, "ko"),
    ]


if __name__ == "__main__":
    asyncio.run(phones_process(sys.argv[1], int(sys.argv[2])))

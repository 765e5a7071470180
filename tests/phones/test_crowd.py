"""300 phones on loopback against the real server and a recorded room session: a third lose
their connection and come back, some tap three times, some reload; nobody is lost and every
answer counts once."""

from __future__ import annotations

import asyncio
from collections import Counter

import aiohttp

from nrgame.core.room_setup import Phase
from nrgame.phones.server import PhoneServer
from nrgame.usecases.phone_answers import PhoneRoom
from nrgame.usecases.run_room import RecordedRoom
from tests.phones.simulated import SimulatedPhone

PHONES = 300
TEAMS = ["Castors", "Hérons", "Loutres"]
MAJORITY = {"Castors": 2, "Hérons": 0, "Loutres": 1}


def chosen(i: int) -> int:
    """What phone i answers to the choice question: its team's majority, or the last option."""
    return MAJORITY[TEAMS[i % 3]] if i % 5 < 3 else 3


async def play(i: int, phone: SimulatedPhone, server: PhoneServer) -> None:
    state = await phone.connect()
    assert state["phase"] == "question" and state["answer"] is None
    await phone.send({"type": "team", "team": TEAMS[i % 3]})
    assert (await phone.receive())["team"] == TEAMS[i % 3]
    if i % 3 == 0:
        # Answer and lose the socket at once: the server cuts it, recorded or not yet.
        await phone.send({"type": "answer", "position": 0, "response": chosen(i)})
        for connection in server.connections:
            if connection.token == phone.token:
                connection.request.transport.abort()  # type: ignore[union-attr]
        await phone.dropped()
        state = await phone.connect()
        assert state["team"] == TEAMS[i % 3]
        if state["answer"] is None:  # as the page does: resend what was never recorded
            state = await phone.answer(0, chosen(i))
    elif i % 3 == 1 and i % 2:
        replies = []
        for tap in range(3):
            await phone.send({"type": "answer", "position": 0, "response": (chosen(i) + tap) % 4})
        replies = [await phone.receive() for _ in range(3)]
        assert [r["answer"] for r in replies] == [chosen(i)] * 3
        state = replies[-1]
    else:
        state = await phone.answer(0, chosen(i))
        assert state["ack"] == 0
        if i % 3 == 2:
            await phone.close()  # a reload
            state = await phone.connect()
    assert state["answer"] == chosen(i), state


async def test_300_phones_drop_tap_reload_and_count_once(
    recorded: RecordedRoom, client: aiohttp.ClientSession
) -> None:
    room = PhoneRoom(recorded)
    server = PhoneServer(room, "127.0.0.1")
    address = await server.start()
    phones = [SimulatedPhone(client, address) for _ in range(PHONES)]
    try:
        await asyncio.wait_for(
            asyncio.gather(*(play(i, p, server) for i, p in enumerate(phones))), 120
        )
        assert room.joined == PHONES
        assert room.answered(0) == PHONES
        rows = recorded.store.query(
            "SELECT token, response FROM phone_answers WHERE session_id = ? AND position = 0",
            (recorded.session_id,),
        )
        assert len(rows) == PHONES
        assert {token for token, _ in rows} == {p.token for p in phones}
        assert Counter(int(r) for _, r in rows) == Counter(chosen(i) for i in range(PHONES))
        # The facilitator's counts: each team's answer is its members' majority.
        answers = {a.team: a.response for a in recorded.store.answers(recorded.session_id)}
        assert answers == MAJORITY
        recorded.reveal()
        await server.refresh()
        revealed = await asyncio.wait_for(asyncio.gather(*(p.receive() for p in phones)), 60)
        assert {s["phase"] for s in revealed} == {Phase.REVEALED.value}
        assert [s["answer"] for s in revealed] == [chosen(i) for i in range(PHONES)]
        assert [s["score"] for s in revealed] == [float(chosen(i) == 2) for i in range(PHONES)]
        assert [s.score for s in recorded.room.counted()] == [1.0, 0.0, 0.0]
    finally:
        await asyncio.gather(*(p.close() for p in phones))
        await server.stop()

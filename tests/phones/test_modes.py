"""Phones in every answer mode, after a crash, and when they send what they should not."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from nrgame.core.catalog import Catalog
from nrgame.core.phones import MAX_MESSAGE, PhoneError
from nrgame.core.room_scoring import Votes
from nrgame.core.room_setup import ROOM, AnswerMode, RoomConfig
from nrgame.phones.addresses import LOOPBACK
from nrgame.phones.server import PhoneServer
from nrgame.storage.sqlite import SqliteStore
from nrgame.usecases.phone_answers import PhoneRoom
from nrgame.usecases.run_room import RecordedRoom, unfinished_rooms
from tests.conftest import FixedClock
from tests.phones.conftest import SETUP, TEAMS
from tests.phones.simulated import SimulatedPhone


def _room(catalog: Catalog, store: SqliteStore, mode: AnswerMode) -> PhoneRoom:
    config = RoomConfig(mode=mode)
    return PhoneRoom(RecordedRoom.start(store, catalog, "mini", FixedClock(), SETUP, config))


def test_in_vote_mode_each_phone_is_a_hand(mini_catalog: Catalog, store: SqliteStore) -> None:
    room = _room(mini_catalog, store, AnswerMode.VOTE)
    tokens = [room.join(None).token for _ in range(5)]
    for token, option in zip(tokens, [2, 2, 0, 3, 2], strict=True):
        room.answer(token, 0, option)
    (entry,) = room.recorded.room.entries_at(0)
    assert entry.team == ROOM and entry.response == Votes((1, 0, 3, 1))
    assert store.answers(room.recorded.session_id)[0].response == {"votes": [1, 0, 3, 1]}


def test_one_answer_for_the_room_takes_the_median_estimate(
    mini_catalog: Catalog, store: SqliteStore
) -> None:
    room = _room(mini_catalog, store, AnswerMode.ROOM)
    played = room.recorded
    for _ in range(3):
        played.reveal()
        played.room.advance()
    assert played.room.current.kind == "estimate"
    tokens = [room.join(None).token for _ in range(4)]
    for token, guess in zip(tokens, ["8", 9.5, 12, 400], strict=True):
        room.answer(token, 3, guess)
    (entry,) = played.room.entries_at(3)
    assert entry.response == 10.75 and entry.score == 1.0


def test_late_answers_and_teamless_phones_are_refused(recorded: RecordedRoom) -> None:
    room = PhoneRoom(recorded)
    token = room.join(None).token
    with pytest.raises(PhoneError, match="équipe"):
        room.answer(token, 0, 2)
    room.choose_team(token, "Loutres")
    with pytest.raises(PhoneError, match="n'attend plus"):
        room.answer(token, 1, [0])
    kept = room.answer(token, 0, 2)
    recorded.reveal()
    assert room.answer(token, 0, 1) == kept  # a late duplicate: told what was kept
    other = room.join(None).token
    room.choose_team(other, "Castors")
    with pytest.raises(PhoneError, match="n'attend plus"):
        room.answer(other, 0, 2)
    with pytest.raises(PhoneError, match="ne fait pas partie"):
        room.choose_team(other, "Renards")


def test_after_a_crash_a_phone_comes_back_to_its_answer(
    mini_catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "db.sqlite3"
    store = SqliteStore(path)
    played = RecordedRoom.start(store, mini_catalog, "mini", FixedClock(), SETUP, TEAMS)
    room = PhoneRoom(played)
    token = room.join(None).token
    room.choose_team(token, "Hérons")
    room.answer(token, 0, 2)
    store.close()  # the laptop dies

    store = SqliteStore(path)
    (record,) = unfinished_rooms(store)
    again = PhoneRoom(RecordedRoom.resume(store, mini_catalog, record, FixedClock()))
    assert again.join(token).token == token
    state = again.state(token)
    assert (state["team"], state["answer"]) == ("Hérons", 2)
    assert again.answer(token, 0, 1).response == 2
    assert again.joined == 1
    store.close()


async def test_an_oversized_message_closes_the_socket_and_nothing_else(
    recorded: RecordedRoom, client: aiohttp.ClientSession
) -> None:
    server = PhoneServer(PhoneRoom(recorded), LOOPBACK)
    address = await server.start()
    try:
        phone = SimulatedPhone(client, address)
        await phone.connect()
        await phone.send({"type": "ping", "pad": "x" * MAX_MESSAGE})
        await phone.dropped()
        state = await phone.connect()  # the same phone, back in
        await phone.send({"type": "team", "team": "Castors"})
        assert (await phone.receive())["team"] == "Castors"
        assert state["token"] == phone.token
        await phone.close()
    finally:
        await server.stop()


async def test_an_answer_the_disk_refuses_is_not_acknowledged_and_can_be_sent_again(
    recorded: RecordedRoom, client: aiohttp.ClientSession
) -> None:
    with recorded.store.transaction() as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON phone_answers "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    server = PhoneServer(PhoneRoom(recorded), LOOPBACK)
    address = await server.start()
    try:
        phone = SimulatedPhone(client, address)
        await phone.connect()
        await phone.send({"type": "team", "team": "Castors"})
        await phone.receive()
        refused = await phone.answer(0, 2)
        assert refused["type"] == "error" and "non enregistrée" in refused["message"]
        assert (
            recorded.room.entries_at(0) == [] and recorded.store.answers(recorded.session_id) == []
        )
        assert server.room.answered(0) == 0
        with recorded.store.transaction() as conn:
            conn.execute("DROP TRIGGER refuse")
        accepted = await phone.answer(0, 2)
        assert (accepted["ack"], accepted["answer"]) == (0, 2)
        assert [a.response for a in recorded.store.answers(recorded.session_id)] == [2]
        await phone.close()
    finally:
        await server.stop()

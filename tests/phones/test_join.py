"""Joining: the QR code reads back as the join address, the page is served behind the room
code only, and a socket from another page is refused."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from nrgame.phones import qr
from nrgame.phones.addresses import LOOPBACK, local_addresses
from nrgame.phones.server import PhoneServer
from nrgame.usecases.phone_answers import PhoneRoom
from nrgame.usecases.run_room import RecordedRoom
from tests.system import require

ADDRESS = "http://192.168.1.20:8765/K7MXQ2"


def zbarimg(image: Path) -> str:
    require(["zbar-tools"], lambda: shutil.which("zbarimg") is not None)
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_printed_card_decodes_to_the_join_address(tmp_path: Path) -> None:
    assert zbarimg(qr.save_card(ADDRESS, "K7MXQ2", tmp_path / "carte.png")) == ADDRESS
    svg = qr.save_card(ADDRESS, "K7MXQ2", tmp_path / "carte.svg").read_text()
    assert "K7MXQ2" in svg and ADDRESS in svg and "Répondez" in svg


def test_the_code_drawn_in_the_terminal_decodes_to_the_join_address(tmp_path: Path) -> None:
    """The text the widget shows, read back module by module and photographed as a PNG."""
    grid = qr.read_text(qr.text(ADDRESS))
    assert grid[: len(qr.matrix(ADDRESS))] == qr.matrix(ADDRESS)
    image = tmp_path / "ecran.png"
    _write_png(grid, image)
    assert zbarimg(image) == ADDRESS


def _write_png(grid: list[list[bool]], path: Path, scale: int = 8) -> None:
    rows = []
    for row in grid:
        line = bytes(0 if dark else 255 for dark in row for _ in range(scale))
        rows.extend([b"\x00" + line] * scale)
    width, height = len(grid[0]) * scale, len(grid) * scale

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def test_the_loopback_is_offered_last() -> None:
    addresses = local_addresses()
    assert addresses[-1].ip == LOOPBACK
    assert all(a.ip.count(".") == 3 for a in addresses)


@pytest.fixture
async def server(recorded: RecordedRoom) -> AsyncIterator[PhoneServer]:
    server = PhoneServer(PhoneRoom(recorded), LOOPBACK)
    await server.start()
    yield server
    await server.stop()


async def test_the_page_is_behind_the_room_code(
    server: PhoneServer, client: aiohttp.ClientSession
) -> None:
    async with client.get(server.address) as page:
        assert page.status == 200
        text = await page.text()
    assert '<html lang="fr">' in text
    # Self-contained: nothing loaded from elsewhere.
    assert "http://" not in text and "https://" not in text and "src=" not in text
    wrong = server.address.rsplit("/", 1)[0] + "/AAAAAA"
    async with client.get(wrong) as refused:
        assert refused.status == 404
        assert "vérifiez le code de la salle" in await refused.text()


async def test_a_socket_from_another_page_is_refused(
    server: PhoneServer, client: aiohttp.ClientSession
) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect(f"{server.address}/ws", origin="http://autre.example")
    assert refused.value.status == 403
    own = f"http://{LOOPBACK}:{server.port}"
    socket = await client.ws_connect(f"{server.address}/ws", origin=own)
    await socket.send_str('{"type": "answer", "position": 0, "response": 1}')
    reply = await socket.receive_json(timeout=20)
    assert reply == {"type": "error", "message": "connexion pas encore ouverte : rechargez la page"}
    await socket.close()


async def test_the_server_listens_only_while_the_mode_is_on(
    recorded: RecordedRoom, client: aiohttp.ClientSession
) -> None:
    server = PhoneServer(PhoneRoom(recorded), LOOPBACK)
    address = await server.start()
    await server.stop()
    with pytest.raises(aiohttp.ClientConnectionError):
        await client.get(address)

"""The phone server: aiohttp, started inside the running event loop (the Textual app's), so
that one process owns the room; it listens only between `start` and `stop`.

Routes, behind the room code (the room's secret): `/CODE` the page, `/CODE/ws` its websocket.
A websocket from another origin is refused. Every connection starts with `hello` (the token
the phone kept, if any) and gets the full state; every answer is recorded through the use case
before its acknowledgement (the state again, with `ack`) leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from aiohttp import WSMsgType, web

from nrgame.core.phones import MAX_MESSAGE, Message, PhoneError, new_room_code, read_message
from nrgame.usecases.open_store import StoreError
from nrgame.usecases.phone_answers import PhoneRoom

HEARTBEAT = 20.0
"""Seconds between the server's pings; a phone that stops answering them is let go."""

PAGE = files("nrgame.phones").joinpath("page.html").read_text(encoding="utf-8")


@dataclass
class Connection:
    """One open websocket, and the phone that said hello on it."""

    socket: web.WebSocketResponse
    request: web.Request
    token: str | None = None


class PhoneServer:
    def __init__(
        self,
        room: PhoneRoom,
        host: str,
        port: int = 0,
        code: str | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.room = room
        self.host = host
        self.port = port
        self.code = code or new_room_code()
        self.on_change = on_change
        self.connections: list[Connection] = []
        self._runner: web.AppRunner | None = None

    @property
    def address(self) -> str:
        return f"http://{self.host}:{self.port}/{self.code}"

    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self) -> str:
        """Listen; returns the join address. OSError if the address cannot be used."""
        app = web.Application(client_max_size=MAX_MESSAGE)
        app.router.add_get(f"/{self.code}", self._page)
        app.router.add_get(f"/{self.code}/ws", self._socket)
        app.router.add_route("*", "/{anything:.*}", self._unknown)
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        return self.address

    async def stop(self) -> None:
        """Stop listening and close every phone's socket (their answers are all on disk)."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        for connection in list(self.connections):
            with contextlib.suppress(Exception):
                await connection.socket.close()
        await runner.cleanup()

    async def refresh(self) -> None:
        """Send every phone its state: after the facilitator reveals, moves on, pauses."""
        await asyncio.gather(
            *(self._send_state(c) for c in list(self.connections) if c.token is not None)
        )

    async def _page(self, request: web.Request) -> web.Response:
        return web.Response(
            text=PAGE,
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
        )

    async def _unknown(self, request: web.Request) -> web.Response:
        return web.Response(
            status=404,
            text="Adresse inconnue : vérifiez le code de la salle affiché à l'écran.",
            charset="utf-8",
        )

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{request.host}":
            return web.Response(status=403, text="origine refusée")
        socket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE)
        await socket.prepare(request)
        connection = Connection(socket, request)
        self.connections.append(connection)
        try:
            async for message in socket:
                if message.type is not WSMsgType.TEXT:
                    break
                await self._handle(connection, message.data)
        finally:
            self.connections.remove(connection)
        return socket

    async def _handle(self, connection: Connection, text: str) -> None:
        try:
            message = read_message(text)
            if message.type == "ping":
                await connection.socket.send_str('{"type":"pong"}')
                return
            if message.type == "hello":
                connection.token = self.room.join(message.token).token
                self._changed()
                await self._send_state(connection)
                return
            if connection.token is None:
                raise PhoneError("connexion pas encore ouverte : rechargez la page")
            ack = self._apply(connection.token, message)
        except PhoneError as error:
            await self._send(connection, {"type": "error", "message": str(error)})
            return
        except StoreError:
            # Nothing was kept: the phone may send its answer again.
            refused = "réponse non enregistrée (le disque de l'ordinateur refuse) : réessayez"
            await self._send(connection, {"type": "error", "message": refused})
            return
        await self._send_state(connection, ack)
        if ack is not None:
            # The same phone may have several sockets open (a reload): each shows the answer.
            others = [c for c in self.connections if c.token == connection.token]
            await asyncio.gather(*(self._send_state(c) for c in others if c is not connection))

    def _apply(self, token: str, message: Message) -> int | None:
        """Carry out a phone's message; the position acknowledged for an answer."""
        if message.type == "team":
            self.room.choose_team(token, message.team)
            return None
        if message.type == "name":
            self.room.name(token, message.name)
            return None
        self.room.answer(token, message.position, message.response)
        self._changed()
        return message.position

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    async def _send_state(self, connection: Connection, ack: int | None = None) -> None:
        if connection.token is None:
            return
        state = self.room.state(connection.token)
        if ack is not None:
            state["ack"] = ack
        await self._send(connection, state)

    async def _send(self, connection: Connection, data: dict[str, Any]) -> None:
        if connection.socket.closed:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            await connection.socket.send_str(json.dumps(data, ensure_ascii=False))

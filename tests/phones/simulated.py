"""A simulated phone: the page's protocol spoken over a real websocket on loopback."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

WAIT = 20.0
"""Seconds any one message may take before the test fails."""


class SimulatedPhone:
    def __init__(self, session: aiohttp.ClientSession, address: str) -> None:
        self.session = session
        self.address = address
        self.token: str | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None

    async def connect(self) -> dict[str, Any]:
        """Open a socket and say hello with the kept token: the state comes back."""
        self.socket = await self.session.ws_connect(
            f"{self.address}/ws", timeout=aiohttp.ClientWSTimeout(ws_close=WAIT)
        )
        await self.send({"type": "hello", "token": self.token})
        state = await self.receive()
        self.token = state["token"]
        return state

    async def send(self, data: dict[str, Any]) -> None:
        assert self.socket is not None
        await self.socket.send_str(json.dumps(data))

    async def receive(self) -> dict[str, Any]:
        """The next state or error (pongs are skipped); fails on a closed socket."""
        assert self.socket is not None
        while True:
            message = await asyncio.wait_for(self.socket.receive(), WAIT)
            assert message.type is aiohttp.WSMsgType.TEXT, message
            data: dict[str, Any] = json.loads(message.data)
            if data["type"] != "pong":
                return data

    async def dropped(self) -> None:
        """Wait until the server's side of the socket is gone."""
        assert self.socket is not None
        message = await asyncio.wait_for(self.socket.receive(), WAIT)
        assert message.type in (
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.CLOSE,
            aiohttp.WSMsgType.ERROR,
        ), message
        await self.socket.close()

    async def answer(self, position: int, response: Any) -> dict[str, Any]:
        await self.send({"type": "answer", "position": position, "response": response})
        return await self.receive()

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

"""The served app's guard, over real loopback sockets: token, origin, cap, closed tab."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from tests.web.served import serve


async def wait_for(check: Callable[[], bool], seconds: float = 20) -> bool:
    for _ in range(int(seconds * 10)):
        if check():
            return True
        await asyncio.sleep(0.1)
    return False


async def test_no_token_is_refused_in_french(tmp_path: Path) -> None:
    with serve(tmp_path / "base.db") as served:
        async with aiohttp.ClientSession() as client:
            for path in ("/", "/ws", "/download/x", f"/?token={served.token}x"):
                async with client.get(served.origin + path, allow_redirects=False) as answer:
                    assert answer.status == 403, path
                    assert "Accès refusé" in await answer.text()


async def test_link_sets_a_strict_cookie_then_the_page_opens(tmp_path: Path) -> None:
    with serve(tmp_path / "base.db") as served:
        jar = aiohttp.CookieJar(unsafe=True)  # keeps cookies set by an IP address
        async with aiohttp.ClientSession(cookie_jar=jar) as client:
            async with client.get(served.link, allow_redirects=False) as answer:
                assert answer.status == 302
                assert answer.headers["Location"] == "/"
                cookie = answer.headers["Set-Cookie"]
                assert "HttpOnly" in cookie
                assert "SameSite=Strict" in cookie
            async with client.get(served.origin + "/") as page:
                assert page.status == 200
                body = await page.text()
                assert "Session terminée" in body
                assert "googleapis" not in body
                assert "connect-src ws://127.0.0.1" in page.headers["Content-Security-Policy"]


async def test_websocket_from_a_foreign_origin_is_refused(tmp_path: Path) -> None:
    with serve(tmp_path / "base.db") as served:
        cookies = {"nrgame_jeton": served.token}
        async with aiohttp.ClientSession(cookies=cookies) as client:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(
                    served.origin + "/ws", headers={"Origin": "http://127.0.0.1:9"}
                )
            assert refused.value.status == 403
            assert served.app_processes() == []


async def test_closed_tab_ends_its_process_and_the_cap_says_full(tmp_path: Path) -> None:
    with serve(tmp_path / "base.db", "--max-sessions", "1") as served:
        cookies = {"nrgame_jeton": served.token}
        async with aiohttp.ClientSession(cookies=cookies) as client:
            socket = await client.ws_connect(
                served.origin + "/ws", headers={"Origin": served.origin}
            )
            assert await wait_for(lambda: len(served.app_processes()) == 1)
            async with client.get(served.origin + "/") as full:
                assert full.status == 503
                assert "nrgame est complet" in await full.text()
            pids = served.app_processes()
            await socket.close()
            assert await wait_for(lambda: served.app_processes() == [])
            for pid in pids:
                assert not Path(f"/proc/{pid}").exists()
            async with client.get(served.origin + "/") as again:
                assert again.status == 200

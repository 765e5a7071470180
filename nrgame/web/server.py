"""textual-serve's Server, guarded: a secret link, the websocket's origin checked, a cap on
sessions, a French page of our own with no external resource, RFC 6266 file names.

textual-serve 1.1.3 has no login and no origin check: served as is, any web page the agent
visits could open the websocket and drive an nrgame. The command it runs is fixed here, at
start, never built from a request.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

HERE = Path(__file__).parent
COOKIE = "nrgame_jeton"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src {ws}; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
"""xterm.js injects its own style elements, hence 'unsafe-inline' for styles only."""


def content_disposition(disposition: str, file_name: str) -> str:
    """RFC 6266: an ASCII fallback, and the real name in `filename*` (UTF-8)."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in file_name
    )
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name)}"


class GuardedServer(Server):
    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        public_url: str | None,
        max_sessions: int,
        token: str | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title="nrgame", public_url=public_url)
        self.public_url = self.public_url.rstrip("/")
        parts = urlsplit(self.public_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.token = token or secrets.token_urlsafe(32)
        self.max_sessions = max_sessions
        self.sessions = 0
        self.templates_path = HERE / "templates"
        self.own_statics = HERE / "static"

    @property
    def link(self) -> str:
        return f"{self.public_url}/?token={self.token}"

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
                web.static("/nrgame", self.own_statics, name="own"),
            ]
        )
        app.on_startup.append(self.on_startup)
        return app

    def _page(self, request: web.Request, status: int, title: str, text: str) -> web.Response:
        response = aiohttp_jinja2.render_template(
            "message.html", request, {"title": title, "text": text}, status=status
        )
        return response

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith(("/static/", "/nrgame/")):
            response: web.StreamResponse = await handler(request)
        elif request.path == "/" and secrets.compare_digest(
            request.query.get("token", ""), self.token
        ):
            # The link's token becomes a cookie, and the address bar loses it.
            response = web.Response(status=302, headers={"Location": "/"})
            response.set_cookie(
                COOKIE,
                self.token,
                httponly=True,
                samesite="Strict",
                secure=self.origin.startswith("https:"),
            )
        elif not secrets.compare_digest(request.cookies.get(COOKIE, ""), self.token):
            response = self._page(
                request,
                403,
                "Accès refusé",
                "Ouvrez nrgame avec le lien complet donné par la personne qui l'a lancé.",
            )
        elif request.path in ("/", "/ws") and self.sessions >= self.max_sessions:
            response = self._page(
                request,
                503,
                "nrgame est complet",
                f"Les {self.max_sessions} places sont prises. Réessayez dans quelques minutes.",
            )
        elif request.path == "/ws" and request.headers.get("Origin") != self.origin:
            response = self._page(
                request, 403, "Accès refusé", "Cette page ne vient pas de nrgame."
            )
        else:
            response = await handler(request)
        if response.prepared:  # a websocket or a download: its headers are gone already
            return response
        ws = self.origin.replace("http", "ws", 1)
        response.headers["Content-Security-Policy"] = CSP.format(ws=ws)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="Fichier introuvable.") from None
        response = web.StreamResponse()
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        response.headers["Content-Type"] = content_type
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = content_disposition(disposition, meta.file_name)
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def on_startup(self, app: web.Application) -> None:
        print(f"nrgame est servi ; lien à donner aux agents :\n  {self.link}", flush=True)

"""« Réponses sur téléphone » on the room screen: pick the address, start the phone server in
the app's own event loop, show the join panel, keep the phones in step with the facilitator,
and stop without losing anything (every answer is already on disk)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from nrgame.core.french import plural
from nrgame.core.phones import PhoneError
from nrgame.core.room_setup import Phase
from nrgame.phones.addresses import local_addresses
from nrgame.tui.widgets.phones import JoinPanel
from nrgame.usecases.phone_answers import PhoneRoom
from nrgame.usecases.run_room import RecordedRoom

if TYPE_CHECKING:
    from nrgame.phones.server import PhoneServer

MISSING = (
    "Réponses sur téléphone : installez d'abord le supplément « phones » "
    "(pip install 'nrgame[phones]')."
)
"""aiohttp and segno are an optional extra: the room plays by keys and hands without them."""

PORT = 8765
"""The port phones join on; 0 (any free one) if it is taken."""


class AddressPicker(ModalScreen[str | None]):
    """Which of this computer's addresses the phones can reach (Wi-Fi, cable, VPN…)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Annuler")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Par quelle adresse les téléphones joignent-ils cet ordinateur ?")
            yield OptionList(
                *(Option(a.label, id=a.ip) for a in local_addresses()), id="phones-addresses"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class PhoneMode:
    """The phone server of one room screen, while the mode is on."""

    def __init__(
        self, screen: Screen[Any], played: RecordedRoom, answered: Callable[[], None]
    ) -> None:
        # The room screen hands itself in as a plain Screen, with what the mode needs of it:
        # importing RoomScreen here would close a circle (room imports this module).
        self.screen = screen
        self.played = played
        self.answered = answered
        self.room: PhoneRoom | None = None
        self.server: PhoneServer | None = None

    @property
    def on(self) -> bool:
        return self.server is not None

    def toggle(self) -> None:
        if self.on:
            self.screen.run_worker(self.stop(), exclusive=True, group="phones")
            return
        try:
            import aiohttp  # noqa: F401
            import segno  # noqa: F401
        except ImportError:
            self.screen.notify(MISSING, severity="error", timeout=10)
            return
        self.screen.app.push_screen(AddressPicker(), self._picked)

    async def _picked(self, host: str | None) -> None:
        if host is not None:
            await self.start(host)

    async def start(self, host: str) -> None:
        from nrgame.phones.server import PhoneServer

        self.room = PhoneRoom(self.played)
        server = PhoneServer(self.room, host, PORT, on_change=self.changed)
        try:
            await server.start()
        except OSError:
            server.port = 0
            try:
                await server.start()
            except OSError:
                self.screen.notify(
                    f"Impossible d'écouter sur {host} : adresse indisponible sur cet ordinateur.",
                    severity="error",
                )
                return
        self.server = server
        panel = JoinPanel(server.address, server.code)
        await self.screen.mount(panel, before=self.screen.query_one("#room-teams"))
        self.changed()

    async def stop(self) -> None:
        """Back to show of hands and keys: the phones' answers stay recorded."""
        await self.close()
        await self.screen.query(JoinPanel).remove()
        self.screen.notify("Réponses sur téléphone arrêtées : tout ce qui a été répondu reste.")

    async def close(self) -> None:
        """Stop listening (the screen goes away)."""
        server, self.server = self.server, None
        if server is not None:
            await server.stop()

    def changed(self) -> None:
        """A phone joined or answered: the counts and the teams' ticks follow."""
        if self.room is None or not self.on:
            return
        room = self.played.room
        answered = self.room.answered(room.position) if room.phase is Phase.ASKING else None
        for panel in self.screen.query(JoinPanel):
            panel.show(self.room.joined, answered)
        self.answered()

    def follow(self) -> None:
        """The facilitator moved on: every phone gets its new state."""
        if self.server is not None:
            self.screen.run_worker(self.server.refresh(), group="phones")
        self.changed()

    def count_as_audience(self) -> None:
        if self.room is None:
            return
        try:
            joined = self.room.count_as_audience()
        except PhoneError as exc:
            self.screen.notify(str(exc), severity="warning")
            return
        self.screen.notify(f"Public compté : {plural(joined, 'personne')} (téléphones connectés).")

    def save_card(self) -> None:
        from nrgame.phones import qr

        if self.server is None:
            return
        for suffix in (".svg", ".png"):
            path = Path.cwd() / f"carte-salle-{self.server.code}{suffix}"
            qr.save_card(self.server.address, self.server.code, path)
        self.screen.notify(f"Carte à imprimer écrite : {path.with_suffix('.svg').name} et .png")

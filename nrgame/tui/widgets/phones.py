"""The join panel of « Réponses sur téléphone »: the QR code drawn in text, the address and
the room code in large characters, and whether phones get through (the test step)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from nrgame.core.french import ending, plural


class JoinPanel(Horizontal):
    DEFAULT_CSS = """
    JoinPanel { height: auto; border: heavy white; padding: 0 1; }
    JoinPanel #phones-qr { width: auto; color: black; background: white; }
    JoinPanel #phones-side { width: 1fr; padding: 0 2; height: auto; }
    JoinPanel #phones-code { width: auto; }
    """

    def __init__(self, address: str, code: str) -> None:
        super().__init__(id="phones-panel")
        self.address = address
        self.code = code

    def compose(self) -> ComposeResult:
        from nrgame.phones import qr  # segno is in the optional « phones » extra

        yield Static(Text(qr.text(self.address)), id="phones-qr")
        with Vertical(id="phones-side"):
            yield Static(Text("Répondez depuis votre téléphone", style="bold"))
            yield Static(Text(self.address, style="bold"), id="phones-address")
            yield Static(Text("Code de la salle :"))
            yield Digits(self.code, id="phones-code")
            yield Static(id="phones-status")

    def show(self, joined: int, answered: int | None) -> None:
        """The test step until a first phone gets through, then the counts."""
        if joined == 0:
            text = Text.assemble(
                ("En attente d'un premier téléphone. ", "bold"),
                "Testez avec le vôtre : s'il n'arrive pas, le réseau isole les appareils "
                "(partage de connexion ou routeur de voyage), ou M pour continuer à main levée.",
            )
        else:
            text = Text(f"✔ {plural(joined, 'téléphone')} connecté{ending(joined)}")
            if answered is not None:
                text.append(f" · {plural(answered, 'réponse')} à cette question")
            text.append(" · A : compter ces téléphones comme public · K : carte à imprimer")
        self.query_one("#phones-status", Static).update(text)

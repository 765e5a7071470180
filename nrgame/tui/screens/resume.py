"""At start-up: offer to resume a deck left unfinished."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from nrgame.recording import is_room
from nrgame.storage.sqlite import SessionRecord


class ResumeDialog(ModalScreen[str]):
    """Returns "resume", "abandon" or "later"."""

    BINDINGS = [("escape", "dismiss('later')", "Plus tard")]

    def __init__(self, record: SessionRecord, answered: int) -> None:
        super().__init__()
        self.record = record
        self.answered = answered

    def compose(self) -> ComposeResult:
        started = self.record.started_at.strftime("%d/%m/%Y à %H:%M")
        total = len(self.record.question_ids)
        with Vertical(id="dialog"):
            yield Static(Text("Une série n'a pas été terminée", style="bold"))
            if is_room(self.record):
                detail = (
                    f"Séance en salle « {self.record.deck_title} », commencée le {started} : "
                    f"{self.answered} réponse(s) enregistrée(s), série de {total} questions."
                )
            else:
                detail = (
                    f"« {self.record.deck_title} », commencée le {started} : "
                    f"{self.answered} réponse(s) enregistrée(s) sur {total}."
                )
            yield Static(Text(detail))
            with Horizontal(classes="buttons"):
                yield Button("Reprendre", id="resume", variant="primary")
                yield Button("Abandonner", id="abandon", variant="error")
                yield Button("Plus tard", id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

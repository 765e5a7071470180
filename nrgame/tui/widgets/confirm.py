"""The one confirmation dialog: whatever it asks, a stray Entrée or Échap destroys nothing."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question asked before anything irreversible.

    The safe choice (« no ») is focused, so Entrée and Échap both keep things as they are;
    « o » or the « yes » button (← then Entrée) goes ahead.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "Non"),
        Binding("o", "answer(True)", "Oui"),
        Binding("left", "app.focus_previous", "Bouton précédent", show=False),
        Binding("right", "app.focus_next", "Bouton suivant", show=False),
    ]
    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > #confirm {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        border: thick $error; background: $surface; padding: 1 2;
    }
    ConfirmDialog #confirm-question { text-style: bold; }
    ConfirmDialog #confirm-detail { margin-top: 1; }
    ConfirmDialog #confirm-buttons { height: auto; margin-top: 1; }
    ConfirmDialog Button { margin-right: 2; }
    """

    def __init__(self, question: str, detail: str = "", yes: str = "Oui", no: str = "Non") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="confirm"):
            yield Static(Text(self.question), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (o)", id="yes", variant="error")
                yield Button(f"{self.no} (Entrée, Échap)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

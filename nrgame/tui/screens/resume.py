"""Offer to resume a session left unfinished: at start-up, or when its scenario is chosen again.

← → (and ↑ ↓) move between the buttons; Entrée presses the focused one, « Reprendre » at
first, which loses nothing; Échap is « Plus tard ».
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from nrgame.core.sessions import SessionKind
from nrgame.usecases.open_store import SessionRecord


class ResumeDialog(ModalScreen[str]):
    """Offers a session left open. Returns "resume", "abandon", "later" or (with `fresh`)
    "new": start another one and leave this one for later."""

    BINDINGS = [
        Binding("escape", "dismiss('later')", "Plus tard"),
        Binding("left,up", "app.focus_previous", "Bouton précédent", show=False),
        Binding("right,down", "app.focus_next", "Bouton suivant", show=False),
    ]

    def __init__(
        self,
        record: SessionRecord,
        done: int,
        what: str = "série",
        unit: str = "réponse",
        *,
        fresh: bool = False,
    ) -> None:
        super().__init__()
        self.record = record
        self.done = done
        self.what = what
        self.unit = unit
        self.fresh = fresh

    def compose(self) -> ComposeResult:
        started = self.record.started_at.strftime("%d/%m/%Y à %H:%M")
        s = "s" if self.done > 1 else ""
        title = self.record.deck_title or str(self.record.meta.get("scenario", ""))
        progress = f"{self.done} {self.unit}{s} enregistré"
        progress += f"e{s}" if self.unit in ("réponse", "question") else s
        if self.record.question_ids:
            progress += f" sur {len(self.record.question_ids)}"
        with Vertical(id="dialog"):
            yield Static(Text(f"Une {self.what} n'a pas été terminée", style="bold"))
            yield Static(Text(f"« {title} », commencée le {started} : {progress}."))
            if self.record.kind not in (SessionKind.QUIZ, SessionKind.AUTOFORMATION):
                yield Static(
                    Text(
                        "Abandonner la retire du bilan de la loi REEN (elle ne comptera pas "
                        "comme action menée) ; ce qui a été joué reste enregistré."
                    )
                )
            with Horizontal(classes="buttons"):
                yield Button("Reprendre", id="resume", variant="primary")
                if self.fresh:
                    yield Button(f"Nouvelle {self.what}", id="new")
                yield Button("Abandonner", id="abandon", variant="error")
                yield Button("Plus tard", id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

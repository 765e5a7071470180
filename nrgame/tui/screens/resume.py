"""Offer to resume the sessions left unfinished: at start-up, or when their deck or scenario
is chosen again.

Every session left open is listed (↑ ↓ choose one when there are several); ← → move between
the buttons, which act on the one chosen; Entrée presses the focused one, « Reprendre » at
first, which loses nothing; Échap is « Plus tard ».
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from nrgame.core.french import ending, plural
from nrgame.core.sessions import SessionKind
from nrgame.usecases.resume_sessions import Unfinished


def progress_said(left: Unfinished) -> str:
    """« Comité, série commencée le 02/12/2026 à 14:05 : 1 réponse enregistrée sur 6 »."""
    record = left.record
    started = record.started_at.strftime("%d/%m/%Y à %H:%M")
    title = record.deck_title or str(record.meta.get("scenario", ""))
    done = f"{plural(left.done, left.unit)} {left.participle}{ending(left.done)}"
    if record.question_ids:
        done += f" sur {len(record.question_ids)}"
    return f"« {title} », {left.what} commencée le {started} : {done}"


class ResumeDialog(ModalScreen[str]):
    """Offers the sessions left open. Returns "resume", "abandon", "later" or (with `fresh`)
    "new": start another one and leave these for later. `chosen` is the session meant."""

    BINDINGS = [
        Binding("escape", "dismiss('later')", "Plus tard"),
        Binding("left,up", "app.focus_previous", "Bouton précédent", show=False),
        Binding("right,down", "app.focus_next", "Bouton suivant", show=False),
    ]

    def __init__(self, left: list[Unfinished], *, fresh: bool = False) -> None:
        super().__init__()
        self.left = left
        self.fresh = fresh
        self.chosen = left[0]

    def compose(self) -> ComposeResult:
        what = {left.what for left in self.left}
        # « série » and « séance » are feminine, « partie » too: one agreement for all.
        said = what.pop() if len(what) == 1 else "session"
        with Vertical(id="dialog"):
            if len(self.left) == 1:
                yield Static(Text(f"Une {said} n'a pas été terminée", style="bold"))
                yield Static(Text(f"{progress_said(self.left[0])}."))
            else:
                count = plural(len(self.left), said)
                yield Static(Text(f"{count} n'ont pas été terminées", style="bold"))
                options = [Option(Text(progress_said(left))) for left in self.left]
                yield OptionList(*options, id="sessions")
            if any(left.record.kind not in _PERSONAL for left in self.left):
                yield Static(
                    Text(
                        "Abandonner une séance la retire du bilan de la loi REEN (elle ne "
                        "comptera pas comme action menée) ; ce qui a été joué reste enregistré."
                    )
                )
            with Horizontal(classes="buttons"):
                yield Button("Reprendre", id="resume", variant="primary")
                if self.fresh:
                    yield Button(f"Nouvelle {said}", id="new")
                yield Button("Abandonner", id="abandon", variant="error")
                yield Button("Plus tard", id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.chosen = self.left[event.option_index]

    @on(OptionList.OptionSelected)
    def _picked(self) -> None:
        self.query_one("#resume", Button).focus()  # Entrée on a session: then Reprendre


_PERSONAL = (SessionKind.QUIZ, SessionKind.AUTOFORMATION)
"""Sessions played alone, which the REEN report does not count as actions."""

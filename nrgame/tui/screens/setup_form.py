"""What every set-up form shares: compact one-line fields, Entrée to the next field, Ctrl+S to
start, Échap to leave, errors said in the form and in a notification, counts above their
plausible bound confirmed by a second Ctrl+S.
Entrée on a list moves on as well; Espace or ↓ open it. Room sessions and board games use it."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import events, on
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Select

from nrgame.core.sessions import SessionSetup
from nrgame.tui.widgets.declare import FormError, SecondPress, show_error

Result = TypeVar("Result")


class SetupForm(Screen[Result | None], Generic[Result]):
    """Subclasses compose the fields (a DeclarationFields among them), then `read` them."""

    CSS_PATH = "../room.tcss"
    DEFAULT_CLASSES = "setup-screen"
    BINDINGS = [
        Binding("ctrl+s", "start", "Commencer"),
        Binding("escape", "cancel", "Annuler"),
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.second_press = SecondPress()

    def read(self) -> tuple[Result, SessionSetup]:
        """The form's result and the declaration in it; raises FormError."""
        raise NotImplementedError

    def on_mount(self) -> None:
        # One line per field: the whole form fits on a laptop screen.
        for field in self.query(Input):
            field.compact = True
        for choice in self.query(Select):
            choice.compact = True
        for box in self.query(Checkbox):
            box.compact = True

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_key(self, event: events.Key) -> None:
        # Entrée moves on from a list too, as from every other field: reopening the list
        # there left the facilitator stuck. Espace or ↓ open it.
        focused = self.focused
        if event.key == "enter" and isinstance(focused, Select) and not focused.expanded:
            event.prevent_default()
            event.stop()
            self.focus_next()

    @on(Button.Pressed, "#start")
    def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_start(self) -> None:
        try:
            result, setup = self.read()
            question = self.second_press.refusal(setup.audience)
            if question is not None:
                raise FormError(f"n-{setup.audience[0].segment.value}", question)
        except FormError as exc:
            show_error(self, exc)
            return
        self.app.clear_notifications()  # what was wrong is mended: don't cover the game
        self.dismiss(result)

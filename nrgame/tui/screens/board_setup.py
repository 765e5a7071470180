"""Before the first turn of a board game: who plays, where, with whom (the REEN record)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Static

from nrgame.core.scenario import Scenario
from nrgame.core.sessions import SessionKind, SessionSetup
from nrgame.tui.widgets.declare import DeclarationFields, FormError, SecondPress


class BoardSetupScreen(Screen[SessionSetup | None]):
    """The same declaration as a room session's; correctable later from « Séances »."""

    CSS_PATH = "../room.tcss"
    DEFAULT_CLASSES = "setup-screen"
    BINDINGS = [
        Binding("ctrl+s", "start", "Commencer"),
        Binding("escape", "cancel", "Annuler"),
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self, scenario: Scenario, today: date) -> None:
        super().__init__()
        self.scenario = scenario
        self.today = today
        self.second_press = SecondPress()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup-form"):
            yield Static(
                Text.assemble(
                    ("Préparer une partie : ", "bold"),
                    (f"« {self.scenario.title} »", "bold"),
                    f" (environ {self.scenario.duration} min)",
                )
            )
            yield DeclarationFields([SessionKind.JEU_PLATEAU], self.today)
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Commencer (Ctrl+S)", id="start", variant="primary")
                yield Button("Annuler (Échap)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.compact = True
        for box in self.query(Checkbox):
            box.compact = True
        self.title = self.scenario.title
        self.sub_title = "Jeu de plateau"
        self.query_one("#day", Input).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
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
            setup = self.query_one(DeclarationFields).read()
            question = self.second_press.refusal(setup.audience)
            if question is not None:
                raise FormError(f"n-{setup.audience[0].segment.value}", question)
        except FormError as exc:
            self.query_one("#form-error", Static).update(Text(f"⚠ {exc}", style="bold"))
            field = self.query_one(f"#{exc.field}")
            field.focus()
            field.scroll_visible()
            return
        self.dismiss(setup)

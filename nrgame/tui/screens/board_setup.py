"""Before the first turn of a board game: who plays, where, with whom (the REEN record)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Static

from nrgame.core.scenario import Scenario
from nrgame.core.sessions import SessionKind, SessionSetup
from nrgame.tui.screens.setup_form import SetupForm
from nrgame.tui.widgets.declare import DeclarationFields


class BoardSetupScreen(SetupForm[SessionSetup]):
    """The same declaration as a room session's; correctable later from « Séances »."""

    def __init__(self, scenario: Scenario, today: date) -> None:
        super().__init__()
        self.scenario = scenario
        self.today = today

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
        super().on_mount()
        self.title = self.scenario.title
        self.sub_title = "Jeu de plateau"
        self.query_one("#day", Input).focus()

    def read(self) -> tuple[SessionSetup, SessionSetup]:
        setup = self.query_one(DeclarationFields).read()
        return setup, setup

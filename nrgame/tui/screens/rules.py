"""« Règles du jeu »: how a board game goes, the scenario's own introduction, the keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from nrgame.core.board_text import rules_sections
from nrgame.core.scenario import Scenario
from nrgame.tui.commands import BOARD, help_rows


class RulesScreen(Screen[None]):
    """Read before the first turn, or at any time from the board (g)."""

    DEFAULT_CSS = """
    RulesScreen #rules { padding: 0 2; }
    RulesScreen .rules-title { text-style: bold reverse; margin-top: 1; }
    RulesScreen .rules-paragraph { margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Revenir"),
        Binding("g", "app.pop_screen", "Revenir", show=False),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="rules"):
            for title, paragraphs in rules_sections(self.scenario):
                yield Static(Text(title), classes="rules-title")
                for paragraph in paragraphs:
                    yield Static(Text(paragraph), classes="rules-paragraph")
            yield Static(Text("Les touches du plateau"), classes="rules-title")
            keys = Text()
            for key, effect in help_rows(BOARD):
                keys.append(f"{key} : ", style="bold")
                keys.append(f"{effect}\n")
            yield Static(keys, classes="rules-paragraph")
            yield Static(Text("↑ ↓ pour faire défiler, Échap pour revenir."))
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Règles du jeu : {self.scenario.title}"
        self.sub_title = "Jeu de plateau"
        self.query_one("#rules", VerticalScroll).focus()

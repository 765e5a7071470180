"""The home screen: the decks on offer, and what is wrong with the content if anything."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from nrgame.core.catalog import Catalog
from nrgame.core.french import plural
from nrgame.tui.commands import APP_ENTRIES, bindings


@dataclass
class DeckChosen(Message):
    deck_id: str


@dataclass
class ScenarioChosen(Message):
    scenario_id: str


@dataclass
class RoomChosen(Message):
    """Play the deck in a room: teams or a show of hands, at the facilitator's pace."""

    deck_id: str


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("f1", "app.help", "Aide"),
        Binding("s", "room", "En salle"),
        Binding("g", "rules", "Règles du jeu"),
        *bindings(APP_ENTRIES),  # the app's other sections
    ]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text("Séries de questions", style="bold"),
            id="home-title",
        )
        # Text everywhere, never str: DataTable would parse a str as Rich markup, loading
        # Rich's emoji table (0.9 MB) for the home screen alone.
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="decks")
        table.add_column(Text("Série"), width=52)
        table.add_column(Text("Public"), width=38)
        table.add_column(Text("Durée"), width=8)
        table.add_column(Text("Questions"), width=9)
        for deck in sorted(self.catalog.decks.values(), key=lambda d: d.title):
            table.add_row(
                Text(deck.title),
                Text(deck.audience),
                Text(f"{deck.duration} min"),
                Text(str(len(self.catalog.deck_questions(deck.id)))),
                key=deck.id,
            )
        yield table
        if self.catalog.scenarios:
            yield Static(
                Text("Jeux de plateau : construire la feuille de route", style="bold"),
                id="board-title",
            )
            boards: DataTable[Text] = DataTable(
                cursor_type="row", zebra_stripes=True, id="scenarios"
            )
            boards.add_column(Text("Scénario"), width=52)
            boards.add_column(Text("Collectivité"), width=38)
            boards.add_column(Text("Durée"), width=8)
            boards.add_column(Text("Joueurs"), width=9)
            for scenario in sorted(self.catalog.scenarios.values(), key=lambda s: s.title):
                boards.add_row(
                    Text(scenario.title),
                    Text(scenario.authority.name),
                    Text(f"{scenario.duration} min"),
                    Text(scenario.players),
                    key=scenario.id,
                )
            yield boards
        yield Static(id="deck-description", markup=False)
        if self.catalog.errors:
            count = plural(len(self.catalog.errors), "erreur")
            yield Static(
                Text(
                    f"⚠ Contenu : {count} ; les fichiers en cause sont ignorés. "
                    "Lancez « nrgame check » pour le détail.",
                    style="bold",
                ),
                id="content-errors",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.title = "nrgame — numérique responsable"
        self.sub_title = "Accueil"
        self.query_one(DataTable).focus()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus:
            self._describe(event.data_table)

    @on(events.DescendantFocus)
    def _focused(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, DataTable):
            self._describe(event.widget)
        self.refresh_bindings()

    def _describe(self, table: DataTable[str | Text]) -> None:
        """Describe the highlighted row of the table the user is in, and only that one."""
        if table.row_count == 0:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        if table.id == "scenarios":
            text = self.catalog.scenarios[key].summary
        else:
            text = self.catalog.decks[key].description
        self.query_one("#deck-description", Static).update(Text(text))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = str(event.row_key.value)
        if event.data_table.id == "scenarios":
            self.post_message(ScenarioChosen(key))
        else:
            self.post_message(DeckChosen(key))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """« En salle » is for a deck, « Règles du jeu » for a board game: each key shows
        (and works) only in its own list."""
        focused = self.focused.id if self.focused is not None else None
        if action == "room":
            return focused != "scenarios"
        if action == "rules":
            return focused == "scenarios"
        return True

    def action_rules(self) -> None:
        """The rules of the highlighted board game, with its own introduction."""
        from nrgame.tui.screens.rules import RulesScreen

        table = self.query_one("#scenarios", DataTable)
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.app.push_screen(RulesScreen(self.catalog.scenarios[str(row_key.value)]))

    def action_room(self) -> None:
        """The highlighted deck, played in a room."""
        table = self.query_one("#decks", DataTable)
        if self.focused is not table:
            self.notify("Choisissez d'abord une série de questions.", severity="warning")
            return
        if table.row_count:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            self.post_message(RoomChosen(str(row_key.value)))

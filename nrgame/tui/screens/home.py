"""The home screen: the decks on offer, and what is wrong with the content if anything."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from nrgame.core.catalog import Catalog
from nrgame.core.quiz import plural


@dataclass
class DeckChosen(Message):
    deck_id: str


@dataclass
class RoomChosen(Message):
    """Play the deck in a room: teams or a show of hands, at the facilitator's pace."""

    deck_id: str


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "solo", "Jouer seul"),
        Binding("s", "room", "En salle"),
        Binding("f1", "app.help", "Aide"),
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
        table: DataTable[str | Text] = DataTable(cursor_type="row", zebra_stripes=True, id="decks")
        table.add_columns("Série", "Public", "Durée", "Questions")
        for deck in sorted(self.catalog.decks.values(), key=lambda d: d.title):
            table.add_row(
                Text(deck.title),
                Text(deck.audience),
                f"{deck.duration} min",
                str(len(self.catalog.deck_questions(deck.id))),
                key=deck.id,
            )
        yield table
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
    def _describe(self, event: DataTable.RowHighlighted) -> None:
        deck = self.catalog.decks.get(str(event.row_key.value))
        if deck is not None:
            self.query_one("#deck-description", Static).update(Text(deck.description))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(DeckChosen(str(event.row_key.value)))

    def _cursor_deck(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value)

    def action_solo(self) -> None:
        # Entrée on the table selects its row; this shows the key in the footer.
        deck_id = self._cursor_deck()
        if deck_id is not None:
            self.post_message(DeckChosen(deck_id))

    def action_room(self) -> None:
        deck_id = self._cursor_deck()
        if deck_id is not None:
            self.post_message(RoomChosen(deck_id))

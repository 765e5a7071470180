"""The terminal app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from nrgame.core.catalog import Catalog
from nrgame.storage.sqlite import SqliteStore


class NrgameApp(App[None]):
    TITLE = "nrgame"

    def __init__(self, catalog: Catalog, store: SqliteStore) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("\n".join(deck.title for deck in self.catalog.decks.values()), markup=False)
        yield Footer()

"""What every part of the terminal app may ask of the app: its catalog, store and clock.

The launch helpers and the screens take a Host, never the concrete app, so that nothing the
app imports has to import the app back.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import App

from nrgame.core.catalog import Catalog
from nrgame.core.sessions import Clock
from nrgame.tui.modes import Mode
from nrgame.usecases.open_store import Store


class Host(App[None]):
    def __init__(
        self, catalog: Catalog, store: Store, clock: Clock = datetime.now, mode: Mode = "full"
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self.mode: Mode = mode  # what it allows: nrgame.tui.modes

"""Self-training, first screen: who is learning? An alias to pick, or a new one to create."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from nrgame.core.catalog import Catalog
from nrgame.core.french import long_date
from nrgame.core.sessions import Clock
from nrgame.usecases.open_store import Store, StoreError
from nrgame.usecases.train import AliasError, Learner, add_learner, learners


class LearnerScreen(Screen[None]):
    """Pick or create a learner; the chosen one's self-training screen replaces this one."""

    DEFAULT_CSS = """
    LearnerScreen #learners-help { padding: 1 2 0 2; }
    LearnerScreen #learners-privacy { padding: 0 2; }
    LearnerScreen #learners { margin: 1 2; height: auto; max-height: 50%; }
    LearnerScreen #new-learner { height: auto; margin: 1 2 0 2; }
    LearnerScreen #new-learner Input { width: 50; }
    LearnerScreen #new-learner Button { margin-left: 2; }
    LearnerScreen .input-error { padding: 0 2; }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Accueil"),
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self, catalog: Catalog, store: Store, clock: Clock) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self.known: list[Learner] = learners(store)

    def compose(self) -> ComposeResult:
        yield Header()
        if self.known:
            intro = (
                "Choisissez votre pseudonyme (↑ ↓ puis Entrée), ou créez-en un en dessous. "
                "Chaque pseudonyme a ses propres révisions et sa progression."
            )
        else:
            intro = (
                "Pour commencer, choisissez un pseudonyme. Il retient vos révisions et votre "
                "progression ; plusieurs personnes peuvent se former sur ce poste, chacune "
                "avec le sien."
            )
        yield Static(Text(intro), id="learners-help")
        yield Static(
            Text(
                "Un pseudonyme suffit : pas de nom, pas d'adresse. Rien de personnel n'est "
                "enregistré.",
                style="italic",
            ),
            id="learners-privacy",
            classes="hint",
        )
        if self.known:
            table: DataTable[str | Text] = DataTable(
                cursor_type="row", zebra_stripes=True, id="learners"
            )
            table.add_columns("Pseudonyme", "Dernière venue", "Parcours")
            today = self.clock().date()
            for learner in self.known:
                table.add_row(
                    Text(learner.alias, style="bold"),
                    _last_seen(learner.last_seen.date(), today),
                    Text(learner.path.describe()),
                    key=learner.alias,
                )
            yield table
        with Horizontal(id="new-learner"):
            yield Input(placeholder="Nouveau pseudonyme (ex. « Hirondelle 12 »)", id="alias")
            yield Button("Créer", id="create")
        yield Static("", classes="input-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Autoformation"
        self.sub_title = "Qui se forme ?"
        if self.known:
            self.query_one(DataTable).focus()
        else:
            self.query_one(Input).focus()

    @on(DataTable.RowSelected)
    def _picked(self, event: DataTable.RowSelected) -> None:
        event.stop()
        alias = str(event.row_key.value)
        learner = next(learner for learner in self.known if learner.alias == alias)
        self._open(learner)

    @on(Input.Submitted, "#alias")
    @on(Button.Pressed, "#create")
    def _create(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        try:
            learner = add_learner(self.store, self.query_one("#alias", Input).value, self.clock())
        except AliasError as exc:
            self.query_one(".input-error", Static).update(Text(str(exc)))
            self.query_one("#alias", Input).focus()
            return
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self._open(learner)

    def _open(self, learner: Learner) -> None:
        from nrgame.tui.screens.training import TrainingScreen

        self.app.switch_screen(TrainingScreen(self.catalog, self.store, self.clock, learner))


def _last_seen(day: date, today: date) -> str:
    if day >= today:
        return "aujourd'hui"
    if day == today - timedelta(days=1):
        return "hier"
    return long_date(day, year=day.year != today.year)

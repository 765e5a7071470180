"""After a room session: the podium (or the room's share of right answers), before and after,
and the summary for the minutes, saved where the facilitator chooses."""

from __future__ import annotations

import io
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Digits, Footer, Header, Input, Label, Markdown, Static

from nrgame import settings
from nrgame.core.catalog import Catalog
from nrgame.core.french import format_number, long_date
from nrgame.core.room import Standing
from nrgame.core.room_scoring import format_share
from nrgame.core.room_setup import AnswerMode, Phase
from nrgame.reports.minutes import default_filename, render_minutes
from nrgame.tui.widgets.room import leaderboard, team_mark
from nrgame.usecases.run_room import RecordedRoom


class Podium(Horizontal):
    """The first three teams, second on the left and third on the right, rank in large digits."""

    def __init__(self, standings: list[Standing], asked: int) -> None:
        super().__init__(id="podium")
        self.standings = standings[:3]
        self.asked = asked

    def compose(self) -> ComposeResult:
        order = [1, 0, 2] if len(self.standings) >= 2 else [0]
        for index in order:
            if index >= len(self.standings):
                continue
            row = self.standings[index]
            with Vertical(classes=f"step rank-{min(row.rank, 3)}"):
                yield Label(team_mark(row.team))
                yield Label(Text(f"{format_number(round(row.score, 2))} / {self.asked}"))
                with Vertical(classes="block"):
                    yield Digits(str(row.rank))
                yield Label(Text(f"{row.rank}{'er' if row.rank == 1 else 'e'}", style="bold"))


class RoomResultsScreen(Screen[None]):
    CSS_PATH = "../room.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer le compte rendu"),
        Binding("escape", "app.pop_screen", "Retour à l'accueil"),
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self, played: RecordedRoom, catalog: Catalog) -> None:
        super().__init__()
        self.played = played
        self.catalog = catalog
        self.progress = played.before_after()
        self.minutes = render_minutes(played.room, played.setup, catalog.figures, self.progress)

    def compose(self) -> ComposeResult:
        room = self.played.room
        setup = self.played.setup
        asked = sum(1 for state in room.states.values() if state is Phase.REVEALED)
        yield Header()
        with VerticalScroll(id="results-body"):
            yield Static(
                Text(f"{setup.kind.label} du {long_date(setup.day)} : résultat", style="bold")
            )
            share = room.mean_score()
            if room.config.mode is AnswerMode.TEAMS and asked:
                standings = room.standings()
                yield Podium(standings, asked)
                yield Static(leaderboard(standings, room.config.speed, asked))
            elif share is not None:
                with Horizontal(id="share"):
                    yield Digits(format_share(share).replace(" ", ""))
                yield Static(Text("de bonnes réponses dans la salle", style="bold"))
            if self.progress is not None:
                gain = round(100 * self.progress.after) - round(100 * self.progress.before)
                yield Static(
                    Text.assemble(
                        ("Avant / après : ", "bold"),
                        f"{format_share(self.progress.before)} ({self.progress.before_label}) → "
                        f"{format_share(self.progress.after)} aujourd'hui, soit ",
                        (f"{gain:+d} points", "bold"),
                        ".",
                    ),
                    id="before-after",
                )
            yield Static(
                Text("Compte rendu pour la réunion", style="bold underline"), classes="section"
            )
            yield Markdown(self.minutes, id="minutes-preview")
        with Horizontal(id="save-bar"):
            yield Label("Enregistrer sous :")
            yield Input(str(self._default_path()), id="minutes-path")
            yield Button("Enregistrer", id="save", variant="primary")
        yield Footer()

    def _default_path(self) -> Path:
        return settings.downloads_dir() / default_filename(self.played.setup)

    def on_mount(self) -> None:
        self.title = f"Résultat — {self.played.room.deck.title}"
        self.query_one("#minutes-path", Input).focus()

    @on(Input.Submitted, "#minutes-path")
    @on(Button.Pressed, "#save")
    def _save_asked(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Hand the Markdown to whoever runs the app: a file here, a download in a browser."""
        raw = self.query_one("#minutes-path", Input).value.strip()
        if not raw:
            self.notify("Indiquez où enregistrer le compte rendu.", severity="warning")
            return
        path = Path(raw).expanduser().absolute()
        if path.is_dir():
            path = path / default_filename(self.played.setup)
        if not path.parent.is_dir():
            self.notify(
                f"Le dossier {path.parent} n'existe pas : choisissez un dossier existant.",
                severity="error",
                timeout=10,
            )
            return
        self.app.deliver_text(
            io.StringIO(self.minutes),
            save_directory=path.parent,
            save_filename=path.name,
            mime_type="text/markdown",
            name="compte-rendu",
        )

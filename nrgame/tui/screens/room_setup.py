"""Preparing a room session: what it is, who is there, how the room answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Select, Static

from nrgame.core.content import Deck
from nrgame.core.room_setup import (
    ROOM_KINDS,
    AnswerMode,
    Ranking,
    RoomConfig,
    RoomError,
    make_teams,
    split_team_names,
)
from nrgame.core.sessions import SessionSetup
from nrgame.tui.screens.setup_form import SetupForm
from nrgame.tui.widgets.declare import (
    DeclarationFields,
    FormError,
    Tick,
    row,
)

DEFAULT_TEAMS = "Castors, Hérons, Loutres"


@dataclass(frozen=True)
class RoomPlan:
    """What the form gives back: the set-up to record, the rules to play by, the link."""

    setup: SessionSetup
    config: RoomConfig
    linked_to: str | None


class RoomSetupScreen(SetupForm[RoomPlan]):
    """A form a facilitator fills in a minute; Entrée moves to the next field."""

    def __init__(
        self, deck: Deck, questions: int, earlier: list[tuple[str, str]], today: date
    ) -> None:
        super().__init__()
        self.deck = deck
        self.questions = questions
        self.earlier = earlier
        self.today = today

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup-form"):
            yield Static(
                Text.assemble(
                    ("Préparer une séance en salle : ", "bold"),
                    (f"« {self.deck.title} »", "bold"),
                    f" ({self.questions} questions, environ {self.deck.duration} min)",
                )
            )
            yield DeclarationFields(ROOM_KINDS, self.today)
            yield Static(Text("Déroulé", style="bold underline"), classes="section")
            yield self._row(
                "Façon de répondre",
                Select(
                    [(mode.label, mode.value) for mode in AnswerMode],
                    value=AnswerMode.TEAMS.value,
                    allow_blank=False,
                    id="mode",
                ),
            )
            yield self._row(
                "Équipes (1 à 8)",
                Input(DEFAULT_TEAMS, id="teams", placeholder="noms séparés par des virgules"),
            )
            yield self._row(
                "Minuteur (secondes)",
                Input(id="timer", type="integer", placeholder="aucun"),
            )
            with Horizontal(classes="form-row"):
                yield Label("", classes="form-label")
                yield Tick("Révéler tout seul quand le temps est écoulé", id="auto")
            with Horizontal(classes="form-row"):
                yield Label("", classes="form-label")
                yield Tick("Points à la rapidité (règle de Kahoot)", id="speed")
            yield self._row(
                "Classement",
                Select(
                    [
                        ("À la fin seulement", Ranking.END.value),
                        ("Entre les manches", Ranking.ROUNDS.value),
                    ],
                    value=Ranking.END.value,
                    allow_blank=False,
                    id="ranking",
                ),
            )
            yield self._row("Questions par manche", Input("5", id="round", type="integer"))
            yield self._row(
                "Comparer à une séance",
                Select(
                    self.earlier,
                    prompt="aucune (pas de comparaison avant / après)",
                    id="link",
                ),
            )
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Commencer (Ctrl+S)", id="start", variant="primary")
                yield Button("Annuler (Échap)", id="cancel")
        yield Footer()

    @staticmethod
    def _row(label: str, field: Widget) -> Horizontal:
        return row(label, field)

    def on_mount(self) -> None:
        super().on_mount()
        self.title = self.deck.title
        self.sub_title = "Séance en salle"
        self.query_one("#kind", Select).focus()

    @on(Select.Changed, "#mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        # Fields that do not apply are not shown: team names mean nothing in a vote.
        teams = event.value == AnswerMode.TEAMS.value
        for field in ("#teams", "#speed"):
            widget = self.query_one(field)
            widget.disabled = not teams
            assert widget.parent is not None
            widget.parent.display = teams

    def read(self) -> tuple[RoomPlan, SessionSetup]:
        plan = self.plan()
        return plan, plan.setup

    def _text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _value(self, field: str) -> str:
        value = self.query_one(f"#{field}", Select).value
        return "" if value is Select.NULL else str(value)

    def plan(self) -> RoomPlan:
        """Read the form; the first field in fault raises FormError with a French message."""
        setup = self.query_one(DeclarationFields).read()
        return RoomPlan(setup, self._config(), self._value("link") or None)

    def _config(self) -> RoomConfig:
        mode = AnswerMode(self._value("mode"))
        try:
            teams = (
                make_teams(split_team_names(self._text("teams")))
                if mode is AnswerMode.TEAMS
                else ()
            )
        except RoomError as exc:
            raise FormError("teams", f"Équipes : {exc}.") from None
        timer = int(self._text("timer")) if self._text("timer") else None
        rounds = self._text("round")
        try:
            return RoomConfig(
                mode=mode,
                teams=teams,
                timer=timer,
                auto_reveal=self.query_one("#auto", Checkbox).value,
                speed=mode is AnswerMode.TEAMS and self.query_one("#speed", Checkbox).value,
                ranking=Ranking(self._value("ranking")),
                round_size=int(rounds) if rounds else 5,
            )
        except RoomError as exc:
            field = "round" if "manche" in str(exc) else "timer"
            raise FormError(field, f"Déroulé : {exc}.") from None

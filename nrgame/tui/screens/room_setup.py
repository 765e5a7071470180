"""Preparing a room session: what it is, who is there, how the room answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Select, Static

from nrgame.core.content import AUDIENCE_LABELS, Audience, Deck
from nrgame.core.declare import DeclareError, parse_count, parse_partners
from nrgame.core.french import DateError, parse_day
from nrgame.core.room import (
    ROOM_KINDS,
    AnswerMode,
    Ranking,
    RoomConfig,
    RoomError,
    make_teams,
    split_team_names,
)
from nrgame.core.sessions import AudienceCount, SessionSetup

DEFAULT_TEAMS = "Castors, Hérons, Loutres"


@dataclass(frozen=True)
class RoomPlan:
    """What the form gives back: the set-up to record, the rules to play by, the link."""

    setup: SessionSetup
    config: RoomConfig
    linked_to: str | None


class Tick(Checkbox):
    """A checkbox whose mark tells its state (✔ or blank), not only its colour."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✔" if self.value else " "
        return super()._button


class FormError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class RoomSetupScreen(Screen[RoomPlan | None]):
    """A form a facilitator fills in a minute; Entrée moves to the next field."""

    CSS_PATH = "../room.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", "Commencer"),
        Binding("escape", "cancel", "Annuler"),
        Binding("f1", "app.help", "Aide"),
    ]

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
            yield Static(Text("La séance", style="bold underline"), classes="section")
            yield self._row(
                "Sorte de séance",
                Select(
                    [(kind.label, kind.value) for kind in ROOM_KINDS],
                    value=ROOM_KINDS[0].value,
                    allow_blank=False,
                    id="kind",
                ),
            )
            yield self._row(
                "Date", Input(self.today.strftime("%d/%m/%Y"), id="day", placeholder="jj/mm/aaaa")
            )
            yield self._row("Lieu", Input(id="place", placeholder="Salle du conseil"))
            yield self._row("Animation (facultatif)", Input(id="facilitator"))
            yield Static(
                Text("Public présent (pour le bilan de la loi REEN)", style="bold underline"),
                classes="section",
            )
            yield Static(
                Text(
                    "Un effectif par public ; cochez « estimé » si vous n'avez pas compté.",
                    style="italic",
                ),
                classes="hint",
            )
            for segment in Audience:
                with Horizontal(classes="form-row"):
                    yield Label(AUDIENCE_LABELS[segment].capitalize(), classes="form-label")
                    yield Input(id=f"n-{segment.value}", type="integer", classes="count")
                    yield Tick("estimé", id=f"e-{segment.value}")
            yield self._row(
                "Organisations partenaires",
                Input(
                    id="partners",
                    placeholder="Repair café (association); Lycée Jean-Moulin (établissement)",
                ),
            )
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
        return Horizontal(Label(label, classes="form-label"), field, classes="form-row")

    def on_mount(self) -> None:
        # One line per field: the whole form fits on a laptop screen.
        for field in self.query(Input):
            field.compact = True
        for choice in self.query(Select):
            choice.compact = True
        for box in self.query(Checkbox):
            box.compact = True
        self.title = self.deck.title
        self.sub_title = "Séance en salle"
        self.query_one("#kind", Select).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Select.Changed, "#mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        teams = event.value == AnswerMode.TEAMS.value
        self.query_one("#teams", Input).disabled = not teams
        self.query_one("#speed", Checkbox).disabled = not teams

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
            plan = self.plan()
        except FormError as exc:
            self.query_one("#form-error", Static).update(Text(f"⚠ {exc}", style="bold"))
            field = self.query_one(f"#{exc.field}")
            field.focus()
            field.scroll_visible()
            return
        self.dismiss(plan)

    def _text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _value(self, field: str) -> str:
        value = self.query_one(f"#{field}", Select).value
        return "" if value is Select.NULL else str(value)

    def plan(self) -> RoomPlan:
        """Read the form; the first field in fault raises FormError with a French message."""
        try:
            day = parse_day(self._text("day"))
        except DateError as exc:
            raise FormError("day", f"Date : {exc}.") from None
        audience: list[AudienceCount] = []
        for segment in Audience:
            raw = self._text(f"n-{segment.value}")
            if not raw:
                continue
            try:
                count = parse_count(raw, segment)
            except DeclareError as exc:
                raise FormError(f"n-{segment.value}", f"Public : {exc}.") from None
            estimated = self.query_one(f"#e-{segment.value}", Checkbox).value
            if count.count:
                audience.append(AudienceCount(segment, count.count, estimated))
        if not audience:
            raise FormError(
                "n-agents",
                "Public : indiquez au moins un effectif (cochez « estimé » si vous n'avez pas "
                "compté) ; c'est ce qui compte pour le bilan.",
            )
        try:
            partners = parse_partners(self._text("partners"))
        except DeclareError as exc:
            raise FormError("partners", f"Partenaires : {exc}.") from None
        setup = SessionSetup(
            kind=next(k for k in ROOM_KINDS if k.value == self._value("kind")),
            day=day,
            place=self._text("place"),
            facilitator=self._text("facilitator"),
            audience=audience,
            partners=partners,
        )
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

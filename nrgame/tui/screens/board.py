"""A board game on a projector: six tracks, resources, cards on offer, events, a turn log.

The screen holds a RecordedBoard and renders its game after every move. Keys: arrows to
choose a card, Entrée to commit it (or take it back), d for the whole card, p for the board
(tracks, indicators, objectives, log), g for the rules, v to confirm the turn, a to undo the
last confirmed turn, t for the next team (competitive mode), b for the debrief, Échap to
leave. Below 100 columns or 30 lines the screen is compact: the card list (cost, state) fills
it and the rest is one key away. A card can also be clicked twice (once to show it, once to
commit it); buttons do the rest on a larger screen.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Digits, Footer, Header, Static

from nrgame.core.board import EARLY, LATE, MATURITY, NO_BUDGET, NO_DAYS, OK, OVER, PREREQUISITE
from nrgame.core.board_game import FiredEvent, Game, MoveError
from nrgame.core.board_text import describe_effect
from nrgame.core.content import AXES, Figure, figure_text
from nrgame.core.french import format_number
from nrgame.core.scenario import MAX_LEVEL, Card, Scenario
from nrgame.tui.widgets.confirm import ConfirmDialog
from nrgame.usecases.open_store import StoreError
from nrgame.usecases.play_board import RecordedBoard

SHORT_REASONS = {
    PREREQUISITE: "✗ prérequis",
    MATURITY: "✗ maturité",
    NO_BUDGET: "✗ budget",
    NO_DAYS: "✗ jours",
    EARLY: "✗ trop tôt",
    LATE: "✗ trop tard",
    OVER: "✗ fin de partie",
}


def track(level: int) -> str:
    """« ●●○○  2/4 »: the level as marks and as a number, never as a colour alone."""
    return "●" * level + "○" * (MAX_LEVEL - level) + f"  {level}/{MAX_LEVEL}"


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def gauge(left: int, total: int, width: int = 16) -> str:
    """« ██████░░░░ »: what remains of a resource this turn."""
    filled = 0 if total <= 0 else round(width * max(0, min(left, total)) / total)
    return "█" * filled + "░" * (width - filled)


class EventDialog(ModalScreen[None]):
    """What happens to the authority at the start of a turn, read aloud to the table."""

    DEFAULT_CSS = """
    EventDialog { align: center middle; }
    EventDialog > #event-box {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    EventDialog #event-title { text-style: bold; margin-bottom: 1; }
    EventDialog .event-name { text-style: bold; margin-top: 1; }
    EventDialog #event-ok { margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "dismiss", "Continuer")]

    def __init__(self, scenario: Scenario, turn_label: str, events: list[FiredEvent]) -> None:
        super().__init__()
        self.scenario = scenario
        self.turn_label = turn_label
        self.events = events

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="event-box"):
            yield Static(Text(f"⚡ {self.turn_label} : ce qui arrive"), id="event-title")
            for fired in self.events:
                event = fired.event
                yield Static(Text(f"▸ {event.title}"), classes="event-name")
                yield Static(Text(event.text))
                effects = event.softened if fired.softened else event.effects
                if fired.softened:
                    names = ", ".join(f"« {c.title} »" for c in fired.softened_by)
                    yield Static(Text(f"✔ Grâce à {names}, l'effet est changé."))
                elif event.softened_by:
                    names = " ou ".join(
                        f"« {self.scenario.card(c).title} »" for c in event.softened_by
                    )
                    yield Static(
                        Text(f"✘ Non atténué : il l'aurait été avec {names} terminée ou en cours.")
                    )
                words = [describe_effect(self.scenario, e) for e in effects]
                yield Static(Text("Effet : " + (" ; ".join(words) if words else "aucun") + "."))
            yield Button("Continuer (Entrée)", id="event-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#event-ok", Button).focus()

    @on(Button.Pressed, "#event-ok")
    def _ok(self) -> None:
        self.dismiss(None)


class CardDialog(ModalScreen[bool]):
    """A whole card, read at the table: True if the facilitator commits (or takes it back)."""

    DEFAULT_CSS = """
    CardDialog { align: center middle; }
    CardDialog > #card-box {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CardDialog #card-text { height: auto; max-height: 80vh; }
    CardDialog #card-buttons { height: auto; }
    CardDialog Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Fermer"),
        Binding("d", "dismiss(False)", "Fermer", show=False),
        Binding("left", "app.focus_previous", "Bouton précédent", show=False),
        Binding("right", "app.focus_next", "Bouton suivant", show=False),
    ]

    def __init__(self, text: Text, toggle: str) -> None:
        super().__init__()
        self.text = text
        self.toggle = toggle

    def compose(self) -> ComposeResult:
        with Vertical(id="card-box"):
            with VerticalScroll(id="card-text"):
                yield Static(self.text)
            with Horizontal(id="card-buttons"):
                yield Button(self.toggle, id="card-toggle", variant="primary", compact=True)
                yield Button("Fermer (Échap)", id="card-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#card-close", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "card-toggle")


class PanelDialog(ModalScreen[None]):
    """The board's state in one scrolling page: tracks, indicators, objectives, the log."""

    DEFAULT_CSS = """
    PanelDialog { align: center middle; }
    PanelDialog > #panel-box {
        width: 100; max-width: 100%; height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PanelDialog .panel-title { text-style: bold reverse; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Fermer"),
        Binding("p", "dismiss", "Fermer", show=False),
    ]

    def __init__(self, title: str, parts: list[tuple[str, Text]]) -> None:
        super().__init__()
        self.heading = title
        self.parts = parts

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="panel-box"):
            yield Static(Text(self.heading, style="bold"))
            for title, text in self.parts:
                yield Static(Text(title), classes="panel-title")
                yield Static(text)
            yield Static(Text("Échap pour revenir aux cartes."))


HELP_KEYS = (
    ("↑ ↓", "choisir une carte (son détail s'affiche)"),
    ("Entrée ou double clic", "engager la carte choisie, ou la retirer si elle est engagée"),
    ("D", "la carte entière (effets, prérequis, chiffres clés)"),
    ("P", "le plateau : axes, indicateurs, actions en cours, objectifs, journal"),
    ("V", "valider le tour (après confirmation)"),
    ("R", "retirer la carte choisie (engagée ce tour-ci)"),
    ("A", "annuler le dernier tour validé (après confirmation)"),
    ("T", "équipe suivante (mode compétitif)"),
    ("G", "les règles du jeu et le scénario"),
    ("B", "le bilan : feuille de route, objectifs, exports"),
    ("Échap", "quitter la partie (reprise possible : rechoisir le scénario)"),
)
"""The keys of the board, for F1 and the rules screen."""


class BoardScreen(Screen[None]):
    """Holds a RecordedBoard and renders its game: the team's board, the cards, the log."""

    DEFAULT_CSS = """
    BoardScreen #status { height: 4; padding: 0 1; }
    BoardScreen #turn-box { width: 30; }
    BoardScreen #resources { width: 1fr; padding: 0 1; }
    BoardScreen #score-box { width: 24; }
    BoardScreen .caption { text-style: bold; }
    BoardScreen Digits { width: auto; }
    BoardScreen #main { height: 1fr; }
    BoardScreen #left { width: 32; padding: 0 1; }
    BoardScreen #middle { width: 1fr; }
    BoardScreen #cards { height: 1fr; min-height: 4; }
    BoardScreen #detail { height: 8; border-top: solid $primary; padding: 0 1; }
    BoardScreen .panel-title { text-style: bold reverse; }
    BoardScreen #buttons { height: 1; }
    BoardScreen #buttons Button { margin-right: 1; }
    BoardScreen.narrow #left { width: 28; }
    BoardScreen.narrow #buttons { display: none; }
    BoardScreen.compact #status { height: 2; }
    BoardScreen.compact #turn-box { width: 26; }
    BoardScreen.compact #score-box { width: 18; }
    BoardScreen.compact Digits { display: none; }
    BoardScreen.compact #left { display: none; }
    BoardScreen.compact #detail { height: 3; }
    BoardScreen.compact #buttons { display: none; }
    """

    BINDINGS = [
        Binding("v", "confirm_turn", "Valider"),
        Binding("d", "card", "Détail"),
        Binding("p", "panel", "Plateau"),
        Binding("g", "rules", "Règles"),
        Binding("b", "debrief", "Bilan"),
        Binding("r", "withdraw_card", "Retirer", show=False),
        Binding("a", "undo_turn", "Annuler un tour", show=False),
        Binding("t", "next_team", "Équipe suivante", show=False),
        Binding("escape", "leave", "Quitter la partie"),
    ]
    HELP_WHERE = "Plateau"
    HELP_KEYS = HELP_KEYS
    COMPACT_WIDTH = 100
    COMPACT_HEIGHT = 30
    FULL_WIDTH = 120

    def __init__(
        self, played: RecordedBoard, *, figures: Mapping[str, Figure] | None = None
    ) -> None:
        """Show a game started or resumed by the use case (it is on disk already)."""
        super().__init__()
        self.played = played
        self.scenario = played.game.scenario
        self.store = played.store
        self.clock = played.clock
        self.figures = figures
        self.team = 0
        self._width = 0

    @property
    def game(self) -> Game:
        return self.played.game

    @property
    def compact(self) -> bool:
        return self.has_class("compact")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="status"):
            with Vertical(id="turn-box"):
                yield Static(id="turn-caption", classes="caption")
                yield Digits(id="turn-digits")
            yield Static(id="resources")
            with Vertical(id="score-box"):
                yield Static(id="score-caption", classes="caption")
                yield Digits(id="score-digits")
        with Horizontal(id="main"):
            with VerticalScroll(id="left"):
                for key, title in PANELS:
                    yield Static(Text(title), classes="panel-title")
                    yield Static(id=key)
            with Vertical(id="middle"):
                yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="detail"):
                    yield Static(id="card-detail")
        with Horizontal(id="buttons"):
            yield Button("Engager / retirer (Entrée)", id="toggle", compact=True)
            yield Button("Valider le tour (v)", id="confirm", compact=True, variant="primary")
            yield Button("Annuler un tour (a)", id="undo", compact=True)
            if len(self.game.teams) > 1:
                yield Button("Équipe suivante (t)", id="team", compact=True)
            yield Button("Règles (g)", id="rules", compact=True)
            yield Button("Bilan (b)", id="debrief", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.scenario.title
        self.sub_title = f"graine {self.game.seed}"
        self._fit(self.app.size.width, self.app.size.height)
        self.refresh_board()
        self.query_one("#cards", DataTable).focus()
        if self.game.over:
            self.call_after_refresh(self.action_debrief)
        elif self.game.events_now():
            self.call_after_refresh(self._show_events)

    def on_resize(self, event: events.Resize) -> None:
        if self._fit(event.size.width, event.size.height):
            self.refresh_board()

    def _fit(self, width: int, height: int) -> bool:
        """Compact below 100 columns or 30 lines, no buttons below 120 columns; True if the
        layout must be drawn again."""
        changed = width != self._width
        self._width = width
        self.set_class(width < self.COMPACT_WIDTH or height < self.COMPACT_HEIGHT, "compact")
        self.set_class(width < self.FULL_WIDTH, "narrow")  # the footer has every button's key
        return changed

    # Rendering

    def turn_label(self, turn: int | None = None) -> str:
        turn = self.game.turn if turn is None else turn
        return f"{self.scenario.turns.unit.capitalize()} {turn}"

    def refresh_board(self) -> None:
        game = self.game
        board = game.board(self.team)
        s = self.scenario
        count = s.turns.count
        turn = min(game.turn, count)
        team = f" · {game.teams[self.team]}" if len(game.teams) > 1 else ""
        ends = s.turns.ends(turn).strftime("%d/%m/%Y")
        done = " · terminée" if game.over else ""
        caption = f"{self.turn_label(turn)} sur {count}{team}{done}"
        if self.compact:
            caption += f"\njusqu'au {ends}"
        self.query_one("#turn-caption", Static).update(Text(caption))
        self.query_one("#turn-digits", Digits).update(str(turn))
        committed_budget = sum(s.cards[i].cost.budget for i in board.committed)
        committed_days = sum(s.cards[i].cost.days for i in board.committed)
        budget_total = board.budget + committed_budget
        days_total = board.days + committed_days
        resources = Text()
        if self.compact:
            resources.append(f"Budget       {gauge(board.budget, budget_total, 6)} ")
            resources.append(f"{board.budget}/{budget_total} k€\n", style="bold")
            resources.append(f"Jours-agents {gauge(board.days, days_total, 6)} ")
            resources.append(f"{board.days}/{days_total}", style="bold")
        else:
            size = 16 if self._width >= 120 else 8
            resources.append(f"Ressources du tour (jusqu'au {ends})\n", style="bold")
            resources.append(
                f"Budget        {gauge(board.budget, budget_total, size)}  "
                f"{board.budget} k€ sur {budget_total}\n"
            )
            resources.append(
                f"Jours-agents  {gauge(board.days, days_total, size)}  "
                f"{board.days} sur {days_total}"
            )
        self.query_one("#resources", Static).update(resources)
        score = format_number(game.score(self.team))
        win = format_number(s.score.win)
        self.query_one("#score-caption", Static).update(
            Text(f"Score : {score}\ngagner : {win}" if self.compact else f"Score (gagner : {win})")
        )
        self.query_one("#score-digits", Digits).update(score)
        for key, text in self.panels():
            self.query_one(f"#{key}", Static).update(text)
        self._refresh_cards()

    def panels(self) -> list[tuple[str, Text]]:
        """The board's state as texts, by panel id: the left column and the p page."""
        game = self.game
        board = game.board(self.team)
        s = self.scenario
        axes = Text()
        for number, label in AXES.items():
            level = game.maturity(number, self.team)
            axes.append(f"{number}. {label}\n")
            axes.append(f"   {track(level)}\n", style="bold")
        indicators = Text()
        for indicator in s.indicators:
            value = format_number(round(game.value(indicator.id, self.team), 2))
            indicators.append(f"{indicator.label} : ")
            indicators.append(f"{value} {indicator.unit}\n", style="bold")
        if not s.indicators:
            indicators.append("Aucun.")
        running = Text()
        for card, left in game.running(self.team):
            pending = " (à valider)" if s.cards.index(card) in board.committed else ""
            turns = "tour" if left == 1 else "tours"
            running.append(f"⏳ {card.title}{pending} : encore {left} {turns}\n")
        if not game.running(self.team):
            running.append("Aucune.\n")
        objectives = Text()
        for objective in s.objectives:
            status = game.objective_status(objective, self.team)
            mark = {"atteint": "✔", "manqué": "✘"}.get(status, "…")
            must = " (obligatoire)" if objective.mandatory else ""
            objectives.append(f"{mark} {status} : ", style="bold")
            objectives.append(f"{objective.text}{must}\n")
        lines = [line for _, line in game.log(self.team)]
        log = Text("\n".join(lines) or "Rien encore.")
        return [
            ("axes", axes),
            ("indicators", indicators),
            ("running", running),
            ("objectives", objectives),
            ("log-lines", log),
        ]

    def _action_width(self) -> int:
        """What is left for the card titles once the other columns are drawn."""
        width = self._width - (0 if self.compact else 28 if self._width < self.FULL_WIDTH else 32)
        return max(16, min(60, width - 43))

    def _refresh_cards(self) -> None:
        table = self.query_one("#cards", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns("Axe", "Action", "k€", "Jours", "Tours", "État")
        board = self.game.board(self.team)
        width = self._action_width()
        for i, card in enumerate(self.scenario.cards):
            if i in board.committed:
                status = "★ engagée"
            elif board.finished[i]:
                status = "✔ terminée"
            elif board.started[i]:
                status = f"⏳ en cours ({board.remaining[i]})"
            else:
                code = board.why_not(i)
                status = "▶ possible" if code == OK else SHORT_REASONS[code]
            table.add_row(
                str(card.axis),
                Text(shorten(card.title, width)),
                str(card.cost.budget),
                str(card.cost.days),
                str(card.duration),
                status,
                key=card.id,
            )
        table.move_cursor(row=min(max(row, 0), len(self.scenario.cards) - 1))
        self._show_detail()

    def selected(self) -> Card:
        table = self.query_one("#cards", DataTable)
        return self.scenario.cards[max(table.cursor_row, 0)]

    def card_text(self, card: Card) -> Text:
        """Everything a card says, its reason if it cannot be committed now first."""
        s = self.scenario
        text = Text()
        text.append(f"{card.title}\n", style="bold")
        reason = self.game.reason(card.id, self.team)
        board = self.game.board(self.team)
        if reason is not None and not board.started[s.cards.index(card)]:
            text.append(f"Pas maintenant : {reason}\n", style="bold")
        turns = "tour" if card.duration == 1 else "tours"
        text.append(
            f"Axe {card.axis} ({AXES[card.axis]}) · porteur : {card.owner.label} · "
            f"{card.cost.budget} k€, {card.cost.days} jours-agents · {card.duration} {turns}\n"
        )
        text.append(f"{card.text}\n")
        effects = [describe_effect(s, e) for e in card.effects]
        if effects:
            text.append("Effets : " + " ; ".join(effects) + "\n")
        for synergy in card.synergies:
            other = s.card(synergy.card).title
            bonus = " ; ".join(describe_effect(s, e) for e in synergy.effects)
            why = f" ({synergy.text})" if synergy.text else ""
            text.append(f"Synergie avec « {other} »{why} : {bonus}\n")
        if card.requires:
            names = ", ".join(f"« {s.card(r).title} »" for r in card.requires)
            text.append(f"Prérequis : {names}\n")
        if card.window is not None:
            text.append(f"Possible du tour {card.window.first} au tour {card.window.last}\n")
        softens = [e.title for e in s.events if card.id in e.softened_by]
        if softens:
            text.append("Atténue : " + ", ".join(f"« {t} »" for t in softens) + "\n")
        text.append(f"Feuille de route : {card.measure} → {card.target}\n")
        for figure_id in card.figures:
            figure = (self.figures or {}).get(figure_id)
            text.append(f"Chiffre clé : {figure_text(figure) if figure else figure_id}\n")
        if card.link:
            text.append(f"Pour aller plus loin : {card.link}\n")
        return text

    def _show_detail(self) -> None:
        card = self.selected()
        text = self.card_text(card)
        if self.compact:
            text = text.copy()
            text.append("(D : la carte entière)", style="italic")
        self.query_one("#card-detail", Static).update(text)

    @on(DataTable.RowHighlighted, "#cards")
    def _highlighted(self) -> None:
        self._show_detail()

    # Moves

    @on(DataTable.RowSelected, "#cards")
    def _selected(self) -> None:
        self.action_toggle_card()

    def _toggle_label(self, card: Card) -> str:
        if self.scenario.cards.index(card) in self.game.board(self.team).committed:
            return "Retirer"
        return "Engager"

    def action_card(self) -> None:
        card = self.selected()
        self.app.push_screen(
            CardDialog(self.card_text(card), self._toggle_label(card)), self._card_closed
        )

    def _card_closed(self, toggle: bool | None) -> None:
        if toggle:
            self.action_toggle_card()

    def action_panel(self) -> None:
        titles = dict(PANELS)
        game = self.game
        team = f" · {game.teams[self.team]}" if len(game.teams) > 1 else ""
        turn = min(game.turn, self.scenario.turns.count)
        heading = f"Le plateau : {self.turn_label(turn).lower()} sur {self.scenario.turns.count}"
        self.app.push_screen(
            PanelDialog(heading + team, [(titles[key], text) for key, text in self.panels()])
        )

    def action_rules(self) -> None:
        from nrgame.tui.screens.rules import RulesScreen

        self.app.push_screen(RulesScreen(self.scenario))

    def action_toggle_card(self) -> None:
        card = self.selected()
        board = self.game.board(self.team)
        try:
            if self.scenario.cards.index(card) in board.committed:
                self.game.withdraw(card.id, self.team)
                self.notify(f"Retirée : {card.title}", timeout=2)
            else:
                self.game.play(card.id, self.team)
                self.notify(f"Engagée : {card.title}", timeout=2)
        except MoveError as exc:
            self.notify(f"Impossible : {exc}.", severity="warning", timeout=6)
            return
        self.refresh_board()

    def action_withdraw_card(self) -> None:
        card = self.selected()
        try:
            self.game.withdraw(card.id, self.team)
        except MoveError as exc:
            self.notify(f"Impossible : {exc}.", severity="warning", timeout=6)
            return
        self.notify(f"Retirée : {card.title}", timeout=2)
        self.refresh_board()

    def action_next_team(self) -> None:
        if len(self.game.teams) > 1:
            self.team = (self.team + 1) % len(self.game.teams)
            self.notify(f"Au tour de : {self.game.teams[self.team]}", timeout=3)
            self.refresh_board()

    def action_confirm_turn(self) -> None:
        game = self.game
        if game.over:
            self.action_debrief()
            return
        lines: list[str] = []
        for team, name in enumerate(game.teams):
            cards = [self.scenario.card(c).title for c in game.committed(team)]
            who = f"{name} : " if name else ""
            lines.append(who + (", ".join(f"« {t} »" for t in cards) or "aucune carte engagée"))
            board = game.board(team)
            if board.budget or board.days:
                lines.append(
                    f"   Non dépensé : {board.budget} k€ et {board.days} jours-agents"
                    + ("." if self.scenario.authority.resources.carry else " (perdus).")
                )
        question = f"Valider le tour {game.turn} ({self.turn_label().lower()}) ?"
        self.app.push_screen(
            ConfirmDialog(question, "\n".join(lines), "Valider", "Revenir"), self._confirmed
        )

    def _confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.played.confirm()
        except StoreError as exc:
            self.notify(f"Tour non validé : {exc}", severity="error", timeout=10)
            return
        self.team = 0
        self.refresh_board()
        if self.game.over:
            self.action_debrief()
        elif self.game.events_now():
            self._show_events()

    def _show_events(self) -> None:
        self.app.push_screen(
            EventDialog(self.scenario, self.turn_label(), self.game.events_now(self.team))
        )

    def action_undo_turn(self) -> None:
        if not self.game.history:
            self.notify("Aucun tour validé à annuler.", severity="warning", timeout=4)
            return
        last = len(self.game.history)
        self.app.push_screen(
            ConfirmDialog(
                f"Annuler le tour {last} ({self.turn_label(last).lower()}) ?",
                "On revient au début de ce tour : ses engagements et ceux du tour en cours sont "
                "retirés, et le tour est effacé de l'enregistrement.",
                "Annuler le tour",
                "Revenir",
            ),
            self._undone,
        )

    def _undone(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.played.undo()
        except (StoreError, MoveError) as exc:
            self.notify(f"Annulation impossible : {exc}", severity="error", timeout=10)
            return
        self.team = 0
        self.notify(f"Retour au début du tour {self.game.turn}.", timeout=4)
        self.refresh_board()

    def action_debrief(self) -> None:
        from nrgame.tui.screens.debrief import DebriefScreen

        screen = DebriefScreen(
            self.scenario, self.store, self.clock, self.played.session_id, game=self.game
        )
        if self.game.over:
            self.app.switch_screen(screen)
        else:
            self.app.push_screen(screen)

    def action_leave(self) -> None:
        if self.game.over:
            self.app.pop_screen()
            return
        self.app.push_screen(
            ConfirmDialog(
                "Quitter la partie ?",
                f"Elle est enregistrée jusqu'au dernier tour validé ({len(self.game.history)}) "
                "et pourra être reprise en choisissant à nouveau le scénario ; les engagements "
                "non validés seront perdus.",
                "Quitter",
                "Revenir",
            ),
            self._left,
        )

    def _left(self, yes: bool | None) -> None:
        if yes:
            self.app.pop_screen()

    @on(Button.Pressed, "#buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        actions = {
            "toggle": self.action_toggle_card,
            "confirm": self.action_confirm_turn,
            "undo": self.action_undo_turn,
            "team": self.action_next_team,
            "rules": self.action_rules,
            "debrief": self.action_debrief,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()


PANELS = (
    ("axes", "Axes de la stratégie"),
    ("indicators", "Indicateurs du jeu"),
    ("running", "Actions en cours"),
    ("objectives", "Objectifs"),
    ("log-lines", "Journal"),
)

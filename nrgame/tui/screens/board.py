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
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Digits, Footer, Header, Static

from nrgame.core.board import OK
from nrgame.core.board_game import Game, MoveError
from nrgame.core.content import Figure
from nrgame.core.french import format_number
from nrgame.core.scenario import Card
from nrgame.tui.commands import BOARD, bindings
from nrgame.tui.widgets.board import (
    SHORT_REASONS,
    CardDialog,
    EventDialog,
    PanelDialog,
    card_text,
    gauge,
    panels,
    shorten,
)
from nrgame.tui.widgets.confirm import ConfirmDialog
from nrgame.usecases.open_store import StoreError
from nrgame.usecases.play_board import RecordedBoard


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

    BINDINGS = bindings(BOARD)
    KEYS = BOARD
    HELP_WHERE = "Plateau"
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
        for key, text in panels(self.game, self.team):
            self.query_one(f"#{key}", Static).update(text)
        self._refresh_cards()

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

    def _show_detail(self) -> None:
        card = self.selected()
        text = card_text(self.game, self.team, card, self.figures)
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
            CardDialog(
                card_text(self.game, self.team, card, self.figures), self._toggle_label(card)
            ),
            self._card_closed,
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
            PanelDialog(
                heading + team, [(titles[key], text) for key, text in panels(self.game, self.team)]
            )
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

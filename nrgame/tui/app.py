"""The terminal app: wires screens, global keys, the command palette and the store.

Only the home screen is imported up front; the others (and the widgets they pull in) load
when first shown, which shortens the start-up (see docs/performance.md).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen

from nrgame.core.catalog import Catalog
from nrgame.recording import (
    RecordedQuiz,
    RecordedRoom,
    ResumeError,
    is_room,
    unfinished_sessions,
)
from nrgame.storage import room as room_store
from nrgame.storage.board import BoardResumeError, turns_of, unfinished_boards
from nrgame.storage.store import SessionRecord, Store, StoreError
from nrgame.tui.screens.home import DeckChosen, HomeScreen, RoomChosen, ScenarioChosen

if TYPE_CHECKING:
    from nrgame.core.sessions import SessionSetup
    from nrgame.tui.screens.room_setup import RoomPlan


class DeckCommands(Provider):
    """One palette entry per deck: « Jouer : Comité de lancement »."""

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, NrgameApp)
        matcher = self.matcher(query)
        for deck in app.catalog.decks.values():
            label = f"Jouer : {deck.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    highlight_plain(matcher, label),
                    partial(app.start_deck, deck.id),
                    text=label,
                    help=plain_markup(deck.description),
                )
            label = f"Animer en salle : {deck.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    highlight_plain(matcher, label),
                    partial(app.prepare_room, deck.id),
                    text=label,
                    help="équipes ou vote à main levée, au rythme de l'animateur",
                )


def highlight_plain(matcher: Matcher, label: str) -> Content:
    """Matcher.highlight, without reading the label as markup: content may hold `[…]`."""
    content = Content(label)
    _, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def plain_markup(text: str) -> str:
    """Text the palette reads as markup (a hit's help), shown as written: every « [ » is
    escaped. Textual's escape() leaves `[$text]` or `[B]` to be read as markup."""
    return text.replace("[", "\\[")


P = ParamSpec("P")


def storage_faults_said(
    method: Callable[Concatenate[NrgameApp, P], None],
) -> Callable[Concatenate[NrgameApp, P], None]:
    """A storage fault in an app-level handler is said in a notification. Uncaught, it would
    stop the app's own message loop, and with it the whole app."""

    @functools.wraps(method)
    def guarded(app: NrgameApp, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            method(app, *args, **kwargs)
        except StoreError as exc:
            app.notify(str(exc), severity="error", timeout=15)

    return guarded


class NrgameApp(App[None]):
    TITLE = "nrgame"
    CSS_PATH = "nrgame.tcss"
    COMMANDS = App.COMMANDS | {DeckCommands}
    BINDINGS = [
        Binding("f1", "help", "Aide"),
        Binding("ctrl+q", "quit", "Quitter", priority=True),
    ]

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.clock = clock

    def _handle_exception(self, error: Exception) -> None:
        # Last resort: a storage fault that a screen did not expect (a base damaged while the
        # app runs, a disk gone) is said in a notification; that screen has stopped, so it is
        # closed and the app goes on with the one before. App-level handlers catch their own
        # (storage_faults_said): the app's loop must never stop on one.
        if isinstance(error, StoreError) and len(self.screen_stack) > 1:
            self.notify(str(error), severity="error", timeout=15)
            self.call_later(self.pop_screen)  # that screen stopped; back to the one before
            return
        super()._handle_exception(error)

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.catalog))
        self._offer_resume()

    @storage_faults_said
    def _offer_resume(self) -> None:
        from nrgame.tui.screens.resume import ResumeDialog

        unfinished = unfinished_sessions(self.store)
        if unfinished and is_room(unfinished[0]):
            record = unfinished[0]
            touched = {a.position for a in self.store.answers(record.id)}
            done = len(touched | set(room_store.load_states(self.store, record.id)))
            self.push_screen(
                ResumeDialog(record, done, what="séance", unit="question"),
                partial(self._resume_chosen, record),
            )
            return
        if unfinished:
            record = unfinished[0]
            answered = len(self.store.answers(record.id))
            self.push_screen(ResumeDialog(record, answered), partial(self._resume_chosen, record))
            return
        boards = unfinished_boards(self.store)
        if boards and boards[0].meta.get("scenario") in self.catalog.scenarios:
            record = boards[0]
            turns = len(turns_of(self.store, record.id))
            self.push_screen(
                ResumeDialog(record, turns, what="partie", unit="tour"),
                partial(self._resume_board, record),
            )

    @storage_faults_said
    def _resume_board(self, record: SessionRecord, choice: str | None) -> None:
        from nrgame.tui.screens.board import BoardScreen

        if choice == "resume":
            scenario = self.catalog.scenarios[str(record.meta["scenario"])]
            try:
                screen = BoardScreen(
                    scenario, self.store, self.clock, resume=record, figures=self.catalog.figures
                )
            except (BoardResumeError, StoreError) as exc:
                self.notify(f"Reprise impossible : {exc}.", severity="error")
                return
            self.push_screen(screen)
        elif choice == "abandon":
            self.store.finish_session(record.id, self.clock(), "abandonnee")
            self.notify("Partie abandonnée ; ses tours restent enregistrés.")
        elif choice == "new":
            self._board_form(str(record.meta["scenario"]))

    @on(ScenarioChosen)
    @storage_faults_said
    def _scenario_chosen(self, event: ScenarioChosen) -> None:
        """A game of this scenario left unfinished is offered first, never started over."""
        from nrgame.tui.screens.resume import ResumeDialog

        left = [
            r for r in unfinished_boards(self.store) if r.meta.get("scenario") == event.scenario_id
        ]
        if not left:
            self._board_form(event.scenario_id)
            return
        turns = len(turns_of(self.store, left[0].id))
        dialog = ResumeDialog(left[0], turns, what="partie", unit="tour", fresh=True)
        self.push_screen(dialog, partial(self._resume_board, left[0]))

    def _board_form(self, scenario_id: str) -> None:
        from nrgame.tui.screens.board_setup import BoardSetupScreen

        scenario = self.catalog.scenarios[scenario_id]
        form = BoardSetupScreen(scenario, self.clock().date())
        self.push_screen(form, partial(self._start_board, scenario.id))

    @storage_faults_said
    def _start_board(self, scenario_id: str, setup: SessionSetup | None) -> None:
        from nrgame.tui.screens.board import BoardScreen

        if setup is None:
            return
        scenario = self.catalog.scenarios[scenario_id]
        try:
            screen = BoardScreen(
                scenario, self.store, self.clock, figures=self.catalog.figures, setup=setup
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.push_screen(screen)

    @storage_faults_said
    def _resume_chosen(self, record: SessionRecord, choice: str | None) -> None:
        from nrgame.tui.screens.quiz import QuizScreen

        if choice == "resume" and is_room(record):
            self._resume_room(record)
        elif choice == "resume":
            try:
                played = RecordedQuiz.resume(self.store, self.catalog, record, self.clock)
            except ResumeError as exc:
                self.notify(f"Reprise impossible : {exc}.", severity="error")
                return
            self.push_screen(QuizScreen(played, self.catalog))
        elif choice == "abandon":
            self.store.finish_session(record.id, self.clock(), "abandonnee")
            self.notify("Série abandonnée ; ses réponses restent dans les résultats.")

    @on(DeckChosen)
    def _deck_chosen(self, event: DeckChosen) -> None:
        self.start_deck(event.deck_id)

    def start_deck(self, deck_id: str) -> None:
        from nrgame.tui.screens.quiz import QuizScreen

        try:
            played = RecordedQuiz.start(self.store, self.catalog, deck_id, self.clock)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.push_screen(QuizScreen(played, self.catalog))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications are always plain text, whatever the caller says (Widget.notify asks
        for markup by default): they quote content, paths and errors, which may hold `[…]`."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own entries are in English; the app offers its own, in French.
        yield SystemCommand(
            "Autoformation", "Séance du jour, progression, test final", self.action_training
        )
        yield SystemCommand(
            "Séances enregistrées", "Consulter, corriger, supprimer", self.action_records
        )
        yield SystemCommand(
            "Indicateurs", "Actions, personnes sensibilisées, certifiées", self.action_dashboard
        )
        yield SystemCommand("Aide", "Les touches de l'application", self.action_help)
        yield SystemCommand("Thème", "Changer les couleurs", self.action_change_theme)
        yield SystemCommand("Quitter", "Fermer nrgame (tout est enregistré)", self.action_quit)

    def action_command_palette(self) -> None:
        # App is invariant in its return type; is_open only reads the screen stack.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder="Chercher une commande…")
            )

    @storage_faults_said
    def action_records(self) -> None:
        from nrgame.tui.screens.records import RecordsScreen

        self.push_screen(RecordsScreen(self.store, self.catalog, self.clock))

    @storage_faults_said
    def action_dashboard(self) -> None:
        from nrgame.tui.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen(self.store, self.catalog))

    @storage_faults_said
    def action_training(self) -> None:
        """Self-training: pick a learner, then their day's session, progress and final test."""
        from nrgame.tui.screens.learners import LearnerScreen

        self.push_screen(LearnerScreen(self.catalog, self.store, self.clock))

    # Room sessions: set-up form, presenter view, resume, minutes delivered as a file.

    @on(RoomChosen)
    def _room_chosen(self, event: RoomChosen) -> None:
        self.prepare_room(event.deck_id)

    @storage_faults_said
    def prepare_room(self, deck_id: str) -> None:
        from nrgame.tui.screens.room_setup import RoomSetupScreen

        earlier = [
            (room_store.session_label(self.store, record), record.id)
            for record in room_store.earlier_sessions(self.store)
        ]
        form = RoomSetupScreen(
            self.catalog.decks[deck_id],
            len(self.catalog.deck_questions(deck_id)),
            earlier,
            self.clock().date(),
        )
        self.push_screen(form, partial(self._start_room, deck_id))

    def _start_room(self, deck_id: str, plan: RoomPlan | None) -> None:
        from nrgame.tui.screens.room import RoomScreen

        if plan is None:
            return
        try:
            played = RecordedRoom.start(
                self.store,
                self.catalog,
                deck_id,
                self.clock,
                plan.setup,
                plan.config,
                plan.linked_to,
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.push_screen(RoomScreen(played, self.catalog))

    def _resume_room(self, record: SessionRecord) -> None:
        from nrgame.tui.screens.room import RoomScreen

        try:
            played = RecordedRoom.resume(self.store, self.catalog, record, self.clock)
        except ResumeError as exc:
            self.notify(f"Reprise impossible : {exc}.", severity="error")
            return
        self.push_screen(RoomScreen(played, self.catalog))

    @on(events.DeliveryComplete)
    def _delivered(self, event: events.DeliveryComplete) -> None:
        if event.name != "screenshot":
            self.notify(f"Fichier enregistré : {event.path}", timeout=10)

    @on(events.DeliveryFailed)
    def _not_delivered(self, event: events.DeliveryFailed) -> None:
        if event.name != "screenshot":
            self.notify(f"Fichier non enregistré : {event.exception}", severity="error", timeout=10)

    def action_help(self) -> None:
        from nrgame.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            keys = getattr(self.screen, "HELP_KEYS", ())
            self.push_screen(HelpScreen(getattr(self.screen, "HELP_WHERE", ""), keys))

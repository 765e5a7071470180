"""The terminal app: wires screens, global keys, the command palette and the store.

Only the home screen is imported up front; the others (and the widgets they pull in) load
when first shown, which shortens the start-up (see docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual import events, on
from textual.app import App, SystemCommand
from textual.command import CommandPalette, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen

from nrgame.tui import launch
from nrgame.tui.commands import EVERYWHERE, PALETTE, bindings, help_rows
from nrgame.tui.host import Host
from nrgame.tui.launch import storage_faults_said
from nrgame.tui.modes import allows, allows_decks
from nrgame.tui.screens.home import DeckChosen, HomeScreen, RoomChosen, ScenarioChosen
from nrgame.usecases.open_store import StoreError


class DeckCommands(Provider):
    """One palette entry per deck: « Jouer : Comité de lancement »."""

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, NrgameApp)
        if not allows_decks(app.mode):
            return
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


class NrgameApp(Host):
    TITLE = "nrgame"
    CSS_PATH = "nrgame.tcss"
    COMMANDS = App.COMMANDS | {DeckCommands}
    BINDINGS = bindings(EVERYWHERE)

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
        if self.mode == "agent":
            # An agent only trains: the alias is asked first, and that screen is the bottom.
            self.action_training()
            return
        self.push_screen(HomeScreen(self.catalog))
        launch.offer_resume(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In agent mode the alias screen is the bottom one: nothing to go back to below it.
        bottom = self.mode == "agent" and action == "pop_screen" and len(self.screen_stack) <= 2
        return allows(self.mode, action) and not bottom

    @on(ScenarioChosen)
    def _scenario_chosen(self, event: ScenarioChosen) -> None:
        launch.scenario_chosen(self, event.scenario_id)

    @on(DeckChosen)
    def _deck_chosen(self, event: DeckChosen) -> None:
        self.start_deck(event.deck_id)

    def start_deck(self, deck_id: str) -> None:
        launch.deck_chosen(self, deck_id)

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
        for command in PALETTE:
            action = command.action.removeprefix("app.")
            if allows(self.mode, action):
                yield SystemCommand(
                    command.label, command.palette, getattr(self, f"action_{action}")
                )

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
    def action_training(self, instead: bool = False) -> None:
        """Self-training: pick a learner, then their day's session, progress and final test.

        `instead`: the list replaces the screen shown (a learner's page, to switch learner).
        """
        from nrgame.tui.screens.learners import LearnerScreen

        screen = LearnerScreen(self.catalog, self.store, self.clock)
        if instead:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @on(RoomChosen)
    def _room_chosen(self, event: RoomChosen) -> None:
        self.prepare_room(event.deck_id)

    def prepare_room(self, deck_id: str) -> None:
        launch.room_form(self, deck_id)

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
            keys = help_rows(getattr(self.screen, "KEYS", ()))
            self.push_screen(HelpScreen(getattr(self.screen, "HELP_WHERE", ""), keys))

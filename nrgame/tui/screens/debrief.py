"""The debrief: the roadmap the team built, objectives met or missed, questions, exports.

One row per action started: axis, action, start and due dates counted from the day the game
was played, owner, means, indicator, target and status « à lancer ». x exports it as
Markdown, CSV (semicolons, UTF-8 with a byte-order mark, for French Excel) and ODT to a path
the facilitator types, from a start date the facilitator may change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from nrgame.core.board_game import Game
from nrgame.core.french import DateError, long_date, parse_day, plural
from nrgame.core.scenario import Scenario
from nrgame.core.sessions import Clock
from nrgame.reports.roadmap import (
    GAME_NUMBERS_NOTE,
    Line,
    export_paths,
    result_text,
    roadmap_lines,
    write_exports,
)
from nrgame.tui.commands import DEBRIEF, bindings
from nrgame.tui.widgets.board import shorten
from nrgame.usecases.open_store import Store, StoreError
from nrgame.usecases.play_board import RecordedBoard


class ExportDialog(ModalScreen[tuple[Path, date] | None]):
    """Asks where to write the roadmap (.md, .csv and .odt) and from which day to date it."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > #export-box {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ExportDialog #export-title { text-style: bold; margin-bottom: 1; }
    ExportDialog #export-buttons { height: auto; margin-top: 1; }
    ExportDialog Button { margin-right: 2; }
    ExportDialog #export-error { color: $error; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Revenir")]

    def __init__(self, default: Path, start: date, unit: str) -> None:
        super().__init__()
        self.default = default
        self.start = start
        self.unit = unit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export-box"):
            yield Static(Text("Exporter la feuille de route"), id="export-title")
            yield Static(
                Text(
                    "Chemin du fichier, sans extension : la feuille de route est écrite en "
                    "Markdown (.md, pour le compte rendu), en CSV (.csv, pour Excel) et en "
                    "ODT (.odt, pour un traitement de texte)."
                )
            )
            yield Input(str(self.default), id="export-path")
            yield Static(
                Text(
                    "Début de la feuille de route (jj/mm/aaaa) : les dates des actions en "
                    "partent, un tour du jeu valant un "
                    f"{self.unit}."
                )
            )
            yield Input(self.start.strftime("%d/%m/%Y"), id="export-start")
            yield Static("", id="export-error", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Exporter (Entrée)", id="export-ok", variant="primary")
                yield Button("Revenir (Échap)", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._done()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self._done()
        else:
            self.dismiss(None)

    def _done(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        try:
            start = parse_day(self.query_one("#export-start", Input).value)
        except DateError as exc:
            self.query_one("#export-error", Static).update(f"Début : {exc}.")
            self.query_one("#export-start", Input).focus()
            return
        self.dismiss((Path(text).expanduser(), start) if text else None)


class DebriefScreen(Screen[None]):
    """Renders the roadmap of a recorded game, and exports it."""

    DEFAULT_CSS = """
    DebriefScreen #debrief-head { height: auto; padding: 0 1; }
    DebriefScreen #result { text-style: bold; }
    DebriefScreen #roadmap { height: 1fr; min-height: 8; }
    DebriefScreen #row-detail { height: 4; padding: 0 1; border-top: solid $primary; }
    DebriefScreen #bottom { height: 14; }
    DebriefScreen.compact #bottom { height: 6; }
    DebriefScreen.compact #roadmap { min-height: 5; }
    DebriefScreen.compact #row-detail { height: 4; }
    DebriefScreen.compact #debrief-buttons { display: none; }
    DebriefScreen #objectives-box { width: 1fr; padding: 0 1; }
    DebriefScreen #questions-box { width: 1fr; padding: 0 1; }
    DebriefScreen .panel-title { text-style: bold reverse; }
    DebriefScreen #debrief-buttons { height: 1; }
    DebriefScreen #debrief-buttons Button { margin-right: 1; }
    """

    BINDINGS = bindings(DEBRIEF)
    KEYS = DEBRIEF
    HELP_WHERE = "Bilan"

    def __init__(
        self,
        scenario: Scenario,
        store: Store,
        clock: Clock,
        session_id: str,
        *,
        game: Game | None = None,
    ) -> None:
        """The debrief of a recorded game, rebuilt from the store unless `game` is given."""
        super().__init__()
        self.scenario = scenario
        self.store = store
        self.clock = clock
        self.session_id = session_id
        record = store.session(session_id)
        if game is None:
            if record is None:
                raise StoreError(f"la partie {session_id} n'existe pas dans la base")
            game = RecordedBoard.resume(store, scenario, record, clock).game
        self.game = game
        self.played_on = record.started_at.date() if record else clock().date()
        self.lines: list[Line] = roadmap_lines(game, self.played_on)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="debrief-head"):
            yield Static(id="result")
            yield Static(id="facts")
        yield DataTable(id="roadmap", cursor_type="row", zebra_stripes=True)
        yield Static(id="row-detail")
        with Horizontal(id="bottom"):
            with VerticalScroll(id="objectives-box"):
                yield Static(Text("Objectifs"), classes="panel-title")
                yield Static(id="objectives")
            with VerticalScroll(id="questions-box"):
                yield Static(Text("Questions pour le débriefing"), classes="panel-title")
                yield Static(id="questions")
        with Horizontal(id="debrief-buttons"):
            yield Button("Exporter (x)", id="export", compact=True, variant="primary")
            yield Button("Fermer (Échap)", id="close", compact=True)
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < 30, "compact")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 30, "compact")
        s = self.scenario
        game = self.game
        self.title = f"Bilan : {s.title}"
        self.sub_title = f"graine {game.seed}"
        results = []
        for team, name in enumerate(game.teams):
            prefix = f"{name} : " if name else ""
            results.append(prefix + result_text(game, team) + ".")
        self.query_one("#result", Static).update(Text("\n".join(results)))
        note = (
            GAME_NUMBERS_NOTE
            if self.app.size.height >= 30
            else "Les nombres du jeu ne sont pas des indicateurs réels."
        )
        self.query_one("#facts", Static).update(
            Text(f"La feuille de route construite : {plural(len(self.lines), 'action')}. " + note)
        )
        table = self.query_one("#roadmap", DataTable)
        # Below 120 columns the owner is left to the detail line, so the rest fits.
        wide = self.app.size.width >= 120
        columns = ["Axe", "Action", "Début", "Échéance", "Porteur", "k€", "Jours", "Statut"]
        if not wide:
            columns.remove("Porteur")
        if len(game.teams) > 1:
            columns.insert(0, "Équipe")
        table.add_columns(*columns)
        title_width = 40 if wide else max(16, self.app.size.width - 53)
        for n, line in enumerate(self.lines):
            cells: list[str | Text] = [
                line.axis.split(".")[0],
                Text(shorten(line.action, title_width)),
                line.start.strftime("%d/%m/%Y"),
                line.due.strftime("%d/%m/%Y"),
                Text(shorten(line.owner, 22)),
                str(line.budget),
                str(line.days),
                line.status,
            ]
            if not wide:
                del cells[4]
            if len(game.teams) > 1:
                cells.insert(0, Text(line.team))
            table.add_row(*cells, key=str(n))
        objectives = Text()
        for team, name in enumerate(game.teams):
            if name:
                objectives.append(f"{name}\n", style="bold")
            for objective in s.objectives:
                status = game.objective_status(objective, team)
                mark = {"atteint": "✔", "manqué": "✘"}.get(status, "…")
                must = " (obligatoire)" if objective.mandatory else ""
                objectives.append(f"{mark} {status} : ", style="bold")
                objectives.append(f"{objective.text}{must}\n")
        self.query_one("#objectives", Static).update(objectives)
        questions = Text()
        for n, question in enumerate(s.debrief, start=1):
            questions.append(f"{n}. {question}\n")
        self.query_one("#questions", Static).update(questions)
        self._show_row()
        table.focus()

    @on(DataTable.RowHighlighted, "#roadmap")
    def _show_row(self) -> None:
        detail = self.query_one("#row-detail", Static)
        if not self.lines:
            detail.update(Text("Aucune action engagée : la feuille de route est vide."))
            return
        table = self.query_one("#roadmap", DataTable)
        line = self.lines[max(table.cursor_row, 0)]
        detail.update(
            Text(
                f"{line.action} — du {long_date(line.start)} au {long_date(line.due)} ; "
                f"porteur : {line.owner} ; indicateur : {line.measure} ; cible : {line.target}"
            )
        )

    def default_path(self) -> Path:
        day = self.clock().date().isoformat()
        return Path.cwd() / f"feuille-de-route-{self.scenario.id}-{day}"

    def action_export(self) -> None:
        self.app.push_screen(
            ExportDialog(self.default_path(), self.played_on, self.scenario.turns.unit),
            self._export_to,
        )

    def _export_to(self, chosen: tuple[Path, date] | None) -> None:
        if chosen is None:
            return
        path, start = chosen
        markdown, table, text = export_paths(path)
        try:
            write_exports(self.game, path, self.played_on, start)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.notify(f"Écriture impossible dans {path.parent} ({reason}).", severity="error")
            return
        self.notify(f"Écrit : {markdown}, {table} et {text}", timeout=8)

    def action_rules(self) -> None:
        from nrgame.tui.screens.rules import RulesScreen

        self.app.push_screen(RulesScreen(self.scenario))

    def action_leave(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#debrief-buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_leave()

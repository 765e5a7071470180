"""The debrief: the roadmap the team built, objectives met or missed, questions, exports.

One row per action started: axis, action, due date (the end of the turn it finishes), owner,
means, indicator and target. x exports it as Markdown and CSV (semicolons, UTF-8 with a
byte-order mark, for French Excel) to a path the facilitator types.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from nrgame.core.board import Game
from nrgame.core.french import long_date, plural
from nrgame.core.scenario import Scenario
from nrgame.reports.roadmap import (
    GAME_NUMBERS_NOTE,
    Line,
    export_paths,
    result_text,
    roadmap_lines,
    write_exports,
)
from nrgame.storage.board import RecordedBoard
from nrgame.storage.sqlite import SqliteStore, StoreError
from nrgame.tui.screens.board import shorten

Clock = Callable[[], datetime]


class ExportDialog(ModalScreen[Path | None]):
    """Asks where to write the roadmap; both .md and .csv are written there."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > #export-box {
        width: 90; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    ExportDialog #export-title { text-style: bold; margin-bottom: 1; }
    ExportDialog #export-buttons { height: auto; margin-top: 1; }
    ExportDialog Button { margin-right: 2; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Revenir")]

    def __init__(self, default: Path) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text("Exporter la feuille de route"), id="export-title")
            yield Static(
                Text(
                    "Chemin du fichier, sans extension : la feuille de route est écrite en "
                    "Markdown (.md, pour le compte rendu) et en CSV (.csv, pour Excel)."
                )
            )
            yield Input(str(self.default), id="export-path")
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
        self.dismiss(Path(text).expanduser() if text else None)


class DebriefScreen(Screen[None]):
    """Renders the roadmap of a recorded game, and exports it."""

    DEFAULT_CSS = """
    DebriefScreen #debrief-head { height: auto; padding: 0 1; }
    DebriefScreen #result { text-style: bold; }
    DebriefScreen #roadmap { height: 1fr; min-height: 8; }
    DebriefScreen #row-detail { height: 3; padding: 0 1; border-top: solid $primary; }
    DebriefScreen #bottom { height: 14; }
    DebriefScreen #objectives-box { width: 1fr; padding: 0 1; }
    DebriefScreen #questions-box { width: 1fr; padding: 0 1; }
    DebriefScreen .panel-title { text-style: bold reverse; }
    DebriefScreen #debrief-buttons { height: 1; }
    DebriefScreen #debrief-buttons Button { margin-right: 1; }
    """

    BINDINGS = [
        Binding("x", "export", "Exporter"),
        Binding("escape", "leave", "Fermer le bilan"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        store: SqliteStore,
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
        if game is None:
            record = store.session(session_id)
            if record is None:
                raise StoreError(f"la partie {session_id} n'existe pas dans la base")
            game = RecordedBoard.resume(store, scenario, record, clock).game
        self.game = game
        self.lines: list[Line] = roadmap_lines(game)

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

    def on_mount(self) -> None:
        s = self.scenario
        game = self.game
        self.title = f"Bilan : {s.title}"
        self.sub_title = f"graine {game.seed}"
        results = []
        for team, name in enumerate(game.teams):
            prefix = f"{name} : " if name else ""
            results.append(prefix + result_text(game, team) + ".")
        self.query_one("#result", Static).update(Text("\n".join(results)))
        self.query_one("#facts", Static).update(
            Text(
                f"La feuille de route construite : {plural(len(self.lines), 'action')}. "
                + GAME_NUMBERS_NOTE
            )
        )
        table = self.query_one("#roadmap", DataTable)
        columns = ["Axe", "Action", "Échéance", "Porteur", "k€", "Jours", "État"]
        if len(game.teams) > 1:
            columns.insert(0, "Équipe")
        table.add_columns(*columns)
        for n, line in enumerate(self.lines):
            cells: list[str | Text] = [
                line.axis.split(".")[0],
                Text(shorten(line.action, 46)),
                long_date(line.due),
                Text(shorten(line.owner, 22)),
                str(line.budget),
                str(line.days),
                line.status,
            ]
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
                f"{line.action} — axe {line.axis} ; indicateur : {line.measure} ; "
                f"cible : {line.target}"
            )
        )

    def default_path(self) -> Path:
        day = self.clock().date().isoformat()
        return Path.cwd() / f"feuille-de-route-{self.scenario.id}-{day}"

    def action_export(self) -> None:
        self.app.push_screen(ExportDialog(self.default_path()), self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None:
            return
        markdown, table = export_paths(path)
        try:
            write_exports(self.game, path, self.clock().date())
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.notify(f"Écriture impossible dans {path.parent} ({reason}).", severity="error")
            return
        self.notify(f"Écrit : {markdown} et {table}", timeout=8)

    def action_leave(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#debrief-buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_leave()

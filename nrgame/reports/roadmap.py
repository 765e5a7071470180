"""The roadmap a board game built, to paste into the real one: Markdown (minutes), CSV (for
French Excel) and ODT (to print or edit in a word processor).

One row per action started: axis, action, start and due dates, owner role, a blank for the
person in charge, means (budget, agent-days) and a blank for the means granted, the
indicator to follow and the target, status « à lancer ». Dates count from the day the game
is played (or the start date the facilitator gives): a turn of the game is one of its units
(a semester, a week…) from that day, so no deadline is already past. Then the objectives
met or missed, the events and the debrief questions.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from odf.opendocument import OpenDocumentText
from odf.style import (
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    Style,
    TableCellProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, P

from nrgame.core.board_game import Game, RoadmapRow
from nrgame.core.content import AXES
from nrgame.core.files import write_atomic
from nrgame.core.french import format_number, long_date

GAME_NUMBERS_NOTE = (
    "Les nombres du jeu (agents et habitants « touchés », émissions évitées…) ne sont pas des "
    "indicateurs réels : seule la séance elle-même (qui a joué, combien, quel public) compte "
    "dans le bilan annuel."
)
TO_LAUNCH = "à lancer"
HEADER = [
    "Axe",
    "Action",
    "Début",
    "Échéance",
    "Porteur",
    "Responsable",
    "Budget (k€)",
    "Jours-agents",
    "Moyens alloués",
    "Indicateur",
    "Cible",
    "Statut",
]
"""« Responsable » and « Moyens alloués » are left blank, for the real roadmap to fill in."""


@dataclass(frozen=True)
class Line:
    """A roadmap row in words, shared by the screen and every export."""

    team: str
    axis: str
    action: str
    start: date
    due: date
    owner: str
    budget: int
    days: int
    measure: str
    target: str
    status: str = TO_LAUNCH


def roadmap_lines(game: Game, start: date) -> list[Line]:
    """The rows, dated from `start` (the day played, or the day the roadmap begins)."""
    return [_line(game, row, start) for row in game.roadmap()]


def _line(game: Game, row: RoadmapRow, start: date) -> Line:
    card = row.card
    turns = game.scenario.turns
    return Line(
        team=row.team,
        axis=f"{card.axis}. {AXES[card.axis]}",
        action=card.title,
        start=turns.begins(row.started, start),
        due=turns.ends(row.due, start),
        owner=card.owner.label,
        budget=card.cost.budget,
        days=card.cost.days,
        measure=card.measure,
        target=card.target,
    )


def _cells(line: Line, day: str = "long") -> list[str]:
    """A row's cells as text, in HEADER order (dates long, or dd/mm/yyyy for a spreadsheet)."""

    def when(value: date) -> str:
        return long_date(value) if day == "long" else value.strftime("%d/%m/%Y")

    return [
        line.axis,
        line.action,
        when(line.start),
        when(line.due),
        line.owner,
        "",
        str(line.budget),
        str(line.days),
        "",
        line.measure,
        line.target,
        line.status,
    ]


def _header(game: Game) -> list[str]:
    return ["Équipe", *HEADER] if len(game.teams) > 1 else list(HEADER)


def _row(game: Game, line: Line, day: str = "long") -> list[str]:
    cells = _cells(line, day)
    return [line.team, *cells] if len(game.teams) > 1 else cells


def result_text(game: Game, team: int = 0) -> str:
    score = format_number(game.score(team))
    win = format_number(game.scenario.score.win)
    if not game.over:
        return f"Partie en cours (tour {game.turn} sur {game.scenario.turns.count}), score {score}"
    verdict = "gagnée" if game.won(team) else "perdue"
    return f"Partie {verdict} : score {score} (il fallait {win} et tous les objectifs obligatoires)"


def markdown_cell(text: str) -> str:
    """Text fit for one cell of a Markdown table: pipes escaped, on one line."""
    return text.replace("|", "\\|").replace("\n", " ")


def _facts(game: Game, played_on: date, start: date) -> str:
    a = game.scenario.authority
    facts = [
        f"{a.name} ({a.kind.label}, {format_number(a.population)} habitants, "
        f"{format_number(a.agents)} agents)",
        f"partie du {long_date(played_on)}",
        f"feuille de route à partir du {long_date(start)} "
        f"(un tour du jeu : un {game.scenario.turns.unit})",
        f"graine {game.seed}",
    ]
    return " · ".join(facts)


def roadmap_markdown(game: Game, played_on: date, start: date | None = None) -> str:
    s = game.scenario
    start = played_on if start is None else start
    out: list[str] = [f"# Feuille de route : {s.title}", "", _facts(game, played_on, start), ""]
    competitive = len(game.teams) > 1
    for team, name in enumerate(game.teams):
        title = f"## {name}" if competitive else "## Résultat"
        out += [title, "", result_text(game, team) + ".", ""]
    out += ["## Actions à lancer", ""]
    lines = roadmap_lines(game, start)
    header = _header(game)
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    for line in lines:
        out.append("| " + " | ".join(markdown_cell(c) for c in _row(game, line)) + " |")
    if not lines:
        out.append("| " + " | ".join(["—"] * len(header)) + " |")
    out += ["", "## Objectifs", ""]
    for team, name in enumerate(game.teams):
        if competitive:
            out += [f"### {name}", ""]
        out += [f"- {text}" for text in _objectives(game, team)]
        out.append("")
    out += ["## Événements", ""]
    for team, name in enumerate(game.teams):
        if competitive:
            out += [f"### {name}", ""]
        out += [f"- {text}" for text in _events(game, team)]
        if competitive:
            out.append("")
    out += ["", "## Questions pour le débriefing", ""]
    out += [f"{n}. {q}" for n, q in enumerate(s.debrief, start=1)]
    out += ["", f"> {GAME_NUMBERS_NOTE}", ""]
    return "\n".join(out)


def _objectives(game: Game, team: int) -> list[str]:
    items = []
    for objective in game.scenario.objectives:
        status = game.objective_status(objective, team)
        mark = {"atteint": "✔", "manqué": "✘"}.get(status, "…")
        kind = " (obligatoire)" if objective.mandatory else ""
        items.append(f"{mark} {status} : {objective.text}{kind}")
    return items


def _events(game: Game, team: int) -> list[str]:
    items = []
    for event in game.fired(team):
        item = f"{game.scenario.turns.unit.capitalize()} {event.turn} : {event.event.title}"
        if event.softened_by:
            names = ", ".join(f"« {c.title} »" for c in event.softened_by)
            item += f" (effet changé grâce à {names})"
        items.append(item)
    return items or ["Aucun."]


def roadmap_csv(game: Game, start: date) -> bytes:
    """Semicolons, UTF-8 with a byte-order mark, dates as dd/mm/yyyy: what French Excel opens."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header(game))
    for line in roadmap_lines(game, start):
        writer.writerow(_row(game, line, day="short"))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def roadmap_odt(game: Game, played_on: date, start: date | None = None) -> bytes:
    """The same roadmap as an OpenDocument text, landscape A4, to print or edit."""
    s = game.scenario
    start = played_on if start is None else start
    doc = OpenDocumentText()
    layout = PageLayout(name="paysage")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="29.7cm", pageheight="21cm", printorientation="landscape", margin="1.5cm"
        )
    )
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))
    bold = Style(name="gras", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold", fontsize="9pt"))
    small = Style(name="petit", family="paragraph")
    small.addElement(TextProperties(fontsize="9pt"))
    boxed = Style(name="case", family="table-cell")
    boxed.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.08cm"))
    for style in (bold, small, boxed):
        doc.automaticstyles.addElement(style)
    text = doc.text
    text.addElement(H(outlinelevel=1, text=f"Feuille de route : {s.title}"))
    text.addElement(P(text=_facts(game, played_on, start)))
    for team, name in enumerate(game.teams):
        prefix = f"{name} : " if name else ""
        text.addElement(P(text=prefix + result_text(game, team) + "."))
    text.addElement(H(outlinelevel=2, text="Actions à lancer"))
    header = _header(game)
    table = Table(name="feuille-de-route")
    table.addElement(TableColumn(numbercolumnsrepeated=len(header)))
    for cells, style in [(header, bold)] + [
        (_row(game, line, day="short"), small) for line in roadmap_lines(game, start)
    ]:
        row = TableRow()
        for value in cells:
            cell = TableCell(valuetype="string", stylename=boxed)
            cell.addElement(P(stylename=style, text=value))
            row.addElement(cell)
        table.addElement(row)
    text.addElement(table)
    for title, items in (
        ("Objectifs", [i for t in range(len(game.teams)) for i in _objectives(game, t)]),
        ("Événements", [i for t in range(len(game.teams)) for i in _events(game, t)]),
        ("Questions pour le débriefing", list(s.debrief)),
    ):
        text.addElement(H(outlinelevel=2, text=title))
        listing = List()
        for item in items:
            entry = ListItem()
            entry.addElement(P(text=item))
            listing.addElement(entry)
        text.addElement(listing)
    text.addElement(P(text=GAME_NUMBERS_NOTE))
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


SUFFIXES = (".md", ".csv", ".odt")


def export_paths(path: Path) -> tuple[Path, Path, Path]:
    """« bilan/partie » or « bilan/partie.md » → bilan/partie.md, .csv and .odt."""
    if path.suffix.lower() in SUFFIXES:
        path = path.with_suffix("")
    markdown, table, text = (path.with_name(path.name + suffix) for suffix in SUFFIXES)
    return markdown, table, text


def write_exports(
    game: Game, path: Path, played_on: date, start: date | None = None
) -> tuple[Path, Path, Path]:
    """Write the Markdown, CSV and ODT roadmaps side by side; OSError is the caller's to
    explain. Dates count from `start` (by default the day played)."""
    start = played_on if start is None else start
    markdown, table, text = export_paths(path)
    markdown.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(markdown, roadmap_markdown(game, played_on, start))
    write_atomic(table, roadmap_csv(game, start))
    write_atomic(text, roadmap_odt(game, played_on, start))
    return markdown, table, text

"""The roadmap a board game built, as Markdown (minutes) and CSV (for French Excel).

One row per action started: axis, action, due date (the end of the turn it finishes), owner
role, means (budget, agent-days), the indicator to follow and the target, as a real roadmap
would list them; then the objectives met or missed, the events and the debrief questions.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from nrgame.core.board import Game, RoadmapRow
from nrgame.core.content import AXES
from nrgame.core.french import format_number, long_date

GAME_NUMBERS_NOTE = (
    "Les nombres du jeu (agents et habitants « touchés », émissions évitées…) ne sont pas des "
    "indicateurs réels : seule la séance elle-même (qui a joué, combien, quel public) compte "
    "dans le bilan annuel."
)


@dataclass(frozen=True)
class Line:
    """A roadmap row in words, shared by the screen and both exports."""

    team: str
    axis: str
    action: str
    due: date
    owner: str
    budget: int
    days: int
    measure: str
    target: str
    status: str


def roadmap_lines(game: Game) -> list[Line]:
    return [_line(game, row) for row in game.roadmap()]


def _line(game: Game, row: RoadmapRow) -> Line:
    card = row.card
    if row.finished:
        status = "terminée"
    elif row.due > game.scenario.turns.count:
        status = "à poursuivre après la partie"
    else:
        status = "en cours"
    return Line(
        team=row.team,
        axis=f"{card.axis}. {AXES[card.axis]}",
        action=card.title,
        due=game.scenario.turns.ends(row.due),
        owner=card.owner.label,
        budget=card.cost.budget,
        days=card.cost.days,
        measure=card.measure,
        target=card.target,
        status=status,
    )


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


def roadmap_markdown(game: Game, played_on: date | None = None) -> str:
    s = game.scenario
    a = s.authority
    out: list[str] = [f"# Feuille de route : {s.title}", ""]
    facts = [
        f"{a.name} ({a.kind.label}, {format_number(a.population)} habitants, "
        f"{format_number(a.agents)} agents)"
    ]
    if played_on is not None:
        facts.append(f"partie du {long_date(played_on)}")
    facts.append(f"graine {game.seed}")
    out += [" · ".join(facts), ""]
    competitive = len(game.teams) > 1
    for team, name in enumerate(game.teams):
        title = f"## {name}" if competitive else "## Résultat"
        out += [title, "", result_text(game, team) + ".", ""]
    out += ["## Actions engagées", ""]
    lines = roadmap_lines(game)
    header = ["Axe", "Action", "Échéance", "Porteur", "Budget (k€)", "Jours-agents"]
    header += ["Indicateur", "Cible", "État"]
    if competitive:
        header.insert(0, "Équipe")
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    for line in lines:
        cells = [
            line.axis,
            line.action,
            long_date(line.due),
            line.owner,
            str(line.budget),
            str(line.days),
            line.measure,
            line.target,
            line.status,
        ]
        if competitive:
            cells.insert(0, line.team)
        out.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    if not lines:
        out.append("| " + " | ".join(["—"] * len(header)) + " |")
    out += ["", "## Objectifs", ""]
    for team, name in enumerate(game.teams):
        if competitive:
            out += [f"### {name}", ""]
        for objective in s.objectives:
            status = game.objective_status(objective, team)
            mark = {"atteint": "✔", "manqué": "✘"}.get(status, "…")
            kind = " (obligatoire)" if objective.mandatory else ""
            out.append(f"- {mark} {status} : {objective.text}{kind}")
        out.append("")
    out += ["## Événements", ""]
    for team, name in enumerate(game.teams):
        if competitive:
            out += [f"### {name}", ""]
        fired = game.fired(team)
        for event in fired:
            item = f"- {s.turns.unit.capitalize()} {event.turn} : {event.event.title}"
            if event.softened_by:
                names = ", ".join(f"« {c.title} »" for c in event.softened_by)
                item += f" (effet changé grâce à {names})"
            out.append(item)
        if not fired:
            out.append("- Aucun.")
        if competitive:
            out.append("")
    out += ["", "## Questions pour le débriefing", ""]
    out += [f"{n}. {q}" for n, q in enumerate(s.debrief, start=1)]
    out += ["", f"> {GAME_NUMBERS_NOTE}", ""]
    return "\n".join(out)


def roadmap_csv(game: Game) -> bytes:
    """Semicolons, UTF-8 with a byte-order mark, dates as dd/mm/yyyy: what French Excel opens."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    competitive = len(game.teams) > 1
    header = ["Axe", "Action", "Échéance", "Porteur", "Budget (k€)", "Jours-agents"]
    header += ["Indicateur", "Cible", "État"]
    if competitive:
        header.insert(0, "Équipe")
    writer.writerow(header)
    for line in roadmap_lines(game):
        row = [
            line.axis,
            line.action,
            line.due.strftime("%d/%m/%Y"),
            line.owner,
            line.budget,
            line.days,
            line.measure,
            line.target,
            line.status,
        ]
        if competitive:
            row.insert(0, line.team)
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_paths(path: Path) -> tuple[Path, Path]:
    """« bilan/partie » or « bilan/partie.md » → bilan/partie.md and bilan/partie.csv."""
    if path.suffix.lower() in (".md", ".csv"):
        path = path.with_suffix("")
    return path.with_name(path.name + ".md"), path.with_name(path.name + ".csv")


def write_exports(game: Game, path: Path, played_on: date | None = None) -> tuple[Path, Path]:
    """Write the Markdown and CSV roadmaps side by side; OSError is the caller's to explain."""
    markdown, table = export_paths(path)
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text(roadmap_markdown(game, played_on), encoding="utf-8")
    table.write_bytes(roadmap_csv(game))
    return markdown, table

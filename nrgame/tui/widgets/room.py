"""Pieces of the room screens: team marks, the question as the room sees it, answer and vote
entry, the big figure, vote bars, the leaderboard.

A team always appears with its symbol and number beside its colour, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Digits, Input, Label, Static

from nrgame.core.content import (
    EstimateQuestion,
    Figure,
    Question,
    figure_text,
)
from nrgame.core.french import NumberError, format_number, parse_whole
from nrgame.core.kinds import kind_of, score
from nrgame.core.quiz import describe_answer, parse_sheet_answer
from nrgame.core.room import RoomSession, Standing, describe_entry
from nrgame.core.room_scoring import Votes, format_share, vote_labels, vote_letters, vote_options
from nrgame.core.room_setup import AnswerMode, Phase, Team
from nrgame.core.scoring import InvalidResponse, Response
from nrgame.tui.widgets.number_line import Guess, NumberLine


def team_mark(team: Team) -> Text:
    """« ▲ 1 Castors » in the team's colour."""
    return Text(f"{team.symbol} {team.number} {team.name}", style=f"bold {team.colour}")


def who(room: RoomSession, key: str) -> Text:
    team = room.team(key)
    return team_mark(team) if team is not None else Text("La salle", style="bold")


def verdict_mark(score: float, answered: bool = True) -> Text:
    if not answered:
        return Text("✘ 0", style="bold red")
    if score >= 1:
        return Text("✔ juste", style="bold green")
    if score > 0:
        return Text(f"◐ {format_number(round(score, 2))}", style="bold yellow")
    return Text("✘ faux", style="bold red")


def picks_of(room: RoomSession, position: int) -> dict[object, list[Text]]:
    """For choice, multi and true/false: which teams chose each option."""
    picks: dict[object, list[Text]] = {}
    for entry in room.entries_at(position):
        team = room.team(entry.team)
        if team is None or entry.response is None:
            continue
        chosen = entry.response if isinstance(entry.response, frozenset) else {entry.response}
        for key in chosen:
            picks.setdefault(key, []).append(
                Text(f"{team.symbol}{team.number}", f"bold {team.colour}")
            )
    return picks


def team_strip(room: RoomSession) -> Text:
    """Who has answered the open question; what they answered stays hidden until the reveal."""
    line = Text()
    waiting = set(room.waiting())
    for key in room.answerers:
        if len(line):
            line.append("    ")
        line.append_text(who(room, key))
        if room.phase is not Phase.ASKING:
            continue
        line.append(" … attend" if key in waiting else " ✔ a répondu", style="bold")
    return line


def answers_table(room: RoomSession, position: int) -> Table:
    """Every answer to a revealed question, with its verdict (and speed points if counted)."""
    question = room.questions[position]
    points = room.speed_points()
    table = Table(box=None, padding=(0, 2), show_header=False)
    table.add_column()
    table.add_column(ratio=1)
    table.add_column()
    if points:
        table.add_column(justify="right")
    for entry in room.entries_at(position):
        corrected = " (corrigée)" if room.corrected(position, entry.team) else ""
        cells: list[RenderableType] = [
            who(room, entry.team),
            Text(describe_entry(question, entry) + corrected),
            verdict_mark(entry.score, entry.response is not None),
        ]
        if points:
            cells.append(Text(f"+{format_number(points[(position, entry.team)])} pts"))
        table.add_row(*cells)
    return table


def vote_bars(question: Question, votes: Votes) -> Text:
    """Hands per option as bars, the right option marked ✔ (a mark, not just a colour)."""
    labels = vote_labels(question)
    letters = vote_letters(question)
    rights = [score(question, option) >= 1 for option in vote_options(question)]
    top = max(votes.counts) or 1
    lines = []
    for i, (label, count) in enumerate(zip(labels, votes.counts, strict=True)):
        line = Text()
        line.append("✔ " if rights[i] else "  ", style="bold green")
        line.append(f"{letters[i]}  ", style="bold")
        line.append(f"{label[:30]:<30}  ")
        line.append("█" * round(30 * count / top), style="bold green" if rights[i] else "")
        line.append(f" {format_number(count)}", style="bold")
        lines.append(line)
    right = sum(count for count, ok in zip(votes.counts, rights, strict=True) if ok)
    share = format_share(right / votes.total) if votes.total else "0 %"
    lines += [Text(""), Text(f"{share} des mains pour la bonne réponse.", style="bold")]
    return Text("\n").join(lines)


def leaderboard(standings: list[Standing], speed: bool, asked: int) -> Table:
    table = Table(title="Classement", title_style="bold", expand=False, padding=(0, 2))
    table.add_column("Rang", justify="right")
    table.add_column("Équipe")
    table.add_column("Score", justify="right")
    if speed:
        table.add_column("Points", justify="right")
    for row in standings:
        cells: list[RenderableType] = [
            str(row.rank),
            team_mark(row.team),
            f"{format_number(round(row.score, 2))} / {asked}",
        ]
        if speed:
            cells.append(format_number(row.points))
        table.add_row(*cells)
    return table


def styled_figure(figure: Figure) -> Text:
    """The core's figure text, its credit in italics and its caveat label in bold."""
    shown = figure_text(figure)
    text = Text()
    text.append(f"{shown.statement}\n")
    text.append(f"{shown.credit}\n", style="italic")
    text.append(shown.CAVEAT_LABEL, style="bold")
    text.append(shown.caveat)
    return text


def digits_text(value: float) -> str:
    """What Digits can draw: the French number, spaces instead of thin spaces."""
    return format_number(value).replace("\u202f", " ")


class BigFigure(Vertical):
    """A figure readable at the back of the room: the value in large digits, its unit, then
    the sentence, period, source and caveat."""

    DEFAULT_CSS = """
    BigFigure {
        height: auto;
        margin: 1 0 0 0;
    }
    BigFigure Digits {
        width: auto;
        text-style: bold;
    }
    BigFigure .figure-unit {
        text-style: bold;
    }
    """

    def __init__(self, value: float, unit: str, detail: Text | None = None) -> None:
        super().__init__()
        self.value = value
        self.unit = unit
        self.detail = detail

    def compose(self) -> ComposeResult:
        yield Digits(digits_text(self.value))
        yield Label(self.unit, classes="figure-unit", markup=False)
        if self.detail is not None:
            yield Static(self.detail)


@dataclass
class AnswerEntered(Message):
    key: str
    response: Response | None
    reason: str = ""
    """Why the answer was corrected after the reveal (empty before it)."""


@dataclass
class VotesEntered(Message):
    counts: list[int]
    reason: str = ""


def reason_row() -> Horizontal:
    """Where the facilitator says why an answer is corrected (kept in the history)."""
    return Horizontal(
        Label(Text("Motif (facultatif) :"), classes="who"),
        Input(id="reason", placeholder="lettre mal lue, mains recomptées…"),
        classes="reason",
    )


class AnswerEntry(Vertical):
    """One line to type a team's (or the room's) answer, in the paper-sheet syntax.

    Before the reveal, what is typed is masked: the projector must not show one team's answer
    to the others. After it (`correcting`), the answer is corrected in the open, with a reason.
    """

    DEFAULT_CSS = """
    AnswerEntry {
        height: auto;
    }
    AnswerEntry Horizontal {
        height: auto;
    }
    AnswerEntry .who {
        padding: 1 1 0 0;
    }
    AnswerEntry Input {
        width: 30;
    }
    AnswerEntry #reason {
        width: 60;
    }
    """

    def __init__(self, room: RoomSession, key: str, correcting: bool = False) -> None:
        super().__init__()
        self.room = room
        self.key = key
        self.correcting = correcting

    def compose(self) -> ComposeResult:
        question = self.room.current
        with Horizontal():
            if self.correcting:
                entry = self.room.entries.get((self.room.position, self.key))
                now = describe_entry(question, entry) if entry is not None else "sans réponse"
                yield Label(
                    Text.assemble("Corriger la réponse de ", who(self.room, self.key), " :"),
                    classes="who",
                )
                yield Input(id="entry", placeholder=f"enregistrée : {now}"[:60])
            else:
                yield Label(
                    Text.assemble("Réponse de ", who(self.room, self.key), " :"), classes="who"
                )
                example = kind_of(question).sheet_example(question)
                yield Input(password=True, id="entry", placeholder=example)
        if self.correcting:
            yield reason_row()
        syntax = kind_of(question).sheet_hint(question)
        if self.correcting:
            hint = (
                f"Tapez {syntax} (« - » : sans réponse), Entrée, le motif si "
                "vous voulez, Entrée : le score est recalculé et la correction gardée dans "
                "l'historique. Échap : annuler."
            )
        else:
            hint = (
                f"Tapez {syntax}, puis Entrée (« - » : sans réponse ; "
                "masqué pour la salle). Échap : fin de saisie."
            )
        yield Static(Text(hint), classes="hint")
        yield Static("", classes="input-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#entry", Input).focus()

    def show_error(self, message: str) -> None:
        self.query_one(".input-error", Static).update(Text(message))

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        answer = self.query_one("#entry", Input)
        syntax = kind_of(self.room.current).sheet_hint(self.room.current)
        if not answer.value.strip():  # a stray Entrée must not record « sans réponse »
            self.show_error(f"Tapez {syntax}, ou « - » : sans réponse.")
            answer.focus()
            return
        try:
            response = parse_sheet_answer(self.room.current, answer.value)
        except InvalidResponse as exc:
            self.show_error(f"{exc}. Attendu : {syntax}.")
            answer.focus()
            return
        if self.correcting and event.input is answer:
            self.show_error("")
            self.query_one("#reason", Input).focus()
            return
        reason = self.query_one("#reason", Input).value if self.correcting else ""
        self.post_message(AnswerEntered(self.key, response, reason))


class VoteEntry(Vertical):
    """The raised hands for each option; Entrée moves on, and validates on the last one.

    Each count is a whole number read strictly (« 1e9 », « 12,5 », « -3 » are refused with
    their reason), never a number field that would silently drop what it cannot take.
    """

    DEFAULT_CSS = """
    VoteEntry {
        height: auto;
    }
    VoteEntry Horizontal {
        height: auto;
    }
    VoteEntry Label {
        padding: 1 1 0 2;
    }
    VoteEntry Input {
        width: 10;
    }
    VoteEntry #reason {
        width: 60;
    }
    """

    def __init__(
        self, question: Question, correcting: bool = False, recorded: Votes | None = None
    ) -> None:
        super().__init__()
        self.question = question
        self.correcting = correcting
        """After the reveal: the recorded votes (`recorded`, if any) are being corrected."""
        self.recorded = recorded

    def compose(self) -> ComposeResult:
        letters = vote_letters(self.question)
        size = len(vote_labels(self.question))
        with Horizontal():
            title = "Corriger les mains levées :" if self.correcting else "Mains levées :"
            yield Label(Text(title, style="bold"))
            for i in range(size):
                yield Label(Text(letters[i], style="bold"))
                before = str(self.recorded.counts[i]) if self.recorded is not None else ""
                yield Input(before, id=f"v{i}", placeholder="0", classes="hands")
        if self.correcting:
            yield reason_row()
        hint = "Le nombre de mains pour chaque option ; Entrée passe à la suivante puis valide."
        if self.correcting:
            hint += " Le score est recalculé et la correction gardée dans l'historique."
        yield Static(Text(hint), classes="hint")
        yield Static("", classes="input-error", markup=False)

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        if event.input is not inputs[-1]:
            inputs[inputs.index(event.input) + 1].focus()
            return
        counts = []
        letters = vote_letters(self.question)
        for letter, field in zip(letters, self.query(".hands").results(Input), strict=False):
            try:
                counts.append(parse_whole(field.value) if field.value.strip() else 0)
            except NumberError as exc:
                self.show_error(f"{letter} : {exc}.")
                field.focus()
                return
        reason = self.query_one("#reason", Input).value if self.correcting else ""
        self.post_message(VotesEntered(counts, reason))

    def show_error(self, message: str) -> None:
        self.query_one(".input-error", Static).update(Text(message))


def reveal_parts(
    room: RoomSession, position: int, figures: list[Figure]
) -> list[Widget | RenderableType]:
    """What the reveal shows, top to bottom, as widgets or Rich renderables."""
    question = room.questions[position]
    entries = room.entries_at(position)
    parts: list[Widget | RenderableType] = [
        Text.assemble(("Bonne réponse : ", "bold"), (describe_answer(question), "bold"))
    ]
    votes = next((e.response for e in entries if isinstance(e.response, Votes)), None)
    if isinstance(votes, Votes):
        parts.append(vote_bars(question, votes))
    elif entries:
        parts.append(answers_table(room, position))
    first = figures[0] if figures else None
    if isinstance(question, EstimateQuestion):
        guesses = [
            Guess(room.team(e.team), float(e.response))
            for e in entries
            if isinstance(e.response, float | int) and not isinstance(e.response, bool)
        ]
        if guesses:
            parts.append(NumberLine(question.answer, question.unit, guesses))
        if first is None or first.value != question.answer:
            parts.append(BigFigure(question.answer, question.unit))
    for figure in figures:
        parts.append(BigFigure(figure.value, figure.unit, styled_figure(figure)))
    parts.append(Text.assemble(("À retenir : ", "bold"), question.explanation))
    if question.source is not None:
        parts.append(Text(f"Source : {question.source.credit()}.", style="italic"))
    if room.leaderboard_visible:
        asked = sum(1 for state in room.states.values() if state is Phase.REVEALED)
        parts.append(leaderboard(room.standings(), room.config.speed, asked))
    return parts


def room_entry_for(room: RoomSession, key: str | None) -> Vertical | None:
    """The entry widget for the open question: votes, or one line for a team or the room.

    On a revealed question, the same widgets correct what was recorded.
    """
    if room.phase not in (Phase.ASKING, Phase.REVEALED) or key is None:
        return None
    correcting = room.phase is Phase.REVEALED
    if room.mode_for(room.current) is AnswerMode.VOTE:
        entry = room.entries.get((room.position, key))
        votes = entry.response if entry is not None else None
        return VoteEntry(room.current, correcting, votes if isinstance(votes, Votes) else None)
    return AnswerEntry(room, key, correcting)

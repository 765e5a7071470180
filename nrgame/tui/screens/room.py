"""The presenter view: a room session on the projector, at the facilitator's pace.

The screen holds a RecordedRoom and renders it. The facilitator types each team's answer
(masked), or the raised hands; Entrée moves on (next team, reveal, next question). Plain keys
drive the pace once no answer is being typed: Échap ends the typing. More hands than people
present are recorded only once the facilitator confirms. After the reveal (on the question
just revealed, or on an earlier one reached with ←), C or a team's number corrects what was
recorded; the score follows and the correction is kept.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Digits, Footer, Header, Static

from nrgame.core.catalog import Catalog
from nrgame.core.content import AXES
from nrgame.core.french import format_number
from nrgame.core.kinds import kind_of
from nrgame.core.room import RoomSession
from nrgame.core.room_setup import ROOM, AnswerMode, Phase, RoomError, TooManyHands
from nrgame.core.scoring import InvalidResponse
from nrgame.tui.screens.room_phones import PhoneMode
from nrgame.tui.widgets.answers import question_body
from nrgame.tui.widgets.confirm import ConfirmDialog
from nrgame.tui.widgets.room import (
    AnswerEntered,
    AnswerEntry,
    VoteEntry,
    VotesEntered,
    picks_of,
    reveal_parts,
    room_entry_for,
    team_strip,
)
from nrgame.usecases.open_store import StoreError
from nrgame.usecases.run_room import RecordedRoom


class RoomScreen(Screen[None]):
    CSS_PATH = "../room.tcss"
    BINDINGS = [
        Binding("enter", "step", "Avancer"),
        Binding("r", "reveal", "Révéler"),
        Binding("s", "skip", "Passer"),
        Binding("left", "back", "Précédente"),
        Binding("e", "entry", "Saisir"),
        Binding("c", "correct", "Corriger"),
        Binding("p", "pause", "Pause"),
        Binding("n", "notes", "Notes"),
        Binding("t", "end", "Terminer"),
        Binding("m", "phones", "Téléphones"),
        Binding("a", "phones_audience", "Public des téléphones", show=False),
        Binding("k", "phones_card", "Carte à imprimer", show=False),
        Binding("escape", "escape", "Sortir"),
        Binding("down", "scroll_body(3)", "Défiler", show=False),
        Binding("up", "scroll_body(-3)", "Défiler", show=False),
        Binding("pagedown", "forward", "Avancer", show=False, priority=True),
        Binding("pageup", "back", "Précédente", show=False, priority=True),
        *[Binding(str(n), f"team({n})", f"Équipe {n}", show=False) for n in range(1, 9)],
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self, played: RecordedRoom, catalog: Catalog) -> None:
        super().__init__()
        self.played = played
        self.catalog = catalog
        self.show_notes = False
        self.entering: str | None = None
        self.phones = PhoneMode(self, self.played, self.phones_answered)

    @property
    def room(self) -> RoomSession:
        return self.played.room

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="room-top"):
            yield Static(id="room-meta")
            yield Static(id="room-clock-note")
            yield Digits("", id="room-timer")
        with VerticalScroll(id="room-body"):
            yield Static(id="room-prompt")
            yield Static(id="room-options")
            yield Static(id="room-banner")
            yield Vertical(id="room-reveal")
            yield Static(id="room-notes")
        yield Static(id="room-teams")
        yield Vertical(id="room-entry")
        yield Footer()

    async def on_mount(self) -> None:
        setup = self.played.setup
        self.title = self.room.deck.title
        self.sub_title = f"{setup.kind.label} · {self.room.config.mode.label}"
        if self.room.config.timer is None:
            self.query_one("#room-timer").display = False
            self.query_one("#room-clock-note").display = False
        else:
            self.set_interval(0.25, self._tick)
        await self.show_question(open_entry=True)

    # Rendering

    async def show_question(self, open_entry: bool = False) -> None:
        """Render the current position; on a question still open, open the typing if asked."""
        room = self.room
        if room.phase is Phase.FINISHED:
            await self._finish()
            return
        question = room.current
        phase = room.phase
        done = (
            f" · {'révélée' if phase is Phase.REVEALED else 'passée'}"
            if room.states.get(room.position)
            else ""
        )
        self.query_one("#room-meta", Static).update(
            Text(
                f"Question {room.position + 1} sur {len(room.questions)}{done} · "
                f"Axe {question.axis} — {AXES[question.axis]} · {question.theme}"
            )
        )
        self.query_one("#room-prompt", Static).update(Text(question.prompt, style="bold"))
        revealed = phase is Phase.REVEALED
        with_picks = revealed and bool(kind_of(question).option_labels(question))
        picks = (
            picks_of(room, room.position)
            if with_picks and room.config.mode is AnswerMode.TEAMS
            else ({} if with_picks else None)
        )
        self.query_one("#room-options", Static).update(question_body(question, picks))
        reveal = self.query_one("#room-reveal", Vertical)
        await reveal.remove_children()
        reveal.display = revealed
        if revealed:
            figures = self.catalog.figures_of(question)
            await reveal.mount_all(
                part if isinstance(part, Widget) else Static(part)
                for part in reveal_parts(room, room.position, figures)
            )
        self._show_notes()
        self._show_status()
        self._show_clock()
        if phase is Phase.ASKING and open_entry and not room.paused and room.waiting():
            await self._open_entry(room.waiting()[0])
        elif phase is not Phase.ASKING:
            await self._open_entry(None)
        self.refresh_bindings()
        self.query_one("#room-body", VerticalScroll).scroll_home(animate=False)
        self.phones.follow()

    def phones_answered(self) -> None:
        """A phone's answer was recorded: the teams' ticks and the banner follow."""
        self._show_status()

    def action_phones(self) -> None:
        self.phones.toggle()

    def action_phones_audience(self) -> None:
        self.phones.count_as_audience()

    def action_phones_card(self) -> None:
        self.phones.save_card()

    async def on_unmount(self) -> None:
        await self.phones.close()

    def _show_notes(self) -> None:
        notes = self.query_one("#room-notes", Static)
        text = Text.assemble(
            ("Notes pour l'animateur : ", "bold"),
            self.room.current.notes or "aucune pour cette question.",
        )
        for figure in self.catalog.figures_of(self.room.current):
            if figure.facilitator:
                text.append(f"\n{format_number(figure.value)} {figure.unit} : ", style="bold")
                text.append(figure.facilitator)
        notes.display = self.show_notes
        notes.update(text)

    def _show_status(self) -> None:
        room = self.room
        self.query_one("#room-teams", Static).update(team_strip(room))
        banner = self.query_one("#room-banner", Static)
        if room.paused:
            message = "⏸  Séance en pause : P pour reprendre."
        elif room.phase is Phase.SKIPPED:
            message = (
                "Question passée : elle ne compte pas. R pour la poser quand même, "
                "Entrée pour continuer."
            )
        elif room.phase is Phase.REVEALED and self.entering is not None:
            message = ""
        elif room.phase is Phase.REVEALED:
            last = room.position == len(room.questions) - 1
            message = (
                "Entrée : "
                + ("voir le résultat" if last else "question suivante")
                + f" · {_correct_hint(room)}."
            )
        elif not room.waiting():
            message = "Toutes les réponses sont là : Entrée pour révéler."
        elif self.entering is None:
            message = "Entrée : saisir la réponse suivante · R : révéler maintenant."
        else:
            message = ""
        banner.update(Text(message))
        banner.display = bool(message)

    def _show_clock(self) -> None:
        remaining = self.room.remaining()
        timer = self.query_one("#room-timer", Digits)
        note = self.query_one("#room-clock-note", Static)
        if remaining is None or self.room.config.timer is None:
            timer.update("")
            note.update("")
            return
        seconds = math.ceil(remaining)
        timer.update(f"{seconds // 60}:{seconds % 60:02d}")
        if self.room.paused:
            note.update(Text("⏸ pause", style="bold"))
        elif seconds == 0 and self.room.phase is Phase.ASKING:
            note.update(Text("⏰ Temps écoulé", style="bold reverse"))
        else:
            note.update(Text("⏱", style="bold"))

    def _tick(self) -> None:
        self._show_clock()
        if self.room.tick():
            self.run_worker(self.action_reveal(), exclusive=True)

    # Typing answers

    async def _open_entry(self, key: str | None) -> None:
        slot = self.query_one("#room-entry", Vertical)
        await slot.remove_children()
        self.entering = key
        widget = room_entry_for(self.room, key) if key is not None else None
        if widget is None:
            self.entering = None
            self.set_focus(None)
        else:
            await slot.mount(widget)
        self._show_status()
        self.refresh_bindings()

    @on(AnswerEntered)
    async def _answered(self, event: AnswerEntered) -> None:
        event.stop()
        correcting = self.room.phase is Phase.REVEALED
        try:
            if correcting:
                self.played.correct(self.room.position, event.key, event.response, event.reason)
            else:
                self.played.enter(event.key, event.response)
        except (RoomError, InvalidResponse, StoreError) as exc:
            self.query_one(AnswerEntry).show_error(_sentence(exc))
            return
        if correcting:
            await self._corrected()
        else:
            await self._next_in_turn(event.key)

    @on(VotesEntered)
    async def _voted(self, event: VotesEntered) -> None:
        event.stop()
        await self._record_votes(event.counts, event.reason, confirmed=False)

    async def _record_votes(self, counts: list[int], reason: str, confirmed: bool) -> None:
        correcting = self.room.phase is Phase.REVEALED
        try:
            if correcting:
                self.played.correct_votes(self.room.position, counts, reason, confirmed)
            else:
                self.played.vote(counts, confirmed)
        except TooManyHands as exc:
            self._confirm_hands(exc, counts, reason)
            return
        except (RoomError, InvalidResponse, StoreError) as exc:
            self.query_one(VoteEntry).show_error(_sentence(exc))
            return
        if correcting:
            await self._corrected()
        else:
            await self._next_in_turn(None)

    def _confirm_hands(self, exc: TooManyHands, counts: list[int], reason: str) -> None:
        """More hands than people present: recorded only if the facilitator says so."""

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._record_votes(counts, reason, confirmed=True)
            elif self.query(VoteEntry):
                self.query_one(VoteEntry).show_error(
                    "Vote non enregistré : corrigez les nombres de mains, puis Entrée."
                )

        self.app.push_screen(
            ConfirmDialog(
                "Plus de mains levées que de personnes présentes ?",
                f"{_sentence(exc)} Recomptez les mains ; n'enregistrez ce vote que si le "
                "décompte est juste (des personnes arrivées après la déclaration du public, "
                "par exemple).",
                "Enregistrer quand même",
                "Non, recompter",
            ),
            answered,
        )

    async def _corrected(self) -> None:
        """A correction is on disk: show the reveal, scores and leaderboard as they now are."""
        correction = self.room.corrections[-1]
        who = self.room.team(correction.team)
        name = who.label if who is not None else "la salle"
        if correction.team == ROOM and self.room.mode_for(self.room.current) is AnswerMode.VOTE:
            name = "le vote"
        self.notify(
            f"Correction enregistrée pour {name} (question {correction.position + 1}) : "
            "le score est recalculé, l'ancienne réponse reste dans l'historique."
        )
        await self.show_question()

    async def _next_in_turn(self, after: str | None) -> None:
        """The next team that has not answered, in turn order after `after`."""
        keys = self.room.answerers
        start = keys.index(after) + 1 if after in keys else 0
        waiting = set(self.room.waiting())
        following = [k for k in keys[start:] + keys[:start] if k in waiting]
        await self._open_entry(following[0] if following else None)
        self.query_one("#room-teams", Static).update(team_strip(self.room))

    # The facilitator's keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.room.phase
        if action in ("reveal",):
            return phase in (Phase.ASKING, Phase.SKIPPED)
        if action in ("skip", "entry"):
            return phase is Phase.ASKING
        if action == "correct":
            return phase is Phase.REVEALED
        if action == "back":
            return self.room.position > 0
        if action == "team":
            teams = self.room.config.mode is AnswerMode.TEAMS
            return phase in (Phase.ASKING, Phase.REVEALED) and teams
        return True

    async def action_step(self) -> None:
        """Entrée: the next answer to type, else the reveal, else the next question."""
        room = self.room
        if room.phase is Phase.ASKING:
            if room.waiting() and self.entering is None and not room.paused:
                await self._open_entry(room.waiting()[0])
            else:
                await self.action_reveal()
        else:
            await self._advance()

    async def action_forward(self) -> None:
        """Page suivante (a presenter's clicker): reveal, or the next question."""
        if self.room.phase is Phase.ASKING:
            await self.action_reveal()
        else:
            await self._advance()

    async def action_reveal(self) -> None:
        try:
            if self.room.phase is Phase.SKIPPED:
                self.played.unskip()
                await self.show_question(open_entry=True)
                return
            self.played.reveal()
        except RoomError as exc:
            self.notify(_sentence(exc), severity="warning")
            return
        except StoreError as exc:
            self.notify(f"Non enregistré : {exc}", severity="error", timeout=10)
            return
        await self.show_question()

    async def action_skip(self) -> None:
        try:
            self.played.skip()
        except (RoomError, StoreError) as exc:
            self.notify(_sentence(exc), severity="error")
            return
        await self.show_question(open_entry=True)

    async def action_back(self) -> None:
        try:
            self.room.back()
        except RoomError as exc:
            self.notify(_sentence(exc), severity="warning")
            return
        await self._open_entry(None)
        await self.show_question()

    async def _advance(self) -> None:
        try:
            self.room.advance()
        except RoomError as exc:
            self.notify(_sentence(exc), severity="warning")
            return
        await self.show_question(open_entry=True)

    async def action_entry(self) -> None:
        room = self.room
        if room.phase is Phase.ASKING and not room.paused:
            await self._open_entry((room.waiting() or room.answerers)[0])

    async def action_team(self, number: int) -> None:
        """A team's answer to type (before the reveal) or to correct (after it)."""
        teams = self.room.config.teams
        open_ = self.room.phase in (Phase.ASKING, Phase.REVEALED)
        if number <= len(teams) and open_ and not self.room.paused:
            await self._open_entry(teams[number - 1].name)

    async def action_correct(self) -> None:
        """After the reveal: correct the first team's answer (a number picks another), the
        room's answer or the vote."""
        if self.room.phase is Phase.REVEALED and not self.room.paused:
            await self._open_entry(self.room.answerers[0])

    async def action_pause(self) -> None:
        if self.room.paused:
            self.room.resume()
            await self.show_question(open_entry=True)
        else:
            self.room.pause()
            await self._open_entry(None)
            await self.show_question()

    def action_scroll_body(self, lines: int) -> None:
        body = self.query_one("#room-body", VerticalScroll)
        body.scroll_relative(y=lines, animate=False)

    def action_notes(self) -> None:
        self.show_notes = not self.show_notes
        self._show_notes()

    async def action_escape(self) -> None:
        if self.entering is not None:
            await self._open_entry(None)
            return
        self.app.push_screen(
            ConfirmDialog(
                "Quitter la séance ?",
                "Tout ce qui a été joué est enregistré ; la séance vous sera proposée à la "
                "reprise au prochain lancement de nrgame.",
                "Quitter",
                "Non, continuer",
            ),
            self._leave_confirmed,
        )

    def _leave_confirmed(self, yes: bool | None) -> None:
        if yes:
            # Everything is on disk; the session stays open and is offered at next start.
            self.notify("Séance interrompue : tout est enregistré.")
            self.app.pop_screen()

    def action_end(self) -> None:
        left = sum(1 for i in range(len(self.room.questions)) if i not in self.room.states)
        self.app.push_screen(
            ConfirmDialog(
                "Terminer la séance maintenant ?",
                f"{left} question(s) restante(s) seront notées « non posées » et ne compteront "
                "pas. Tout ce qui a été joué reste enregistré.",
                "Terminer",
                "Non, continuer",
            ),
            self._end_confirmed,
        )

    async def _end_confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.played.end_now()
        except StoreError as exc:
            self.notify(f"Non enregistré : {exc}", severity="error", timeout=10)
            return
        await self._finish(already=True)

    async def _finish(self, already: bool = False) -> None:
        from nrgame.tui.screens.room_results import RoomResultsScreen

        if not already:
            self.played.finish()
        await self.app.switch_screen(RoomResultsScreen(self.played, self.catalog))


def _correct_hint(room: RoomSession) -> str:
    if room.config.mode is AnswerMode.TEAMS:
        return "C, ou le numéro d'une équipe : corriger sa réponse"
    if room.mode_for(room.current) is AnswerMode.VOTE:
        return "C : corriger le vote"
    return "C : corriger la réponse de la salle"


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")

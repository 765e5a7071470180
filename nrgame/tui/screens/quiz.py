"""Playing a deck alone: a question, its answer widget, then the correction."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, ProgressBar, Static

from nrgame.core.catalog import Catalog
from nrgame.core.content import AXES, Question
from nrgame.core.quiz import Given, QuizSession
from nrgame.core.scoring import InvalidResponse, Response
from nrgame.tui.widgets.answers import AnswerSubmitted, answer_input
from nrgame.tui.widgets.reveal import Reveal, correction
from nrgame.usecases.open_store import BaseReplacedError, StoreError, open_store
from nrgame.usecases.play_quiz import RecordedQuiz


class QuizScreen(Screen[None]):
    """Holds a RecordedQuiz and renders its current question."""

    BINDINGS = [
        Binding("escape", "leave", "Quitter la série"),
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self, played: RecordedQuiz, catalog: Catalog) -> None:
        super().__init__()
        self.played = played
        self.catalog = catalog

    @property
    def quiz(self) -> QuizSession:
        return self.played.quiz

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(total=len(self.quiz.questions), show_eta=False, id="progress")
        yield Static(id="meta", markup=False)
        with VerticalScroll(id="card"):
            yield Static(id="prompt", markup=False)
            yield Static(id="answer-slot")
            yield Reveal(id="reveal")
            yield Button("Suivant (Entrée)", id="next", variant="primary")
            yield Button("Enregistrer la séance dans une nouvelle base", id="rescue")
        yield Footer()

    def on_mount(self) -> None:
        self._pending: Response | None = None
        self.query_one("#rescue", Button).display = False
        self.title = self.quiz.deck.title
        self.show_question()

    def show_question(self) -> None:
        quiz = self.quiz
        if quiz.finished:
            self.app.call_later(self._finish)
            return
        question = quiz.current
        self.query_one(ProgressBar).update(progress=len(quiz.given))
        self.query_one("#meta", Static).update(
            Text(
                f"Question {quiz.position + 1} sur {len(quiz.questions)} · "
                f"Axe {question.axis} — {AXES[question.axis]} · {question.theme}"
            )
        )
        self.query_one("#prompt", Static).update(Text(question.prompt, style="bold"))
        self.query_one(Reveal).display = False
        self.query_one("#next", Button).display = False
        slot = self.query_one("#answer-slot")
        slot.remove_children()
        slot.mount(answer_input(question))

    @on(AnswerSubmitted)
    def _answered(self, event: AnswerSubmitted) -> None:
        event.stop()
        question = self.quiz.current
        try:
            given = self.played.answer(event.response)
        except InvalidResponse as exc:
            self.notify(str(exc), severity="error")
            return
        except BaseReplacedError as exc:
            # Not shown as recorded; kept, with the answers before it, for a new base.
            self._pending = event.response
            self.query_one("#rescue", Button).display = True
            self.notify(f"Réponse non enregistrée : {exc}", severity="error", timeout=20)
            return
        except StoreError as exc:
            self.notify(f"Réponse non enregistrée : {exc}", severity="error", timeout=10)
            return
        self._show_correction(question, given)

    @on(Button.Pressed, "#rescue")
    def _rescue(self, event: Button.Pressed) -> None:
        """Save the session so far into a new base beside the replaced one, and go on."""
        event.stop()
        old = self.played.store.path
        folder = old.parent if isinstance(old, Path) else Path.cwd()
        path = folder / f"nrgame-secours-{self.played.clock():%Y%m%d-%H%M%S}.sqlite3"
        try:
            store = open_store(path)
            self.played.save_to(store, self.catalog.version)
            question = self.quiz.current
            given = self.played.answer(self._pending)
        except (StoreError, InvalidResponse) as exc:
            self.notify(f"Nouvelle base non écrite : {exc}", severity="error", timeout=15)
            return
        self.app.store = store  # type: ignore[attr-defined]
        self.query_one("#rescue", Button).display = False
        self.notify(
            f"Séance enregistrée dans la nouvelle base {path} ({len(self.quiz.given)} "
            "réponses) ; la suite y sera enregistrée.",
            timeout=20,
        )
        self._show_correction(question, given)

    def _show_correction(self, question: Question, given: Given) -> None:
        self.query_one("#answer-slot").remove_children()
        reveal = self.query_one(Reveal)
        reveal.update(correction(question, given, self.catalog.figures_of(question)))
        reveal.display = True
        next_button = self.query_one("#next", Button)
        next_button.display = True
        next_button.focus()
        self.query_one(ProgressBar).update(progress=len(self.quiz.given))

    @on(Button.Pressed, "#next")
    def _next(self, event: Button.Pressed) -> None:
        event.stop()
        self.quiz.advance()
        self.show_question()
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)

    async def _finish(self) -> None:
        try:
            self.played.finish()
        except StoreError as exc:
            # Every answer is on disk; the session stays open and is offered again.
            self.notify(f"Fin de série non enregistrée : {exc}", severity="error", timeout=10)
            self.app.pop_screen()
            return
        await self.app.switch_screen(self.results_screen())

    def results_screen(self) -> Screen[None]:
        """What follows the last correction; the final test of self-training shows its own."""
        from nrgame.tui.screens.results import ResultsScreen

        return ResultsScreen(self.played, self.catalog)

    def action_leave(self) -> None:
        # Answers are already on disk; the session stays open and is offered at next start.
        self.notify("Série interrompue : vos réponses sont enregistrées, vous pourrez reprendre.")
        self.app.pop_screen()

"""Self-training at a glance: today's session, progress by axis, streak, what comes back when."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from nrgame import settings
from nrgame.core.catalog import Catalog
from nrgame.core.content import AXES
from nrgame.core.french import long_date, plural
from nrgame.core.sessions import Clock
from nrgame.core.training import AxisProgress, LearningPath, relative_day
from nrgame.tui.screens.attestation import ExamChoiceDialog, ExamQuizScreen
from nrgame.tui.screens.path import PathScreen
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.usecases.open_store import Store, StoreError
from nrgame.usecases.play_quiz import ResumeError
from nrgame.usecases.train import (
    ExportError,
    Learner,
    Overview,
    exam_decks,
    get_learner,
    open_learner,
    overview,
    resume,
    save_path,
    save_progress,
    start_day,
    start_exam,
)

BAR_WIDTH = 12


class TrainingScreen(Screen[None]):
    """Holds one learner and renders their Overview."""

    DEFAULT_CSS = """
    TrainingScreen #training-body { padding: 1 2; }
    TrainingScreen #training-today { margin-bottom: 1; }
    TrainingScreen #training-actions { height: auto; margin-bottom: 1; }
    TrainingScreen #training-actions Button { margin-right: 2; width: auto; min-width: 16; }
    TrainingScreen #training-next, TrainingScreen #training-certs { margin-top: 1; }
    """

    BINDINGS = [
        Binding("s", "day", "Séance du jour"),
        Binding("p", "path", "Parcours"),
        Binding("t", "exam", "Test final"),
        Binding("c", "switch", "Changer d'apprenant"),
        Binding("e", "export", "Exporter ma progression"),
        Binding("escape", "app.pop_screen", "Accueil"),
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self, catalog: Catalog, store: Store, clock: Clock, learner: Learner):
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self.learner = learner
        self.view: Overview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="training-body"):
            yield Static(id="training-today")
            with Horizontal(id="training-actions"):
                yield Button("Séance du jour", id="day", variant="primary")
                yield Button("Parcours", id="path")
                yield Button("Test final", id="exam")
                yield Button("Changer d'apprenant", id="switch")
            yield Static(id="training-axes")
            yield Static(id="training-next")
            yield Static(id="training-certs")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Autoformation — {self.learner.alias}"
        try:
            open_learner(self.store, self.learner, self.clock)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
        self.refresh_view()
        self.query_one("#day", Button).focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        learner = get_learner(self.store, self.learner.alias)
        if learner is not None:
            self.learner = learner
        today = self.clock().date()
        view = overview(self.store, self.catalog, self.learner, today)
        self.view = view
        self.sub_title = f"Parcours : {self.learner.path.describe()}"
        self.query_one("#training-today", Static).update(self._today(view))
        self.query_one("#day", Button).label = (
            "Reprendre la séance" if view.running_day else "Séance du jour"
        )
        self.query_one("#exam", Button).label = (
            "Reprendre le test final" if view.running_exam else "Test final"
        )
        self.query_one("#training-axes", Static).update(_axes_table(view.progress))
        self.query_one("#training-next", Static).update(self._next(view))
        self.query_one("#training-certs", Static).update(self._certs(view))

    def _today(self, view: Overview) -> Text:
        text = Text()
        if view.running_day is not None:
            answered = view.answered_today
            total = len(view.running_day.question_ids)
            text.append("Séance en cours : ", style="bold")
            text.append(
                f"{answered} question{'s' if answered > 1 else ''} sur {total} déjà "
                f"répondue{'s' if answered > 1 else ''} ; Entrée pour la reprendre.\n"
            )
        elif view.plan:
            parts = []
            if view.plan.reviews:
                parts.append(f"{plural(len(view.plan.reviews), 'question')} à revoir")
            if view.plan.new:
                count = len(view.plan.new)
                parts.append(
                    f"{count} nouvelle{'s' if count > 1 else ''} question{'s' if count > 1 else ''}"
                )
            text.append("Aujourd'hui : ", style="bold")
            text.append(f"{' et '.join(parts)}, environ {view.plan.minutes} min.\n")
        elif view.plan.held:
            limit = self.learner.path.new_per_day
            text.append("Aujourd'hui : ", style="bold")
            text.append(
                f"c'est fait ! Vous avez vu vos {limit} nouvelles questions du jour ; la suite "
                "demain (la limite se change dans le parcours, P)."
            )
            if view.upcoming:
                day, questions = view.upcoming[0]
                when = relative_day(day, self.clock().date())
                text.append(f" Prochaine révision : {when}, {plural(len(questions), 'question')}.")
            text.append("\n")
        else:
            text.append("Aujourd'hui : ", style="bold")
            text.append("rien à revoir, et plus de nouvelle question dans ce parcours.")
            if view.upcoming:
                day, questions = view.upcoming[0]
                when = relative_day(day, self.clock().date())
                text.append(f" Prochaine révision : {when}, {plural(len(questions), 'question')}.")
            if self.learner.path.axes or self.learner.path.themes:
                text.append(" Élargissez le parcours (P) pour en voir d'autres.")
            text.append("\n")
        text.append("Régularité : ", style="bold")
        if view.streak:
            text.append(f"{plural(view.streak, 'jour')} de suite.")
        else:
            text.append(
                "aucune séance hier ni aujourd'hui. Un peu chaque jour fait durer ce qu'on apprend."
            )
        return text

    def _next(self, view: Overview) -> Text:
        text = Text()
        text.append("À revoir ensuite\n", style="bold")
        if not view.upcoming:
            text.append("Rien pour l'instant : les questions vues reviendront ici.")
            return text
        today = self.clock().date()
        days = " · ".join(
            f"{relative_day(day, today)} : {plural(len(qs), 'question')}"
            for day, qs in view.upcoming
        )
        text.append(days + "\n")
        first = view.upcoming[0][1][0]
        text.append("En premier : ")
        text.append(f"« {first.prompt} »", style="italic")
        text.append(f" (axe {first.axis})")
        return text

    def _certs(self, view: Overview) -> Text:
        if not view.certifications:
            decks = exam_decks(self.catalog)
            if not decks:
                return Text("")
            return Text(
                f"Test final (T) : {round(100 * decks[0].pass_mark)} % de bonnes réponses à "
                f"« {decks[0].title} » donnent une attestation imprimable.",
                style="italic",
            )
        text = Text()
        text.append("Attestations obtenues\n", style="bold")
        for cert in view.certifications:
            deck = self.catalog.decks.get(cert.deck_id)
            title = deck.title if deck else cert.deck_id
            score = f"{round(100 * cert.score / cert.max_score)} %" if cert.max_score else ""
            text.append(f"• « {title} », le {long_date(cert.issued_at.date())}, {score}\n")
        return text

    @on(Button.Pressed, "#day")
    def _day_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_day()

    @on(Button.Pressed, "#path")
    def _path_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_path()

    @on(Button.Pressed, "#exam")
    def _exam_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_exam()

    @on(Button.Pressed, "#switch")
    async def _switch_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_switch()

    def action_day(self) -> None:
        view = self.view
        try:
            if view is not None and view.running_day is not None:
                played = resume(
                    self.store, self.catalog, view.running_day, self.learner, self.clock
                )
            else:
                started = start_day(self.store, self.catalog, self.learner, self.clock)
                if started is None:
                    self.notify("Rien à faire aujourd'hui : revenez à la prochaine révision.")
                    return
                played = started
        except ResumeError as exc:
            self.notify(f"Reprise impossible : {exc}.", severity="error")
            return
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self._play(QuizScreen(played, self.catalog))

    def _play(self, screen: QuizScreen) -> None:
        """Open a session; one whose every answer is already in (the app closed right after the
        last one) goes straight to what follows it."""
        if not screen.played.quiz.finished:
            self.app.push_screen(screen)
            return
        try:
            screen.played.finish()
        except StoreError as exc:
            self.notify(f"Fin de série non enregistrée : {exc}", severity="error", timeout=10)
            return
        self.app.push_screen(screen.results_screen())

    def action_path(self) -> None:
        self.app.push_screen(PathScreen(self.catalog, self.learner.path), self._path_chosen)

    def _path_chosen(self, path: LearningPath | None) -> None:
        if path is None:
            return
        try:
            save_path(self.store, self.learner.alias, path)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.notify(f"Parcours enregistré : {path.describe()}.")
        self.refresh_view()

    def action_exam(self) -> None:
        view = self.view
        if view is not None and view.running_exam is not None:
            try:
                played = resume(
                    self.store, self.catalog, view.running_exam, self.learner, self.clock
                )
            except ResumeError as exc:
                self.notify(f"Reprise impossible : {exc}.", severity="error")
                return
            self._play(ExamQuizScreen(played, self.catalog))
            return
        if not exam_decks(self.catalog):
            self.notify(
                "Aucune série d'attestation dans le contenu (attestation: true) : "
                "pas de test final possible."
            )
            return
        self.app.push_screen(ExamChoiceDialog(self.catalog), self._exam_chosen)

    def _exam_chosen(self, deck_id: str | None) -> None:
        if deck_id is None:
            return
        try:
            played = start_exam(self.store, self.catalog, self.learner, deck_id, self.clock)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.app.push_screen(ExamQuizScreen(played, self.catalog))

    def action_export(self) -> None:
        """The learner's progress as Markdown, in the documents folder."""
        try:
            path = save_progress(
                self.store,
                self.catalog,
                self.learner,
                self.clock().date(),
                settings.documents_dir(),
            )
        except (ExportError, StoreError) as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.notify(f"Progression enregistrée : {path}", timeout=10)

    async def action_switch(self) -> None:
        # Through the app, which owns the way to the learners' list (no screen imports it).
        await self.app.run_action("training(True)")


def _axes_table(progress: list[AxisProgress]) -> Table:
    table = Table(
        title="Progression par axe",
        title_justify="left",
        title_style="bold",
        caption="█ maîtrisées   ▒ en cours   ░ nouvelles",
        caption_justify="left",
        expand=True,
    )
    table.add_column("Axe", ratio=1, overflow="fold")
    table.add_column("Maîtrisées", justify="right")
    table.add_column("En cours", justify="right")
    table.add_column("Nouvelles", justify="right")
    table.add_column("Répartition", no_wrap=True, width=BAR_WIDTH)
    for row in progress:
        table.add_row(
            f"{row.axis}. {AXES[row.axis]}",
            str(row.mastered),
            str(row.learning),
            str(row.new),
            _bar(row),
        )
    if not progress:
        table.add_row("Aucune question dans ce parcours.", "", "", "", "")
    return table


def _bar(row: AxisProgress) -> Text:
    """Shares of the axis as a bar; the counts beside it say the same without colour."""
    if not row.total:
        return Text("")
    widths = [round(BAR_WIDTH * n / row.total) for n in (row.mastered, row.learning)]
    widths.append(max(0, BAR_WIDTH - sum(widths)))
    return Text.assemble(
        ("█" * widths[0], "green"), ("▒" * widths[1], "yellow"), ("░" * widths[2], "dim")
    )

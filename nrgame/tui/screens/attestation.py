"""The final test of self-training: choosing its deck, playing it, and the attestation."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from nrgame import settings
from nrgame.core.catalog import Catalog
from nrgame.core.french import format_number, plural
from nrgame.tui.screens.quiz import QuizScreen
from nrgame.usecases.train import ExamQuiz, ExportError, exam_decks, save_attestation


class ExamChoiceDialog(ModalScreen[str | None]):
    """Which deck to take the final test on; returns its id, or None."""

    DEFAULT_CSS = """
    ExamChoiceDialog { align: center middle; }
    ExamChoiceDialog #exam-dialog {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ExamChoiceDialog OptionList { margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Annuler")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        with Vertical(id="exam-dialog"):
            yield Static(Text("Test final", style="bold"))
            yield Static(
                Text(
                    "Les questions d'une série s'enchaînent, avec la correction après chaque "
                    "réponse. Au seuil de réussite indiqué, vous obtenez une attestation "
                    "imprimable. Vos réponses servent aussi à vos révisions."
                )
            )
            yield OptionList(
                *[
                    Option(
                        Text.assemble(
                            (deck.title, "bold"),
                            "\n",
                            (
                                f"{plural(len(self.catalog.deck_questions(deck.id)), 'question')}"
                                f", environ {deck.duration} min, seuil de réussite "
                                f"{round(100 * deck.pass_mark)}\u00a0%",
                                "italic",
                            ),
                        ),
                        id=deck.id,
                    )
                    for deck in exam_decks(self.catalog)
                ],
                id="exam-decks",
            )
            yield Static("↑ ↓ puis Entrée pour commencer ; Échap pour annuler.", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class ExamQuizScreen(QuizScreen):
    """The final test plays like any deck; only what follows the last answer differs."""

    def results_screen(self) -> Screen[None]:
        assert isinstance(self.played, ExamQuiz)
        return ExamResultScreen(self.played, self.catalog, settings.documents_dir())


class ExamResultScreen(Screen[None]):
    """The score against the pass mark; above it, the attestation to save."""

    DEFAULT_CSS = """
    ExamResultScreen #exam-body { padding: 1 2; }
    ExamResultScreen #exam-verdict { margin: 1 0; }
    ExamResultScreen .field { margin-top: 1; }
    ExamResultScreen Input { width: 80; max-width: 100%; }
    ExamResultScreen #saved { margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Retour"),
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self, played: ExamQuiz, catalog: Catalog, folder: Path) -> None:
        super().__init__()
        self.played = played
        self.catalog = catalog
        self.folder = folder

    def compose(self) -> ComposeResult:
        quiz = self.played.quiz
        share = round(100 * quiz.score / quiz.max_score) if quiz.max_score else 0
        mark = round(100 * quiz.deck.pass_mark)
        yield Header()
        with VerticalScroll(id="exam-body"):
            yield Static(
                Text(
                    f"Score : {format_number(round(quiz.score, 2))} / {quiz.max_score} "
                    f"({share} %) ; seuil de réussite : {mark} %",
                    style="bold",
                ),
                id="exam-score",
            )
            cert = self.played.certification
            if cert is None:
                yield Static(
                    Text.assemble(
                        ("✘ Pas encore : ", "bold red"),
                        f"il faut {mark} % pour l'attestation. Les questions manquées "
                        "reviendront dans vos séances ; vous pourrez repasser le test quand "
                        "vous voudrez.",
                    ),
                    id="exam-verdict",
                )
                yield Button("Voir le détail des réponses", id="detail", variant="primary")
            else:
                yield Static(
                    Text.assemble(
                        ("✔ Réussi ! ", "bold green"),
                        f"Attestation n° {cert.id[:8]} enregistrée pour le bilan annuel "
                        "(personnes certifiées).",
                    ),
                    id="exam-verdict",
                )
                yield Static(
                    "Nom à imprimer sur l'attestation (facultatif ; il n'est écrit que dans le "
                    "document, jamais dans la base) :",
                    classes="field",
                    markup=False,
                )
                yield Input(placeholder="Laisser vide pour l'écrire à la main", id="name")
                yield Static(
                    "Dossier où enregistrer l'attestation (Markdown et HTML) :",
                    classes="field",
                    markup=False,
                )
                yield Input(str(self.folder), id="folder")
                with Horizontal(classes="buttons"):
                    yield Button("Enregistrer l'attestation", id="save", variant="primary")
                    yield Button("Voir le détail des réponses", id="detail")
                yield Static("", id="saved", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Test final — {self.played.quiz.deck.title}"
        if self.played.certification is not None:
            self.query_one("#name", Input).focus()
        else:
            self.query_one("#detail", Button).focus()

    @on(Input.Submitted, "#name")
    def _name_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#folder", Input).focus()

    @on(Input.Submitted, "#folder")
    @on(Button.Pressed, "#save")
    def _save(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        attestation = self.played.attestation(self.query_one("#name", Input).value)
        folder = Path(self.query_one("#folder", Input).value.strip() or str(self.folder))
        try:
            written = save_attestation(attestation, folder)
        except ExportError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.query_one("#saved", Static).update(
            Text.assemble(
                ("Attestation enregistrée :\n", "bold"),
                "\n".join(str(path) for path in written),
                "\nOuvrez le fichier .html dans un navigateur pour l'imprimer.",
            )
        )
        self.notify("Attestation enregistrée.")

    @on(Button.Pressed, "#detail")
    def _detail(self, event: Button.Pressed) -> None:
        event.stop()
        from nrgame.tui.screens.results import ResultsScreen

        self.app.push_screen(ResultsScreen(self.played, self.catalog))

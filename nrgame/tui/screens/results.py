"""End of a deck: the score, a recap per question, what to review.

The table cuts long texts; the question under the cursor is given in full below it, with
the answer given and the right answer.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from nrgame.core.catalog import Catalog
from nrgame.core.french import format_number
from nrgame.core.quiz import describe_answer, describe_response
from nrgame.usecases.play_quiz import RecordedQuiz


class ResultsScreen(Screen[None]):
    DEFAULT_CSS = """
    ResultsScreen #answer-detail { margin: 1 1; padding: 0 1; border-left: thick $primary; }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Retour à l'accueil"),
        Binding("enter", "app.pop_screen", "Retour à l'accueil", show=False),
    ]

    def __init__(self, played: RecordedQuiz, catalog: Catalog) -> None:
        super().__init__()
        self.played = played
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        quiz = self.played.quiz
        yield Header()
        with VerticalScroll():
            score = format_number(round(quiz.score, 2))
            share = round(100 * quiz.score / quiz.max_score) if quiz.max_score else 0
            yield Static(
                Text(f"Score : {score} / {quiz.max_score}  ({share} %)", style="bold"),
                id="score",
            )
            table: DataTable[str | Text] = DataTable(zebra_stripes=True, cursor_type="row")
            table.add_columns("N°", "Question", "Votre réponse", "Bonne réponse", "Points")
            for index, question in enumerate(quiz.questions):
                given = quiz.given.get(index)
                points = given.score if given else 0.0
                mark = "✔" if points >= 1 else ("◐" if points > 0 else "✘")
                table.add_row(
                    str(index + 1),
                    Text(_short(question.prompt)),
                    Text(_short(describe_response(question, given.response if given else None))),
                    Text(_short(describe_answer(question))),
                    f"{mark} {format_number(round(points, 2))}",
                )
            yield table
            yield Static(id="answer-detail")
            review = quiz.to_review()
            if review:
                lines = Text("À revoir :\n", style="bold")
                for question in review:
                    lines.append(f"• {question.prompt}\n", style="")
                yield Static(lines, id="review")
            else:
                yield Static(Text("Tout est juste : rien à revoir.", style="bold"), id="review")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Résultats — {self.played.quiz.deck.title}"
        self.query_one(DataTable).focus()
        self._detail()

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        quiz = self.played.quiz
        if not quiz.questions:
            return
        index = max(self.query_one(DataTable).cursor_row, 0)
        question = quiz.questions[index]
        given = quiz.given.get(index)
        text = Text()
        text.append(f"Question {index + 1} : ", style="bold")
        text.append(f"{question.prompt}\n")
        text.append("Votre réponse : ", style="bold")
        text.append(f"{describe_response(question, given.response if given else None)}\n")
        text.append("Bonne réponse : ", style="bold")
        text.append(describe_answer(question))
        self.query_one("#answer-detail", Static).update(text)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

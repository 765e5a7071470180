"""The correction shown after an answer: verdict, right answer, explanation, sourced figures."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from nrgame.core.content import Figure, Question
from nrgame.core.french import format_number
from nrgame.core.quiz import Given, describe_answer, describe_response


def verdict(score: float) -> Text:
    """Never colour alone: a mark and a word go with every colour."""
    if score >= 1:
        return Text("✔ Bonne réponse", style="bold green")
    if score > 0:
        points = format_number(round(score, 2))
        return Text(f"◐ En partie juste ({points} point)", style="bold yellow")
    return Text("✘ Ce n'est pas la bonne réponse", style="bold red")


def figure_block(figure: Figure) -> Text:
    text = Text()
    text.append(f"{format_number(figure.value)} ", style="bold")
    text.append(f"{figure.unit}\n", style="bold")
    text.append(f"{figure.statement}\n")
    text.append(f"{figure.period}. Source : {figure.source.credit()}.\n", style="italic")
    text.append("Réserve : ", style="bold")
    text.append(figure.caveat)
    return text


def correction(question: Question, given: Given, figures: list[Figure]) -> RenderableType:
    parts: list[RenderableType] = [verdict(given.score)]
    parts.append(
        Text.assemble(("Votre réponse : ", "bold"), describe_response(question, given.response))
    )
    if given.score < 1:
        parts.append(Text.assemble(("Réponse attendue : ", "bold"), describe_answer(question)))
    parts.append(Text(""))
    parts.append(Text(question.explanation))
    for figure in figures:
        parts.append(Text(""))
        parts.append(figure_block(figure))
    if question.source is not None:
        parts.append(Text(""))
        parts.append(Text(f"Source : {question.source.credit()}.", style="italic"))
    return Group(*parts)


class Reveal(Static):
    """Static that only ever receives Rich objects built from content: no markup is parsed."""

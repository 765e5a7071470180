"""An nrgame deck → a GIFT file Moodle imports.

Each question is written the way Moodle's own GIFT exporter writes it (`writequestion` in
question/format/gift/format.php): reserved characters escaped, `[plain]` text, since nrgame
texts are plain text; its general feedback holds the explanation, then each figure with its
period, caveat and source, or the question's source. Moodle has no question to put in order:
`order` questions are listed, not written. A multiple-answer question weighs each right
answer 1/n and each wrong one −1/n, which is nrgame's own scoring; an estimate keeps its band
(a relative tolerance becomes the absolute gap it allows) and gives its unit on the last line
of its text (« Unité : … »), which `nrgame import gift` reads back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nrgame.core.catalog import Catalog
from nrgame.core.content import (
    ChoiceQuestion,
    EstimateQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
)


@dataclass
class GiftExport:
    text: str
    written: int = 0
    left_out: list[str] = field(default_factory=list)
    """Questions GIFT cannot express, said in French."""


_RESERVED = str.maketrans(
    {
        "\\": "\\\\",
        "#": "\\#",
        "=": "\\=",
        "~": "\\~",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)


def escape(text: str) -> str:
    """Moodle's repchar: reserved characters escaped, line breaks as \\n."""
    return text.translate(_RESERVED)


def _answer(text: str) -> str:
    """An answer text that Moodle will not read as a format (`[html]`) or a weight (`%50%`)."""
    escaped = escape(text)
    return f"[plain]{escaped}" if escaped.startswith(("[", "%")) else escaped


def _number(value: float) -> str:
    rounded = float(f"{value:.12g}")
    if rounded.is_integer() and abs(rounded) < 1e15:
        return str(int(rounded))
    return repr(rounded)


def _weight(fraction: float) -> str:
    """A percentage Moodle accepts as a grade (33.33333, 12.5, -50)."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"


def _category(name: str) -> str:
    """A part of a category path: `/` doubled, as Moodle does; a line break would end the
    `$CATEGORY:` line, so it becomes a space. Moodle reads escapes on that line too but does not
    undo them in the name: only a backslash is doubled, which both read back as one."""
    one_line = re.sub(r"\s*[\r\n]\s*", " ", name)
    return one_line.replace("\\", "\\\\").replace("/", "//")


def export_deck(catalog: Catalog, deck_id: str) -> GiftExport:
    """The deck's questions as GIFT, in the deck's order, one category per theme."""
    deck = catalog.decks[deck_id]
    questions = catalog.deck_questions(deck_id)
    result = GiftExport("")
    blocks: list[str] = []
    theme = None
    for question in questions:
        feedback = escape(general_feedback(catalog, question))
        body = ANSWER_BLOCKS[question.kind](question, feedback)
        if isinstance(body, LeftOut):
            result.left_out.append(f"« {question.id} » {body.reason} ; elle n'est pas exportée")
            continue
        if question.theme != theme:
            theme = question.theme
            blocks.append(
                f"$CATEGORY: $course$/top/{_category(deck.title)}/{_category(question.theme)}"
            )
        tags = " ".join(f"[tag:{tag}]" for tag in (*question.tags, f"axe-{question.axis}"))
        blocks.append(
            f"// [id:{question.id}] {tags}\n"
            f"::{escape(question.id)}::[plain]{escape(_prompt(question))}"
            f"{body}"
        )
        result.written += 1
    header = (
        f"// Série nrgame « {deck.title} » ({deck.id}) : {result.written} questions sur "
        f"{len(questions)}.\n// Chaque retour général donne la correction, puis ses chiffres, "
        "leur année et leur source."
    )
    result.text = "\n\n".join([header, *blocks]) + "\n"
    return result


def _prompt(question: Question) -> str:
    if isinstance(question, EstimateQuestion):
        return f"{question.prompt}\nUnité : {question.unit}"
    return question.prompt


@dataclass(frozen=True)
class LeftOut:
    """Why GIFT cannot express a question."""

    reason: str


def _block(lines: list[str], feedback: str) -> str:
    return "{\n" + "\n".join(lines) + f"\n\t####{feedback}\n}}"


def _choice(question: ChoiceQuestion, feedback: str) -> str:
    return _block(
        [
            f"\t{'=' if option == question.answer else '~'}{_answer(option)}"
            for option in question.options
        ],
        feedback,
    )


def _multi(question: MultiQuestion, feedback: str) -> str:
    share = 1 / len(question.answers)
    return _block(
        [
            f"\t~{_weight(share if option in question.answers else -share)}{_answer(option)}"
            for option in question.options
        ],
        feedback,
    )


def _truefalse(question: TrueFalseQuestion, feedback: str) -> str:
    return f"{{{'TRUE' if question.answer else 'FALSE'}####{feedback}}}"


def _estimate(question: EstimateQuestion, feedback: str) -> str:
    tolerance = question.tolerance.absolute
    if tolerance is None:
        assert question.tolerance.relative is not None
        tolerance = question.tolerance.relative * question.answer
    return f"{{#\n\t={_number(question.answer)}:{_number(tolerance)}\n\t####{feedback}\n}}"


def _order(question: OrderQuestion, feedback: str) -> LeftOut:
    return LeftOut("(remettre dans l'ordre) : GIFT n'a pas de question à ordonner")


def _match(question: MatchQuestion, feedback: str) -> str | LeftOut:
    if any("->" in p.left for p in question.pairs):
        return LeftOut(
            "(associer) : un texte de gauche contient « -> », que GIFT lit comme la flèche de "
            "l'association"
        )
    return _block([f"\t={_answer(p.left)} -> {escape(p.right)}" for p in question.pairs], feedback)


ANSWER_BLOCKS: dict[str, Callable[[Any, str], str | LeftOut]] = {
    "choice": _choice,
    "multi": _multi,
    "truefalse": _truefalse,
    "estimate": _estimate,
    "order": _order,
    "match": _match,
}
"""Each kind's GIFT answer block, general feedback last, or why GIFT cannot express it."""


def general_feedback(catalog: Catalog, question: Question) -> str:
    """The explanation, then what backs it: each figure (statement, period, caveat, source),
    or the question's own source."""
    lines = [question.explanation]
    for figure in catalog.figures_of(question):
        url = f", {figure.source.url}" if figure.source.url else ""
        lines.append(
            f"Chiffre : {figure.statement.rstrip('.')} ({figure.period}). Réserve : "
            f"{figure.caveat} Source : {figure.source.citation()}{url}"
        )
    if question.source is not None:
        url = f", {question.source.url}" if question.source.url else ""
        lines.append(f"Source : {question.source.citation()}{url}")
    return "\n".join(lines)

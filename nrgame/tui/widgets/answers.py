"""The screen side of each question kind: its answer widget, which posts AnswerSubmitted with
a core Response, and how the room sees its options (`KIND_WIDGETS`).

Widgets speak the core's language (authored indexes), whatever order they show things in,
so the screen never needs to know how a kind is displayed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.console import RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    ListItem,
    ListView,
    OptionList,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option, OptionDoesNotExist

from nrgame.core.content import (
    ChoiceQuestion,
    EstimateQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
)
from nrgame.core.kinds import kind_of
from nrgame.core.kinds.base import LETTERS, display_order, parse_number
from nrgame.core.scoring import InvalidResponse, Response


@dataclass
class AnswerSubmitted(Message):
    """The player validated an answer."""

    response: Response


class AnswerInput(Vertical):
    """Base class: the hint line and a place to say what is wrong with the input."""

    hint = ""

    def compose_hint(self) -> ComposeResult:
        yield Static(self.hint, classes="hint", markup=False)
        yield Static("", classes="input-error", markup=False)

    def show_error(self, message: str) -> None:
        self.query_one(".input-error", Static).update(Text(message))

    def submit(self, response: Response) -> None:
        self.post_message(AnswerSubmitted(response))


def _label(letter: str, text: str) -> Text:
    return Text.assemble((f"{letter}  ", "bold"), text)


class ChoiceInput(AnswerInput):
    hint = "Flèches puis Entrée, ou la lettre (A, B…) / le chiffre de l'option."

    def __init__(self, question: ChoiceQuestion | TrueFalseQuestion) -> None:
        super().__init__()
        self.question = question
        kind = kind_of(question)
        self.labels = kind.option_labels(question)
        self.letters = kind.vote_letters
        self.responses = kind.vote_options(question)

    def compose(self) -> ComposeResult:
        yield OptionList(
            *[
                Option(_label(self.letters[i], text), id=f"o{i}")
                for i, text in enumerate(self.labels)
            ],
            id="options",
        )
        yield from self.compose_hint()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    def _pick(self, index: int) -> None:
        self.submit(self.responses[index])

    def key_pressed(self, key: str) -> bool:
        """Letter or digit shortcuts; returns True if the key chose an option."""
        index = _shortcut_index(key, len(self.labels))
        if index is None:
            return False
        self.query_one(OptionList).highlighted = index
        self._pick(index)
        return True

    def on_key(self, event: events.Key) -> None:
        if self.key_pressed(event.key):
            event.stop()


class TrueFalseInput(ChoiceInput):
    hint = "V pour vrai, F pour faux (ou flèches puis Entrée)."

    def key_pressed(self, key: str) -> bool:
        keys = {"v": 0, "o": 0, "f": 1, "n": 1}
        if key in keys:
            self._pick(keys[key])
            return True
        return False


def _shortcut_index(key: str, size: int) -> int | None:
    if key.isdigit() and 1 <= int(key) <= size:
        return int(key) - 1
    if len(key) == 1 and key.upper() in LETTERS[:size]:
        return LETTERS.index(key.upper())
    return None


class _SubmittingSelectionList(SelectionList[int]):
    """A SelectionList where Space ticks and Entrée validates."""

    BINDINGS = [
        Binding("space", "select", "Cocher", show=True),
        Binding("enter", "validate", "Valider", show=True),
    ]

    class Validated(Message):
        pass

    def action_validate(self) -> None:
        self.post_message(self.Validated())

    def render_line(self, y: int) -> Strip:
        # The stock box differs only by colour once ticked: a mark says it on any screen, in
        # black and white and to a colour-blind player.
        line = super().render_line(y)
        segments = list(line)
        try:
            value = self.get_option_at_index(self.scroll_offset.y + y).value
        except OptionDoesNotExist:
            return line
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return line
        mark = TICKED if value in self.selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, line.cell_length)


class MultiInput(AnswerInput):
    hint = "Plusieurs bonnes réponses : Espace (ou la lettre) coche, Entrée valide."

    def __init__(self, question: MultiQuestion) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield _SubmittingSelectionList(
            *[(_label(LETTERS[i], text), i) for i, text in enumerate(self.question.options)],
            id="options",
        )
        yield from self.compose_hint()
        yield Button("Valider", id="validate", variant="primary")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def on_key(self, event: events.Key) -> None:
        index = _shortcut_index(event.key, len(self.question.options))
        if index is not None:
            self.query_one(SelectionList).toggle(index)
            event.stop()

    @on(_SubmittingSelectionList.Validated)
    @on(Button.Pressed, "#validate")
    def _validate(self, event: Message) -> None:
        event.stop()
        chosen = frozenset(self.query_one(SelectionList).selected)
        if not chosen:
            self.show_error("Cochez au moins une réponse.")
            return
        self.submit(chosen)


class EstimateInput(AnswerInput):
    hint = "Tapez un nombre (virgule ou point), puis Entrée."

    def __init__(self, question: EstimateQuestion) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Horizontal(classes="estimate-row"):
            yield Input(placeholder="Votre estimation", id="number")
            yield Label(self.question.unit, classes="unit", markup=False)
        yield from self.compose_hint()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value = parse_number(event.value)
        except InvalidResponse as exc:
            self.show_error(f"{exc}. Exemple : 4,4")
            return
        self.submit(value)


class OrderInput(AnswerInput):
    hint = (
        "Flèches pour choisir, Maj+↑ / Maj+↓ (ou les boutons) pour déplacer, "
        "Entrée pour valider. En haut : le premier."
    )

    BINDINGS = [
        Binding("shift+up", "move(-1)", "Monter", show=True),
        Binding("shift+down", "move(1)", "Descendre", show=True),
    ]

    def __init__(self, question: OrderQuestion) -> None:
        super().__init__()
        self.question = question
        self.order = display_order(question)

    def compose(self) -> ComposeResult:
        yield ListView(*self._items(), id="items")
        with Horizontal(classes="buttons"):
            yield Button("▲ Monter", id="up")
            yield Button("▼ Descendre", id="down")
            yield Button("Valider", id="validate", variant="primary")
        yield from self.compose_hint()

    def _items(self) -> list[ListItem]:
        return [
            ListItem(Label(Text(f"{rank + 1}. {self.question.items[i]}"), markup=False))
            for rank, i in enumerate(self.order)
        ]

    def on_mount(self) -> None:
        self.query_one(ListView).focus()

    async def action_move(self, step: int) -> None:
        view = self.query_one(ListView)
        index = view.index if view.index is not None else 0
        target = index + step
        if not 0 <= target < len(self.order):
            return
        self.order[index], self.order[target] = self.order[target], self.order[index]
        await view.clear()
        await view.extend(self._items())
        view.index = target
        view.focus()

    @on(Button.Pressed, "#up")
    async def _up(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_move(-1)

    @on(Button.Pressed, "#down")
    async def _down(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_move(1)

    @on(ListView.Selected)
    @on(Button.Pressed, "#validate")
    def _validate(self, event: Message) -> None:
        event.stop()
        self.submit(tuple(self.order))


TICKED = "✔"
"""The mark of a ticked box."""


class MatchInput(AnswerInput):
    hint = (
        "Pour chaque élément, tapez la lettre de son association : la ligne se remplit et "
        "la suivante prend la main (Entrée ouvre la liste, Maj+Tab revient)."
    )

    def __init__(self, question: MatchQuestion) -> None:
        super().__init__()
        self.question = question
        self.shown = display_order(question)
        self.moved = False
        """A letter has just filled a row and moved to the next."""

    def compose(self) -> ComposeResult:
        choices = [
            (Text(f"{LETTERS[rank]}. {self.question.pairs[i].right}"), i)  # never markup
            for rank, i in enumerate(self.shown)
        ]
        # Every association on screen at once: no list to open to learn what the letters are.
        yield Static(Text("\n").join(label for label, _ in choices), classes="match-options")
        for left_index, pair in enumerate(self.question.pairs):
            with Horizontal(classes="match-row"):
                yield Label(Text(f"{left_index + 1}. {pair.left}"), classes="left", markup=False)
                yield Select(choices, prompt="— choisir —", id=f"m{left_index}")
        yield Button("Valider", id="validate", variant="primary")
        yield from self.compose_hint()

    def on_mount(self) -> None:
        self.query(Select).first().focus()

    def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        moved, self.moved = self.moved, False
        if event.key == "tab" and moved:
            # The letter moved on already; a Tab typed out of habit must not skip a row.
            event.prevent_default()
            event.stop()
            return
        if not isinstance(focused, Select) or focused.expanded:
            return
        index = _shortcut_index(event.key, len(self.shown))
        if index is not None and not event.key.isdigit():
            event.stop()
            focused.value = self.shown[index]
            self.screen.focus_next()
            self.moved = True

    @on(Button.Pressed, "#validate")
    def _validate(self, event: Button.Pressed) -> None:
        event.stop()
        picks: list[int] = []
        for select in self.query(Select):
            value = select.value
            if not isinstance(value, int):
                self.show_error("Associez chaque élément avant de valider.")
                return
            picks.append(value)
        self.submit(tuple(picks))


Picks = dict[object, list[Text]]
"""For each option (its response: index or True/False), the marks of the teams that chose it."""


def _option(letter: str, text: str, key: object, is_right: bool, picks: Picks | None) -> Text:
    line = Text("  ")
    if picks is not None:
        line.append("✔ " if is_right else "  ", style="bold green")
    line.append(f"{letter}  ", style="bold")
    line.append(text, style="bold" if picks is not None and is_right else "")
    for mark in (picks or {}).get(key, []):
        line.append("   ")
        line.append_text(mark)
    return line


def _choice_body(question: ChoiceQuestion, picks: Picks | None) -> RenderableType:
    right = question.options.index(question.answer)
    return Text("\n").join(
        _option(LETTERS[i], text, i, i == right, picks) for i, text in enumerate(question.options)
    )


def _multi_body(question: MultiQuestion, picks: Picks | None) -> RenderableType:
    right = kind_of(question).right_options(question)
    lines = [
        _option(LETTERS[i], text, i, i in right, picks) for i, text in enumerate(question.options)
    ]
    lines.append(Text("  Plusieurs réponses possibles.", style="italic"))
    return Text("\n").join(lines)


def _truefalse_body(question: TrueFalseQuestion, picks: Picks | None) -> RenderableType:
    return Text("\n").join(
        [
            _option("V", "Vrai", True, question.answer, picks),
            _option("F", "Faux", False, not question.answer, picks),
        ]
    )


def _estimate_body(question: EstimateQuestion, picks: Picks | None) -> RenderableType:
    return Text(f"  Estimez : en {question.unit}.", style="italic")


def _order_body(question: OrderQuestion, picks: Picks | None) -> RenderableType:
    lines = [
        Text.assemble(("  " + LETTERS[rank] + "  ", "bold"), question.items[i])
        for rank, i in enumerate(display_order(question))
    ]
    lines.append(Text("  Classez du premier au dernier.", style="italic"))
    return Text("\n").join(lines)


def _match_body(question: MatchQuestion, picks: Picks | None) -> RenderableType:
    table = Table.grid(padding=(0, 4))
    table.add_column()
    table.add_column()
    shown = display_order(question)
    for index, pair in enumerate(question.pairs):
        table.add_row(
            Text.assemble((f"  {index + 1}  ", "bold"), pair.left),
            Text.assemble((f"{LETTERS[index]}  ", "bold"), question.pairs[shown[index]].right),
        )
    return table


@dataclass(frozen=True)
class KindWidgets:
    """What the screens show for one question kind."""

    answer: Callable[[Any], AnswerInput]
    """The widget a player answers with."""
    room_body: Callable[[Any, Picks | None], RenderableType]
    """The options as the room sees them."""


KIND_WIDGETS: dict[str, KindWidgets] = {
    "choice": KindWidgets(ChoiceInput, _choice_body),
    "multi": KindWidgets(MultiInput, _multi_body),
    "truefalse": KindWidgets(TrueFalseInput, _truefalse_body),
    "estimate": KindWidgets(EstimateInput, _estimate_body),
    "order": KindWidgets(OrderInput, _order_body),
    "match": KindWidgets(MatchInput, _match_body),
}
"""The screen side of each question kind (`nrgame.core.kinds` holds its other pieces)."""


def answer_input(question: Question) -> Widget:
    """The widget that takes an answer to this question."""
    return KIND_WIDGETS[question.kind].answer(question)


def question_body(question: Question, picks: Picks | None = None) -> RenderableType:
    """The options as the room sees them. Once revealed (`picks` given), the right ones carry
    ✔ and each option shows the teams that chose it."""
    return KIND_WIDGETS[question.kind].room_body(question, picks)

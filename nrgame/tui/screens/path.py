"""Choosing a self-training path: axes, themes, how long a session lasts, how many new
questions a day at most."""

from __future__ import annotations

import unicodedata
from collections import Counter

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from nrgame.core.catalog import Catalog
from nrgame.core.content import AXES
from nrgame.core.french import plural
from nrgame.core.training import MINUTE_CHOICES, NEW_PER_DAY_CHOICES, LearningPath


class PathScreen(Screen[LearningPath | None]):
    """Returns the new path, or None if the learner cancels."""

    DEFAULT_CSS = """
    PathScreen #path-body { padding: 1 2; }
    PathScreen #path-lists { height: auto; margin-top: 1; }
    PathScreen #path-lists Vertical { width: 2fr; height: auto; margin-right: 2; }
    PathScreen #path-lists #axes-column { width: 3fr; }
    PathScreen #path-summary { margin-top: 1; text-style: bold; }
    PathScreen #path-lists SelectionList { max-height: 16; }
    PathScreen #path-minutes { height: auto; margin-top: 1; }
    PathScreen #path-minutes Label { padding: 1 1 0 0; }
    PathScreen #path-minutes Select { width: 16; margin-right: 2; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer"),
        Binding("escape", "cancel", "Annuler"),
        Binding("f1", "app.help", "Aide"),
    ]

    def __init__(self, catalog: Catalog, path: LearningPath) -> None:
        super().__init__()
        self.catalog = catalog
        self.path = path

    def compose(self) -> ComposeResult:
        questions = list(self.catalog.questions.values())
        by_axis = Counter(q.axis for q in questions)
        by_theme = Counter(q.theme for q in questions)
        yield Header()
        with Vertical(id="path-body"):
            yield Static(
                Text(
                    "Cochez les axes ou les thèmes à travailler (Espace coche, Tab passe à la "
                    "liste suivante). Une question entre dans le parcours si son axe ou son "
                    "thème est coché ; rien de coché, c'est tout le contenu."
                )
            )
            with Horizontal(id="path-lists"):
                with Vertical(id="axes-column"):
                    yield Label(Text("Axes", style="bold"))
                    yield SelectionList[int](
                        *[
                            Selection(
                                Text(f"{axis}. {AXES[axis]} ({plural(count, 'question')})"),
                                axis,
                                axis in self.path.axes,
                            )
                            for axis, count in sorted(by_axis.items())
                        ],
                        id="path-axes",
                    )
                with Vertical():
                    yield Label(Text("Thèmes", style="bold"))
                    yield SelectionList[str](
                        *[
                            Selection(
                                Text(f"{theme} ({plural(count, 'question')})"),
                                theme,
                                theme in self.path.themes,
                            )
                            for theme, count in sorted(by_theme.items(), key=_alphabetical)
                        ],
                        id="path-themes",
                    )
            with Horizontal(id="path-minutes"):
                yield Label("Durée d'une séance :")
                yield Select[int](
                    [(f"{m} minutes", m) for m in MINUTE_CHOICES],
                    value=self.path.minutes if self.path.minutes in MINUTE_CHOICES else 10,
                    allow_blank=False,
                    id="minutes",
                )
                yield Label("Nouvelles questions par jour, au plus :")
                choices = sorted({*NEW_PER_DAY_CHOICES, self.path.new_per_day})
                yield Select[int](
                    [(str(n), n) for n in choices],
                    value=self.path.new_per_day,
                    allow_blank=False,
                    id="new-per-day",
                )
            yield Static(id="path-summary")
            with Horizontal(classes="buttons"):
                yield Button("Enregistrer (Ctrl+S)", id="save", variant="primary")
                yield Button("Annuler (Échap)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Autoformation — parcours"
        self.query_one("#path-axes", SelectionList).focus()
        self._summarise()

    @on(SelectionList.SelectedChanged)
    @on(Select.Changed)
    def _summarise(self) -> None:
        """The choice in words: the lists alone show ticks by colour only."""
        path = self.chosen()
        count = sum(1 for q in self.catalog.questions.values() if path.includes(q))
        self.query_one("#path-summary", Static).update(
            Text(f"Votre parcours : {path.describe()} — {plural(count, 'question')}.")
        )

    def chosen(self) -> LearningPath:
        axes: SelectionList[int] = self.query_one("#path-axes", SelectionList)
        themes: SelectionList[str] = self.query_one("#path-themes", SelectionList)
        minutes = self.query_one("#minutes", Select).value
        new_per_day = self.query_one("#new-per-day", Select).value
        return LearningPath(
            frozenset(axes.selected),
            frozenset(themes.selected),
            minutes if isinstance(minutes, int) else self.path.minutes,
            new_per_day if isinstance(new_per_day, int) else self.path.new_per_day,
        )

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.chosen())

    def action_cancel(self) -> None:
        self.dismiss(None)


def _alphabetical(item: tuple[str, int]) -> str:
    """Dictionary order: case and accents aside (« énergie » between « empreinte » and « IA »)."""
    decomposed = unicodedata.normalize("NFKD", item[0])
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

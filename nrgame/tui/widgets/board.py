"""The board's pieces around its screen: marks and gauges, the card and panel texts, dialogs.

Shared by the board, its rules page and its debrief, so none of them imports another screen.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from nrgame.core.board import EARLY, LATE, MATURITY, NO_BUDGET, NO_DAYS, OVER, PREREQUISITE
from nrgame.core.board_game import FiredEvent, Game
from nrgame.core.board_text import describe_effect
from nrgame.core.content import AXES, Figure, figure_text
from nrgame.core.french import format_number
from nrgame.core.scenario import MAX_LEVEL, Card, Scenario

SHORT_REASONS = {
    PREREQUISITE: "✗ prérequis",
    MATURITY: "✗ maturité",
    NO_BUDGET: "✗ budget",
    NO_DAYS: "✗ jours",
    EARLY: "✗ trop tôt",
    LATE: "✗ trop tard",
    OVER: "✗ fin de partie",
}


def track(level: int) -> str:
    """« ●●○○  2/4 »: the level as marks and as a number, never as a colour alone."""
    return "●" * level + "○" * (MAX_LEVEL - level) + f"  {level}/{MAX_LEVEL}"


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def gauge(left: int, total: int, width: int = 16) -> str:
    """« ██████░░░░ »: what remains of a resource this turn."""
    filled = 0 if total <= 0 else round(width * max(0, min(left, total)) / total)
    return "█" * filled + "░" * (width - filled)


class EventDialog(ModalScreen[None]):
    """What happens to the authority at the start of a turn, read aloud to the table."""

    DEFAULT_CSS = """
    EventDialog { align: center middle; }
    EventDialog > #event-box {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    EventDialog #event-title { text-style: bold; margin-bottom: 1; }
    EventDialog .event-name { text-style: bold; margin-top: 1; }
    EventDialog #event-ok { margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "dismiss", "Continuer")]

    def __init__(self, scenario: Scenario, turn_label: str, events: list[FiredEvent]) -> None:
        super().__init__()
        self.scenario = scenario
        self.turn_label = turn_label
        self.events = events

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="event-box"):
            yield Static(Text(f"⚡ {self.turn_label} : ce qui arrive"), id="event-title")
            for fired in self.events:
                event = fired.event
                yield Static(Text(f"▸ {event.title}"), classes="event-name")
                yield Static(Text(event.text))
                effects = event.softened if fired.softened else event.effects
                if fired.softened:
                    names = ", ".join(f"« {c.title} »" for c in fired.softened_by)
                    yield Static(Text(f"✔ Grâce à {names}, l'effet est changé."))
                elif event.softened_by:
                    names = " ou ".join(
                        f"« {self.scenario.card(c).title} »" for c in event.softened_by
                    )
                    yield Static(
                        Text(f"✘ Non atténué : il l'aurait été avec {names} terminée ou en cours.")
                    )
                words = [describe_effect(self.scenario, e) for e in effects]
                yield Static(Text("Effet : " + (" ; ".join(words) if words else "aucun") + "."))
            yield Button("Continuer (Entrée)", id="event-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#event-ok", Button).focus()

    @on(Button.Pressed, "#event-ok")
    def _ok(self) -> None:
        self.dismiss(None)


class CardDialog(ModalScreen[bool]):
    """A whole card, read at the table: True if the facilitator commits (or takes it back)."""

    DEFAULT_CSS = """
    CardDialog { align: center middle; }
    CardDialog > #card-box {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CardDialog #card-text { height: auto; max-height: 80vh; }
    CardDialog #card-buttons { height: auto; }
    CardDialog Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Fermer"),
        Binding("d", "dismiss(False)", "Fermer", show=False),
        Binding("left", "app.focus_previous", "Bouton précédent", show=False),
        Binding("right", "app.focus_next", "Bouton suivant", show=False),
    ]

    def __init__(self, text: Text, toggle: str) -> None:
        super().__init__()
        self.text = text
        self.toggle = toggle

    def compose(self) -> ComposeResult:
        with Vertical(id="card-box"):
            with VerticalScroll(id="card-text"):
                yield Static(self.text)
            with Horizontal(id="card-buttons"):
                yield Button(self.toggle, id="card-toggle", variant="primary", compact=True)
                yield Button("Fermer (Échap)", id="card-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#card-close", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "card-toggle")


class PanelDialog(ModalScreen[None]):
    """The board's state in one scrolling page: tracks, indicators, objectives, the log."""

    DEFAULT_CSS = """
    PanelDialog { align: center middle; }
    PanelDialog > #panel-box {
        width: 100; max-width: 100%; height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PanelDialog .panel-title { text-style: bold reverse; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Fermer"),
        Binding("p", "dismiss", "Fermer", show=False),
    ]

    def __init__(self, title: str, parts: list[tuple[str, Text]]) -> None:
        super().__init__()
        self.heading = title
        self.parts = parts

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="panel-box"):
            yield Static(Text(self.heading, style="bold"))
            for title, text in self.parts:
                yield Static(Text(title), classes="panel-title")
                yield Static(text)
            yield Static(Text("Échap pour revenir aux cartes."))


def panels(game: Game, team: int) -> list[tuple[str, Text]]:
    """The board's state as texts, by panel id: the left column and the p page."""
    board = game.board(team)
    s = game.scenario
    axes = Text()
    for number, label in AXES.items():
        level = game.maturity(number, team)
        axes.append(f"{number}. {label}\n")
        axes.append(f"   {track(level)}\n", style="bold")
    indicators = Text()
    for indicator in s.indicators:
        value = format_number(round(game.value(indicator.id, team), 2))
        indicators.append(f"{indicator.label} : ")
        indicators.append(f"{value} {indicator.unit}\n", style="bold")
    if not s.indicators:
        indicators.append("Aucun.")
    running = Text()
    for card, left in game.running(team):
        pending = " (à valider)" if s.cards.index(card) in board.committed else ""
        turns = "tour" if left == 1 else "tours"
        running.append(f"⏳ {card.title}{pending} : encore {left} {turns}\n")
    if not game.running(team):
        running.append("Aucune.\n")
    objectives = Text()
    for objective in s.objectives:
        status = game.objective_status(objective, team)
        mark = {"atteint": "✔", "manqué": "✘"}.get(status, "…")
        must = " (obligatoire)" if objective.mandatory else ""
        objectives.append(f"{mark} {status} : ", style="bold")
        objectives.append(f"{objective.text}{must}\n")
    lines = [line for _, line in game.log(team)]
    log = Text("\n".join(lines) or "Rien encore.")
    return [
        ("axes", axes),
        ("indicators", indicators),
        ("running", running),
        ("objectives", objectives),
        ("log-lines", log),
    ]


def card_text(game: Game, team: int, card: Card, figures: Mapping[str, Figure] | None) -> Text:
    """Everything a card says, its reason if it cannot be committed now first."""
    s = game.scenario
    text = Text()
    text.append(f"{card.title}\n", style="bold")
    reason = game.reason(card.id, team)
    board = game.board(team)
    if reason is not None and not board.started[s.cards.index(card)]:
        text.append(f"Pas maintenant : {reason}\n", style="bold")
    turns = "tour" if card.duration == 1 else "tours"
    text.append(
        f"Axe {card.axis} ({AXES[card.axis]}) · porteur : {card.owner.label} · "
        f"{card.cost.budget} k€, {card.cost.days} jours-agents · {card.duration} {turns}\n"
    )
    text.append(f"{card.text}\n")
    effects = [describe_effect(s, e) for e in card.effects]
    if effects:
        text.append("Effets : " + " ; ".join(effects) + "\n")
    for synergy in card.synergies:
        other = s.card(synergy.card).title
        bonus = " ; ".join(describe_effect(s, e) for e in synergy.effects)
        why = f" ({synergy.text})" if synergy.text else ""
        text.append(f"Synergie avec « {other} »{why} : {bonus}\n")
    if card.requires:
        names = ", ".join(f"« {s.card(r).title} »" for r in card.requires)
        text.append(f"Prérequis : {names}\n")
    if card.window is not None:
        text.append(f"Possible du tour {card.window.first} au tour {card.window.last}\n")
    softens = [e.title for e in s.events if card.id in e.softened_by]
    if softens:
        text.append("Atténue : " + ", ".join(f"« {t} »" for t in softens) + "\n")
    text.append(f"Feuille de route : {card.measure} → {card.target}\n")
    for figure_id in card.figures:
        figure = (figures or {}).get(figure_id)
        text.append(f"Chiffre clé : {figure_text(figure) if figure else figure_id}\n")
    if card.link:
        text.append(f"Pour aller plus loin : {card.link}\n")
    return text

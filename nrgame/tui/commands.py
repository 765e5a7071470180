"""Each command of the terminal app, declared once: its key, its French label (footer, button),
its help line (F1, the rules page) and, for the app's own, its palette entry.

A screen takes its BINDINGS from its tuple here (`bindings`) and F1 lists the same tuple
(`help_rows`), so what the help says and what the keys do cannot drift apart. A command with
no action is a key the screen's widgets handle themselves (a table's arrows): it is only said.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Command:
    keys: str
    """Textual key names, comma-separated, as in a Binding."""
    action: str
    label: str
    help: str
    show: bool = True
    priority: bool = False
    palette: str = ""
    """The palette entry's help line; empty: not in the palette (its title is `label`)."""
    said: str = ""
    """The keys as F1 says them, when they are not just `keys` in French (« double clic »)."""

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.show, priority=self.priority)

    def key_text(self) -> str:
        return self.said or key_names(self.keys)


KEY_NAMES = {
    "escape": "Échap",
    "enter": "Entrée",
    "delete": "Suppr",
    "space": "Espace",
    "tab": "Tab",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "Pg préc.",
    "pagedown": "Pg suiv.",
    "ctrl": "Ctrl",
    "shift": "Maj",
}


def key_names(keys: str) -> str:
    """« delete,s » → « Suppr ou S », « ctrl+q » → « Ctrl+Q »: keys as a French user reads them."""

    def one(key: str) -> str:
        return "+".join(KEY_NAMES.get(part, part.upper()) for part in key.split("+"))

    return " ou ".join(one(key) for key in keys.split(","))


def bindings(commands: tuple[Command, ...]) -> list[BindingType]:
    return [command.binding() for command in commands if command.action]


def help_rows(commands: tuple[Command, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((command.key_text(), command.help) for command in commands)


EVERYWHERE = (
    Command("f1", "app.help", "Aide", "cette aide", palette="Les touches de l'application"),
    Command("ctrl+p", "", "", "palette de commandes (lancer une série par son nom)"),
    Command(
        "ctrl+q",
        "app.quit",
        "Quitter",
        "quitter (les réponses déjà données sont enregistrées)",
        priority=True,
        palette="Fermer nrgame (tout est enregistré)",
    ),
)
"""The app's own keys: they work on every screen, and F1 always lists them."""

APP_ENTRIES = (
    Command(
        "a",
        "app.training",
        "Autoformation",
        "autoformation (révisions, attestation)",
        palette="Séance du jour, progression, test final",
    ),
    Command(
        "r",
        "app.records",
        "Séances",
        "les séances enregistrées : consulter, corriger le public, supprimer",
        palette="Consulter, corriger, supprimer",
    ),
    Command(
        "i",
        "app.dashboard",
        "Indicateurs",
        "les indicateurs : actions, personnes sensibilisées, certifiées",
        palette="Actions, personnes sensibilisées, certifiées",
    ),
)
"""The app's sections, one key each from the home screen and one entry each in the palette."""

THEME = Command("", "app.change_theme", "Thème", "", palette="Changer les couleurs")
"""Only in the palette."""

PALETTE = (*APP_ENTRIES, EVERYWHERE[0], THEME, EVERYWHERE[2])
"""The palette's system commands, in the order shown."""

BOARD = (
    Command("up,down", "", "", "choisir une carte (son détail s'affiche)"),
    Command(
        "enter",
        "",
        "",
        "engager la carte choisie, ou la retirer si elle est engagée",
        said="Entrée ou double clic",
    ),
    Command("v", "confirm_turn", "Valider", "valider le tour (après confirmation)"),
    Command("d", "card", "Détail", "la carte entière (effets, prérequis, chiffres clés)"),
    Command(
        "p",
        "panel",
        "Plateau",
        "le plateau : axes, indicateurs, actions en cours, objectifs, journal",
    ),
    Command("g", "rules", "Règles", "les règles du jeu et le scénario"),
    Command("b", "debrief", "Bilan", "le bilan : feuille de route, objectifs, exports"),
    Command(
        "r", "withdraw_card", "Retirer", "retirer la carte choisie (engagée ce tour-ci)", show=False
    ),
    Command(
        "a",
        "undo_turn",
        "Annuler un tour",
        "annuler le dernier tour validé (après confirmation)",
        show=False,
    ),
    Command("t", "next_team", "Équipe suivante", "équipe suivante (mode compétitif)", show=False),
    Command(
        "escape",
        "leave",
        "Quitter la partie",
        "quitter la partie (reprise possible : rechoisir le scénario)",
    ),
)

RECORDS = (
    Command("up,down", "", "", "choisir une séance (son détail s'affiche à droite)"),
    Command("escape", "app.pop_screen", "Retour", "revenir à l'accueil"),
    Command("f", "focus_filters", "Filtrer", "filtrer par période ou par sorte de séance"),
    Command(
        "c",
        "correct_audience",
        "Corriger le public",
        "corriger le public de la séance choisie (la correction est gardée)",
    ),
    Command(
        "delete,s",
        "delete_session",
        "Supprimer",
        "supprimer la séance choisie (après confirmation ; définitif)",
    ),
)

DEBRIEF = (
    Command("up,down", "", "", "choisir une action (son détail s'affiche dessous)"),
    Command(
        "x",
        "export",
        "Exporter",
        "exporter la feuille de route : Markdown, CSV et ODT, datée du jour choisi",
    ),
    Command("g", "rules", "Règles", "les règles du jeu et le scénario"),
    Command("escape", "leave", "Fermer le bilan", "fermer le bilan"),
)

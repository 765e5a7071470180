"""F1: on a screen that declares its commands (KEYS, from nrgame.tui.commands), those and the
ones that work everywhere, generated; elsewhere the table of all keys."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from nrgame.tui import commands
from nrgame.tui.commands import help_rows

EVERYWHERE = tuple(("Partout", *row) for row in help_rows(commands.EVERYWHERE))

KEYS = (
    *EVERYWHERE,
    ("Accueil", "↑ ↓ puis Entrée", "lancer la série choisie"),
    ("Accueil", "A", "autoformation (révisions, attestation)"),
    ("Accueil", "S", "animer la série en salle (équipes, vote)"),
    ("Accueil", "Tab puis G", "règles du jeu de plateau choisi"),
    ("Jeu de plateau", "F1 sur le plateau", "les touches du plateau"),
    ("Question à choix", "A, B, C… ou 1, 2, 3…", "répondre directement"),
    ("Vrai ou faux", "V / F", "répondre"),
    ("Plusieurs réponses", "Espace ou la lettre, puis Entrée", "cocher, puis valider"),
    ("Estimation", "un nombre puis Entrée", "virgule ou point acceptés"),
    ("Classement", "Maj+↑ / Maj+↓", "déplacer l'élément choisi ; Entrée valide"),
    ("Association", "Tab, Entrée", "passer d'une liste à l'autre, choisir"),
    ("Correction", "Entrée", "question suivante"),
    ("Série", "Échap", "interrompre (reprise possible au prochain lancement)"),
    ("En salle", "Entrée", "saisir, puis révéler, puis suivante"),
    ("En salle", "1 à 8 ou E / Échap", "saisir pour une équipe / fin de saisie"),
    ("En salle", "R S ← P N T", "révéler, passer, revenir, pause, notes…"),
    (
        "En salle, après la révélation",
        "C, ou 1 à 8 pour une équipe",
        "corriger une réponse ou le vote : score recalculé, correction gardée",
    ),
    ("En salle", "↑ ↓", "faire défiler la question"),
    ("En salle", "M", "réponses sur téléphone : allumer, ou éteindre pour revenir à main levée"),
    ("En salle, téléphones", "A / K", "compter les téléphones comme public / carte à imprimer"),
)


class HelpScreen(ModalScreen[None]):
    """All the keys, or those of one screen (`where`, `keys`) and the ones that work anywhere."""

    BINDINGS = [
        Binding("escape", "dismiss", "Fermer"),
        Binding("f1", "dismiss", "Fermer", show=False),
    ]

    def __init__(self, where: str = "", keys: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__()
        self.where = where
        self.keys = keys

    def compose(self) -> ComposeResult:
        title = f"Touches : {self.where}" if self.keys else "Touches"
        table = Table(title=title, expand=True)
        table.add_column("Où", ratio=1)
        table.add_column("Touche", style="bold", ratio=1)
        table.add_column("Effet", ratio=2)
        rows = [(self.where, *row) for row in self.keys] + list(EVERYWHERE) if self.keys else KEYS
        for row in rows:
            table.add_row(*row)
        with VerticalScroll(id="help"):
            yield Static(table)
            yield Static("Échap pour fermer.", markup=False)

"""F1: the keys, in one place."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("Partout", "F1", "cette aide"),
    ("Partout", "Ctrl+P", "palette de commandes (lancer une série par son nom)"),
    ("Partout", "Ctrl+Q", "quitter (les réponses déjà données sont enregistrées)"),
    ("Accueil", "↑ ↓ puis Entrée", "lancer la série choisie"),
    ("Accueil", "A", "autoformation (révisions, attestation)"),
    ("Accueil", "S", "animer la série en salle (équipes, vote)"),
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
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Fermer"),
        Binding("f1", "dismiss", "Fermer", show=False),
    ]

    def compose(self) -> ComposeResult:
        table = Table(title="Touches", expand=True)
        table.add_column("Où", ratio=1)
        table.add_column("Touche", style="bold", ratio=1)
        table.add_column("Effet", ratio=2)
        for row in KEYS:
            table.add_row(*row)
        with Vertical(id="help"):
            yield Static(table)
            yield Static("Échap pour fermer.", markup=False)

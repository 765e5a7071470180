"""The board game in French words: its rules, as the screen and the printable sheets read
them, and what an effect does.
"""

from __future__ import annotations

from nrgame.core.content import AXES
from nrgame.core.french import format_number
from nrgame.core.scenario import AXIS_TARGETS, BUDGET, DAYS, Effect, Mode, Scenario, When


def describe_effect(scenario: Scenario, effect: Effect) -> str:
    """« +1 niveau : Commande publique », « −20 k€ de budget », « +5 % Part des achats… »."""
    sign = "+" if effect.add >= 0 else "−"
    amount = format_number(abs(effect.add))
    if effect.target in AXIS_TARGETS:
        axis = AXIS_TARGETS[effect.target]
        levels = "niveau" if abs(effect.add) <= 1 else "niveaux"
        text = f"{sign}{amount} {levels} sur l'axe {axis} ({AXES[axis]})"
    elif effect.target == BUDGET:
        text = f"{sign}{amount} k€ de budget"
    elif effect.target == DAYS:
        text = f"{sign}{amount} jours-agents"
    else:
        indicator = scenario.indicator(effect.target)
        text = f"{sign}{amount} {indicator.unit} : {indicator.label}"
    return text + WHEN_SUFFIX[effect.when]


WHEN_SUFFIX = {
    When.ONCE: "",
    When.DURING: " (à chaque tour où l'action court)",
    When.AFTER: " (à chaque tour ensuite)",
}


def rules_sections(scenario: Scenario) -> list[tuple[str, list[str]]]:
    """The rules of the game in French, as (heading, paragraphs): the screen and the
    printable sheets read the same text. The scenario's own introduction comes first."""
    s = scenario
    a = s.authority
    unit = s.turns.unit
    carry = (
        "ce qui n'est pas dépensé passe au tour suivant"
        if a.resources.carry
        else "ce qui n'est pas dépensé est perdu à la fin du tour"
    )
    intro = [s.summary]
    if a.description:
        intro.append(a.description)
    intro.append(
        f"{a.name} ({a.kind.label}, {format_number(a.population)} habitants, "
        f"{format_number(a.agents)} agents). Partie en {s.turns.count} tours (un tour : "
        f"un {unit}), pour {s.players} joueurs, environ {s.duration} min."
    )
    mode = (
        f"Mode compétitif : {s.teams} équipes jouent la même partie, chacune sur son plateau ; "
        "l'animateur passe d'une équipe à l'autre avant de valider le tour."
        if s.mode == Mode.COMPETITIVE
        else "Mode coopératif : toute la table joue ensemble une seule collectivité."
    )
    turn = [
        f"Au début de chaque tour, la collectivité reçoit {a.resources.budget} k€ de budget "
        f"et {a.resources.days} jours-agents ; {carry}.",
        "Puis les événements du tour arrivent : ils sont lus à la table. Un événement est "
        "atténué si une carte qui l'atténue est terminée ou en cours quand il arrive.",
        "La table choisit ensuite les actions à engager, dans la limite du budget et des "
        "jours-agents qui restent. Une action peut demander d'avoir terminé d'autres actions "
        "(prérequis), un niveau de maturité sur un axe, ou n'être possible qu'à certains tours.",
        "Quand la table est d'accord, l'animateur valide le tour : les actions en cours "
        "avancent d'un tour ; celles qui se terminent donnent leurs effets, et deux actions "
        "qui vont ensemble (synergie) donnent un bonus une fois toutes les deux terminées.",
    ]
    points = s.score.maturity
    win = [
        (
            f"Chaque niveau de maturité gagné sur un axe rapporte {format_number(points)} "
            f"point{'s' if points > 1 else ''} ; les objectifs atteints rapportent leurs points."
            if points
            else "Les objectifs atteints rapportent leurs points."
        ),
        f"La partie est gagnée avec au moins {format_number(s.score.win)} points et tous les "
        "objectifs obligatoires atteints.",
        "À la fin, le bilan donne la feuille de route construite : à reprendre dans la vraie.",
        "Les nombres du jeu ne sont pas des indicateurs réels ; les chiffres clés cités par "
        "les cartes, eux, sont sourcés.",
    ]
    return [
        ("Le scénario", intro),
        ("Qui joue", [mode]),
        ("Un tour de jeu", turn),
        ("Gagner", win),
    ]

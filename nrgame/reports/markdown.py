"""The annual review in Markdown: what an élu reads before the budget debate.

Plain sentences first, tables after; the statistics meant for content authors go in an annex.
"""

from __future__ import annotations

from nrgame.core.french import ending, format_number, long_date, plural
from nrgame.core.indicator_records import Period
from nrgame.core.indicators import Indicators
from nrgame.core.itemstats import FLAG_EASY, FLAG_FEW, FLAG_HARD, FLAG_NEGATIVE, MIN_ATTEMPTS
from nrgame.reports.tables import Cell, Table, kind_label, tables


def period_phrase(period: Period) -> str:
    if period.start and period.end:
        return f"du {long_date(period.start)} au {long_date(period.end)}"
    if period.start:
        return f"depuis le {long_date(period.start)}"
    if period.end:
        return f"jusqu'au {long_date(period.end)}"
    return "toutes les séances enregistrées"


def render_markdown(ind: Indicators) -> bytes:
    by_name = {t.name: t for t in tables(ind)}
    reach = ind.reach
    lines = [
        "# Bilan des actions de sensibilisation au numérique responsable",
        "",
        f"Période : {period_phrase(ind.period)}.",
        "",
        "Indicateurs de l'axe 5 du guide de la stratégie numérique responsable des "
        "collectivités (MiNumEco) : actions menées, personnes touchées, acteurs impliqués, "
        "personnes certifiées.",
        "",
        "## En bref",
        "",
        f"- **{plural(ind.actions.total, 'action')}** menée{'s' if ind.actions.total > 1 else ''}"
        + (f" ({_kinds(ind)})" if ind.actions.total else "")
        + ".",
        f"- **{plural(reach.total, 'personne')} touchée{'s' if reach.total > 1 else ''}** : "
        f"{format_number(reach.declared.counted)} comptée{ending(reach.declared.counted)}, "
        f"{format_number(reach.declared.estimated)} estimée{ending(reach.declared.estimated)}, "
        f"{format_number(reach.distinct_learners)} en autoformation.",
        f"- Autoformation : {plural(reach.distinct_learners, 'apprenant')} pour "
        f"{plural(reach.learner_attendances, 'séance')}, comptée"
        f"{ending(reach.learner_attendances)} à part des actions.",
        f"- **{plural(ind.actors.distinct, 'acteur')}** impliqué{ending(ind.actors.distinct)} "
        "à nos côtés.",
        f"- **{plural(ind.certified.people, 'personne')} "
        f"certifiée{ending(ind.certified.people)}**.",
    ]
    silent = sum(1 for line in ind.ledger if line.learner is None and line.total == 0)
    if silent:
        lines.append(
            f"- ⚠ {plural(silent, 'action')} sans public déclaré (0 personne comptée) : "
            "déclarez-le dans l'écran des séances de l'application (touche c)."
        )
    if ind.knowledge.pairs:
        before = ind.knowledge.mean_before or 0.0
        after = ind.knowledge.mean_after or 0.0
        lines.append(
            f"- Connaissances : score moyen de {_pct(before)} avant, {_pct(after)} après "
            f"({plural(len(ind.knowledge.pairs), 'séance')} comparée"
            f"{ending(len(ind.knowledge.pairs))})."
        )
    lines += [
        "",
        "## Actions menées",
        "",
        *_table(by_name["Actions par type"]),
        "",
        *_table(by_name["Actions par mois"]),
        "",
        "## Personnes touchées",
        "",
        "Chaque séance déclare son public, par catégorie, en distinguant les personnes "
        "comptées des personnes estimées. Une personne venue à deux actions compte deux fois. "
        "En autoformation, chaque apprenant (un pseudonyme) compte une seule fois, quel que "
        f"soit le nombre de séances suivies : {plural(reach.distinct_learners, 'apprenant')} "
        f"pour {plural(reach.learner_attendances, 'séance')}. Les lignes du tableau "
        "s'additionnent au total.",
        "",
        *_table(by_name["Publics"]),
        "",
        "## Acteurs impliqués",
        "",
        f"{plural(ind.actors.distinct, 'organisation')} partenaire"
        f"{ending(ind.actors.distinct)}, pour {plural(ind.actors.participations, 'participation')} "
        "aux actions.",
        "",
        *_table(by_name["Acteurs"]),
        "",
        "## Personnes certifiées",
        "",
        f"{plural(ind.certified.people, 'personne')} certifiée{ending(ind.certified.people)} "
        f"({plural(ind.certified.attestations, 'attestation')} délivrée"
        f"{ending(ind.certified.attestations)} après un test réussi).",
        "",
        *_table(by_name["Certifications"]),
        "",
        *_table(by_name["Attestations"]),
        "",
        "## Connaissances acquises",
        "",
        "Score moyen d'une même série jouée avant puis après une action, quand les deux "
        "séances ont été liées.",
        "",
        *_table(by_name["Avant-après"]),
        "",
        "## Thèmes abordés",
        "",
        *_table(by_name["Axes"]),
        "",
        *_table(by_name["Scénarios"]),
        "",
        "## Séances derrière les chiffres",
        "",
        "Une ligne par action menée et par apprenant en autoformation, à pointer sur les "
        "feuilles d'émargement : le nombre de lignes d'actions donne les actions menées, la "
        "colonne « Total » s'additionne aux personnes touchées, chaque colonne de public à sa "
        "ligne du tableau des publics. Les règles sont dans docs/indicateurs.md.",
        "",
        *_table(by_name["Séances"]),
        "",
        *_total_line(ind),
        "",
        *_table(by_name["Séances écartées"]),
        "",
        "## Annexe : qualité des questions",
        "",
        "Pour les auteurs du contenu. La facilité est le score moyen obtenu (en %). La "
        "discrimination est la corrélation entre le score à la question et le score au reste "
        "du test, calculée comme dans Moodle : une valeur négative signale une question que "
        "les meilleurs joueurs ratent plus que les autres. Alertes : "
        f"« {FLAG_EASY} » au-delà de 90 %, « {FLAG_HARD} » en deçà de 20 %, "
        f"« {FLAG_NEGATIVE} ». En deçà de {MIN_ATTEMPTS} réponses, aucune alerte n'est "
        f"donnée (« {FLAG_FEW} ») : un seul joueur de plus ou de moins ferait basculer la "
        "question d'un côté ou de l'autre.",
        "",
        *_table(by_name["Questions"]),
        "",
        *_table(by_name["Options"]),
    ]
    return ("\n".join(lines) + "\n").encode()


def _total_line(ind: Indicators) -> list[str]:
    actions = sum(1 for line in ind.ledger if line.learner is None)
    learners = len(ind.ledger) - actions
    counted = sum(line.counted for line in ind.ledger)
    estimated = sum(line.estimated for line in ind.ledger)
    return [
        f"Total des lignes : {plural(actions, 'action')}, {plural(learners, 'apprenant')}, "
        f"{plural(sum(line.total for line in ind.ledger), 'personne')} "
        f"({format_number(counted)} comptée{ending(counted)}, "
        f"{format_number(estimated)} estimée{ending(estimated)}, "
        f"{format_number(learners)} en autoformation)."
    ]


def _kinds(ind: Indicators) -> str:
    return ", ".join(
        f"{kind_label(k).lower()} : {format_number(n)}" for k, n in ind.actions.by_kind.items()
    )


def _table(table: Table) -> list[str]:
    if not table.rows:
        return [f"*{table.title} : aucune donnée sur la période.*"]
    numeric = [
        all(_is_number(row[i]) or row[i] is None for row in table.rows)
        for i in range(len(table.headers))
    ]
    return [
        f"**{table.title}**",
        "",
        "| " + " | ".join(table.headers) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
        *("| " + " | ".join(_cell(value) for value in row) + " |" for row in table.rows),
    ]


def _cell(value: Cell) -> str:
    # Text first: most of the cells of a big report's table of sessions are text.
    if type(value) is str:
        return value.replace("|", "\\|") if "|" in value else value
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✔ oui" if value else "non"
    if isinstance(value, int | float):
        return format_number(value)
    return value.replace("|", "\\|")


def _pct(share: float) -> str:
    return f"{format_number(round(100 * share, 1))} %"


def _is_number(value: Cell) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

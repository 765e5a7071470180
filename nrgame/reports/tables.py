"""The indicators as titled tables: one model for the Markdown, CSV and ODS documents.

Shares and indexes are given in percent with one decimal, as Moodle shows them; counts stay
integers, so a spreadsheet can add them up.
"""

from __future__ import annotations

from dataclasses import dataclass

from nrgame.core.content import AUDIENCE_LABELS, AXES, Audience
from nrgame.core.french import month_label
from nrgame.core.indicators import LEARNERS, Indicators, months_between
from nrgame.core.itemstats import to_review
from nrgame.core.kinds import KINDS
from nrgame.core.sessions import KIND_LABELS, SessionKind

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Table:
    name: str
    """Short name, used as the spreadsheet's sheet name (31 characters at most)."""
    title: str
    headers: list[str]
    rows: list[list[Cell]]


def as_text(value: Cell) -> str:
    """A cell as a spreadsheet reads it: decimal comma, no thousands separator, oui/non."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def pct(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def kind_label(kind: str) -> str:
    try:
        return KIND_LABELS[SessionKind(kind)]
    except ValueError:
        return kind


LEARNERS_LABEL = "Apprenants en autoformation"


def segment_label(segment: str) -> str:
    if segment == LEARNERS:
        return LEARNERS_LABEL
    try:
        return AUDIENCE_LABELS[Audience(segment)].capitalize()
    except ValueError:
        return segment


def axis_label(axis: int | None) -> str:
    return f"Axe {axis} — {AXES[axis]}" if axis in AXES else "Question retirée du contenu"


def summary(ind: Indicators) -> Table:
    reach = ind.reach
    rows: list[list[Cell]] = [
        ["Actions menées", ind.actions.total],
        ["Personnes touchées (total)", reach.total],
        ["dont comptées", reach.declared.counted],
        ["dont estimées", reach.declared.estimated],
        ["dont apprenants en autoformation (personnes distinctes)", reach.distinct_learners],
        ["Séances d'autoformation suivies", reach.learner_attendances],
        ["Acteurs impliqués", ind.actors.distinct],
        ["Participations d'acteurs", ind.actors.participations],
        ["Personnes certifiées", ind.certified.people],
        ["Attestations délivrées", ind.certified.attestations],
        ["Séances avant-après comparées", len(ind.knowledge.pairs)],
        ["Score moyen avant (%)", pct(ind.knowledge.mean_before)],
        ["Score moyen après (%)", pct(ind.knowledge.mean_after)],
        ["Questions jouées", len(ind.items)],
        ["Questions à revoir", to_review(ind.items)],
    ]
    return Table("Synthèse", "Synthèse", ["Indicateur", "Valeur"], rows)


def months(ind: Indicators) -> list[str]:
    """Every month from the first to the last with an action or a learner's first sitting."""
    found = set(ind.actions.by_month) | set(ind.reach.by_month)
    return months_between(min(found), max(found)) if found else []


def ledger(ind: Indicators) -> Table:
    """The lines behind the figures: each action, each learner; columns add up to them."""
    # Only the publics someone came from: each column adds up to its row of « Publics ».
    segments = [a.value for a in Audience if a.value in ind.reach.by_segment]
    rows: list[list[Cell]] = []
    for line in ind.ledger:
        if line.learner is not None:
            title = f"{line.title} — apprenant « {line.learner} », {_sittings(line.sessions)}"
        else:
            title = line.title
        rows.append(
            [
                line.day.isoformat(),
                kind_label(line.kind),
                title,
                line.place,
                *(line.audience[s].total if s in line.audience else 0 for s in segments),
                line.learners,
                line.counted,
                line.estimated,
                line.total,
                "; ".join(line.partners),
                " ".join(line.sessions),
            ]
        )
    return Table(
        "Séances",
        "Séances comptées : une ligne par action menée et par apprenant en autoformation",
        [
            "Date",
            "Type",
            "Série ou scénario",
            "Lieu",
            *(segment_label(s) for s in segments),
            LEARNERS_LABEL,
            "Comptées",
            "Estimées",
            "Total",
            "Organisations partenaires",
            "Séances (identifiants)",
        ],
        rows,
    )


def _sittings(ids: list[str]) -> str:
    return f"{len(ids)} séance{'s' if len(ids) > 1 else ''}"


def excluded(ind: Indicators) -> Table:
    return Table(
        "Séances écartées",
        "Séances de la période qui ne comptent dans aucun indicateur, et pourquoi",
        ["Date", "Type", "Série ou scénario", "Raison", "Identifiant"],
        [[e.day.isoformat(), kind_label(e.kind), e.title, e.reason, e.id] for e in ind.excluded],
    )


def attestations(ind: Indicators) -> Table:
    return Table(
        "Attestations",
        "Attestations délivrées sur la période",
        ["Date", "Série", "Apprenant (pseudonyme)", "Séance"],
        [
            [
                c.issued.isoformat(),
                ind.certified.titles.get(c.deck_id, c.deck_id),
                c.learner or "sans pseudonyme",
                c.session_id,
            ]
            for c in ind.certified.issued
        ],
    )


def tables(ind: Indicators) -> list[Table]:
    reach = ind.reach
    return [
        summary(ind),
        Table(
            "Actions par type",
            "Actions menées, par type",
            ["Type d'action", "Actions"],
            [[kind_label(k), n] for k, n in ind.actions.by_kind.items()],
        ),
        Table(
            "Actions par mois",
            "Actions menées et personnes touchées, par mois",
            ["Mois", "Actions", "Personnes touchées"],
            [
                [month_label(m), ind.actions.by_month.get(m, 0), reach.by_month.get(m, 0)]
                for m in months(ind)
            ],
        ),
        Table(
            "Publics",
            "Personnes touchées, par public",
            ["Public", "Comptées", "Estimées", "Total"],
            [
                [segment_label(s), r.counted, r.estimated, r.total]
                for s, r in reach.by_segment.items()
            ],
        ),
        Table(
            "Acteurs",
            "Acteurs impliqués, par type",
            ["Type d'acteur", "Acteurs"],
            [[k, n] for k, n in ind.actors.by_kind.items()],
        ),
        Table(
            "Certifications",
            "Attestations délivrées, par série",
            ["Série", "Identifiant", "Attestations"],
            [
                [ind.certified.titles.get(deck, deck), deck, n]
                for deck, n in ind.certified.by_deck.items()
            ],
        ),
        attestations(ind),
        Table(
            "Avant-après",
            "Connaissances acquises : séances liées avant et après",
            [
                "Série",
                "Avant le",
                "Après le",
                "Score avant (%)",
                "Score après (%)",
                "Gain (points)",
            ],
            [
                [
                    g.title,
                    g.before_day.isoformat(),
                    g.after_day.isoformat(),
                    pct(g.before),
                    pct(g.after),
                    round(100 * g.after - 100 * g.before, 1),
                ]
                for g in ind.knowledge.pairs
            ],
        ),
        Table(
            "Axes",
            "Axes de la stratégie abordés par les questions jouées",
            ["Axe", "Questions", "Réponses"],
            [[axis_label(a), p.questions, p.answers] for a, p in ind.coverage.by_axis.items()],
        ),
        Table(
            "Scénarios",
            "Scénarios de jeu de plateau joués",
            ["Scénario", "Identifiant", "Parties"],
            [[s.title, sid, s.sessions] for sid, s in ind.coverage.scenarios.items()],
        ),
        ledger(ind),
        excluded(ind),
        Table(
            "Questions",
            "Statistiques des questions",
            [
                "Question",
                "Énoncé",
                "Axe",
                "Type",
                "Réponses",
                "Facilité (%)",
                "Discrimination (%)",
                "Alertes",
            ],
            [
                [
                    item.question_id,
                    item.prompt or "(question retirée du contenu)",
                    item.axis,
                    KINDS[item.kind].label if item.kind in KINDS else item.kind,
                    item.attempts,
                    pct(item.facility),
                    pct(item.discrimination),
                    ", ".join(item.flags),
                ]
                for item in ind.items
            ],
        ),
        Table(
            "Options",
            "Réponses choisies, par option",
            ["Question", "Option", "Bonne réponse", "Choix"],
            [
                [item.question_id, option.label, option.correct, option.count]
                for item in ind.items
                for option in item.options
            ],
        ),
    ]

"""A scenario laid out to print: rules, the board, a turn sheet, one box per card and event.

A table without a screen plays on paper (A4, a browser's « Imprimer », or « Enregistrer en
PDF »); the facilitator notes the cards committed each turn on the turn sheet, by their
identifier, and records the game afterwards with `nrgame scenario play --moves`, whose file
has the same lines (« tour 1 : id id »).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from nrgame.core.board_text import describe_effect, rules_sections
from nrgame.core.content import AXES, Figure, figure_text
from nrgame.core.french import format_number
from nrgame.core.scenario import MAX_LEVEL, Card, Event, Mode, Scenario

STYLE = """
  body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #000;
         max-width: 60rem; margin: 1rem auto; line-height: 1.35; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; border-bottom: 1px solid #000; }
  .sheet { page-break-after: always; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
  th, td { border: 1px solid #000; padding: 0.25rem 0.4rem; text-align: left;
           vertical-align: top; }
  .track { font-size: 14pt; letter-spacing: 0.2rem; white-space: nowrap; }
  .write { height: 2.2rem; }
  .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.4cm; }
  .card { border: 2px solid #000; border-radius: 0.3rem; padding: 0.3cm;
          break-inside: avoid; page-break-inside: avoid; }
  .card h3 { font-size: 11pt; margin: 0 0 0.2rem 0; }
  .card .id { font-family: monospace; font-size: 9pt; }
  .card .cost { font-weight: bold; }
  .card p { margin: 0.2rem 0; }
  .event { border-style: dashed; }
  .small { font-size: 8pt; }
  @media print { body { margin: 0; max-width: none; } @page { size: A4; margin: 1.2cm; } }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def printable_html(scenario: Scenario, figures: Mapping[str, Figure] | None = None) -> str:
    """The whole printable set as one HTML page (page breaks between the sheets)."""
    s = scenario
    figures = figures or {}
    out = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '  <meta charset="utf-8">',
        f"  <title>{_e(s.title)} : le jeu à imprimer</title>",
        f"  <style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<section class="sheet">',
        f"<h1>{_e(s.title)}</h1>",
    ]
    for title, paragraphs in rules_sections(s):
        out.append(f"<h2>{_e(title)}</h2>")
        out += [f"<p>{_e(p)}</p>" for p in paragraphs]
    out += ["</section>", *_board(s), *_turn_sheet(s), '<section class="sheet">']
    out.append(f"<h2>Les cartes d'action ({len(s.cards)})</h2>")
    out.append('<div class="cards">')
    out += [_card(s, card, figures) for card in s.cards]
    out += ["</div>", "</section>"]
    if s.events:
        out += ["<section>", f"<h2>Les événements ({len(s.events)})</h2>"]
        out.append(
            "<p>L'animateur les garde face cachée et les lit au début du tour dit ; un "
            "événement tiré au sort l'est avec la graine de la partie quand elle est "
            "rejouée à l'écran.</p>"
        )
        out.append('<div class="cards">')
        out += [_event(s, event) for event in s.events]
        out += ["</div>", "</section>"]
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _board(s: Scenario) -> list[str]:
    a = s.authority
    out = ['<section class="sheet">', "<h2>Le plateau</h2>"]
    carry = " (ce qui n'est pas dépensé passe au tour suivant)" if a.resources.carry else ""
    out.append(
        f"<p><strong>Chaque tour :</strong> {a.resources.budget} k€ de budget et "
        f"{a.resources.days} jours-agents{_e(carry)}.</p>"
    )
    out.append("<table><tr><th>Axe</th><th>Départ</th><th>Maturité (cochez)</th></tr>")
    for start in sorted(s.axes, key=lambda x: x.axis):
        boxes = "■" * start.maturity + "□" * (MAX_LEVEL - start.maturity)
        note = f"<br><span class='small'>{_e(start.note)}</span>" if start.note else ""
        out.append(
            f"<tr><td>{start.axis}. {_e(AXES[start.axis])}{note}</td>"
            f"<td>{start.maturity}/{MAX_LEVEL}</td><td class='track'>{boxes}</td></tr>"
        )
    out.append("</table>")
    if s.indicators:
        out.append("<table><tr><th>Indicateur du jeu</th><th>Départ</th><th>Valeur</th></tr>")
        for indicator in s.indicators:
            value = f"{format_number(indicator.start)} {indicator.unit}"
            out.append(
                f"<tr><td>{_e(indicator.label)}</td><td>{_e(value)}</td>"
                "<td class='write'></td></tr>"
            )
        out.append("</table>")
    out.append("<h2>Objectifs</h2><ul>")
    for objective in s.objectives:
        must = " <strong>(obligatoire)</strong>" if objective.mandatory else ""
        points = f" : {objective.points} points" if objective.points else ""
        by = f", au plus tard à la fin du tour {objective.by}" if objective.by else ""
        out.append(f"<li>☐ {_e(objective.text)}{must}{_e(points + by)}</li>")
    out.append("</ul></section>")
    return out


def _turn_sheet(s: Scenario) -> list[str]:
    out = ['<section class="sheet">', "<h2>Feuille de tours</h2>"]
    out.append(
        "<p>Un tour par ligne : les identifiants des cartes engagées (en petits caractères "
        "sur chaque carte). Après la partie, recopiez-les dans un fichier de coups, une ligne "
        "par tour (« tour 1 : id id »), et enregistrez la partie avec "
        "<code>nrgame scenario play</code> : la feuille de route et le bilan en sortent, et "
        "la séance compte pour la loi REEN.</p>"
    )
    teams = [f"Équipe {n}" for n in range(1, s.teams + 1)] if s.mode == Mode.COMPETITIVE else [""]
    head = "<th>Équipe</th>" if teams != [""] else ""
    out.append(
        f"<table><tr><th>Tour</th>{head}<th>Cartes engagées (identifiants)</th>"
        "<th>Budget restant</th><th>Jours restants</th><th>Événements</th></tr>"
    )
    for turn in range(1, s.turns.count + 1):
        for team in teams:
            cell = f"<td>{_e(team)}</td>" if team else ""
            out.append(
                f"<tr><td>{_e(s.turns.unit.capitalize())} {turn}</td>{cell}"
                "<td class='write'></td><td></td><td></td><td></td></tr>"
            )
    out.append("</table>")
    out.append(
        f"<p>Pour gagner : {format_number(s.score.win)} points et les objectifs obligatoires.</p>"
    )
    out.append("</section>")
    return out


def _card(s: Scenario, card: Card, figures: Mapping[str, Figure]) -> str:
    turns = "tour" if card.duration == 1 else "tours"
    parts = [
        '<div class="card">',
        f"<h3>{_e(card.title)}</h3>",
        f"<p class='id'>{_e(card.id)} · axe {card.axis}</p>",
        f"<p class='cost'>{card.cost.budget} k€ · {card.cost.days} jours-agents · "
        f"{card.duration} {turns}</p>",
        f"<p>{_e(card.text)}</p>",
    ]
    effects = [describe_effect(s, e) for e in card.effects]
    if effects:
        parts.append(f"<p><strong>Effets :</strong> {_e(' ; '.join(effects))}</p>")
    for synergy in card.synergies:
        bonus = " ; ".join(describe_effect(s, e) for e in synergy.effects)
        with_card = s.card(synergy.card).title
        parts.append(f"<p><strong>Avec « {_e(with_card)} » :</strong> {_e(bonus)}</p>")
    if card.requires:
        names = ", ".join(f"« {s.card(r).title} » ({r})" for r in card.requires)
        parts.append(f"<p><strong>Prérequis :</strong> {_e(names)}</p>")
    if card.maturity:
        needs = ", ".join(f"axe {a} au niveau {lv}" for a, lv in sorted(card.maturity.items()))
        parts.append(f"<p><strong>Maturité :</strong> {_e(needs)}</p>")
    if card.window is not None:
        parts.append(
            f"<p><strong>Possible</strong> du tour {card.window.first} au tour "
            f"{card.window.last}</p>"
        )
    softens = [e.title for e in s.events if card.id in e.softened_by]
    if softens:
        names = ", ".join(f"« {t} »" for t in softens)
        parts.append(f"<p><strong>Atténue :</strong> {_e(names)}</p>")
    parts.append(
        f"<p class='small'>Feuille de route : {_e(card.measure)} → {_e(card.target)} "
        f"(porteur : {_e(card.owner.label)})</p>"
    )
    for figure_id in card.figures:
        figure = figures.get(figure_id)
        if figure is not None:
            shown = _e(str(figure_text(figure))).replace("\n", "<br>")
            parts.append(f"<p class='small'>Chiffre clé : {shown}</p>")
    parts.append("</div>")
    return "\n".join(parts)


def _event(s: Scenario, event: Event) -> str:
    if event.turn is not None:
        when = f"Au tour {event.turn}"
    else:
        assert event.window is not None
        when = f"Tiré entre les tours {event.window.first} et {event.window.last}"
    if event.chance < 1:
        when += f", avec {round(100 * event.chance)} % de chances"
    effects = " ; ".join(describe_effect(s, e) for e in event.effects) or "aucun"
    parts = [
        '<div class="card event">',
        f"<h3>⚡ {_e(event.title)}</h3>",
        f"<p class='small'>{_e(when)}</p>",
        f"<p>{_e(event.text)}</p>",
        f"<p><strong>Effet :</strong> {_e(effects)}</p>",
    ]
    if event.softened_by:
        names = " ou ".join(f"« {s.card(c).title} »" for c in event.softened_by)
        softened = " ; ".join(describe_effect(s, e) for e in event.softened) or "aucun"
        parts.append(
            f"<p><strong>Si {_e(names)} est terminée ou en cours :</strong> {_e(softened)}</p>"
        )
    parts.append("</div>")
    return "\n".join(parts)

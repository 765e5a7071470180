"""The attestation a passed final test produces, in Markdown and in printable HTML.

The name typed at that moment goes into the document only: the store keeps the learner's
alias and nothing else.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from nrgame.core.french import format_number, long_date

TITLE = "Attestation d'autoformation au numérique responsable"
BLANK_NAME = "……………………………………………"
CAVEAT = (
    "Test passé en autoformation, sans surveillance : ce document atteste un résultat, "
    "pas l'identité de la personne qui l'a obtenu."
)


@dataclass(frozen=True)
class Attestation:
    id: str
    deck_id: str
    deck_title: str
    score: float
    max_score: float
    pass_mark: float
    content_version: str
    issued_at: datetime
    name: str = ""

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max_score) if self.max_score else 0

    @property
    def file_stem(self) -> str:
        """attestation-<deck>-<date>-<start of the number>: one file per attestation."""
        return f"attestation-{self.deck_id}-{self.issued_at.date().isoformat()}-{self.id[:8]}"

    def lines(self) -> list[tuple[str, str]]:
        """The facts the document states, label then value, in reading order."""
        score = format_number(round(self.score, 2))
        return [
            ("Test final", f"« {self.deck_title} » ({self.deck_id})"),
            ("Date", long_date(self.issued_at.date())),
            (
                "Score",
                f"{score} sur {format_number(self.max_score)} ({self.percent} %), "
                f"seuil de réussite {round(100 * self.pass_mark)} %",
            ),
            ("Version du contenu", self.content_version),
            ("Numéro d'attestation", self.id),
        ]


def to_markdown(attestation: Attestation) -> str:
    name = attestation.name.strip() or BLANK_NAME
    out = [f"# {TITLE}", "", f"Délivrée à : **{_md(name)}**", ""]
    out.append(
        f"a réussi le test final « {_md(attestation.deck_title)} » de nrgame, "
        "quiz sourcé sur le numérique responsable pour les collectivités."
    )
    out.append("")
    out.extend(f"- {label} : {_md(value)}" for label, value in attestation.lines())
    out += ["", f"_{CAVEAT}_", ""]
    return "\n".join(out)


def to_html(attestation: Attestation) -> str:
    name = attestation.name.strip() or BLANK_NAME
    rows = "\n".join(
        f"      <tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
        for label, value in attestation.lines()
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>{html.escape(TITLE)}</title>
  <style>
    body {{ font-family: Georgia, serif; max-width: 42rem; margin: 3rem auto; color: #000;
           line-height: 1.5; }}
    h1 {{ font-size: 1.6rem; text-align: center; border-bottom: 2px solid #000;
          padding-bottom: 0.5rem; }}
    .name {{ font-size: 1.3rem; font-weight: bold; }}
    table {{ border-collapse: collapse; margin: 1.5rem 0; width: 100%; }}
    th {{ text-align: left; padding: 0.3rem 1rem 0.3rem 0; white-space: nowrap;
          vertical-align: top; }}
    td {{ padding: 0.3rem 0; }}
    .caveat {{ font-size: 0.9rem; font-style: italic; }}
    @media print {{ body {{ margin: 2cm; max-width: none; }} @page {{ size: A4; }} }}
  </style>
</head>
<body>
  <h1>{html.escape(TITLE)}</h1>
  <p>Délivrée à : <span class="name">{html.escape(name)}</span></p>
  <p>a réussi le test final « {html.escape(attestation.deck_title)} » de nrgame, quiz sourcé
  sur le numérique responsable pour les collectivités.</p>
  <table>
{rows}
  </table>
  <p class="caveat">{html.escape(CAVEAT)}</p>
</body>
</html>
"""


def _md(text: str) -> str:
    """Keep a typed name or a title from turning into Markdown formatting."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text

"""Synthetic content for the benchmarks: valid questions of every kind, in several files.

The text is filler, clearly marked as such; what matters is a realistic shape and size (the
bundled questions run to about 1 kB of YAML each). Generated once per size into a scratch
folder, never into the content folders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PER_FILE = 1_000
"""Questions per generated file: about 0.8 MB, well under the loader's 8 MB cap."""

FIGURES = 100
FILLER = (
    "Texte de remplissage du banc d'essai, sans valeur d'information : il donne à la "
    "question la longueur d'une correction réelle, avec ses accents, ses « guillemets » et "
    "ses chiffres (4,4 % ; 29,5 Mt)."
)
AUDIENCES = ("agents", "elus", "citoyens", "scolaires", "associations", "entreprises")
KINDS = ("choice", "multi", "truefalse", "estimate", "order", "match")


def figure(number: int) -> dict[str, Any]:
    return {
        "id": f"bench-figure-{number}",
        "statement": f"Chiffre fictif n° {number} du banc d'essai.",
        "value": number + 0.5,
        "unit": "unités fictives",
        "scope": "Banc d'essai",
        "data_year": 2024,
        "source": {
            "publisher": "Banc d'essai nrgame",
            "title": "Données générées",
            "year": 2025,
            "url": "https://example.org/banc-d-essai",
        },
        "caveat": "Chiffre généré pour mesurer la vitesse : il ne dit rien du monde.",
        "verified": True,
    }


def question(number: int) -> dict[str, Any]:
    kind = KINDS[number % len(KINDS)]
    common: dict[str, Any] = {
        "id": f"bench-q-{number}",
        "kind": kind,
        "prompt": f"Question générée n° {number} : laquelle de ces propositions est la bonne ?",
    }
    options = [f"Proposition {letter} de la question {number}" for letter in "ABCD"]
    if kind == "choice":
        common |= {"options": options, "answer": options[number % 4]}
    elif kind == "multi":
        common |= {"options": options, "answers": options[:2]}
    elif kind == "truefalse":
        common |= {"answer": number % 2 == 0}
    elif kind == "estimate":
        common |= {"answer": 10 + number % 90, "unit": "%", "tolerance": {"relative": 0.2}}
    elif kind == "order":
        common |= {"items": options}
    else:
        common |= {"pairs": [{"left": f"Sigle {i}", "right": o} for i, o in enumerate(options)]}
    common |= {
        "explanation": f"{FILLER} {FILLER}",
        "figures": [f"bench-figure-{number % FIGURES}"],
        "axis": 1 + number % 6,
        "theme": f"thème {number % 12}",
        "difficulty": ("facile", "moyen", "difficile")[number % 3],
        "audiences": [AUDIENCES[number % 6], AUDIENCES[(number + 1) % 6]],
        "tags": ["banc", f"lot-{number % 10}"],
    }
    if number % 3 == 0:
        common["notes"] = FILLER
    return common


def deck(file_number: int, first: int, count: int) -> dict[str, Any]:
    return {
        "id": f"bench-deck-{file_number}",
        "title": f"Série générée n° {file_number}",
        "audience": "Banc d'essai",
        "description": "Série générée pour mesurer la vitesse.",
        "duration": 20,
        "questions": [f"bench-q-{n}" for n in range(first, first + count)],
    }


def _dump(data: dict[str, Any], path: Path) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def content(folder: Path, questions: int, deck_size: int = 20) -> list[Path]:
    """Write `questions` questions (PER_FILE a file, each file with one deck) and the figures
    they cite into `folder`; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    figures = folder / "figures.yaml"
    _dump({"figures": [figure(n) for n in range(FIGURES)]}, figures)
    files = [figures]
    for file_number, first in enumerate(range(0, questions, PER_FILE)):
        count = min(PER_FILE, questions - first)
        path = folder / f"questions-{file_number:04d}.yaml"
        _dump(
            {
                "questions": [question(n) for n in range(first, first + count)],
                "decks": [deck(file_number, first, min(deck_size, count))],
            },
            path,
        )
        files.append(path)
    return files

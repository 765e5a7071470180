"""`nrgame check`: validate content and say, in French, exactly what is wrong and where."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from nrgame.cli.common import add_command, content_paths, print_errors
from nrgame.core.catalog import content_files, load_catalog
from nrgame.core.french import plural
from nrgame.core.loader import ContentError


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, "check", "vérifie les fichiers de contenu")
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="CHEMIN",
        help="fichiers ou dossiers à vérifier (par défaut : le contenu fourni)",
    )
    parser.add_argument("--json", action="store_true", help="résultat en JSON")
    parser.set_defaults(run=run)


def summary_count(summary: dict[str, object], key: str) -> int:
    value = summary[key]
    assert isinstance(value, int)
    return value


def run(args: argparse.Namespace) -> int:
    paths = args.paths or content_paths(args)
    catalog = load_catalog(paths)
    for path in args.paths:
        if path.is_dir() and not content_files([path]):
            catalog.errors.append(
                ContentError(
                    str(path), None, None, "", "aucun fichier .yaml ou .yml dans ce dossier"
                )
            )
    summary = catalog.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    elif catalog.ok:
        counts = ", ".join(
            plural(count, word)
            for count, word in (
                (len(catalog.figures), "chiffre"),
                (len(catalog.questions), "question"),
                (len(catalog.decks), "série"),
                (summary_count(summary, "scenarios"), "scénario"),
            )
        )
        print(f"Contenu valide : {counts} ({plural(len(catalog.files), 'fichier')}).")
    else:
        print_errors(catalog)
    return 0 if catalog.ok else 2

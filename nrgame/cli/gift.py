"""`nrgame import gift FICHIER --out DOSSIER` and `nrgame export gift SÉRIE [--out FICHIER]`:
question banks to and from Moodle (nrgame/gift/)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from nrgame.cli.common import add_command, load, print_errors
from nrgame.core.files import os_reason, write_atomic
from nrgame.core.french import plural
from nrgame.core.loader import ContentFileError, read_text
from nrgame.gift.export import export_deck
from nrgame.gift.mapping import import_gift, report, to_yaml


def register(subparsers: Any) -> None:
    importer = add_command(subparsers, "import", "importe des questions d'un autre format")
    formats = importer.add_subparsers(title="formats", metavar="FORMAT", dest="format")
    gift = add_command(formats, "gift", "fichier GIFT de Moodle → questions nrgame à relire (YAML)")
    gift.add_argument("file", type=Path, metavar="FICHIER", help="fichier GIFT (UTF-8)")
    gift.add_argument(
        "--out", type=Path, required=True, metavar="DOSSIER", help="dossier où écrire le YAML"
    )
    gift.add_argument("--json", action="store_true", help="bilan en JSON")
    gift.set_defaults(run=run_import)
    importer.set_defaults(run=lambda args: _usage(importer, "import"))

    exporter = add_command(subparsers, "export", "exporte une série dans un autre format")
    formats = exporter.add_subparsers(title="formats", metavar="FORMAT", dest="format")
    gift = add_command(formats, "gift", "série nrgame → fichier GIFT à importer dans Moodle")
    gift.add_argument("deck", metavar="SÉRIE", help="identifiant de la série")
    gift.add_argument(
        "--out", type=Path, metavar="FICHIER", help="fichier à écrire (par défaut : l'écran)"
    )
    gift.set_defaults(run=run_export)
    exporter.set_defaults(run=lambda args: _usage(exporter, "export"))


def _usage(parser: argparse.ArgumentParser, command: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"nrgame {command} : précisez un format (gift).", file=sys.stderr)
    return 2


def run_import(args: argparse.Namespace) -> int:
    source: Path = args.file
    try:
        text = read_text(source)
    except ContentFileError as exc:
        print(f"nrgame import : {exc}", file=sys.stderr)
        return 2
    result = import_gift(text, source.name)
    if not result.questions:
        print(report(result), end="", file=sys.stderr)
        print("nrgame import : aucune question importable, rien n'est écrit.", file=sys.stderr)
        return 1
    target = args.out / f"{source.stem}.yaml"
    notes = args.out / f"{source.stem}-a-relire.txt"
    for path in (target, notes):
        if path.exists():
            print(
                f"nrgame import : {path} existe déjà (une relecture en cours ?) : supprimez-le "
                "ou choisissez un autre dossier.",
                file=sys.stderr,
            )
            return 2
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        write_atomic(target, to_yaml(result))
        write_atomic(notes, report(result))
    except OSError as exc:
        print(
            f"nrgame import : écriture impossible dans {args.out} ({os_reason(exc)}).",
            file=sys.stderr,
        )
        return 2
    if args.json:
        summary = {
            "file": str(target),
            "review": str(notes),
            "imported": [
                {"id": q.id, "line": q.line, "review": q.review} for q in result.questions
            ],
            "skipped": [
                {"line": s.line, "name": s.name, "reason": s.reason} for s in result.skipped
            ],
        }
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(report(result), end="")
        print(
            f"\n{plural(len(result.questions), 'question')} écrite"
            f"{'s' if len(result.questions) > 1 else ''} dans {target} ; ce qu'il faut relire "
            f"est aussi dans {notes}. Une fois les champs « à compléter » remplis : "
            f"nrgame check {args.out}"
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    catalog = load(args)
    if not catalog.ok:
        print_errors(catalog)
        return 2
    if args.deck not in catalog.decks:
        known = ", ".join(sorted(catalog.decks))
        print(
            f"nrgame export : série inconnue « {args.deck} » (séries : {known}).", file=sys.stderr
        )
        return 2
    exported = export_deck(catalog, args.deck)
    if args.out is None:
        print(exported.text, end="")
    else:
        try:
            write_atomic(args.out, exported.text)
        except OSError as exc:
            print(
                f"nrgame export : écriture impossible de {args.out} ({os_reason(exc)}).",
                file=sys.stderr,
            )
            return 2
    for line in exported.left_out:
        print(f"Non exportée : {line}", file=sys.stderr)
    if args.out is not None:
        written = exported.written
        print(
            f"{plural(written, 'question')} écrite{'s' if written > 1 else ''} dans {args.out} "
            "(à importer dans Moodle : Banque de questions, Importer, format GIFT)."
        )
    return 0

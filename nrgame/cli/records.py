"""`nrgame records export FILE` / `import FILE`: pool the sessions of several laptops.

The export format is imported when an action runs, not at every `nrgame` start.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from nrgame.cli.common import add_command, open_store
from nrgame.core.french import plural


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, "records", "exporte ou importe les séances enregistrées")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    export = add_command(actions, "export", "écrit toutes les séances dans un fichier JSON")
    export.add_argument("file", type=Path, metavar="FICHIER")
    export.set_defaults(run=run_export)
    load = add_command(
        actions,
        "import",
        "ajoute les séances d'un export ; celles déjà présentes ne sont jamais écrasées",
    )
    load.add_argument("file", type=Path, metavar="FICHIER")
    load.add_argument("--json", action="store_true", help="résultat en JSON")
    load.set_defaults(run=run_import)
    parser.set_defaults(run=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("nrgame records : précisez une action (export ou import).", file=sys.stderr)
    return 2


def run_export(args: argparse.Namespace) -> int:
    from nrgame.storage.records import RecordsFileError, write_export

    store = open_store(args)
    try:
        count = write_export(store, args.file, datetime.now())
    except RecordsFileError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"{plural(count, 'séance')} exportée{'s' if count > 1 else ''} dans {args.file}.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from nrgame.storage.records import RecordsFileError, import_records, read_export

    try:
        data = read_export(args.file)
    except RecordsFileError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        print("Rien n'a été importé.", file=sys.stderr)
        return 2
    store = open_store(args)
    try:
        result = import_records(store, data, str(args.file))
    except RecordsFileError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        print("Rien n'a été importé.", file=sys.stderr)
        return 2
    finally:
        store.close()
    if args.json:
        print(json.dumps(vars(result), indent=2))
    else:
        added, same = len(result.added), len(result.unchanged)
        print(
            f"{args.file} : {plural(added, 'séance')} ajoutée{'s' if added > 1 else ''}, "
            f"{same} déjà présente{'s' if same > 1 else ''}, "
            f"{len(result.conflicts)} en conflit."
        )
    for sid in result.conflicts:
        print(
            f"Conflit : la séance {sid} existe ici avec un autre contenu ; "
            "elle est gardée telle quelle.",
            file=sys.stderr,
        )
    return 1 if result.conflicts else 0

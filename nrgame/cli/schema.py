"""`nrgame schema`: JSON Schema of content files, for editors that check YAML as you type."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from nrgame.cli.common import add_command
from nrgame.core.content import ContentFile
from nrgame.core.files import os_reason, write_atomic


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, "schema", "écrit le schéma JSON des fichiers de contenu")
    parser.add_argument(
        "--out", type=Path, metavar="DOSSIER", help="dossier où écrire nrgame-content.schema.json"
    )
    parser.set_defaults(run=run)


def content_schema() -> dict[str, Any]:
    schema = ContentFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Contenu nrgame (chiffres, questions, séries)"
    return schema


def run(args: argparse.Namespace) -> int:
    text = json.dumps(content_schema(), ensure_ascii=False, indent=2)
    if args.out is None:
        print(text)
        return 0
    target = args.out / "nrgame-content.schema.json"
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text + "\n")
    except OSError as exc:
        print(f"nrgame : schéma non écrit dans {target} ({os_reason(exc)}).", file=sys.stderr)
        return 1
    print(f"Schéma écrit dans {target}")
    return 0

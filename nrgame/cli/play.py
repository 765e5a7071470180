"""`nrgame` (or `nrgame play`): open the terminal app."""

from __future__ import annotations

import argparse
from typing import Any

from nrgame.cli.common import add_command, load, open_store


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, "play", "ouvre l'application (commande par défaut)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from nrgame.tui.app import NrgameApp  # textual is loaded only when the app opens

    catalog = load(args)
    store = open_store(args)
    try:
        NrgameApp(catalog=catalog, store=store).run()
    finally:
        store.close()
    return 0

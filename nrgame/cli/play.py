"""`nrgame` (or `nrgame play`): open the terminal app."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import Any

from nrgame.cli.common import add_command, add_day_option, app_clock, load, open_store
from nrgame.core.french import DateError


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, "play", "ouvre l'application (commande par défaut)")
    add_day_option(parser)
    parser.add_argument(
        "--mode",
        choices=("full", "agent"),
        default="full",
        help="full : tout (par défaut) ; agent : autoformation seule",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        clock = app_clock(args)
    except DateError as exc:
        print(f"nrgame : {exc}", file=sys.stderr)
        return 2
    # What start-up loads (modules, the catalog) lives as long as the app: load it without
    # the cycle collector, then freeze it out of every later collection, which would only
    # walk it again (half of the collector's work at start-up, see docs/performance.md).
    gc.disable()
    try:
        from nrgame.tui.app import NrgameApp  # textual is loaded only when the app opens
        from nrgame.tui.modes import Mode

        catalog = load(args)
        store = open_store(args)
        gc.freeze()
    finally:
        gc.enable()
    try:
        # `nrgame` alone has no sub-command options: the full app.
        mode: Mode = "agent" if getattr(args, "mode", "full") == "agent" else "full"
        NrgameApp(catalog=catalog, store=store, clock=clock, mode=mode).run()
    finally:
        store.close()
    return 0

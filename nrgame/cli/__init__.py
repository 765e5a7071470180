"""Command line: `nrgame` opens the app; sub-commands check, script and report.

Each command lives in its own module with `register(subparsers)`; add one to COMMANDS.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from nrgame import __version__
from nrgame.cli import check, gift, play, quiz, records, report, scenario, schema, web
from nrgame.cli.common import FrenchParser, add_day_option, common_options
from nrgame.usecases.open_store import StoreError

COMMANDS = (play, check, schema, quiz, scenario, report, records, gift, web)


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="nrgame",
        description="Quiz et jeux sérieux sur le numérique responsable, pour les collectivités.",
        parents=[common_options()],
    )
    add_day_option(parser)
    parser.add_argument(
        "--version", action="version", version=f"nrgame {__version__}", help="affiche la version"
    )
    subparsers = parser.add_subparsers(title="commandes", metavar="COMMANDE", dest="command")
    for command in COMMANDS:
        command.register(subparsers)
    parser.set_defaults(run=play.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`nrgame check --json | head`): not worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except StoreError as exc:
        print(f"nrgame : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130
    return code

"""`nrgame web`: serve the app to browsers (optional extra `nrgame[web]`)."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from nrgame.cli.common import add_command, db_path

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, "web", "sert l'application aux navigateurs (lien secret)")
    parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port d'écoute (8000)")
    parser.add_argument(
        "--mode",
        choices=("agent", "full"),
        default="agent",
        help="agent : autoformation seule (par défaut) ; full : tout, pour l'animateur",
    )
    parser.add_argument(
        "--public-url", metavar="ADRESSE", help="adresse publique (derrière un mandataire)"
    )
    parser.add_argument(
        "--max-sessions", type=int, default=20, metavar="N", help="onglets ouverts à la fois (20)"
    )
    parser.set_defaults(run=run)


def served_command(args: argparse.Namespace) -> str:
    """The command each tab runs: fixed at start from the server's own options."""
    parts = [sys.executable, "-m", "nrgame", "play", "--mode", args.mode]
    parts += ["--db", str(db_path(args))]
    for folder in getattr(args, "content", []):
        parts += ["--content", str(folder)]
    return shlex.join(parts)


def run(args: argparse.Namespace) -> int:
    try:
        from nrgame.web.server import GuardedServer
    except ImportError:
        print("nrgame : il manque l'option web : pip install 'nrgame[web]'", file=sys.stderr)
        return 2
    if args.host not in LOOPBACK and not args.public_url:
        print(
            f"nrgame : écouter sur {args.host} demande --public-url (l'adresse que les "
            "navigateurs ouvrent).",
            file=sys.stderr,
        )
        return 2
    if args.host not in LOOPBACK:
        print(
            f"Attention : nrgame écoute sur {args.host}, hors de ce poste ; "
            "seul le lien secret y donne accès.",
            flush=True,
        )
    if args.max_sessions < 1:
        print("nrgame : --max-sessions doit valoir au moins 1.", file=sys.stderr)
        return 2
    server = GuardedServer(
        served_command(args), args.host, args.port, args.public_url, args.max_sessions
    )
    server.serve()
    return 0

"""`nrgame report`: the indicators of a period, for the annual REEN review."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from nrgame.cli.common import add_command, load, open_store, print_errors
from nrgame.core.indicators import Period, compute
from nrgame.reports import FORMATS, render
from nrgame.storage.reports import read_records


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers, "report", "indicateurs des séances sur une période (bilan annuel REEN)"
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="premier jour (AAAA-MM-JJ)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="dernier jour (AAAA-MM-JJ)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        help="md (bilan lisible), csv (tableur), ods (tableur libre) ou json ; md par défaut",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FICHIER", help="fichier à écrire (sinon, la sortie standard)"
    )
    parser.set_defaults(run=run)


def parse_day(text: str | None, option: str) -> date | None:
    """A date typed as AAAA-MM-JJ; raises ValueError with a French message."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{option} : date « {text} » invalide (attendu AAAA-MM-JJ, par exemple 2026-01-31)"
        ) from None


def parse_period(start: str | None, end: str | None) -> Period:
    first = parse_day(start, "--from")
    last = parse_day(end, "--to")
    if first and last and first > last:
        raise ValueError(f"--from ({start}) est après --to ({end})")
    return Period(first, last)


def run(args: argparse.Namespace) -> int:
    try:
        period = parse_period(args.start, args.end)
    except ValueError as exc:
        print(f"nrgame report : {exc}", file=sys.stderr)
        return 2
    if args.format == "ods" and args.out is None and sys.stdout.isatty():
        print("nrgame report : un fichier ODS s'écrit avec --out FICHIER.ods", file=sys.stderr)
        return 2
    catalog = load(args)
    if not catalog.ok:
        print_errors(catalog)
        return 2
    store = open_store(args)
    try:
        data = render(compute(read_records(store, period), catalog), args.format)
    finally:
        store.close()
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        print(f"nrgame report : impossible d'écrire {args.out} ({exc.strerror}).", file=sys.stderr)
        return 1
    print(f"Bilan écrit dans {args.out}.", file=sys.stderr)
    return 0

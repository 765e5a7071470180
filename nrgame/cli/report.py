"""`nrgame report`: the indicators of a period, for the annual REEN review.

The indicators and their queries are imported when the command runs, not at every `nrgame`
start, which registers it.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nrgame.cli.common import add_command, load, open_existing_store, print_errors
from nrgame.core.files import write_atomic
from nrgame.core.french import DateError, parse_day
from nrgame.reports import FORMATS, render

if TYPE_CHECKING:
    from nrgame.core.indicator_records import Period


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers, "report", "indicateurs des séances sur une période (bilan annuel REEN)"
    )
    parser.add_argument(
        "--from", dest="start", metavar="DATE", help="premier jour (JJ/MM/AAAA ou AAAA-MM-JJ)"
    )
    parser.add_argument(
        "--to", dest="end", metavar="DATE", help="dernier jour (JJ/MM/AAAA ou AAAA-MM-JJ)"
    )
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


def optional_day(text: str | None, option: str) -> date | None:
    """A date typed jj/mm/aaaa or aaaa-mm-jj; raises ValueError naming the option."""
    if text is None:
        return None
    try:
        return parse_day(text)
    except DateError as exc:
        raise ValueError(f"{option} : {exc}") from None


def parse_period(start: str | None, end: str | None) -> Period:
    from nrgame.core.indicator_records import Period

    first = optional_day(start, "--from")
    last = optional_day(end, "--to")
    if first and last and first > last:
        raise ValueError(f"--from ({start}) est après --to ({end})")
    return Period(first, last)


def run(args: argparse.Namespace) -> int:
    from nrgame.usecases.report import indicators

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
    store = open_existing_store(args, "nrgame report")
    try:
        data = render(indicators(store, catalog, period), args.format)
    finally:
        store.close()
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        write_atomic(args.out, data)
    except OSError as exc:
        print(f"nrgame report : impossible d'écrire {args.out} ({exc.strerror}).", file=sys.stderr)
        return 1
    print(f"Bilan écrit dans {args.out}.", file=sys.stderr)
    return 0

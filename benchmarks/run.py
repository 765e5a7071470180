"""Entry point: `python -m benchmarks [--quick] [--json] [--only NAME…] [--dir FOLDER]`.

Prints a table of figures (or, with --json, one JSON object of named figures). Each ratio is
taken against a reference measured in the same invocation, so a busy machine slows both sides.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks import loading, phones, recording, reporting, simulation, startup
from benchmarks.common import Figure, filesystem_of, machine


@dataclass(frozen=True)
class Sizes:
    startup_runs: int
    loading: tuple[int, int, int]
    loading_repeats: int
    answers: int
    sessions: int
    per_session: int
    games: int
    """Games per strategy; the scenario is played with every strategy."""
    phones: int
    """Phones answering at once."""


FULL = Sizes(
    startup_runs=9,
    loading=(1_000, 10_000, 100_000),
    loading_repeats=3,
    answers=10_000,
    sessions=20_000,
    per_session=50,
    games=2_000,
    phones=300,
)
QUICK = Sizes(
    startup_runs=1,
    loading=(10, 30, 60),
    loading_repeats=1,
    answers=50,
    sessions=20,
    per_session=10,
    games=5,
    phones=10,
)

BENCHMARKS: dict[str, Callable[[Path, Sizes], list[Figure]]] = {
    "startup": lambda scratch, sizes: startup.run(scratch, sizes.startup_runs),
    "loading": lambda scratch, sizes: loading.run(scratch, sizes.loading, sizes.loading_repeats),
    "recording": lambda scratch, sizes: recording.run(scratch, sizes.answers),
    "reporting": lambda scratch, sizes: reporting.run(scratch, sizes.sessions, sizes.per_session),
    "simulation": lambda scratch, sizes: simulation.run(sizes.games),
    "phones": lambda scratch, sizes: phones.run(scratch, sizes.phones),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description="Mesure la vitesse de nrgame."
    )
    parser.add_argument("--quick", action="store_true", help="tailles minuscules (essai)")
    parser.add_argument("--json", action="store_true", help="un objet JSON de mesures nommées")
    parser.add_argument(
        "--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NOM", help="mesures à faire"
    )
    parser.add_argument(
        "--dir",
        type=Path,
        metavar="DOSSIER",
        help="dossier de travail (sur le disque où vivra la base : pas en mémoire vive)",
    )
    return parser.parse_args(argv)


def table(figures: list[Figure], scratch_fs: str) -> str:
    info = machine()
    lines = [
        f"nrgame — mesures du {info['date']} ; {info['cpu']}, {info['nproc']} cœurs, "
        f"Python {info['python']}, {info['system']} ; dossier de travail : {scratch_fs}",
        "",
    ]
    width = max(len(f.label) for f in figures)
    lines.append(f"{'Mesure':<{width}}  {'Valeur':>12}  {'Cible':<10}  Atteinte")
    lines.append("-" * (width + 36))
    for figure in figures:
        verdict = {True: "oui", False: "NON", None: ""}[figure.met]
        lines.append(
            f"{figure.label:<{width}}  {figure.shown():>12}  {figure.target:<10}  {verdict}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = QUICK if args.quick else FULL
    chosen = args.only or list(BENCHMARKS)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="nrgame-bench-", dir=args.dir) as folder:
        scratch = Path(folder)
        for name in chosen:
            if not args.json:
                print(f"… {name}", file=sys.stderr, flush=True)
            figures.extend(BENCHMARKS[name](scratch, sizes))
        scratch_fs = filesystem_of(scratch)
    if args.quick:  # tiny sizes prove the benchmarks run; they say nothing of the targets
        figures = [replace(f, met=None) for f in figures]
    if args.json:
        print(json.dumps({f.name: round(f.value, 6) for f in figures}, indent=2))
    else:
        print(table(figures, scratch_fs))
        if scratch_fs == "tmpfs":
            print(
                "\nAttention : le dossier de travail est en mémoire vive, l'écriture sur disque "
                "n'y coûte rien ; choisissez --dir sur un vrai disque.",
            )
    return 0

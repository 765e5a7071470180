"""What every command shares: a French argument parser, --content and --db, the catalog;
and --day (or NRGAME_DAY), the day the app believes it is."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from nrgame import settings
from nrgame.core.catalog import Catalog
from nrgame.core.content_cache import load_cached
from nrgame.core.french import DateError, parse_day
from nrgame.usecases import open_store as opening
from nrgame.usecases.open_store import MissingBaseError, Store

_ERRORS = (
    (r"the following arguments are required: (.*)", r"argument(s) obligatoire(s) manquant(s) : \1"),
    (r"unrecognized arguments: (.*)", r"argument(s) inconnu(s) : \1"),
    (
        r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)",
        r"\1 : choix \2 inconnu (possibles : \3)",
    ),
    (r"argument (\S+): expected one argument", r"\1 : une valeur est attendue"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1 : valeur \3 invalide"),
    (r"argument (\S+): not allowed with argument (.*)", r"\1 ne va pas avec \2"),
    (r"argument (\S+): (.*)", r"\1 : \2"),  # our own checks, already in French
)


class FrenchFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchParser(argparse.ArgumentParser):
    """argparse speaking French: usage, section titles, help flag and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", FrenchFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide")

    def error(self, message: str) -> NoReturn:
        for pattern, french in _ERRORS:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, french, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def common_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--content",
        action="append",
        type=Path,
        metavar="DOSSIER",
        default=argparse.SUPPRESS,
        help="ajoute un dossier de contenu au contenu fourni (répétable)",
    )
    parent.add_argument(
        "--db",
        type=Path,
        metavar="FICHIER",
        default=argparse.SUPPRESS,
        help="base de résultats (par défaut : NRGAME_DB ou le dossier de données de l'utilisateur)",
    )
    return parent


def add_command(subparsers: Any, name: str, help_text: str) -> FrenchParser:
    parser: FrenchParser = subparsers.add_parser(
        name, help=help_text, description=help_text, parents=[common_options()]
    )
    return parser


def content_paths(args: argparse.Namespace) -> list[Path]:
    bundled = [p for p in (settings.bundled_content(), settings.bundled_scenarios()) if p.is_dir()]
    return [*bundled, *getattr(args, "content", [])]


def load(args: argparse.Namespace) -> Catalog:
    """The content, from the cache of validated content when nothing changed since
    (`nrgame check` validates in full, always)."""
    return load_cached(content_paths(args), settings.cache_dir())


def db_path(args: argparse.Namespace) -> Path:
    path: Path = getattr(args, "db", None) or settings.default_db_path()
    return path


def open_store(args: argparse.Namespace) -> Store:
    return opening.open_store(db_path(args))


def open_existing_store(args: argparse.Namespace, prog: str) -> Store:
    """The base of a command that only reads it (or changes what it holds): a base that does
    not exist is a mistyped --db or NRGAME_DB, said in French (exit code 2), not an empty
    base created to report zeros."""
    try:
        return opening.open_existing_store(db_path(args))
    except MissingBaseError as exc:
        print(
            f"{prog} : {exc} ; vérifiez --db ou NRGAME_DB. Aucun fichier n'a été créé.",
            file=sys.stderr,
        )
        raise SystemExit(2) from None


def print_errors(catalog: Catalog) -> None:
    for error in catalog.errors:
        print(error, file=sys.stderr)
    plural = "s" if len(catalog.errors) > 1 else ""
    print(f"{len(catalog.errors)} erreur{plural} dans le contenu.", file=sys.stderr)


DAY_VARIABLE = "NRGAME_DAY"


def _day(text: str) -> date:
    try:
        return parse_day(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_day_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--day",
        type=_day,
        metavar="DATE",
        default=argparse.SUPPRESS,
        help=f"fait comme si l'on était ce jour-là, à l'heure qu'il est (démonstration, "
        f"autoformation sur plusieurs jours) ; par défaut : {DAY_VARIABLE}, sinon aujourd'hui",
    )


def app_clock(args: argparse.Namespace) -> Callable[[], datetime]:
    """The app's clock: today, or the day of --day (or NRGAME_DAY) at the current time.

    Raises DateError, naming the variable, if NRGAME_DAY is not a date.
    """
    day: date | None = getattr(args, "day", None)
    if day is None and os.environ.get(DAY_VARIABLE):
        try:
            day = parse_day(os.environ[DAY_VARIABLE])
        except DateError as exc:
            raise DateError(f"{DAY_VARIABLE} : {exc}") from None
    if day is None:
        return datetime.now
    return partial(_on_day, day)


def _on_day(day: date) -> datetime:
    return datetime.combine(day, datetime.now().time())
